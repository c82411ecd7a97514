-- Kolada's per-municipality figures (npm run sync -- kolada).
-- A yes/no measure (Kolada codes Ja=1/Nej=0 in some series and Ja=1/Nej=2 in others): its
-- figures are answers, decoded by the series' own coding, never kept as numbers.
ALTER TYPE "Unit" ADD VALUE IF NOT EXISTS 'YES_NO';
CREATE TYPE "Answer" AS ENUM ('YES', 'NO');
ALTER TABLE "observation" ADD COLUMN "answer" "Answer";
-- The status the source gives the figure, exactly as given (Kolada's `status`), where it gives one.
ALTER TABLE "observation" ADD COLUMN "source_status" TEXT;

-- How `value` relates to what the source printed: as printed, or Insyn's reading of a figure
-- that is impossible as printed (SKR Tabell 39, Örebro: "875" in a 0-100 share, read as 87).
CREATE TYPE "ValueReading" AS ENUM ('AS_PRINTED', 'MISPRINT_READ');
ALTER TABLE "observation" ADD COLUMN "reading" "ValueReading" NOT NULL DEFAULT 'AS_PRINTED';

-- The category as the table that lists an intervention prints it: SKR prints some categories
-- with and without a comma or colon (Tabell 18, 35, 42, 43), held as one category named as first
-- printed; each intervention keeps its own table's printing here.
ALTER TABLE "intervention" ADD COLUMN "category_printed" TEXT;

-- The tables and figures a figure is printed in ("Tabell 15", "Figur 1", "Figur: <title>"),
-- parsed from its locator by the loader, so a query can ask for every figure of a table.
ALTER TABLE "observation" ADD COLUMN "tables" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
CREATE INDEX "observation_tables_idx" ON "observation" USING GIN ("tables");

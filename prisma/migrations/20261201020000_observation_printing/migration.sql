-- Other printings of a figure: the same quantity printed again, in another table of the same
-- document (a county table's "Nationellt genomsnitt" row, sometimes with another value) or in
-- another document (Öppna jämförelser 2021 LSS reprints IBIC 2019-2021). Each keeps its own
-- source, locator and printed value; the observation's own fields are its first printing.
CREATE TABLE "observation_printing" (
  "observation_id" TEXT NOT NULL,
  "source_code" TEXT NOT NULL,
  "locator" TEXT NOT NULL,
  "tables" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  "value" DOUBLE PRECISION,
  "printed" TEXT,
  "note" TEXT,
  CONSTRAINT "observation_printing_pkey" PRIMARY KEY ("observation_id", "source_code", "locator")
);
CREATE INDEX "observation_printing_source_code_idx" ON "observation_printing"("source_code");
CREATE INDEX "observation_printing_tables_idx" ON "observation_printing" USING GIN ("tables");
ALTER TABLE "observation_printing" ADD CONSTRAINT "observation_printing_observation_id_fkey" FOREIGN KEY ("observation_id") REFERENCES "observation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "observation_printing" ADD CONSTRAINT "observation_printing_source_code_fkey" FOREIGN KEY ("source_code") REFERENCES "source"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
SELECT "insyn_cache"."watch_table"('"observation_printing"'::regclass);

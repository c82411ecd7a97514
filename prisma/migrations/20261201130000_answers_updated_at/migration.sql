-- When an answer last changed: the loader, the import and partners' writes bump it when a
-- row's content changes (loader/sync.ts, `touch`), like every other served table's.
ALTER TABLE "offering" ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now();
ALTER TABLE "survey_response" ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now();

-- Insyn's own descriptions of indicators and dimension members, in English, in their own
-- column: description_sv now holds only the source's own words, as printed (Mind's eight IPS
-- principles), so Insyn's Swedish paraphrases no longer pose as the source's.
ALTER TABLE "indicator" ADD COLUMN "description_en" TEXT;
ALTER TABLE "dimension_member" ADD COLUMN "description_en" TEXT;

-- Real (imported) and synthetic answers for the same municipality x intervention x round
-- coexist: the data set becomes part of the keys of offering and survey_response.
-- A data set's kind says who owns its rows: the loader (PUBLISHED, SYNTHETIC) or an import
-- (IMPORTED), so `npm run load` never deletes imported answers.

-- CreateEnum
CREATE TYPE "DatasetKind" AS ENUM ('PUBLISHED', 'SYNTHETIC', 'IMPORTED');

-- AlterTable: every data set so far came from the loader.
ALTER TABLE "dataset" ADD COLUMN "kind" "DatasetKind";
UPDATE "dataset" SET "kind" = CASE WHEN "synthetic" THEN 'SYNTHETIC'::"DatasetKind" ELSE 'PUBLISHED'::"DatasetKind" END;
ALTER TABLE "dataset" ALTER COLUMN "kind" SET NOT NULL;

-- AlterTable
ALTER TABLE "offering" DROP CONSTRAINT "offering_pkey",
ADD CONSTRAINT "offering_pkey" PRIMARY KEY ("region_code", "intervention_code", "round", "dataset_code");

-- AlterTable
ALTER TABLE "survey_response" DROP CONSTRAINT "survey_response_pkey",
ADD CONSTRAINT "survey_response_pkey" PRIMARY KEY ("region_code", "area_code", "round", "dataset_code");

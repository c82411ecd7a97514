-- Insyn initial schema. Hand-written in Prisma's style (the schema engine cannot be
-- downloaded here); test/drift.test.ts checks it against prisma/schema.prisma.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- CreateEnum
CREATE TYPE "RegionLevel" AS ENUM ('COUNTRY', 'COUNTY', 'MUNICIPALITY', 'DISTRICT');
CREATE TYPE "IndicatorKind" AS ENUM ('INDICATOR', 'BACKGROUND_MEASURE', 'SURVEY_RESULT', 'DESCRIPTIVE_STATISTIC');
CREATE TYPE "Unit" AS ENUM ('PERCENT', 'COUNT', 'NUMBER', 'SEK');
CREATE TYPE "Direction" AS ENUM ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'NONE');
CREATE TYPE "ObservationStatus" AS ENUM ('PUBLISHED', 'SUPPRESSED', 'MISSING');
CREATE TYPE "AreaKind" AS ENUM ('SKR_AREA', 'REPORT_AREA');
CREATE TYPE "UptakeList" AS ENUM ('TOP_10', 'BOTTOM_10');
CREATE TYPE "ActionPlanItemKind" AS ENUM ('FINDING', 'ACTIVITY');
CREATE TYPE "OfferingForm" AS ENUM ('PHYSICAL_ONLY', 'PHYSICAL_AND_DIGITAL', 'DIGITAL_ONLY', 'UNKNOWN');
CREATE TYPE "OfferingProvider" AS ENUM ('MUNICIPAL_ONLY', 'MUNICIPAL_AND_PRIVATE', 'PRIVATE_ONLY', 'UNKNOWN');
CREATE TYPE "OfferingDecision" AS ENUM ('WITH_DECISION_ONLY', 'WITH_AND_WITHOUT_DECISION', 'WITHOUT_DECISION_ONLY', 'UNKNOWN');
CREATE TYPE "ReachBand" AS ENUM ('REACH_1_9', 'REACH_10_49', 'REACH_50_PLUS');
CREATE TYPE "SurveyStatus" AS ENUM ('COMPLETED', 'STARTED', 'NOT_STARTED');

-- CreateTable
CREATE TABLE "source" (
    "code" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "url" TEXT,
    "licence" TEXT NOT NULL,
    "attribution" TEXT NOT NULL,
    "seed_file" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "source_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "dataset" (
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "synthetic" BOOLEAN NOT NULL,
    "description" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "dataset_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "region" (
    "code" TEXT NOT NULL,
    "level" "RegionLevel" NOT NULL,
    "name" TEXT NOT NULL,
    "short_name" TEXT NOT NULL,
    "search_name" TEXT NOT NULL,
    "parent_code" TEXT,
    "kolada_id" TEXT,
    "valid_from" DATE,
    "note" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "region_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "municipality_group" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "main_group_code" TEXT,
    "kolada_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "municipality_group_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "municipality_group_membership" (
    "region_code" TEXT NOT NULL,
    "group_code" TEXT NOT NULL,
    "revision" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "municipality_group_membership_pkey" PRIMARY KEY ("region_code","group_code","revision")
);

CREATE TABLE "area" (
    "code" TEXT NOT NULL,
    "name_sv" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "kind" "AreaKind" NOT NULL,
    "position" INTEGER NOT NULL,
    "catalogue_size" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "area_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "dimension" (
    "code" TEXT NOT NULL,
    "label_sv" TEXT NOT NULL,
    "label_en" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "dimension_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "dimension_member" (
    "id" TEXT NOT NULL,
    "dimension_code" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label_sv" TEXT NOT NULL,
    "label_en" TEXT,
    "description_sv" TEXT,
    "position" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "dimension_member_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "indicator" (
    "code" TEXT NOT NULL,
    "title_sv" TEXT NOT NULL,
    "title_en" TEXT,
    "description_sv" TEXT,
    "area_code" TEXT,
    "kind" "IndicatorKind" NOT NULL,
    "unit" "Unit" NOT NULL,
    "direction" "Direction" NOT NULL,
    "kolada_kpi_id" TEXT,
    "discontinued" BOOLEAN NOT NULL DEFAULT false,
    "source_code" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "indicator_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "indicator_dimension" (
    "indicator_code" TEXT NOT NULL,
    "dimension_code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "indicator_dimension_pkey" PRIMARY KEY ("indicator_code","dimension_code")
);

CREATE TABLE "observation" (
    "id" TEXT NOT NULL,
    "indicator_code" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "dimension_key" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "printed" TEXT,
    "status" "ObservationStatus" NOT NULL,
    "status_reason" TEXT,
    "base_n" INTEGER,
    "note" TEXT,
    "source_code" TEXT NOT NULL,
    "locator" TEXT NOT NULL,
    "dataset_code" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "observation_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "observation_member" (
    "observation_id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    CONSTRAINT "observation_member_pkey" PRIMARY KEY ("observation_id","member_id")
);

CREATE TABLE "intervention_category" (
    "code" TEXT NOT NULL,
    "area_code" TEXT NOT NULL,
    "name_sv" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "intervention_category_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "intervention" (
    "code" TEXT NOT NULL,
    "area_code" TEXT NOT NULL,
    "category_code" TEXT,
    "name_sv" TEXT NOT NULL,
    "search_name" TEXT NOT NULL,
    "published_offering_count" INTEGER,
    "published_answering_count" INTEGER,
    "published_share_printed" TEXT,
    "uptake_list" "UptakeList",
    "uptake_rank" INTEGER,
    "locator" TEXT NOT NULL,
    "note" TEXT,
    "source_code" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "intervention_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "intervention_highlight" (
    "id" TEXT NOT NULL,
    "area_code" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "intervention_code" TEXT NOT NULL,
    "locator" TEXT NOT NULL,
    "source_code" TEXT NOT NULL,
    CONSTRAINT "intervention_highlight_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "source_text" (
    "id" TEXT NOT NULL,
    "source_code" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "area_code" TEXT,
    "position" INTEGER NOT NULL,
    "text_sv" TEXT NOT NULL,
    "locator" TEXT NOT NULL,
    CONSTRAINT "source_text_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "action_plan" (
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "source_code" TEXT NOT NULL,
    CONSTRAINT "action_plan_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "action_plan_focus_area" (
    "code" TEXT NOT NULL,
    "plan_code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title_sv" TEXT NOT NULL,
    "description_sv" TEXT,
    "locator" TEXT NOT NULL,
    CONSTRAINT "action_plan_focus_area_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "action_plan_item" (
    "id" TEXT NOT NULL,
    "focus_area_code" TEXT NOT NULL,
    "kind" "ActionPlanItemKind" NOT NULL,
    "position" INTEGER NOT NULL,
    "text_sv" TEXT NOT NULL,
    "deadline" TEXT,
    "responsible" TEXT,
    "indicator_code" TEXT,
    "locator" TEXT NOT NULL,
    CONSTRAINT "action_plan_item_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "offering" (
    "region_code" TEXT NOT NULL,
    "intervention_code" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "offered" BOOLEAN NOT NULL,
    "form" "OfferingForm",
    "provider" "OfferingProvider",
    "decision" "OfferingDecision",
    "reach_band" "ReachBand",
    "dataset_code" TEXT NOT NULL,
    CONSTRAINT "offering_pkey" PRIMARY KEY ("region_code","intervention_code","round")
);

CREATE TABLE "survey_response" (
    "region_code" TEXT NOT NULL,
    "area_code" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "status" "SurveyStatus" NOT NULL,
    "wants_without_decision" BOOLEAN,
    "dataset_code" TEXT NOT NULL,
    CONSTRAINT "survey_response_pkey" PRIMARY KEY ("region_code","area_code","round")
);

-- CreateIndex
CREATE INDEX "region_level_idx" ON "region"("level");
CREATE INDEX "region_parent_code_idx" ON "region"("parent_code");
CREATE UNIQUE INDEX "region_kolada_id_key" ON "region"("kolada_id");
CREATE INDEX "municipality_group_membership_group_code_idx" ON "municipality_group_membership"("group_code");
CREATE UNIQUE INDEX "dimension_member_dimension_code_code_key" ON "dimension_member"("dimension_code", "code");
CREATE INDEX "indicator_updated_at_idx" ON "indicator"("updated_at");
CREATE UNIQUE INDEX "observation_indicator_code_region_code_period_dimension_key_key" ON "observation"("indicator_code", "region_code", "period", "dimension_key", "dataset_code");
CREATE INDEX "observation_region_code_period_idx" ON "observation"("region_code", "period");
CREATE INDEX "observation_period_idx" ON "observation"("period");
CREATE INDEX "observation_member_member_id_idx" ON "observation_member"("member_id");
CREATE UNIQUE INDEX "intervention_category_area_code_name_sv_key" ON "intervention_category"("area_code", "name_sv");
CREATE UNIQUE INDEX "intervention_area_code_name_sv_key" ON "intervention"("area_code", "name_sv");
CREATE INDEX "intervention_category_code_idx" ON "intervention"("category_code");
CREATE INDEX "offering_intervention_code_offered_idx" ON "offering"("intervention_code", "offered");

-- AddForeignKey
ALTER TABLE "region" ADD CONSTRAINT "region_parent_code_fkey" FOREIGN KEY ("parent_code") REFERENCES "region"("code") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "municipality_group" ADD CONSTRAINT "municipality_group_main_group_code_fkey" FOREIGN KEY ("main_group_code") REFERENCES "municipality_group"("code") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "municipality_group_membership" ADD CONSTRAINT "municipality_group_membership_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "municipality_group_membership" ADD CONSTRAINT "municipality_group_membership_group_code_fkey" FOREIGN KEY ("group_code") REFERENCES "municipality_group"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "dimension_member" ADD CONSTRAINT "dimension_member_dimension_code_fkey" FOREIGN KEY ("dimension_code") REFERENCES "dimension"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_area_code_fkey" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_source_code_fkey" FOREIGN KEY ("source_code") REFERENCES "source"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "indicator_dimension" ADD CONSTRAINT "indicator_dimension_indicator_code_fkey" FOREIGN KEY ("indicator_code") REFERENCES "indicator"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "indicator_dimension" ADD CONSTRAINT "indicator_dimension_dimension_code_fkey" FOREIGN KEY ("dimension_code") REFERENCES "dimension"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "observation" ADD CONSTRAINT "observation_indicator_code_fkey" FOREIGN KEY ("indicator_code") REFERENCES "indicator"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "observation" ADD CONSTRAINT "observation_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "observation" ADD CONSTRAINT "observation_source_code_fkey" FOREIGN KEY ("source_code") REFERENCES "source"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "observation" ADD CONSTRAINT "observation_dataset_code_fkey" FOREIGN KEY ("dataset_code") REFERENCES "dataset"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "observation_member" ADD CONSTRAINT "observation_member_observation_id_fkey" FOREIGN KEY ("observation_id") REFERENCES "observation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "observation_member" ADD CONSTRAINT "observation_member_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "dimension_member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "intervention_category" ADD CONSTRAINT "intervention_category_area_code_fkey" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "intervention" ADD CONSTRAINT "intervention_area_code_fkey" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "intervention" ADD CONSTRAINT "intervention_category_code_fkey" FOREIGN KEY ("category_code") REFERENCES "intervention_category"("code") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "intervention" ADD CONSTRAINT "intervention_source_code_fkey" FOREIGN KEY ("source_code") REFERENCES "source"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "intervention_highlight" ADD CONSTRAINT "intervention_highlight_area_code_fkey" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "intervention_highlight" ADD CONSTRAINT "intervention_highlight_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "dimension_member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "intervention_highlight" ADD CONSTRAINT "intervention_highlight_intervention_code_fkey" FOREIGN KEY ("intervention_code") REFERENCES "intervention"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "intervention_highlight" ADD CONSTRAINT "intervention_highlight_source_code_fkey" FOREIGN KEY ("source_code") REFERENCES "source"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "source_text" ADD CONSTRAINT "source_text_source_code_fkey" FOREIGN KEY ("source_code") REFERENCES "source"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "source_text" ADD CONSTRAINT "source_text_area_code_fkey" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "action_plan" ADD CONSTRAINT "action_plan_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "action_plan" ADD CONSTRAINT "action_plan_source_code_fkey" FOREIGN KEY ("source_code") REFERENCES "source"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "action_plan_focus_area" ADD CONSTRAINT "action_plan_focus_area_plan_code_fkey" FOREIGN KEY ("plan_code") REFERENCES "action_plan"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "action_plan_item" ADD CONSTRAINT "action_plan_item_focus_area_code_fkey" FOREIGN KEY ("focus_area_code") REFERENCES "action_plan_focus_area"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "action_plan_item" ADD CONSTRAINT "action_plan_item_indicator_code_fkey" FOREIGN KEY ("indicator_code") REFERENCES "indicator"("code") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "offering" ADD CONSTRAINT "offering_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "offering" ADD CONSTRAINT "offering_intervention_code_fkey" FOREIGN KEY ("intervention_code") REFERENCES "intervention"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "offering" ADD CONSTRAINT "offering_dataset_code_fkey" FOREIGN KEY ("dataset_code") REFERENCES "dataset"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_area_code_fkey" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_dataset_code_fkey" FOREIGN KEY ("dataset_code") REFERENCES "dataset"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

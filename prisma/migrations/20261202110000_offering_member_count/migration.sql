-- How many offered interventions each unit has per area and per value of form, provider and
-- decision: the counts behind `offeringDistribution` (packages/server/src/schema/offerings/
-- distribution.ts), which counted some 19,000 offerings per request (12 ms of PostgreSQL for
-- one area's forms by county). Kept like insyn_derived.offering_area_count (migration
-- 20261202100000), by the same triggers: recount_offerings now recounts both tables.
CREATE TABLE "insyn_derived"."offering_member_count" (
  "dataset_code" TEXT NOT NULL,
  "round" INTEGER NOT NULL,
  "region_code" TEXT NOT NULL,
  "area_code" TEXT NOT NULL,
  -- the column of `offering` counted: 'form', 'provider' or 'decision'
  "dimension" TEXT NOT NULL,
  -- its value as text (e.g. DIGITAL_ONLY); NULL where an offered intervention has none
  "member" TEXT,
  "offered" INTEGER NOT NULL
);
-- One row per (key, dimension, member) by construction (the GROUP BY below); read by area.
CREATE INDEX "offering_member_count_key_idx" ON "insyn_derived"."offering_member_count" ("dataset_code", "round", "area_code", "dimension");
CREATE INDEX "offering_member_count_unit_idx" ON "insyn_derived"."offering_member_count" ("dataset_code", "round", "region_code");

CREATE OR REPLACE FUNCTION "insyn_derived"."recount_offerings"("datasets" TEXT[], "rounds" INTEGER[], "regions" TEXT[]) RETURNS void
LANGUAGE sql VOLATILE AS $$
  DELETE FROM "insyn_derived"."offering_area_count" c
  USING unnest("datasets", "rounds", "regions") AS k(dataset_code, round, region_code)
  WHERE c.dataset_code = k.dataset_code AND c.round = k.round AND c.region_code = k.region_code;
  INSERT INTO "insyn_derived"."offering_area_count" ("dataset_code", "round", "region_code", "area_code", "offered", "answered")
  SELECT o.dataset_code, o.round, o.region_code, i.area_code, count(*) FILTER (WHERE o.offered), count(*)
  FROM (SELECT DISTINCT * FROM unnest("datasets", "rounds", "regions") AS k(dataset_code, round, region_code)) k
  JOIN "offering" o ON o.dataset_code = k.dataset_code AND o.round = k.round AND o.region_code = k.region_code
  JOIN "intervention" i ON i.code = o.intervention_code
  GROUP BY o.dataset_code, o.round, o.region_code, i.area_code;
  DELETE FROM "insyn_derived"."offering_member_count" c
  USING unnest("datasets", "rounds", "regions") AS k(dataset_code, round, region_code)
  WHERE c.dataset_code = k.dataset_code AND c.round = k.round AND c.region_code = k.region_code;
  INSERT INTO "insyn_derived"."offering_member_count" ("dataset_code", "round", "region_code", "area_code", "dimension", "member", "offered")
  SELECT o.dataset_code, o.round, o.region_code, i.area_code, d.dimension, d.member, count(*)
  FROM (SELECT DISTINCT * FROM unnest("datasets", "rounds", "regions") AS k(dataset_code, round, region_code)) k
  JOIN "offering" o ON o.dataset_code = k.dataset_code AND o.round = k.round AND o.region_code = k.region_code
  JOIN "intervention" i ON i.code = o.intervention_code
  CROSS JOIN LATERAL (VALUES ('form', o.form::text), ('provider', o.provider::text), ('decision', o.decision::text)) AS d(dimension, member)
  WHERE o.offered
  GROUP BY o.dataset_code, o.round, o.region_code, i.area_code, d.dimension, d.member;
$$;

-- TRUNCATE of `offering` empties both.
CREATE OR REPLACE FUNCTION "insyn_derived"."offering_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ds TEXT[]; rs INTEGER[]; gs TEXT[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "insyn_derived"."offering_area_count";
    DELETE FROM "insyn_derived"."offering_member_count";
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(dataset_code), array_agg(round), array_agg(region_code) INTO ds, rs, gs
    FROM (SELECT DISTINCT dataset_code, round, region_code FROM new_rows) k;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(dataset_code), array_agg(round), array_agg(region_code) INTO ds, rs, gs
    FROM (SELECT DISTINCT dataset_code, round, region_code FROM old_rows) k;
  ELSE
    -- An update may move an offering to another key: both keys are recounted.
    SELECT array_agg(dataset_code), array_agg(round), array_agg(region_code) INTO ds, rs, gs
    FROM (SELECT dataset_code, round, region_code FROM old_rows UNION SELECT dataset_code, round, region_code FROM new_rows) k;
  END IF;
  IF ds IS NOT NULL THEN
    PERFORM "insyn_derived"."recount_offerings"(ds, rs, gs);
  END IF;
  RETURN NULL;
END $$;

-- The counts of what is loaded already, by the function the triggers call (both tables).
SELECT "insyn_derived"."recount_offerings"(array_agg(dataset_code), array_agg(round), array_agg(region_code))
FROM (SELECT DISTINCT dataset_code, round, region_code FROM "offering") k
HAVING count(*) > 0;

-- How many interventions each unit answered and offers per area, round and data set: the
-- counts behind every offering summary and every county's and group's mean
-- (packages/server/src/schema/offerings/summary.ts). Counted from `offering` on every request,
-- the means of a county and its groups read some 37,000 offerings (34 ms of PostgreSQL per
-- request, docs/benchmark.md); this holds about 1,700 rows per round and data set.
--
-- Derived data, kept by PostgreSQL itself: statement-level triggers on `offering` recount the
-- (data set, round, unit) keys a statement touched, inside the writing transaction, so a reader
-- never sees the counts and the offerings disagree. Writers are already serialised on
-- insyn_cache.data_version (bumped by an earlier trigger of the same statement, held to commit),
-- so two writers of one unit cannot both count without the other's rows.
-- Its own schema, like insyn_cache and insyn_feed: schema.prisma describes "public" only.
CREATE SCHEMA IF NOT EXISTS "insyn_derived";

CREATE TABLE "insyn_derived"."offering_area_count" (
  "dataset_code" TEXT NOT NULL,
  "round" INTEGER NOT NULL,
  "region_code" TEXT NOT NULL,
  "area_code" TEXT NOT NULL,
  -- offerings with offered = true, and all offerings (answers) of the unit in the area
  "offered" INTEGER NOT NULL,
  "answered" INTEGER NOT NULL,
  PRIMARY KEY ("dataset_code", "round", "region_code", "area_code")
);

-- Recounts the given (data set, round, unit) keys from `offering`; a key without offerings
-- keeps no row, as the GROUP BY it replaces returned none.
CREATE FUNCTION "insyn_derived"."recount_offerings"("datasets" TEXT[], "rounds" INTEGER[], "regions" TEXT[]) RETURNS void
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
$$;

CREATE FUNCTION "insyn_derived"."offering_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ds TEXT[]; rs INTEGER[]; gs TEXT[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "insyn_derived"."offering_area_count";
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

CREATE TRIGGER "insyn_derived_insert" AFTER INSERT ON "offering" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "insyn_derived"."offering_changed"();
CREATE TRIGGER "insyn_derived_update" AFTER UPDATE ON "offering" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "insyn_derived"."offering_changed"();
CREATE TRIGGER "insyn_derived_delete" AFTER DELETE ON "offering" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "insyn_derived"."offering_changed"();
CREATE TRIGGER "insyn_derived_truncate" AFTER TRUNCATE ON "offering" FOR EACH STATEMENT EXECUTE FUNCTION "insyn_derived"."offering_changed"();

-- An intervention moved to another area moves its offerings' counts: every key with an
-- offering of a moved intervention is recounted. (An intervention with offerings cannot be
-- deleted, and a new one has none; a changed code cascades to `offering`, whose triggers count.)
CREATE FUNCTION "insyn_derived"."intervention_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ds TEXT[]; rs INTEGER[]; gs TEXT[];
BEGIN
  SELECT array_agg(dataset_code), array_agg(round), array_agg(region_code) INTO ds, rs, gs
  FROM (SELECT DISTINCT o.dataset_code, o.round, o.region_code
        FROM old_rows oi JOIN new_rows ni ON ni.code = oi.code AND ni.area_code IS DISTINCT FROM oi.area_code
        JOIN "offering" o ON o.intervention_code = ni.code) k;
  IF ds IS NOT NULL THEN
    PERFORM "insyn_derived"."recount_offerings"(ds, rs, gs);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "insyn_derived_update" AFTER UPDATE ON "intervention" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "insyn_derived"."intervention_changed"();

-- The counts of what is loaded already.
INSERT INTO "insyn_derived"."offering_area_count" ("dataset_code", "round", "region_code", "area_code", "offered", "answered")
SELECT o.dataset_code, o.round, o.region_code, i.area_code, count(*) FILTER (WHERE o.offered), count(*)
FROM "offering" o JOIN "intervention" i ON i.code = o.intervention_code
GROUP BY o.dataset_code, o.round, o.region_code, i.area_code;

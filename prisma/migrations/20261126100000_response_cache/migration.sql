-- The response cache every server process shares (docs/scaling.md), and the data version its
-- entries are keyed by. Its own schema: this is not domain data, Prisma never reads it, and
-- schema.prisma (which describes "public") leaves it alone, as does the drift test.
CREATE SCHEMA IF NOT EXISTS "insyn_cache";

-- One row. Bumped inside the writing transaction by the triggers below whenever a statement
-- changes rows in any table of "public": a load, an import or a hand-made fix all count, a
-- no-op load does not. Cached answers are keyed by it, so none outlives the data it came from.
CREATE TABLE "insyn_cache"."data_version" (
  "id" BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK ("id"),
  "version" BIGINT NOT NULL,
  "changed_at" TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO "insyn_cache"."data_version" ("version") VALUES (1);

-- UNLOGGED: no WAL, emptied after a crash (a cache may lose everything), not replicated.
-- "result" is the JSON text as executed (not jsonb, which would reorder keys).
CREATE UNLOGGED TABLE "insyn_cache"."response_cache" (
  "key" TEXT PRIMARY KEY,
  "version" BIGINT NOT NULL,
  "result" TEXT NOT NULL,
  "expires_at" TIMESTAMPTZ,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION "insyn_cache"."bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE "insyn_cache"."data_version" SET "version" = "version" + 1, "changed_at" = now();
  ELSIF EXISTS (SELECT 1 FROM changed) THEN
    UPDATE "insyn_cache"."data_version" SET "version" = "version" + 1, "changed_at" = now();
  END IF;
  RETURN NULL;
END $$;

-- Statement-level triggers with transition tables: one cheap check per statement, and only
-- statements that really changed rows bump the version. A migration that adds a table calls
-- this too (test/scale/response-cache.test.ts checks every table of "public" has them).
CREATE FUNCTION "insyn_cache"."watch_table"("target" REGCLASS) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER "insyn_data_version_insert" AFTER INSERT ON %s REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "insyn_cache"."bump_data_version"()', "target");
  EXECUTE format('CREATE TRIGGER "insyn_data_version_update" AFTER UPDATE ON %s REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "insyn_cache"."bump_data_version"()', "target");
  EXECUTE format('CREATE TRIGGER "insyn_data_version_delete" AFTER DELETE ON %s REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "insyn_cache"."bump_data_version"()', "target");
  EXECUTE format('CREATE TRIGGER "insyn_data_version_truncate" AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION "insyn_cache"."bump_data_version"()', "target");
END $$;

SELECT "insyn_cache"."watch_table"(format('%I.%I', "schemaname", "tablename")::regclass)
FROM "pg_tables" WHERE "schemaname" = 'public' AND "tablename" <> '_prisma_migrations';

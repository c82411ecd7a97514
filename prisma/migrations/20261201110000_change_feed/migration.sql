-- The change feed: every insert, update and delete of every data table, one row per changed
-- row, written by statement-level triggers in the writing transaction. Read through
-- `Query.changes` (schema/changes/changes.ts), in sequence order. The order is safe to resume
-- from: a writer records its changes only while it holds the lock on the one row of
-- insyn_cache.data_version (which every data write bumps, and holds until it commits), so
-- writers record one after another, and no change can commit with a sequence number below one a
-- reader has already seen. Its own schema: not domain data.
CREATE SCHEMA IF NOT EXISTS "insyn_feed";

CREATE TABLE "insyn_feed"."change" (
  "seq" BIGSERIAL PRIMARY KEY,
  "at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "table_name" TEXT NOT NULL,
  "operation" TEXT NOT NULL,
  -- The primary key of the row, in key column order (null for a TRUNCATE: the whole table).
  "row_key" JSONB
);

-- The primary key columns of a table, as a list for format(): `"a", "b"`, prefixed by `prefix`.
CREATE FUNCTION "insyn_feed"."key_columns"("target" REGCLASS, "prefix" TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT string_agg(prefix || quote_ident(a.attname), ', ' ORDER BY k.ord)
  FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
  WHERE i.indrelid = target AND i.indisprimary
$$;

-- `t."a" = (<json>->>0)::text AND t."b" = (<json>->>1)::integer`: a key from the feed (the JSON
-- expression `json`) matched by the primary key's index.
CREATE FUNCTION "insyn_feed"."key_match"("target" REGCLASS, "json" TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT string_agg(format('t.%I = (%s->>%s)::%s', a.attname, json, k.ord - 1, format_type(a.atttypid, a.atttypmod)), ' AND ' ORDER BY k.ord)
  FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
  WHERE i.indrelid = target AND i.indisprimary
$$;

CREATE FUNCTION "insyn_feed"."record"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cols TEXT := "insyn_feed"."key_columns"(TG_RELID, '');
  insert_into TEXT := 'INSERT INTO "insyn_feed"."change" ("table_name", "operation", "row_key") ';
BEGIN
  -- Writers record one at a time, in commit order (see above): the data version's row lock.
  PERFORM 1 FROM "insyn_cache"."data_version" FOR UPDATE;
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO "insyn_feed"."change" ("table_name", "operation") VALUES (TG_TABLE_NAME, 'TRUNCATE');
  ELSIF TG_OP = 'INSERT' THEN
    EXECUTE insert_into || format('SELECT %L, ''INSERT'', jsonb_build_array(%s) FROM "new_rows"', TG_TABLE_NAME, cols);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE insert_into || format('SELECT %L, ''DELETE'', jsonb_build_array(%s) FROM "old_rows"', TG_TABLE_NAME, cols);
  ELSE
    EXECUTE insert_into || format('SELECT %L, ''UPDATE'', jsonb_build_array(%s) FROM "new_rows"', TG_TABLE_NAME, cols);
    -- An update that changed a key removed the old one.
    EXECUTE insert_into || format('SELECT %L, ''DELETE'', jsonb_build_array(%s) FROM "old_rows" o WHERE NOT EXISTS (SELECT 1 FROM "new_rows" n WHERE (%s) = (%s))',
      TG_TABLE_NAME, "insyn_feed"."key_columns"(TG_RELID, 'o.'), "insyn_feed"."key_columns"(TG_RELID, 'n.'), "insyn_feed"."key_columns"(TG_RELID, 'o.'));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "insyn_feed"."watch"("target" REGCLASS) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER "insyn_feed_insert" AFTER INSERT ON %s REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "insyn_feed"."record"()', "target");
  EXECUTE format('CREATE TRIGGER "insyn_feed_update" AFTER UPDATE ON %s REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "insyn_feed"."record"()', "target");
  EXECUTE format('CREATE TRIGGER "insyn_feed_delete" AFTER DELETE ON %s REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "insyn_feed"."record"()', "target");
  EXECUTE format('CREATE TRIGGER "insyn_feed_truncate" AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION "insyn_feed"."record"()', "target");
END $$;

-- A page of the feed: at most `n` changes after `after_seq`, each with its row as it is now
-- (null when it is gone), joined per table by primary key. Rows come back unordered: order by seq.
CREATE FUNCTION "insyn_feed"."page"("after_seq" BIGINT, "only_tables" TEXT[], "n" INTEGER)
RETURNS TABLE ("seq" BIGINT, "at" TIMESTAMPTZ, "table_name" TEXT, "operation" TEXT, "row_key" JSONB, "row" JSONB)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  changes "insyn_feed"."change"[];
  tname TEXT;
BEGIN
  SELECT array_agg(c ORDER BY c.seq) INTO changes FROM (
    SELECT * FROM "insyn_feed"."change" c
    WHERE c.seq > after_seq AND (only_tables IS NULL OR c.table_name = ANY(only_tables))
    ORDER BY c.seq LIMIT n) c;
  FOR tname IN SELECT DISTINCT p.table_name FROM unnest(changes) p LOOP
    IF to_regclass(format('public.%I', tname)) IS NULL THEN
      RETURN QUERY SELECT p.seq, p.at, p.table_name, p.operation, p.row_key, NULL::jsonb FROM unnest(changes) p WHERE p.table_name = tname;
    ELSE
      RETURN QUERY EXECUTE format('SELECT p.seq, p.at, p.table_name, p.operation, p.row_key, to_jsonb(t) FROM unnest($1) p LEFT JOIN %s t ON %s WHERE p.table_name = $2',
        format('public.%I', tname)::regclass, "insyn_feed"."key_match"(format('public.%I', tname)::regclass, 'p.row_key')) USING changes, tname;
    END IF;
  END LOOP;
END $$;

-- Every data table now, and every table a later migration adds (watch_table does both).
SELECT "insyn_feed"."watch"(format('%I.%I', "schemaname", "tablename")::regclass)
FROM "pg_tables" WHERE "schemaname" = 'public' AND "tablename" <> '_prisma_migrations';

CREATE OR REPLACE FUNCTION "insyn_cache"."watch_table"("target" REGCLASS) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER "insyn_data_version_insert" AFTER INSERT ON %s REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "insyn_cache"."bump_data_version"()', "target");
  EXECUTE format('CREATE TRIGGER "insyn_data_version_update" AFTER UPDATE ON %s REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "insyn_cache"."bump_data_version"()', "target");
  EXECUTE format('CREATE TRIGGER "insyn_data_version_delete" AFTER DELETE ON %s REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "insyn_cache"."bump_data_version"()', "target");
  EXECUTE format('CREATE TRIGGER "insyn_data_version_truncate" AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION "insyn_cache"."bump_data_version"()', "target");
  PERFORM "insyn_feed"."watch"("target");
END $$;

-- Partners: API keys and the audit trail of their writes. Not domain data (the API serves
-- neither table to everyone), so they live in a schema of their own, like the response cache:
-- schema.prisma describes `public` only, and no change here bumps the data version.
CREATE SCHEMA IF NOT EXISTS "insyn_partner";

-- A key is `insyn_<id>_<secret>`; only a SHA-256 of the secret is stored. Scopes:
-- `write:dataset:<code>` (may write that data set), `write:unit:<code>` (only these units;
-- a municipality's scope covers its districts). A key with dataset scopes and no unit scope
-- owns those data sets: it writes every unit and reads their audit trail.
CREATE TABLE "insyn_partner"."api_key" (
  "id" TEXT PRIMARY KEY,
  "name" TEXT NOT NULL,
  "secret_sha256" TEXT NOT NULL,
  "scopes" TEXT[] NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "expires_at" TIMESTAMPTZ(3),
  "revoked_at" TIMESTAMPTZ(3),
  "last_used_at" TIMESTAMPTZ(3)
);

-- Every row a partner's write changed: which key, when, the row's key, old and new (null for
-- an insert or a delete).
CREATE TABLE "insyn_partner"."answer_change" (
  "id" BIGSERIAL PRIMARY KEY,
  "key_id" TEXT NOT NULL REFERENCES "insyn_partner"."api_key"("id"),
  "at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "dataset_code" TEXT NOT NULL,
  "region_code" TEXT NOT NULL,
  "round" INTEGER NOT NULL,
  "table_name" TEXT NOT NULL,
  "row_key" JSONB NOT NULL,
  "old" JSONB,
  "new" JSONB
);
CREATE INDEX "answer_change_dataset_idx" ON "insyn_partner"."answer_change"("dataset_code", "id");

-- Rate limits (docs/partners.md, "Limits"): a key may carry its own limit (requests per
-- minute; null: the server's INSYN_RATE_LIMIT_KEY), and every server process adds its
-- requests to one count per bucket (a key, or a client address) and window. UNLOGGED: a
-- crash forgets at most the current minute's counts, and nothing else needs them.
ALTER TABLE "insyn_partner"."api_key" ADD COLUMN "rate_limit" INTEGER CHECK ("rate_limit" > 0);

CREATE UNLOGGED TABLE "insyn_partner"."rate_count" (
  "bucket" TEXT NOT NULL,
  "window_start" BIGINT NOT NULL,
  "count" INTEGER NOT NULL,
  PRIMARY KEY ("bucket", "window_start")
);

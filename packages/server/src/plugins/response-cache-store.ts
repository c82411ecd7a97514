import type { ExecutionResult } from 'graphql';
import pg from 'pg';

/**
 * Where cached responses live, shared by every server process. The PostgreSQL store below
 * needs nothing beyond the database the servers already use; a Redis store implements the
 * same five methods (docs/scaling.md says how).
 *
 * Correctness rests on the data version: entries are written and read under the version that
 * was current when the request started, and `get` returns nothing for an entry of an older
 * version (the If-None-Match path looks keys up without asking for the version first).
 */
export interface ResponseCacheStore {
  /** The current data version; changes in the same transaction as any change to the data. */
  dataVersion(): Promise<string>;
  /** The entry `key` if it was written under `version` and `version` is still current. */
  get(version: string, key: string): Promise<ExecutionResult | undefined>;
  /** Stores an entry under `version`; `ttlMs` Infinity keeps it until the data changes. */
  set(version: string, key: string, result: ExecutionResult, ttlMs: number): Promise<void>;
  /** Resolves when every write started so far has finished (tests, shutdown). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Results larger than this are not cached (one bulk answer should not crowd out the rest). */
const MAX_ENTRY_CHARS = 5_000_000;

/**
 * The response cache in PostgreSQL: an UNLOGGED table in the schema `insyn_cache` (migration
 * 20261126100000_response_cache), through a small pool of its own, so the Prisma client's
 * statement counts show only what answering a query cost. Point `url` at the primary: an
 * UNLOGGED table cannot be read on a replica.
 */
export function createPgResponseCacheStore(url: string, options: { max?: number } = {}): ResponseCacheStore {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4 });
  // An idle connection dropped by the server (a restart, a failover) must not crash the process.
  pool.on('error', (error) => console.error('[insyn] response cache: idle connection lost:', error.message));
  const pending = new Set<Promise<unknown>>();
  let lastVersion: string | undefined;
  let writes = 0;

  const track = <T>(promise: Promise<T>) => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise)).catch(() => {});
    return promise;
  };

  // Entries of older versions can never be read again; drop them when this process first
  // sees a new version (any process may do it, the statement is idempotent).
  const prune = (version: string) => {
    if (version === lastVersion) return;
    const first = lastVersion === undefined;
    lastVersion = version;
    if (first) return;
    track(pool.query('DELETE FROM insyn_cache.response_cache WHERE version < $1 OR expires_at < now()', [version])).catch((error: unknown) => {
      console.error('[insyn] response cache: pruning failed:', error);
    });
  };

  return {
    async dataVersion() {
      const { rows } = await pool.query<{ version: string }>('SELECT version::text AS version FROM insyn_cache.data_version');
      const version = rows[0]!.version;
      prune(version);
      return version;
    },
    async get(version, key) {
      const { rows } = await pool.query<{ result: string }>(
        `SELECT c.result FROM insyn_cache.response_cache c JOIN insyn_cache.data_version d ON d.version = c.version
         WHERE c.key = $1 AND c.version = $2 AND (c.expires_at IS NULL OR c.expires_at > now())`,
        [key, version],
      );
      return rows[0] ? (JSON.parse(rows[0].result) as ExecutionResult) : undefined;
    },
    set(version, key, result, ttlMs) {
      // Serialised now: the plugin goes on to hand the same object to the response.
      const json = JSON.stringify(result);
      if (json.length > MAX_ENTRY_CHARS) return Promise.resolve();
      const seconds = Number.isFinite(ttlMs) ? ttlMs / 1000 : null;
      // Expired entries are skipped by `get`; every 500th write also removes them.
      if (++writes % 500 === 0) {
        track(pool.query('DELETE FROM insyn_cache.response_cache WHERE expires_at < now()')).catch((error: unknown) => {
          console.error('[insyn] response cache: pruning failed:', error);
        });
      }
      return track(
        pool.query(
          `INSERT INTO insyn_cache.response_cache (key, version, result, expires_at)
           VALUES ($1, $2, $3, now() + make_interval(secs => $4))
           ON CONFLICT (key) DO UPDATE SET version = EXCLUDED.version, result = EXCLUDED.result, expires_at = EXCLUDED.expires_at, created_at = now()`,
          [key, version, json, seconds],
        ),
      ).then(() => {});
    },
    async settled() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    async close() {
      await this.settled();
      await pool.end();
    },
  };
}

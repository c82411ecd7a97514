import type { IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';
import { parseAuthorization, secretMatches } from '../partners/keys.js';
import { refuse } from './guards.js';
import { clientAddress, type RateLimitSettings, type ServerSettings } from './settings.js';

/**
 * Rate limits (docs/partners.md, "Limits"): every request to /graphql and /export/ counts
 * against a bucket, the API key's (a valid key in `Authorization`) or else the client's
 * address, for a fixed window (a minute by default). The counts are shared by every server
 * process through one table in PostgreSQL, without a statement per request:
 *
 * - far from its limit, a request is counted here and the counts go to PostgreSQL in one
 *   statement for all buckets at most every FLUSH_MS, while this process holds fewer than a
 *   margin (a tenth of the limit) of requests not yet shared;
 * - beyond that, or within a margin of the limit, a request waits for its count to be added
 *   to the shared one (with every other waiting request's, in one statement) and learns the
 *   total, so the last requests of a window are counted exactly;
 * - once the shared count reached the limit, requests of that bucket are refused here, without
 *   a statement, until the window ends.
 *
 * Each process holds at most a margin of admitted requests the others have not heard of, so
 * with P processes a window admits at most limit + (P - 1) × margin.
 * If PostgreSQL cannot be reached, requests are admitted (the limit protects the database;
 * it must not take reads down with it) and the failure is logged.
 */
/** Where the counts of every process meet. A Redis store would implement the same two methods. */
export interface RateCountStore {
  /** Adds each bucket's increment to its count in `window` and returns the counts after. */
  add(window: number, increments: Map<string, number>): Promise<Map<string, number>>;
  /** A key's stored secret hash and own limit, or undefined when there is no usable key with this id. */
  key(id: string): Promise<{ secretSha256: string; rateLimit: number | null } | undefined>;
  close(): Promise<void>;
}

export function createPgRateCountStore(url: string): RateCountStore {
  const pool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true });
  pool.on('error', (error) => console.error('[insyn] rate limits: idle connection lost:', error.message));
  let pruned = 0;
  return {
    async add(window, increments) {
      if (window > pruned) {
        pruned = window;
        pool.query('DELETE FROM insyn_partner.rate_count WHERE window_start < $1', [window - 1]).catch(() => {});
      }
      const { rows } = await pool.query<{ bucket: string; count: number }>(
        `INSERT INTO insyn_partner.rate_count (bucket, window_start, count)
         SELECT bucket, $1, n FROM unnest($2::text[], $3::int[]) AS t(bucket, n)
         ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_count.count + excluded.count
         RETURNING bucket, count`,
        [window, [...increments.keys()], [...increments.values()]],
      );
      return new Map(rows.map((r) => [r.bucket, r.count]));
    },
    async key(id) {
      const { rows } = await pool.query<{ secret_sha256: string; rate_limit: number | null }>(
        `SELECT secret_sha256, rate_limit FROM insyn_partner.api_key
         WHERE id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
        [id],
      );
      return rows[0] && { secretSha256: rows[0].secret_sha256, rateLimit: rows[0].rate_limit };
    },
    close: () => pool.end(),
  };
}

/** Counts go to the shared store at most this often when no request is near its limit. */
export const FLUSH_MS = 200;
/** How long a key's limit (and whether it is usable) is remembered; writes check the key themselves, always. */
const KEY_TTL_MS = 10_000;

interface Bucket {
  limit: number;
  /** The shared count when this process last heard it (its own flushed requests included). */
  shared: number;
  /** Requests admitted here and not yet sent to the shared count. */
  pending: number;
  /** Requests admitted here, sent, and not yet known to be in the shared count. */
  inFlight: number;
  /** Requests near the limit waiting to learn the total: resolve(admitted). */
  waiting: ((admitted: boolean) => void)[];
}

export interface Decision {
  admitted: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends. */
  reset: number;
}

export function createRateLimiter(store: RateCountStore, settings: RateLimitSettings, now: () => number = Date.now) {
  const windowMs = settings.windowSeconds * 1_000;
  let window = Math.floor(now() / windowMs);
  let buckets = new Map<string, Bucket>();
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> | null = null;
  let failing = false;
  const keys = new Map<string, { at: number; key: Promise<{ secretSha256: string; rateLimit: number | null } | undefined> }>();

  const roll = () => {
    const current = Math.floor(now() / windowMs);
    if (current === window) return;
    // A new window: what the old one still owed is forgotten with it; waiters are admitted.
    for (const b of buckets.values()) for (const resolve of b.waiting) resolve(true);
    window = current;
    buckets = new Map();
  };

  const flush = async (): Promise<void> => {
    if (flushing) {
      await flushing;
      if (![...buckets.values()].some((b) => b.pending || b.waiting.length)) return;
      return flush();
    }
    const batch = new Map<string, { bucket: Bucket; admitted: number; waiting: Bucket['waiting'] }>();
    for (const [name, b] of buckets) {
      if (!b.pending && !b.waiting.length) continue;
      batch.set(name, { bucket: b, admitted: b.pending, waiting: b.waiting });
      b.inFlight += b.pending;
      b.pending = 0;
      b.waiting = [];
    }
    if (!batch.size) return;
    const of = window;
    flushing = (async () => {
      let totals: Map<string, number> | null = null;
      try {
        totals = await store.add(of, new Map([...batch].map(([name, { admitted, waiting }]) => [name, admitted + waiting.length])));
        failing = false;
      } catch (error) {
        if (!failing) console.error('[insyn] rate limits: the shared counts cannot be reached; admitting requests:', (error as Error).message);
        failing = true;
      }
      for (const [name, { bucket, admitted, waiting }] of batch) {
        bucket.inFlight -= admitted;
        const total = totals?.get(name);
        if (total === undefined) {
          for (const resolve of waiting) resolve(true);
          continue;
        }
        if (of === window) bucket.shared = Math.max(bucket.shared, total);
        // The batch's requests hold the last places of `total`: the admitted ones first, then the waiters in order.
        const before = total - admitted - waiting.length;
        const places = Math.max(0, bucket.limit - before - admitted);
        waiting.forEach((resolve, i) => resolve(i < places));
      }
    })().finally(() => {
      flushing = null;
    });
    return flushing;
  };

  const flushSoon = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, FLUSH_MS);
    timer.unref();
  };

  const decision = (b: Bucket, admitted: boolean): Decision => ({
    admitted,
    limit: b.limit,
    remaining: Math.max(0, b.limit - b.shared - b.pending - b.inFlight),
    reset: Math.max(1, Math.ceil(((window + 1) * windowMs - now()) / 1_000)),
  });

  return {
    /** Counts one request against `bucket`, whose limit is `limit`, and says whether it may run. */
    async take(name: string, limit: number): Promise<Decision> {
      roll();
      let b = buckets.get(name);
      if (!b) buckets.set(name, (b = { limit, shared: 0, pending: 0, inFlight: 0, waiting: [] }));
      b.limit = limit;
      if (b.shared >= limit) return decision(b, false);
      const margin = Math.max(1, Math.floor(limit / 10));
      // Admitted here only while this process holds fewer than a margin of unshared requests.
      if (b.pending + b.inFlight < margin && b.shared + b.pending + b.inFlight + b.waiting.length + 1 <= limit - margin) {
        b.pending++;
        flushSoon();
        return decision(b, true);
      }
      const bucket = b;
      const admitted = await new Promise<boolean>((resolve) => {
        bucket.waiting.push(resolve);
        void flush();
      });
      return decision(bucket, admitted);
    },
    /** The usable key of this id with this secret, remembered for KEY_TTL_MS. */
    async keyLimit(id: string, secret: string): Promise<number | null | undefined> {
      let cached = keys.get(id);
      if (!cached || now() - cached.at > KEY_TTL_MS) {
        cached = { at: now(), key: store.key(id).catch(() => undefined) };
        keys.set(id, cached);
        if (keys.size > 10_000) keys.delete(keys.keys().next().value!);
      }
      const key = await cached.key;
      if (!secretMatches(key?.secretSha256, secret) || !key) return undefined;
      return key.rateLimit;
    },
    /** Sends what is counted and not yet shared (tests, shutdown). */
    flush,
    async close() {
      if (timer) clearTimeout(timer);
      await flush();
      await store.close();
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/**
 * Counts the request and sets its RateLimit-* headers; answers 429 RATE_LIMITED itself (and
 * returns false) when the bucket is over its limit.
 */
export async function rateLimit(limiter: RateLimiter, limits: RateLimitSettings, serverSettings: Pick<ServerSettings, 'trustedProxies'>, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const token = parseAuthorization(req.headers.authorization);
  let bucket = `address:${clientAddress(serverSettings, req)}`;
  let limit = limits.anonymous;
  if (token) {
    const own = await limiter.keyLimit(token.id, token.secret);
    // An unknown, revoked or wrong key counts as no key: reads are open, and nobody can spend another's limit.
    if (own !== undefined) {
      bucket = `key:${token.id}`;
      limit = own ?? limits.key;
    }
  }
  const d = await limiter.take(bucket, limit);
  const headers = {
    'RateLimit-Limit': String(d.limit),
    'RateLimit-Remaining': String(d.remaining),
    'RateLimit-Reset': String(d.reset),
    'RateLimit-Policy': `${d.limit};w=${limits.windowSeconds}`,
  };
  if (d.admitted) {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    return true;
  }
  const who = bucket.startsWith('key:') ? `API key ${token!.id}` : 'this address';
  refuse(res, 429, 'RATE_LIMITED', `Too many requests: ${who} may send ${d.limit} per ${limits.windowSeconds} s. Try again in ${d.reset} s (Retry-After). The response cache and persisted queries make repeated questions cheap; partners can ask for a key with a higher limit (docs/partners.md).`, { ...headers, 'Retry-After': String(d.reset) });
  return false;
}

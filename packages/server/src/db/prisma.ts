import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { CancellablePool } from './cancellation.js';
import { PrismaClient } from '../generated/prisma/client.js';

/**
 * Columns no read returns unless it asks for them. `observation.tables` (the tables of its
 * locator, an array) serves only filters (`where`) and the lookup layer's SQL; reading and
 * converting it cost 17 % of the server's CPU on a page of 50 figures (A/B, docs/benchmark.md).
 */
const OMIT = { observation: { tables: true } } as const;

/** The Prisma client every part of the server takes: what createPrisma makes. */
export type Db = PrismaClient<never, typeof OMIT>;

/**
 * A Prisma client on the pg driver adapter. `onQuery` sees every SQL statement Prisma
 * sends, which is how tests and the benchmark count statements per request. A request's
 * statements stop when its client goes away (db/cancellation.ts), unless `cancelWithClient` is
 * false (for reads that serve every request, as the lookup layer's).
 */
export function createPrisma(url: string, options: { onQuery?: (sql: string) => void; max?: number; allowExitOnIdle?: boolean; statementTimeoutMs?: number; cancelWithClient?: boolean } = {}): Db {
  // statement_timeout is set by PostgreSQL on every connection of the pool (pg sends it at connect).
  const timeout = options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {};
  // A connection lives at most 5 minutes: that bounds the prepared statements it holds.
  const config = { connectionString: url, max: options.max ?? 10, allowExitOnIdle: options.allowExitOnIdle ?? false, maxLifetimeSeconds: 300, ...timeout };
  const adapter = new PrismaPg(
    options.cancelWithClient === false ? config : new CancellablePool(config),
    {
      disposeExternalPool: true,
      // INSYN_PREPARED_STATEMENTS=off for a pooler that cannot keep them (PgBouncer in transaction mode before 1.21).
      ...(process.env.INSYN_PREPARED_STATEMENTS === 'off' ? {} : { statementNameGenerator: (query: { sql: string }) => statementName(query.sql) }),
    },
  );
  // The log level is a type parameter of its own; the client is used as a `Db` either way.
  const prisma = new PrismaClient({ adapter, omit: OMIT, log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [] }) as Db;
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (prisma as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => onQuery(e.query));
  }
  urls.set(prisma, url);
  return prisma;
}

const urls = new WeakMap<Db, string>();

/** The database URL a client made by createPrisma talks to (the lookup layer opens its own connection there). */
export const databaseUrlOf = (prisma: Db): string | undefined => urls.get(prisma);

/** The longest one SQL statement of a request may run (INSYN_STATEMENT_TIMEOUT_MS, default 5 s; docs/hardening.md). */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;
export function statementTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.INSYN_STATEMENT_TIMEOUT_MS ?? DEFAULT_STATEMENT_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_STATEMENT_TIMEOUT_MS;
}

const names = new Map<string, string>();

/**
 * Named (prepared) statements: PostgreSQL parses and plans a statement once per connection
 * instead of on every request (for the nested joins Prisma builds, planning costs more than
 * running). The name is a hash of the SQL, so the same SQL shares one statement.
 */
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `insyn_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    // Forget the oldest names once there are many (they are recomputed, not lost).
    if (names.size >= 10_000) names.delete(names.keys().next().value!);
    names.set(sql, name);
  }
  return name;
}

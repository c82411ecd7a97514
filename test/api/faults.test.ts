import pg from 'pg';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { startThrowawayPostgres, type EmbeddedDatabase } from '../../packages/server/src/db/embedded.js';
import { migrate } from '../../packages/server/src/db/migrate.js';
import { createHttpApp, listen } from '../../packages/server/src/http/server.js';
import { createPrisma } from '../../packages/server/src/db/prisma.js';
import { whileClientWaits } from '../../packages/server/src/db/cancellation.js';
import { createServer } from '../../packages/server/src/http/yoga.js';
import { createDatabase } from '@test/support/database.js';

/**
 * Faults under a running server (docs/hardening.md): PostgreSQL stopped is HTTP 503
 * DATABASE_UNAVAILABLE with Retry-After (was 200 with INTERNAL_SERVER_ERROR); a statement over
 * the per-statement timeout is stopped by PostgreSQL and answered 503 QUERY_TIMEOUT; a client
 * that leaves has its request's statements cancelled.
 */
describe('PostgreSQL stops under a running server', () => {
  let db: EmbeddedDatabase | undefined;
  const cleanup: (() => unknown)[] = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
    await db?.stop().catch(() => {});
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After on /graphql and /export, and nothing internal', async () => {
    // A PostgreSQL of its own, so stopping it disturbs no other test.
    db = await startThrowawayPostgres('insyn-fault-pg-');
    await migrate(db.url);
    const prisma = createPrisma(db.url);
    cleanup.push(() => prisma.$disconnect());
    const server = createHttpApp(prisma);
    const url = await listen(server);
    cleanup.push(() => new Promise((resolve) => server.close(resolve)));
    const ask = () => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: '{ regions(first: 5) { totalCount } }' }) });

    const healthy = await ask();
    expect(await healthy.json()).toEqual({ data: { regions: { totalCount: 0 } } });

    await db.stop();
    db = undefined;
    for (const response of [await ask(), await fetch(`${url}/export/observations.csv?filter=%7B%7D`)]) {
      const body = await response.text();
      expect(response.status, body).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(JSON.parse(body).errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
      expect(body).not.toMatch(/ECONNREFUSED|localhost:\d|prisma|stack|INTERNAL_SERVER_ERROR/i);
    }
  }, 60_000);
});

describe('statement timeout', () => {
  const prisma = createPrisma(inject('databaseUrl'), { statementTimeoutMs: 1 });
  const yoga = createServer(prisma);
  afterAll(() => prisma.$disconnect());

  it('a statement over the timeout is stopped by PostgreSQL and answered 503 QUERY_TIMEOUT', async () => {
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ observations(filter: {}, first: 500) { totalCount edges { node { value region { name } } } } }' }),
    });
    const body = await response.text();
    expect(response.status, body).toBe(503);
    expect(JSON.parse(body).errors[0].extensions.code).toBe('QUERY_TIMEOUT');
    expect(body).not.toMatch(/canceling statement|57014|prisma/i);
  });
});

describe('a client that leaves', () => {
  const cleanup: (() => unknown)[] = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
  });

  it("stops its request's SQL in PostgreSQL at once, long before the statement timeout", async () => {
    // A database of its own: the test holds a table lock that would stall every other test.
    const db = await createDatabase(inject('adminUrl'), 'insyn_test_cancel');
    cleanup.push(db.drop);
    await migrate(db.url);
    const prisma = createPrisma(db.url, { statementTimeoutMs: 120_000 });
    cleanup.push(() => prisma.$disconnect());
    const server = createHttpApp(prisma);
    const url = await listen(server);
    cleanup.push(() => new Promise((resolve) => server.close(resolve)));
    const ask = (signal?: AbortSignal) => fetch(`${url}/graphql`, { method: 'POST', signal, headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: '{ regions(first: 5) { totalCount } }' }) });
    expect(await (await ask()).json()).toEqual({ data: { regions: { totalCount: 0 } } });

    // The server's statement waits on a lock held here: a statement that runs until stopped.
    const locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    cleanup.push(() => locker.end());
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE region IN ACCESS EXCLUSIVE MODE');
    const waiting = async () => (await locker.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`)).rows[0]!.n;
    const until = async (ok: () => Promise<boolean>, ms: number) => {
      for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (await ok()) return true;
      return false;
    };
    const client = new AbortController();
    const left = ask(client.signal).catch((error: Error) => error.name);
    expect(await until(async () => (await waiting()) >= 1, 10_000)).toBe(true);
    client.abort();
    expect(await left).toBe('AbortError');
    const gone = Date.now();
    expect(await until(async () => (await waiting()) === 0, 10_000)).toBe(true);
    console.log(`cancellation: the statement of a request whose client left was stopped ${Date.now() - gone} ms after (statement timeout 120 s)`);
    await locker.query('ROLLBACK');
    // The connection it ran on serves the next request.
    expect(await (await ask()).json()).toEqual({ data: { regions: { totalCount: 0 } } });
  }, 60_000);

  it('a statement asked for after its client left is not sent, and that is not logged as a fault', async () => {
    const prisma = createPrisma(inject('databaseUrl'));
    cleanup.push(() => prisma.$disconnect());
    const yoga = createServer(prisma);
    const logged = vi.spyOn(console, 'error');
    const response = await whileClientWaits(AbortSignal.abort(), () => yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ regions(first: 5) { totalCount } }' }),
    }));
    const body = await response.json();
    expect(body.errors.map((e: { message: string }) => e.message)).toEqual(['The client closed the connection before the answer.']);
    expect(logged.mock.calls.filter((c) => String(c[0]).includes('unexpected'))).toEqual([]);
    logged.mockRestore();
  });
});

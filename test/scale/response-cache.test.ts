import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { responseCacheFromEnv } from '../../packages/server/src/plugins/response-cache.js';
import { createPgResponseCacheStore, type ResponseCacheStore } from '../../packages/server/src/plugins/response-cache-store.js';
import { dataDir } from '../../packages/server/src/db/paths.js';
import { EXAMPLE_QUERIES } from '../../packages/server/src/http/examples.js';
import { createHttpApp, listen } from '../../packages/server/src/http/server.js';
import { load } from '../../packages/server/src/load/load.js';
import { createPrisma } from '../../packages/server/src/db/prisma.js';
import { createDatabase } from '@test/support/database.js';

/**
 * Two HTTP servers on one database share one response cache (in PostgreSQL), as two server
 * processes behind a load balancer would: what one answered, the other serves without touching
 * the data; a load that changes a figure invalidates both at once.
 */
interface Served {
  name: string;
  url: string;
  store: ResponseCacheStore;
  /** SQL statements this server's Prisma client sent since the last request began. */
  statements: string[];
}

const IBIC = '{ timeSeries(indicator: "oj-ibic-utredning", region: "00", members: ["area:socialpsykiatri"]) { period value printed table } }';
const IBIC_FILE = 'seeds/oj-2022-socialpsykiatri/observations/tabell-2-ibic-utredning.csv';
const ibic2022 = (body: string) => (JSON.parse(body) as { data: { timeSeries: { period: number; value: number }[] } }).data.timeSeries.find((p) => p.period === 2022)?.value;

describe('two servers, one database, one response cache', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let a: Served;
  let b: Served;
  let start: (name: string, codeVersion?: string) => Promise<Served>;

  beforeAll(async () => {
    db = await createDatabase(inject('adminUrl'), 'insyn_test_cache');
    cleanup.push(db.drop);
    await load(db.url);
    start = async (name: string, codeVersion?: string): Promise<Served> => {
      const served = { name, statements: [] as string[] } as Served;
      const prisma = createPrisma(db.url, { onQuery: (sql) => served.statements.push(sql) });
      served.store = createPgResponseCacheStore(db.url);
      const server = createHttpApp(prisma, { responseCache: served.store, codeVersion });
      served.url = await listen(server);
      cleanup.push(() => prisma.$disconnect(), () => served.store.close(), () => new Promise((resolve) => server.close(resolve)));
      return served;
    };
    a = await start('A');
    b = await start('B');
  }, 120_000);
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
  });

  /** POSTs a query to one server; the body as text (to compare byte for byte) and the SQL it cost. */
  async function ask(server: Served, query: string, headers: Record<string, string> = {}) {
    server.statements.length = 0;
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query }),
    });
    const body = await response.text();
    // The cache write is not awaited by the request; wait for it before the other server asks.
    await server.store.settled();
    return { status: response.status, body, etag: response.headers.get('etag'), statements: server.statements.length };
  }

  it('a query A answered is served by B from the cache: no SQL on B, the same body', async () => {
    const fromA = await ask(a, IBIC);
    expect(fromA.status).toBe(200);
    expect(fromA.statements).toBeGreaterThan(0);
    // Öppna jämförelser 2022, Tabell 2: socialpsykiatri 53 % in 2022.
    expect(ibic2022(fromA.body)).toBe(53);

    const fromB = await ask(b, IBIC);
    expect(fromB.statements).toBe(0);
    expect(fromB.body).toBe(fromA.body);
    // And A, asked again, needs no SQL either.
    expect((await ask(a, IBIC)).statements).toBe(0);
  });

  it('a server running other code does not serve what this code cached (the code version is in the key)', async () => {
    // A question only the database answers (a region's groups are not in the lookup snapshot).
    const query = '{ region(code: "0380") { name groups { group { name } } } }';
    expect((await ask(a, query)).statements).toBeGreaterThan(0);
    const deployed = await start('A, redeployed with changed code', 'another-code-version');
    const fromNew = await ask(deployed, query);
    expect(fromNew.statements).toBeGreaterThan(0);
    // A server on the same code as A still shares A's entry.
    expect((await ask(b, query)).statements).toBe(0);
  });

  it('a cached answer with synthetic records keeps its extensions.synthetic notice', async () => {
    const whoOffers = EXAMPLE_QUERIES.find((q) => q.name === 'whoOffers')!.query;
    const fromA = await ask(a, whoOffers);
    const fromB = await ask(b, whoOffers);
    expect(fromA.statements).toBeGreaterThan(0);
    expect(fromB.statements).toBe(0);
    expect(fromB.body).toBe(fromA.body);
    const extensions = (JSON.parse(fromB.body) as { extensions?: { synthetic?: { datasets: string[]; notice: string } } }).extensions;
    expect(extensions?.synthetic?.datasets).toContain('synthetic-offerings-2022');
    expect(extensions?.synthetic?.notice).toMatch(/SYNTHETIC/);
  });

  it('an answer built from the lookup layer is filed under the data version it was built on: a renamed area is never served stale', async () => {
    // offeringSummary's `area` comes from the lookup layer's snapshot, which each server renews
    // at most once a second; the cache must not file a snapshot's answer under a newer version.
    const query = '{ region(code: "0380") { offeringSummary { area { code nameEn } offeredCount } } }';
    const nameOf = (body: string) => (JSON.parse(body) as { data: { region: { offeringSummary: { area: { code: string; nameEn: string } }[] } } }).data.region.offeringSummary.find((s) => s.area.code === 'socialpsykiatri')!.area.nameEn;
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const original = nameOf((await ask(a, query)).body);
      expect(original).toBe('Social psychiatry');
      for (const name of ['Social psychiatry (renamed once)', 'Social psychiatry (renamed twice)']) {
        await client.query('UPDATE area SET name_en = $1 WHERE code = $2', [name, 'socialpsykiatri']);
        // At once, on both servers, before either has renewed its snapshot by itself.
        expect(nameOf((await ask(a, query)).body)).toBe(name);
        expect(nameOf((await ask(b, query)).body)).toBe(name);
      }
      await client.query('UPDATE area SET name_en = $1 WHERE code = $2', [original, 'socialpsykiatri']);
      expect(nameOf((await ask(b, query)).body)).toBe(original);
    } finally {
      await client.end();
    }
  });

  it('errors are not cached: an unknown region is answered anew on every server, every time, and never stored', async () => {
    const unknown = '{ timeSeries(indicator: "oj-ibic-utredning", region: "0108", members: ["area:socialpsykiatri"]) { period value } }';
    // Codes are checked in memory (the lookup layer), so an error costs no SQL: count the cache's entries instead.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const entries = async () => (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM insyn_cache.response_cache')).rows[0]!.n;
    try {
      const before = await entries();
      for (const server of [a, b, a]) {
        const answer = await ask(server, unknown);
        expect((JSON.parse(answer.body) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNKNOWN_REGION');
      }
      expect(await entries()).toBe(before);
      // The same servers do store an answer that is not an error.
      await ask(a, '{ region(code: "0380") { name } }');
      expect(await entries()).toBe(before + 1);
    } finally {
      await client.end();
    }
  });

  it('the cache does not change what a query costs against the complexity limits', async () => {
    // 75 aliases of `region { code }` are 150 fields, the breadth limit exactly; the cache
    // plugin's own __typename fields must not count (see keepDocumentAsSent).
    const wide = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `r${i}: region(code: "01") { code }`).join(' ')} }`;
    const atLimit = JSON.parse((await ask(a, wide(75))).body) as { data?: Record<string, { code: string }>; errors?: unknown[] };
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data?.r74?.code).toBe('01');
    const over = JSON.parse((await ask(a, wide(76))).body) as { errors: { extensions: Record<string, unknown> }[] };
    expect(over.errors[0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', kind: 'BREADTH', breadth: 152, maxBreadth: 150 });
  });

  it('every table of the data bumps the data version when a statement changes rows, and only then', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ table: string; triggers: number }>(`
        SELECT c.relname AS table, count(t.tgname) FILTER (WHERE t.tgname LIKE 'insyn_data_version_%')::int AS triggers
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_trigger t ON t.tgrelid = c.oid
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' GROUP BY c.relname ORDER BY 1`);
      // A table added by a later migration needs SELECT insyn_cache.watch_table('<table>') there.
      expect(rows.filter((r) => r.triggers !== 4)).toEqual([]);
      expect(rows.map((r) => r.table)).toEqual(expect.arrayContaining(['observation', 'offering', 'region', 'survey_response']));

      const version = async () => (await client.query<{ v: string }>('SELECT version::text AS v FROM insyn_cache.data_version')).rows[0]!.v;
      const before = await version();
      await client.query(`UPDATE region SET note = note WHERE code = 'no such region'`);
      expect(await version()).toBe(before);
      // A hand-made fix outside the loader invalidates too.
      await client.query(`UPDATE region SET note = note WHERE code = '0180'`);
      expect(BigInt(await version())).toBe(BigInt(before) + 1n);
    } finally {
      await client.end();
    }
  });

  it('after a load that changes a figure, both servers answer the new figure; a load that changes nothing keeps the cache', async () => {
    // Both servers hold the old figure in the cache (the test above changed a row, so warm it
    // first), and the ETag path would answer 304.
    await ask(a, IBIC);
    const old = await ask(a, IBIC);
    expect(old.statements).toBe(0);
    expect(ibic2022(old.body)).toBe(53);
    expect((await ask(b, IBIC)).statements).toBe(0);
    expect(old.etag).toBeTruthy();
    expect((await ask(b, IBIC, { 'if-none-match': old.etag! })).status).toBe(304);

    const root = mkdtempSync(path.join(tmpdir(), 'insyn-data-'));
    cleanup.push(async () => rmSync(root, { recursive: true, force: true }));
    const copy = path.join(root, 'data');
    cpSync(dataDir, copy, { recursive: true });
    const file = path.join(copy, IBIC_FILE);
    const text = readFileSync(file, 'utf8');
    const edited = text.replace('oj-ibic-utredning,00,2022,area=socialpsykiatri,53,53,', 'oj-ibic-utredning,00,2022,area=socialpsykiatri,54,54,');
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    expect((await load(db.url, { dataDir: copy })).changed).toBeGreaterThan(0);

    for (const server of [b, a]) {
      const answer = await ask(server, IBIC);
      expect(ibic2022(answer.body), `server ${server.name}`).toBe(54);
    }
    // The old ETag no longer matches anything.
    const revalidated = await ask(a, IBIC, { 'if-none-match': old.etag! });
    expect(revalidated.status).toBe(200);
    expect(ibic2022(revalidated.body)).toBe(54);

    // The same files again: nothing changed, so the version stays and the cache still answers.
    expect((await load(db.url, { dataDir: copy })).changed).toBe(0);
    const again = await ask(b, IBIC);
    expect(again.statements).toBe(0);
    expect(ibic2022(again.body)).toBe(54);
  });

  it('INSYN_RESPONSE_CACHE=off turns the cache off; it is on otherwise', async () => {
    expect(responseCacheFromEnv(db.url, { INSYN_RESPONSE_CACHE: 'off' })).toBeUndefined();
    const store = responseCacheFromEnv(db.url, {});
    expect(store).toBeDefined();
    expect(await store!.dataVersion()).toMatch(/^\d+$/);
    await store!.close();
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHttpApp, listen } from '../../packages/server/src/http/server.js';
import { serverSettingsFromEnv } from '../../packages/server/src/http/settings.js';
import { createKey } from '../../packages/server/src/partners/keys.js';
import { createPrisma } from '../../packages/server/src/db/prisma.js';
import { createDatabase } from '@test/support/database.js';

/**
 * Rate limits over real HTTP on a real PostgreSQL, held across two server processes: this
 * test's and a child process started like `npm start` (settings from the environment).
 */
const LIMIT = 20;
// Long enough that a burst on a loaded machine stays in one window (the next window: http/rate-limit.test.ts).
const WINDOW = 30;
const ENV = { INSYN_RATE_LIMIT: String(LIMIT), INSYN_RATE_LIMIT_KEY: '12', INSYN_RATE_LIMIT_WINDOW: String(WINDOW) };
const QUERY = JSON.stringify({ query: '{ __typename }' });

describe('rate limits', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  let here: string;
  let there: string;
  let client: pg.Client;
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
  });

  beforeAll(async () => {
    const db = await createDatabase(inject('adminUrl'), 'insyn_test_rates');
    cleanup.push(db.drop);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    cleanup.push(() => client.end());
    const prisma = createPrisma(db.url);
    const server = createHttpApp(prisma, { settings: serverSettingsFromEnv({ ...process.env, ...ENV }) });
    here = await listen(server);
    cleanup.push(() => prisma.$disconnect(), () => new Promise((resolve) => server.close(resolve)));
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/serve.fixture.ts')], {
      env: { ...process.env, ...ENV, DATABASE_URL: db.url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanup.push(() => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }));
    there = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the second server exited with ${code}`)));
      createInterface({ input: child.stdout! }).once('line', resolve);
    });
  }, 120_000);

  const ask = (base: string, token?: string) => fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: QUERY,
  });

  /** Waits until at least `seconds` of the current window are left, so a burst stays in one window. */
  const startOfWindow = async (seconds: number) => {
    const left = WINDOW * 1_000 - (Date.now() % (WINDOW * 1_000));
    if (left < seconds * 1_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
  };

  it('holds for one address across two server processes, and says when to come back', async () => {
    await startOfWindow(20);
    const statuses = { here: [] as number[], there: [] as number[] };
    for (let i = 0; i < 40; i++) {
      const response = await ask(i % 2 ? here : there);
      await response.arrayBuffer();
      (i % 2 ? statuses.here : statuses.there).push(response.status);
    }
    const admitted = [...statuses.here, ...statuses.there].filter((s) => s === 200).length;
    // At most the limit plus a tenth of it for the other process (http/rate-limit.ts).
    expect(admitted).toBeGreaterThanOrEqual(LIMIT);
    expect(admitted).toBeLessThanOrEqual(LIMIT + LIMIT / 10);
    // Neither process alone let the whole limit through: they counted together.
    expect(statuses.here.filter((s) => s === 200).length).toBeLessThan(LIMIT);
    expect(statuses.there.filter((s) => s === 200).length).toBeLessThan(LIMIT);
    expect([...statuses.here, ...statuses.there].filter((s) => s !== 200 && s !== 429)).toEqual([]);

    for (const base of [here, there]) {
      const refused = await ask(base);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW);
      expect(refused.headers.get('ratelimit-limit')).toBe(String(LIMIT));
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
      expect(refused.headers.get('ratelimit-policy')).toBe(`${LIMIT};w=${WINDOW}`);
      const body = await refused.json() as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('RATE_LIMITED');
      expect(body.errors[0]!.message).toContain(`${LIMIT} per ${WINDOW} s`);
    }
    // Both processes' counts went to one row of PostgreSQL.
    const { rows } = await client.query<{ count: number }>(`SELECT count FROM insyn_partner.rate_count WHERE bucket = 'address:127.0.0.1'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.count).toBeGreaterThanOrEqual(LIMIT);

  }, 60_000);

  it('gives a key its own limit and count, apart from its address; a wrong key counts as none', async () => {
    const own = (await createKey(client, { name: 'Uppsala kommun', scopes: ['write:dataset:partner-test'], rateLimit: 5 })).token;
    const standard = (await createKey(client, { name: 'Region Uppsala', scopes: ['write:dataset:partner-test'] })).token;
    await startOfWindow(5);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await ask(i % 2 ? here : there, own);
      statuses.push(response.status);
      if (response.status === 200) expect(response.headers.get('ratelimit-limit')).toBe('5');
      await response.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(5);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(6);
    const refused = await ask(here, own);
    expect(refused.status).toBe(429);
    expect((await refused.json() as { errors: { message: string }[] }).errors[0]!.message).toContain(`API key ${own.split('_')[1]}`);

    // A key without a limit of its own has the server's limit for keys (INSYN_RATE_LIMIT_KEY).
    const other = await ask(there, standard);
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit-limit')).toBe('12');
    // A key that is no key counts against the address (20), not against the key it names.
    const forged = await ask(here, `${own.slice(0, -4)}AAAA`);
    expect(forged.headers.get('ratelimit-limit')).toBe(String(LIMIT));
  }, 60_000);
});

describe('rate limit settings', () => {
  it('are on by default: 600 requests a minute per address, 3,000 per key; INSYN_RATE_LIMIT=off turns them off', () => {
    expect(serverSettingsFromEnv({}).rateLimits).toEqual({ anonymous: 600, key: 3_000, windowSeconds: 60 });
    expect(serverSettingsFromEnv({ INSYN_RATE_LIMIT: 'off' }).rateLimits).toBeNull();
    expect(() => serverSettingsFromEnv({ INSYN_RATE_LIMIT: 'lots' })).toThrow('INSYN_RATE_LIMIT must be a whole number above 0');
  });
});

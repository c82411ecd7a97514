import type {} from '@test/support/global-setup.js';
import type { ExecutionResult } from 'graphql';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ResponseCacheStore } from './response-cache-store.js';
import { createPrisma } from '../db/prisma.js';
import { createServer } from '../http/yoga.js';

/**
 * `observationExport { url }` linked to the host the request named. The response cache is
 * keyed by document and variables and shared by every client, so a cached `url` built for a
 * forged Host header would be served to everybody (cache poisoning). Links are now built from
 * the configured public URL (PUBLIC_URL, http/settings.ts), never from Host, and `url` is
 * still never cached (behind a trusted proxy it follows X-Forwarded-Host).
 * The store here keeps entries in memory (the PostgreSQL store is tested in test/scale); the
 * data still comes from the real, loaded database.
 */
function memoryStore(): ResponseCacheStore & { entries: Map<string, ExecutionResult> } {
  const entries = new Map<string, ExecutionResult>();
  return {
    entries,
    dataVersion: async () => '1',
    get: async (version, key) => entries.get(`${version}:${key}`),
    set: async (version, key, result) => void entries.set(`${version}:${key}`, JSON.parse(JSON.stringify(result)) as ExecutionResult),
    settled: async () => {},
    close: async () => {},
  };
}

const FILTER = '(filter: { indicators: ["oj-ibic-utredning"] })';

describe('response cache and the request origin', () => {
  const statements: string[] = [];
  const prisma = createPrisma(inject('databaseUrl'), { onQuery: (sql) => statements.push(sql) });
  const store = memoryStore();
  const yoga = createServer(prisma, { responseCache: store, settings: { publicUrl: 'https://insyn.example' } });
  afterAll(() => prisma.$disconnect());

  const ask = async (origin: string, selection: string) => {
    statements.length = 0;
    const response = await yoga.fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ observationExport${FILTER} { ${selection} } }` }) });
    return ((await response.json()) as { data: { observationExport: { url?: string; rowCount: number } } }).data.observationExport;
  };

  it('a forged host never makes it into a link: both answers link to the configured public URL', async () => {
    const forged = await ask('http://attacker.example', 'url rowCount');
    expect(forged.url!.startsWith('https://insyn.example/export/observations.csv?filter=')).toBe(true);
    const real = await ask('http://insyn.example', 'url rowCount');
    expect(real.url!.startsWith('https://insyn.example/export/observations.csv?filter=')).toBe(true);
    expect(real.rowCount).toBe(forged.rowCount);
    expect(statements.length).toBeGreaterThan(0);
    expect(store.entries.size).toBe(0);
  });

  it('the same filter without the link is cached as before: the second answer costs no SQL', async () => {
    const first = await ask('http://insyn.example', 'rowCount');
    expect(first.rowCount).toBeGreaterThan(0);
    expect(store.entries.size).toBe(1);
    const again = await ask('http://other.example', 'rowCount');
    expect(again).toEqual(first);
    expect(statements).toEqual([]);
  });
});

import { afterAll, describe, expect, inject, it } from 'vitest';
import { assertLoopback, fuzzLine, runFuzz } from '../../packages/server/src/http/fuzz.js';
import { createHttpApp, listen } from '../../packages/server/src/http.js';
import { createPrisma } from '../../packages/server/src/prisma.js';

/**
 * A small `npm run fuzz` in the suite: every kind of malformed request (http/fuzz.ts) against
 * a real server on the loaded database. None may be a 5xx, an INTERNAL_SERVER_ERROR or take
 * over 2 s. The full run (≥ 10,000 requests) is `npm run fuzz`; docs/hardening.md has its figures.
 */
describe('fuzz (small)', () => {
  const prisma = createPrisma(inject('databaseUrl'));
  const server = createHttpApp(prisma);
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await prisma.$disconnect();
  });

  it('600 malformed requests of every kind: no 5xx, no INTERNAL_SERVER_ERROR, none over 2 s', async () => {
    const url = await listen(server);
    const result = await runFuzz({ url, requests: 600, seconds: 120, concurrency: 4 });
    console.log(fuzzLine(result, 0, 0));
    expect(result.failures).toEqual([]);
    expect(result.requests).toBe(600);
    expect({ serverErrors: result.serverErrors, internalErrors: result.internalErrors, slow: result.slow }).toEqual({ serverErrors: 0, internalErrors: 0, slow: 0 });
  }, 150_000);

  it('sends only to this machine', () => {
    expect(() => assertLoopback('http://example.com:4000')).toThrow(/only to this machine/);
    expect(() => assertLoopback('http://127.0.0.1:4000')).not.toThrow();
  });
});

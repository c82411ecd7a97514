import { describe, expect, it } from 'vitest';
import { createRateLimiter, type RateCountStore } from './rate-limit.js';

/** The store's contract in memory (the PostgreSQL one is tested through HTTP in test/partners/rate-limits.test.ts). */
function memoryStore() {
  const counts = new Map<string, number>();
  const store: RateCountStore & { statements: number; down: boolean } = {
    statements: 0,
    down: false,
    async add(window, increments) {
      this.statements++;
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (this.down) throw new Error('connect ECONNREFUSED');
      const totals = new Map<string, number>();
      for (const [bucket, n] of increments) {
        const key = `${bucket}@${window}`;
        counts.set(key, (counts.get(key) ?? 0) + n);
        totals.set(bucket, counts.get(key)!);
      }
      return totals;
    },
    async key() {
      return undefined;
    },
    async close() {},
  };
  return store;
}

const settings = { anonymous: 100, key: 1_000, windowSeconds: 60 };
const admittedOf = async (decisions: Promise<{ admitted: boolean }>[]) => (await Promise.all(decisions)).filter((d) => d.admitted).length;

describe('the rate limiter', () => {
  it('admits exactly the limit in one window when requests come all at once, with a few statements, not one each', async () => {
    const store = memoryStore();
    const limiter = createRateLimiter(store, settings, () => 1_000);
    expect(await admittedOf(Array.from({ length: 250 }, () => limiter.take('address:10.0.0.1', 100)))).toBe(100);
    expect(store.statements).toBeLessThan(30);
    const refused = await limiter.take('address:10.0.0.1', 100);
    expect(refused).toMatchObject({ admitted: false, limit: 100, remaining: 0, reset: 59 });
    // Another bucket has its own count.
    expect((await limiter.take('address:10.0.0.2', 100)).admitted).toBe(true);
  });

  it('holds across processes sharing one store: at most the limit plus a margin (a tenth) per other process', async () => {
    const store = memoryStore();
    const a = createRateLimiter(store, settings, () => 1_000);
    const b = createRateLimiter(store, settings, () => 1_000);
    let admitted = 0;
    for (let i = 0; i < 300; i++) if ((await (i % 2 ? a : b).take('address:10.0.0.1', 100)).admitted) admitted++;
    expect(admitted).toBeGreaterThanOrEqual(100);
    expect(admitted).toBeLessThanOrEqual(110);
  });

  it('counts anew in the next window', async () => {
    const store = memoryStore();
    let now = 1_000;
    const limiter = createRateLimiter(store, settings, () => now);
    expect(await admittedOf(Array.from({ length: 120 }, () => limiter.take('k', 100)))).toBe(100);
    now += 60_000;
    expect((await limiter.take('k', 100)).admitted).toBe(true);
  });

  it('admits requests when the shared counts cannot be reached', async () => {
    const store = memoryStore();
    store.down = true;
    const limiter = createRateLimiter(store, settings, () => 1_000);
    expect(await admittedOf(Array.from({ length: 150 }, () => limiter.take('k', 100)))).toBe(150);
  });
});

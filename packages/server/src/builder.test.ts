import { describe, expect, it } from 'vitest';
import { builder, COMPLEXITY_LIMIT, MAX_PAGE_SIZE } from './builder.js';

/**
 * The builder's protective settings. Under vitest (NODE_ENV=test) a resolver that ignores
 * Pothos' `query` is an error, so every test that reaches such a field fails: the selection it
 * drops would be fetched again per row (N+1). A dev server only warns; production skips the check.
 */
describe('schema builder settings', () => {
  it('fails tests on an unused Prisma query, counts filtered connection totals, and limits depth, breadth and page size', () => {
    expect(process.env.NODE_ENV).toBe('test');
    expect(builder.options.prisma.onUnusedQuery).toBe('error');
    expect(builder.options.prisma.filterConnectionTotalCount).toBe(true);
    // The cost is estimated by http/limits.ts (page sizes multiplied, SQL per field counted), against the same limit.
    expect(COMPLEXITY_LIMIT).toEqual({ complexity: 50_000, depth: 12, breadth: 150 });
    expect(MAX_PAGE_SIZE).toBe(500);
  });
});

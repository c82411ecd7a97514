import { describe, expect, it } from 'vitest';
import { expectGraphQLError, testServer } from '@test/support/server.js';

const { execute } = testServer();

describe('long lists and long codes', () => {
  it('refuses a filter with more than 1,000 region codes before any SQL, naming the argument', async () => {
    const regions = Array.from({ length: 1_001 }, (_, i) => String(i).padStart(4, '0'));
    const result = await execute('query ($regions: [String!]) { observations(filter: { regions: $regions }, first: 1) { totalCount } }', { regions });
    // Every list argument has the same cap (http/input-checks.ts), checked before any resolver: LIST_TOO_LONG, 400.
    const error = expectGraphQLError(result, 'LIST_TOO_LONG');
    expect(error.message).toMatch(/^filter\.regions: 1001 values is more than 1000/);
    expect(result.status).toBe(400);
    expect(result.statements).toEqual([]);
  });

  it('accepts every municipality in one list (290 codes)', async () => {
    const codes = await execute('{ regions(level: MUNICIPALITY, first: 500) { edges { node { code } } } }');
    const regions = (codes.data as { regions: { edges: { node: { code: string } }[] } }).regions.edges.map((e) => e.node.code);
    expect(regions).toHaveLength(290);
    const result = await execute('query ($regions: [String!]) { observations(filter: { regions: $regions }, first: 1) { totalCount } }', { regions });
    expect(result.errors).toBeUndefined();
  });

  it('shows a long unknown code shortened in the message, whole in `input`', async () => {
    const code = 'x'.repeat(300);
    const error = expectGraphQLError(await execute('query ($code: String!) { region(code: $code) { name } }', { code }), 'UNKNOWN_REGION');
    expect(error.message).toContain(`No region with SCB code "${'x'.repeat(80)}…".`);
    expect(error.extensions?.input).toBe(code);
  });
});

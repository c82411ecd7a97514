/**
 * Which columns of `offering` a question reads (offerings.ts, the Offering type): `reachBand`
 * and `updatedAt` only when asked for, in the same one statement.
 */
import { describe, expect, it } from 'vitest';
import { expectNoGraphQLErrors, testServer } from '@test/support/server.js';

const { execute } = testServer();

const offerings = (fields: string) => `{
  offerings(intervention: "socialpsykiatri:kontaktperson", filter: { county: "03" }, first: 50) { edges { node { ${fields} } } }
}`;
const columns = (sql: string) => [...sql.slice(0, sql.indexOf(' FROM ')).matchAll(/"t0"\."([a-z_]+)"/g)].map((m) => m[1]);

describe('the columns an offering is read with', () => {
  it('who offers, in what form, reads neither the reach band nor the update time', async () => {
    const result = await execute(offerings('round form provider decision region { code }'));
    const rows = expectNoGraphQLErrors(result).offerings.edges;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every(({ node }: { node: { round: number; region: { code: string } } }) => node.round === 2022 && /^03\d\d$/.test(node.region.code))).toBe(true);
    expect(result.statements).toHaveLength(1);
    expect(columns(result.statements[0]!)).not.toEqual(expect.arrayContaining(['reach_band']));
    expect(columns(result.statements[0]!)).not.toEqual(expect.arrayContaining(['updated_at']));
  });

  it('asked for, the reach band and update time come in the same statement', async () => {
    const result = await execute(offerings('reachBand updatedAt'));
    const rows = expectNoGraphQLErrors(result).offerings.edges;
    expect(rows.every(({ node }: { node: { updatedAt: string } }) => !Number.isNaN(Date.parse(node.updatedAt)))).toBe(true);
    expect(result.statements).toHaveLength(1);
    expect(columns(result.statements[0]!)).toEqual(expect.arrayContaining(['reach_band', 'updated_at']));
  });
});

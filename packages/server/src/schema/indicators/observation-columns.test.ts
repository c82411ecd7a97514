/**
 * Which columns of `observation` a question reads (observations.ts, the Observation type): the
 * nine nearly every question needs and three that are mostly null (status reason, note, base),
 * and the others only when it asks for their fields, in the same one statement. Reading every
 * column cost a page of 50 figures a fifth more server CPU.
 */
import { describe, expect, it } from 'vitest';
import { expectNoGraphQLErrors, testServer } from '@test/support/server.js';

const { execute } = testServer();

const series = (fields: string) => `{
  timeSeries(indicator: "oj-ibic-utredning", region: "00", members: ["area:socialpsykiatri"]) { ${fields} }
}`;
/** The statement's selected columns, as `"t0"."name"`: what comes before FROM. */
const columns = (sql: string) => [...sql.slice(0, sql.indexOf(' FROM ')).matchAll(/"t0"\."([a-z_]+)"/g)].map((m) => m[1]);

describe('the columns a figure is read with', () => {
  it('a series of values reads the common columns and the mostly-null ones, not the printed text, table or update time', async () => {
    const result = await execute(series('period value status dimensionKey region { code } source { year }'));
    const data = expectNoGraphQLErrors(result);
    expect(data.timeSeries.map((o: { period: number; value: number }) => [o.period, o.value]).at(-1)).toEqual([2022, 53]);
    expect(result.statements).toHaveLength(1);
    expect(columns(result.statements[0]!).sort()).toEqual(
      ['base_n', 'dataset_code', 'dimension_key', 'id', 'indicator_code', 'note', 'period', 'region_code', 'source_code', 'status', 'status_reason', 'value'],
    );
  });

  it('the other fields read their columns in the same statement, with the figure as printed', async () => {
    const result = await execute(series('period value printed note table reading baseN statusReason updatedAt'));
    const data = expectNoGraphQLErrors(result);
    const ibic2022 = data.timeSeries.find((o: { period: number }) => o.period === 2022);
    expect(ibic2022).toMatchObject({ value: 53, reading: 'AS_PRINTED', statusReason: null });
    expect(ibic2022.printed).toMatch(/^53\b/);
    expect(ibic2022.table).toMatch(/^Tabell 2\b/);
    expect(Date.parse(ibic2022.updatedAt)).not.toBeNaN();
    expect(result.statements).toHaveLength(1);
    expect(columns(result.statements[0]!)).toEqual(expect.arrayContaining(['printed', 'note', 'locator', 'reading', 'base_n', 'status_reason', 'updated_at']));
  });
});

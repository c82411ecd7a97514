/**
 * "The county of a unit" is decided in two places that must agree: the SQL function
 * `answering_unit()` (the calibration report, SQL that has no lookup layer) and the lookup
 * layer's `units` (lookup/units.ts; offering summaries and distributions, comparisons).
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { LookupStore } from '../../packages/server/src/lookup/lookups.js';
import { createPrisma } from '../../packages/server/src/db/prisma.js';
import { loadedDatabase } from '../support/sql.js';

const { rows } = loadedDatabase();
const store = new LookupStore(createPrisma(inject('databaseUrl')));
afterAll(() => store.close());

describe('answering_unit()', () => {
  it('gives every unit the county and group the lookup layer gives it: Stockholm\'s districts in 01 with Stockholm\'s group, Malmö in 12', async () => {
    const view = await rows<{ code: string; county: string; group: string | null }>('SELECT code, county_code AS county, group_code AS "group" FROM answering_unit() ORDER BY code');
    const lookups = await store.get();
    const ts = [...lookups.units.values()].map((u) => ({ code: u.code, county: u.county, group: u.groupCode })).sort((a, b) => (a.code < b.code ? -1 : 1));
    expect(view).toEqual(ts);
    expect(view.filter((u) => u.code.startsWith('0180-')).every((u) => u.county === '01')).toBe(true);
    const bromma = view.find((u) => u.code === '0180-bromma')!;
    expect(bromma).toEqual({ code: '0180-bromma', county: '01', group: view.find((u) => u.code === '0180')!.group });
    expect(view.find((u) => u.code === '1280')).toMatchObject({ county: '12' });
  });
});

import { describe, expect, it } from 'vitest';
import { compare, rank, type Point } from './compare.js';

const point = (regionCode: string, value: number | null, status: Point['status'] = 'PUBLISHED', statusReason: string | null = null): Point => ({ id: `obs-${regionCode}`, regionCode, value, status, statusReason });

describe('rank', () => {
  // SKR 2022 Tabell 5 (äldre, enbart fysisk form), seven counties: Västra Götaland, Värmland and
  // Gävleborg 72 %, Skåne and Norrbotten 69 %, Gotland 49 %; Jämtland suppressed.
  const tabell5 = [point('25', 69), point('09', 49), point('21', 72), point('14', 72), point('12', 69), point('17', 72), point('23', null, 'SUPPRESSED', 'Bortfall')];

  it('puts the highest first, equal values share a place and the next place is skipped (72, 72, 72, 69, 69, 49: 1, 1, 1, 4, 4, 6)', () => {
    expect(rank(tabell5, false).map((e) => [e.regionCode, e.rank, e.value, e.tied])).toEqual([
      ['14', 1, 72, true], ['17', 1, 72, true], ['21', 1, 72, true], ['12', 4, 69, true], ['25', 4, 69, true], ['09', 6, 49, false],
    ]);
  });

  it('puts the lowest first when lower is better: Gotland 49 % first', () => {
    expect(rank(tabell5, true).map((e) => [e.regionCode, e.rank])).toEqual([['09', 1], ['12', 2], ['25', 2], ['14', 4], ['17', 4], ['21', 4]]);
  });

  it('gives a suppressed, missing or chart-only figure no place, and keeps the observation of each entry', () => {
    const ranked = rank([...tabell5, point('06', null, 'CHART_ONLY'), point('19', null, 'MISSING')], false);
    expect(ranked.map((e) => e.regionCode)).not.toContain('23');
    expect(ranked).toHaveLength(6);
    expect(ranked[0]).toMatchObject({ regionCode: '14', observationId: 'obs-14' });
  });
});

describe('compare', () => {
  it('gives the difference in percentage points from the region (Tabell 7: Uppsala 55 %, Riket 71 %: +16)', () => {
    const entries = compare({ regionCode: '03', period: 2022, chain: ['03', '00'], points: [point('03', 55), point('00', 71)], dimensionKey: 'area=aldre;provider=municipal_only' });
    expect(entries.map((e) => [e.role, e.regionCode, e.value, e.difference])).toEqual([['REGION', '03', 55, null], ['COUNTRY', '00', 71, 16]]);
  });

  it("a municipality against its county, Riket and its group (Stockholm's 2013 inventory: 3596 persons, no county or Riket figure, A1's mean over Stockholm alone)", () => {
    const entries = compare({ regionCode: '0180', period: 2013, chain: ['0180', '01', '00'], group: { code: 'A1', members: ['0180', '1480', '1280'] }, points: [point('0180', 3596)], dimensionKey: null });
    expect(entries.map((e) => [e.role, e.regionCode ?? e.groupCode, e.status, e.value, e.difference])).toEqual([
      ['REGION', '0180', 'PUBLISHED', 3596, null], ['COUNTY', '01', 'MISSING', null, null], ['COUNTRY', '00', 'MISSING', null, null], ['MUNICIPALITY_GROUP', 'A1', 'PUBLISHED', 3596, 0],
    ]);
    expect(entries[1]!.statusReason).toBe('The sources give no figure for 01 in 2013.');
    expect(entries[3]!.municipalitiesCounted).toBe(1);
  });

  // The arithmetic alone, on made-up values.
  it('the group mean is over the members with a published figure, rounded to three decimals; none published is MISSING', () => {
    const mean = compare({ regionCode: '1280', period: 2022, chain: ['1280'], group: { code: 'A1', members: ['0180', '1480', '1280'] }, points: [point('0180', 70), point('1480', 71), point('1280', 69)], dimensionKey: null });
    expect(mean.at(-1)).toMatchObject({ value: 70, municipalitiesCounted: 3, difference: 1 });
    const thirds = compare({ regionCode: '1280', period: 2022, chain: ['1280'], group: { code: 'A1', members: ['0180', '1480'] }, points: [point('0180', 1), point('1480', 1.5), point('1280', 1)], dimensionKey: null });
    expect(thirds.at(-1)).toMatchObject({ value: 1.25, difference: 0.25 });
    const none = compare({ regionCode: '1280', period: 2022, chain: ['1280'], group: { code: 'A1', members: ['0180', '1480', '1280'] }, points: [], dimensionKey: 'area=aldre' });
    expect(none.at(-1)).toMatchObject({ status: 'MISSING', value: null, municipalitiesCounted: 0, statusReason: 'None of the 3 municipalities of group A1 has a published figure for 2022.' });
    expect(none[0]!.statusReason).toBe('The sources give no figure for 1280 in 2022 (area=aldre).');
  });

  it("leaves a district's municipality out: Bromma against Stockholms län and Riket (made-up values)", () => {
    const entries = compare({ regionCode: '0180-bromma', period: 2022, chain: ['0180-bromma', '0180', '01', '00'], points: [point('0180-bromma', 10), point('0180', 12), point('01', 11), point('00', 9.5)], dimensionKey: null });
    expect(entries.map((e) => [e.role, e.regionCode, e.difference])).toEqual([['REGION', '0180-bromma', null], ['COUNTY', '01', 1], ['COUNTRY', '00', -0.5]]);
  });
});

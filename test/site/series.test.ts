/**
 * lib/series.ts: what the indicator explorer and the municipality profile draw from the API's
 * observations, on figures from the seed reports (IBIC in social psychiatry investigations,
 * Öppna jämförelser 2022 Tabell 2; SKR 2022 Tabell 6 and 7, äldre per provider).
 */
import { describe, expect, it } from 'vitest';
import {
  barRows, byRegion, cell, countyRanges, crossKeys, crossTable, figureChoices, figureRow, isStacked, lineSeries, memberOrder, orderedFigures, periodsOf, reasonsOf, regionCount, seriesTable, singleYearRows, type RegionFigure,
} from '../../apps/docs/.vitepress/theme/lib/series.js';

const member = (id: string, labelSv: string) => ({ id, labelSv });
const socialpsykiatri = member('area:socialpsykiatri', 'Socialpsykiatri');
const PROVIDERS = [member('provider:municipal_only', 'Enbart kommunal regi'), member('provider:municipal_and_private', 'Kommunal och enskild regi'), member('provider:private_only', 'Enbart enskild regi'), member('provider:unknown', 'Vet ej')];
const order = memberOrder([{ members: [member('area:aldre', 'Äldre'), socialpsykiatri] }, { members: PROVIDERS }]);
const OMIT = ['area', 'statistic'];

/** oj-ibic-utredning for Riket, socialpsykiatri, 2017–2022 (Tabell 2). */
const ibic = [8, 13, 22, 37, 43, 53].map((value, i) => ({ period: 2017 + i, value, printed: String(value), status: 'PUBLISHED', dimensionKey: 'area=socialpsykiatri', members: [socialpsykiatri] }));
/** oj-ips-erbjuds 2022: "spridningen är mellan 10 och 63 procent" between the counties. */
const ipsRange = [
  { period: 2022, value: 10, printed: '10', status: 'PUBLISHED', dimensionKey: 'area=socialpsykiatri;statistic=county_min', members: [socialpsykiatri, member('statistic:county_min', 'Lägsta län')] },
  { period: 2022, value: 63, printed: '63 procent', status: 'PUBLISHED', dimensionKey: 'area=socialpsykiatri;statistic=county_max', members: [socialpsykiatri, member('statistic:county_max', 'Högsta län')] },
];

/** skr-provider-share, äldre, 2022 (Tabell 6 for Riket, Tabell 7 for the counties), in the table's column order. */
function providerShares(code: string, name: string, shares: [number, number, number, number]): RegionFigure[] {
  return PROVIDERS.map((m, i) => ({ period: 2022, value: shares[i]!, printed: `${shares[i]}%`, status: 'PUBLISHED', dimensionKey: `area=aldre;${m.id.replace(':', '=')}`, members: [member('area:aldre', 'Äldre'), m], region: { code, name } }));
}
const riket = providerShares('00', 'Riket', [71, 23, 2, 4]);
const stockholm = providerShares('01', 'Stockholms län', [39, 49, 8, 4]);
const uppsala = { period: 2022, value: null, printed: null, status: 'SUPPRESSED', statusReason: 'Bortfall över 20 procent', dimensionKey: 'area=aldre;provider=municipal_only', members: [member('area:aldre', 'Äldre'), PROVIDERS[0]!], region: { code: '03', name: 'Uppsala län' } };
// Shuffled, as a page of the API need not be in member order.
const cross = [...[...stockholm].reverse(), ...riket];

describe('a series over time', () => {
  it('IBIC in social psychiatry: one line, 8 % in 2017 to 53 % in 2022, the area left out of its label', () => {
    const [line, ...more] = lineSeries(ibic, OMIT, 'PERCENT', order);
    expect(more).toEqual([]);
    expect(line).toMatchObject({ key: 'total', label: 'Total', color: '#1d4e89' });
    expect(line!.points.map((p) => [p.x, p.y, p.text])).toEqual([[2017, 8, '8'], [2018, 13, '13'], [2019, 22, '22'], [2020, 37, '37'], [2021, 43, '43'], [2022, 53, '53']]);
    expect(periodsOf(ibic)).toEqual([2017, 2018, 2019, 2020, 2021, 2022]);
  });

  it('shows each year as a table row, and a county range (IPS: 10 to 63 procent) beside, not as a line', () => {
    const observations = [...ibic.filter((o) => o.period === 2022), ...ipsRange];
    const lines = lineSeries(observations, OMIT, 'PERCENT', order);
    expect(lines.map((l) => l.key)).toEqual(['total']);
    expect(seriesTable(observations, lines, OMIT, 'PERCENT')).toEqual([{ period: 2022, cells: ['53'] }]);
    expect(countyRanges(observations, OMIT, 'PERCENT')).toEqual([{ period: 2022, label: 'Total', min: '10', max: '63 procent' }]);
    // One year only: drawn as bars.
    expect(singleYearRows(lines)).toEqual([{ key: 'total', label: 'Total', segments: [{ key: 'value', value: 53, text: '53' }], note: '53' }]);
  });
});

describe('the counties in one year', () => {
  it("orders the providers as SKR's table does and stacks them (71 + 23 + 2 + 4 = 100 %)", () => {
    const keys = crossKeys(cross, OMIT, order);
    expect(keys.map((k) => k.label)).toEqual(['Enbart kommunal regi', 'Kommunal och enskild regi', 'Enbart enskild regi', 'Vet ej']);
    expect(isStacked(keys, byRegion(cross), 'PERCENT')).toBe(true);
    expect(isStacked(keys.slice(0, 1), byRegion(cross), 'PERCENT')).toBe(false);
  });

  it('draws Riket (emphasised) and Stockholms län as stacked bars: 39 % municipal only in Stockholms län', () => {
    const keys = crossKeys(cross, OMIT, order);
    const rows = barRows([{ code: '00', name: 'Riket' }, { code: '01', name: 'Stockholms län' }], byRegion(cross), keys, OMIT, 'PERCENT');
    expect(rows.map((r) => [r.label, r.emphasis, r.segments.map((s) => s.value)])).toEqual([['Riket', true, [71, 23, 2, 4]], ['Stockholms län', false, [39, 49, 8, 4]]]);
    expect(rows[1]!.segments[0]).toEqual({ key: 'provider=municipal_only', value: 39, text: '39%' });
  });

  it('says why a county has no bar: withheld (*) or not published at all', () => {
    const observations = [...cross, uppsala];
    const keys = crossKeys(observations, OMIT, order).slice(0, 1);
    const regions = [{ code: '01', name: 'Stockholms län' }, { code: '03', name: 'Uppsala län' }, { code: '04', name: 'Södermanlands län' }];
    expect(barRows(regions, byRegion(observations), keys, OMIT, 'PERCENT').map((r) => [r.label, r.segments.length, r.note])).toEqual([
      ['Stockholms län', 1, 'Not published in the source'],
      ['Uppsala län', 0, 'Suppressed * (redovisas inte)'],
      ['Södermanlands län', 0, 'Not published in the source'],
    ]);
    expect(crossTable(regions, byRegion(observations), keys, OMIT, 'PERCENT')).toEqual([
      { code: '01', name: 'Stockholms län', cells: ['39%'], status: 'Published' },
      { code: '03', name: 'Uppsala län', cells: ['Suppressed *'], status: 'Suppressed (redovisas inte): Bortfall över 20 procent' },
      { code: '04', name: 'Södermanlands län', cells: ['–'], status: 'Not published in the source' },
    ]);
    expect(reasonsOf(observations, ['SUPPRESSED', 'MISSING'])).toEqual([{ reason: 'Bortfall över 20 procent', regions: ['Uppsala län'] }]);
    expect([regionCount(observations, 'PUBLISHED'), regionCount(observations, 'SUPPRESSED')]).toEqual([2, 1]);
    expect(cell({ ...uppsala, status: 'CHART_ONLY' }, 'PERCENT')).toBe('In chart only †');
  });
});

describe("a profile's figures", () => {
  const source = { title: 'Kartläggning av socialtjänstens insatser 2022', year: 2022 };
  const figures = stockholm.map((o, i) => ({ ...o, id: `o${i}`, table: 'Tabell 7', indicator: { code: 'skr-provider-share', titleSv: 'Andel insatser per regi', unit: 'PERCENT' }, source }));

  it('lists them by indicator, then series key, each row with its value and table', () => {
    const rows = orderedFigures(figures).map(figureRow);
    expect(rows.map((r) => [r.series, r.value])).toEqual([['Äldre, Kommunal och enskild regi', '49%'], ['Äldre, Enbart kommunal regi', '39%'], ['Äldre, Enbart enskild regi', '8%'], ['Äldre, Vet ej', '4%']]);
    expect(rows[0]!.source).toBe('Kartläggning av socialtjänstens insatser 2022 (2022), Tabell 7');
  });

  it('offers each published series once for the county map', () => {
    const choices = figureChoices([...figures, ...figures]);
    expect(choices.map((c) => c.label)).toEqual(['Andel insatser per regi, Äldre, Enbart kommunal regi (2022)', 'Andel insatser per regi, Äldre, Kommunal och enskild regi (2022)', 'Andel insatser per regi, Äldre, Enbart enskild regi (2022)', 'Andel insatser per regi, Äldre, Vet ej (2022)']);
    expect(choices[0]!.figure.value).toBe(39);
  });
});

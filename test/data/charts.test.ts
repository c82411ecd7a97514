/**
 * "No figure" says which kind (issue 9, class 9). A figure the source publishes only as a chart
 * whose values the text of the document lacks (the seeds are extracted text: bars come out as
 * nothing) is held as CHART_ONLY, with the chart as its locator and no value; MISSING is kept
 * for what the source itself prints as no figure ("-"); a region with no row at all is one the
 * sources publish nothing for. Every per-county (or per-group) chart of the seeds is read from
 * the seed text here, and each of its regions is checked.
 */
import { describe, expect, it } from 'vitest';
import { loadedDatabase } from '@test/support/sql.js';
import { readData, seedOf } from './support/seed-text.js';

const { rows } = loadedDatabase();

interface Row { indicator_code: string; region_code: string; period: number; dimension_key: string; value: number | null; printed: string | null; status: string; status_reason: string | null; locator: string }
const figures = (where: string, params: unknown[] = []) => rows<Row>(
  `SELECT indicator_code, region_code, period, dimension_key, value, printed, status, status_reason, locator FROM observation WHERE dataset_code = 'published' AND ${where} ORDER BY indicator_code, dimension_key, region_code`, params);

const counties = readData('reference/counties.csv');
const countyCodes = counties.map((c) => c.county_code!).sort();
const codeOf = (shortName: string) => counties.find((c) => c.county_name_short === shortName)?.county_code ?? `unknown county ${shortName}`;
/** "Västmanland, Jönköping och Västernorrland" as county codes. */
const countyList = (text: string) => text.split(/, | och /).map((n) => codeOf(n.trim())).sort();
const flat = (text: string) => text.replace(/\s+/g, ' ');

const AREAS: Record<string, string> = {
  'äldre': 'aldre', 'barn och unga': 'barn-och-unga', funktionshinder: 'funktionshinder',
  'missbruk och beroende': 'missbruk-och-beroende', socialpsykiatri: 'socialpsykiatri', 'våld i nära relationer': 'vald-i-nara-relationer',
};

describe('figures published only as a chart', () => {
  it('ÖJ 2021 LSS Figur 1: the counties its footnote names are suppressed, the other 18 are bars whose values the text lacks', async () => {
    const seed = flat(seedOf('oj-2021-lss').raw);
    const footnote = /\* För länen (.+?) saknas uppgift genom bortfall/.exec(seed)!;
    const suppressed = countyList(footnote[1]!);
    expect(suppressed).toEqual(['06', '19', '22']);
    const held = await figures(`indicator_code = 'oj-lss-handlaggare-socionomexamen' AND period = 2021 AND region_code <> '00'`);
    expect(held.map((o) => o.region_code).sort()).toEqual(countyCodes);
    expect(held.filter((o) => o.status === 'SUPPRESSED').map((o) => o.region_code).sort()).toEqual(suppressed);
    const chartOnly = held.filter((o) => o.status === 'CHART_ONLY');
    expect(chartOnly.map((o) => o.region_code).sort()).toEqual(countyCodes.filter((c) => !suppressed.includes(c)));
    expect(chartOnly).toHaveLength(18);
    expect(new Set(held.map((o) => o.locator))).toEqual(new Set(['Figur 1']));
  });

  it('ÖJ 2022 socialpsykiatri Figur 1: every county is in the chart; the three the text names are bars', async () => {
    const seed = flat(seedOf('oj-2022-socialpsykiatri').raw);
    const named = countyList(/(\p{Lu}\p{L}+(?:, \p{Lu}\p{L}+)* och \p{Lu}\p{L}+) är de län som erbjuder insatsen i störst utsträckning/u.exec(seed)![1]!);
    expect(named).toEqual(['01', '03', '04']);
    const held = await figures(`indicator_code = 'oj-ips-erbjuds' AND period = 2022 AND region_code <> '00' AND dimension_key = 'area=socialpsykiatri'`);
    expect(held.map((o) => [o.region_code, o.status, o.locator])).toEqual(countyCodes.map((c) => [c, 'CHART_ONLY', 'Figur 1']));
    expect(held.filter((o) => o.status_reason!.startsWith('Shown as a bar')).map((o) => o.region_code)).toEqual(named);
  });

  it('SKR: each area\'s chart of the mean number offered per county has all 21 counties as bars (Figur 2, 6, 10, 14, 18, 22)', async () => {
    const seed = flat(seedOf('skr-2022-insatser').raw);
    const charts = [...seed.matchAll(/Figur (\d+): Genomsnittligt antal insatser inom (?:området )?([\p{L} ]+?) som ges i respektive kommun uppdelat på län/gu)].map((m) => [Number(m[1]), AREAS[m[2]!]] as const);
    expect(charts).toEqual([[2, 'aldre'], [6, 'barn-och-unga'], [10, 'funktionshinder'], [14, 'missbruk-och-beroende'], [18, 'socialpsykiatri'], [22, 'vald-i-nara-relationer']]);
    for (const [n, area] of charts) {
      const held = await figures(`indicator_code = 'skr-mean-offered' AND region_code <> '00' AND dimension_key = $1`, [`area=${area}`]);
      expect(held.map((o) => [o.region_code, o.status, o.locator]), `Figur ${n}`).toEqual(countyCodes.map((c) => [c, 'CHART_ONLY', `Figur ${n}`]));
    }
  });

  it('SKR: each area\'s chart per main group holds a figure for both groups the text names, from the text where it gives one, else as a bar (Figur 3, 7, 11, 15, 19, 23)', async () => {
    const seed = flat(seedOf('skr-2022-insatser').raw);
    const charts = [...seed.matchAll(/Figur (\d+): Genomsnittligt antal insatser inom (?:området )?([\p{L} ]+?) som ges i respektive kommun uppdelat på huvudgrupp/gu)].map((m) => [Number(m[1]), AREAS[m[2]!]!] as const);
    expect(charts.map(([n]) => n)).toEqual([3, 7, 11, 15, 19, 23]);
    const groups = readData('seeds/skr-2022-insatser/dimensions.csv').filter((d) => d.dimension === 'skr_municipality_group').map((d) => d.member!);
    expect(groups).toEqual(['large_cities_and_near', 'smaller_towns_and_rural']);
    for (const [n, area] of charts) {
      for (const group of groups) {
        const held = await figures(`indicator_code = 'skr-mean-offered' AND region_code = '00' AND dimension_key = $1`, [`area=${area};skr_municipality_group=${group}`]);
        expect(held, `Figur ${n} ${group}`).toHaveLength(1);
        const [o] = held;
        expect(o!.locator.split('; ')).toContain(`Figur ${n}`);
        expect(o!.status === 'PUBLISHED' ? o!.locator.startsWith('text: ') && o!.value !== null : o!.status === 'CHART_ONLY').toBe(true);
      }
    }
  });

  it('every chart-only figure has no value, names its chart, and quotes the chart\'s caption as printed after its number', async () => {
    const chartOnly = await figures(`status = 'CHART_ONLY'`);
    expect(chartOnly).toHaveLength(18 + 21 + 6 * 21 + 4 * 2);
    const source = await rows<{ indicator_code: string; source_code: string }>(`SELECT DISTINCT indicator_code, source_code FROM observation WHERE status = 'CHART_ONLY'`);
    const wrong = chartOnly.filter((o) => {
      const figure = /^Figur (\d+)$/.exec(o.locator);
      const caption = /"([^"]+)"/.exec(o.status_reason ?? '')?.[1];
      const seed = seedOf(source.find((s) => s.indicator_code === o.indicator_code)!.source_code);
      return o.value !== null || o.printed !== null || !figure || !caption || !(seed.has(`Figur ${figure[1]}. ${caption}`) || seed.has(`Figur ${figure[1]}: ${caption}`));
    });
    expect(wrong.map((o) => `${o.indicator_code} ${o.region_code} ${o.dimension_key}: ${o.locator}`)).toEqual([]);
  });

  it('MISSING is what the source prints as no figure: each missing figure is printed "-"', async () => {
    const missing = await figures(`status = 'MISSING'`);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.filter((o) => o.printed !== '-')).toEqual([]);
  });
});

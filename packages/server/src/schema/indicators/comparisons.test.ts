import { describe, expect, it } from 'vitest';
import { graphql } from '@test/gql/index.js';
import { expectGraphQLError, expectNoGraphQLErrors, testServer } from '@test/support/server.js';
import { loadedDatabase } from '@test/support/sql.js';

const { execute } = testServer();
const { rows } = loadedDatabase();

const Ranking = graphql(`
  query ComparisonsTestRanking($indicator: String!, $period: Int!, $level: RegionLevel!, $members: [String!]) {
    ranking(indicator: $indicator, period: $period, level: $level, members: $members) {
      order dimensionKey
      entries { rank tied value region { code shortName } observation { printed reading table } }
      withheld { region { code shortName } status statusReason }
      regionsWithoutFigure { code }
    }
  }
`);

const Comparison = graphql(`
  query ComparisonsTestComparison($indicator: String!, $region: String!, $period: Int!, $members: [String!]) {
    comparison(indicator: $indicator, region: $region, period: $period, members: $members) {
      dimensionKey
      entries { role value status differenceFromRegion municipalitiesCounted region { code } group { code } observation { table } }
    }
  }
`);

const ELDERLY_PHYSICAL = ['area:aldre', 'form:physical_only'];
const ELDERLY_MUNICIPAL = ['area:aldre', 'provider:municipal_only'];

describe('ranking', () => {
  it('ranks Örebro by its reading of a misprint, flagged: "875" read as 87 %, not first at 875 (SKR Tabell 39, socialpsykiatri, kommunal regi)', async () => {
    const ranking = expectNoGraphQLErrors(await execute(Ranking, { indicator: 'skr-provider-share', period: 2022, level: 'COUNTY', members: ['area:socialpsykiatri', 'provider:municipal_only'] })).ranking;
    const orebro = ranking.entries.find((e) => e.region.code === '18')!;
    expect(orebro).toMatchObject({ value: 87, observation: { printed: '875', reading: 'MISPRINT_READ', table: 'Tabell 39' } });
    expect(ranking.entries[0]!.region.code).not.toBe('18');
    expect(Math.max(...ranking.entries.map((e) => e.value))).toBeLessThanOrEqual(100);
    expect(ranking.entries.filter((e) => e.observation.reading !== 'AS_PRINTED').map((e) => e.region.code)).toEqual(['18']);
  });

  it('shares a rank between equal values (SKR 2022, Tabell 5: 82, 76, 73, 72, 72, 72, 70)', async () => {
    const data = expectNoGraphQLErrors(await execute(Ranking, { indicator: 'skr-form-share', period: 2022, level: 'COUNTY', members: ELDERLY_PHYSICAL }));
    const top = data.ranking.entries.slice(0, 7).map((e) => [e.rank, e.value, e.tied]);
    expect(top).toEqual([[1, 82, false], [2, 76, false], [3, 73, false], [4, 72, true], [4, 72, true], [4, 72, true], [7, 70, false]]);
    // Ties are listed by region code: Västra Götaland (14), Värmland (17), Gävleborg (21).
    expect(data.ranking.entries.slice(3, 6).map((e) => e.region.shortName)).toEqual(['Västra Götaland', 'Värmland', 'Gävleborg']);
    // Norrbotten and Skåne share 8th with 69 %; the last is Gotland with 49 %.
    expect(data.ranking.entries.filter((e) => e.rank === 8).map((e) => e.region.shortName).sort()).toEqual(['Norrbotten', 'Skåne']);
    expect(data.ranking.entries.at(-1)).toMatchObject({ rank: 21, value: 49, region: { shortName: 'Gotland' } });
    expect(data.ranking).toMatchObject({ order: 'DESCENDING', dimensionKey: 'area=aldre;form=physical_only', withheld: [], regionsWithoutFigure: [] });
  });

  it('lists suppressed and chart-only counties apart instead of dropping them (LSS 2021 social work degree)', async () => {
    const data = expectNoGraphQLErrors(await execute(Ranking, { indicator: 'oj-lss-handlaggare-socionomexamen', period: 2021, level: 'COUNTY' }));
    const suppressed = data.ranking.withheld.filter((w) => w.status === 'SUPPRESSED');
    expect(suppressed.map((w) => w.region.code)).toEqual(['06', '19', '22']);
    expect(suppressed.every((w) => /överstiger 20 procent/.test(w.statusReason ?? ''))).toBe(true);
    // Figur 1 draws the other 18 as bars whose values the text lacks: CHART_ONLY, not "no figure".
    expect(data.ranking.withheld.filter((w) => w.status === 'CHART_ONLY')).toHaveLength(21 - 3);
    expect(data.ranking.regionsWithoutFigure).toEqual([]);
    expect(data.ranking.entries).toEqual([]);
  });

  it('asks which series to rank when the indicator has several', async () => {
    const error = expectGraphQLError(await execute(Ranking, { indicator: 'skr-form-share', period: 2022, level: 'COUNTY', members: ['area:aldre'] }), 'AMBIGUOUS_SERIES');
    expect(error.message).toMatch(/Pick one with `members`/);
    expect(error.extensions?.series).toEqual(expect.arrayContaining(['area=aldre;form=physical_only', 'area=aldre;form=digital_only']));
  });

  it('refuses a misspelt indicator with suggestions', async () => {
    const error = expectGraphQLError(await execute(Ranking, { indicator: 'skr-form-shares', period: 2022, level: 'COUNTY', members: ELDERLY_PHYSICAL }), 'UNKNOWN_INDICATOR');
    expect(error.extensions?.suggestions).toContain('skr-form-share');
  });
});

describe('comparison', () => {
  it('compares a county with Riket, with the difference in percentage points (Tabell 7: Uppsala 55, Riket 71)', async () => {
    const data = expectNoGraphQLErrors(await execute(Comparison, { indicator: 'skr-provider-share', region: '03', period: 2022, members: ELDERLY_MUNICIPAL }));
    expect(data.comparison.entries.map((e) => [e.role, e.region?.code, e.value, e.differenceFromRegion])).toEqual([
      ['REGION', '03', 55, null],
      ['COUNTRY', '00', 71, 16],
    ]);
    expect(data.comparison.entries[0]!.observation?.table).toBe('Tabell 7');
  });

  it('compares a municipality with its county, Riket and its SKR group, saying what is missing', async () => {
    // SKR publishes counties only: Malmö has no figure of its own, Skåne 81 %, Riket 71 %.
    const data = expectNoGraphQLErrors(await execute(Comparison, { indicator: 'skr-provider-share', region: '1280', period: 2022, members: ELDERLY_MUNICIPAL }));
    expect(data.comparison.entries.map((e) => [e.role, e.region?.code ?? e.group?.code, e.status, e.value, e.differenceFromRegion])).toEqual([
      ['REGION', '1280', 'MISSING', null, null],
      ['COUNTY', '12', 'PUBLISHED', 81, null],
      ['COUNTRY', '00', 'PUBLISHED', 71, null],
      ['MUNICIPALITY_GROUP', 'A1', 'MISSING', null, null],
    ]);
    expect(data.comparison.entries[3]!.municipalitiesCounted).toBe(0);
  });

  it("computes the group mean from the group's published municipal figures (Stockholm 2013 inventory)", async () => {
    // Only Stockholm (A1) publishes this figure, so the A1 mean is Stockholm's own value, over one municipality.
    const data = expectNoGraphQLErrors(await execute(Comparison, { indicator: 'sthlm-inventoried-persons', region: '0180', period: 2013 }));
    const [own, , , group] = data.comparison.entries;
    expect(own).toMatchObject({ role: 'REGION', status: 'PUBLISHED', value: 3596 });
    expect(group).toMatchObject({ role: 'MUNICIPALITY_GROUP', group: { code: 'A1' }, value: 3596, municipalitiesCounted: 1, differenceFromRegion: 0 });
    expect(data.comparison.entries.map((e) => e.role)).toEqual(['REGION', 'COUNTY', 'COUNTRY', 'MUNICIPALITY_GROUP']);
  });

  it('refuses an unknown region with the nearest codes', async () => {
    const error = expectGraphQLError(await execute(Comparison, { indicator: 'skr-provider-share', region: '0189', period: 2022, members: ELDERLY_MUNICIPAL }), 'UNKNOWN_REGION');
    expect(error.extensions?.suggestions).toEqual(expect.arrayContaining(['0180']));
  });
});

describe('one exact series', () => {
  it('comparison picks the series its members name exactly, not the county minimum and maximum beside it (Örebro, socialpsykiatri, kommunal regi: Riket 78 %, Tabell 38)', async () => {
    const comparison = expectNoGraphQLErrors(await execute(Comparison, { indicator: 'skr-provider-share', region: '18', period: 2022, members: ['area:socialpsykiatri', 'provider:municipal_only'] })).comparison;
    expect(comparison.dimensionKey).toBe('area=socialpsykiatri;provider=municipal_only');
    expect(comparison.entries.find((e) => e.role === 'COUNTRY')).toMatchObject({ value: 78, observation: { table: expect.stringContaining('Tabell 38') } });
    expect(comparison.entries.find((e) => e.role === 'REGION')).toMatchObject({ value: 87 });
  });

  it('every series printed beside a county minimum and maximum compares without AMBIGUOUS_SERIES, with Riket\'s own figure', async () => {
    // Each Riket series that has statistic:county_min/max variants, as the data holds them.
    const series = await rows<{ indicator: string; period: number; key: string; value: number | null }>(`
      SELECT DISTINCT o.indicator_code AS indicator, o.period, o.dimension_key AS key, o.value FROM observation o
      WHERE o.region_code = '00' AND o.dimension_key NOT LIKE '%statistic=%' AND EXISTS (
        SELECT 1 FROM observation v WHERE v.indicator_code = o.indicator_code AND v.period = o.period AND v.region_code = '00'
          AND regexp_replace(v.dimension_key, ';?statistic=county_m(in|ax)', '') = o.dimension_key AND v.dimension_key LIKE '%statistic=%')
      ORDER BY 1, 2, 3`);
    expect(series.length).toBeGreaterThan(5);
    for (const s of series) {
      const members = s.key ? s.key.split(';').map((pair) => pair.replace('=', ':')) : [];
      const result = await execute(Comparison, { indicator: s.indicator, region: '01', period: s.period, members });
      const comparison = expectNoGraphQLErrors(result).comparison;
      expect({ ...s, got: comparison.entries.find((e) => e.role === 'COUNTRY')?.value ?? null }).toEqual({ ...s, got: s.value });
    }
  });

  it('timeSeries with exactMembers gives only the series named, not the county minimum and maximum', async () => {
    const ask = (exactMembers: boolean) => execute(`{ timeSeries(indicator: "skr-provider-share", region: "00", members: ["area:socialpsykiatri", "provider:municipal_only"], exactMembers: ${exactMembers}) { period value dimensionKey } }`);
    const loose = expectNoGraphQLErrors(await ask(false)).timeSeries as { value: number; dimensionKey: string }[];
    expect(new Set(loose.map((p) => p.dimensionKey)).size).toBe(3);
    const exact = expectNoGraphQLErrors(await ask(true)).timeSeries as { value: number; dimensionKey: string }[];
    expect(exact).toEqual([{ period: 2022, value: 78, dimensionKey: 'area=socialpsykiatri;provider=municipal_only' }]);
  });

  it('observations with exactMembers and no members give the series without dimensions (LSS 2021: Riket 82 %)', async () => {
    const data = expectNoGraphQLErrors(await execute('{ observations(filter: { indicators: ["oj-lss-handlaggare-socionomexamen"], regions: ["00"], exactMembers: true }, first: 10) { totalCount edges { node { value dimensionKey } } } }'));
    expect(data.observations.edges.map((e: { node: unknown }) => e.node)).toEqual([{ value: 82, dimensionKey: '' }]);
  });
});

const Compare = graphql(`
  query ComparisonsTestReasons($indicator: String!, $region: String!, $period: Int!, $members: [String!]) {
    comparison(indicator: $indicator, region: $region, period: $period, members: $members) {
      entries { role value status statusReason region { code } group { code } municipalitiesCounted }
    }
  }
`);

describe('comparison entries say why there is no value', () => {
  it('tells "no figure in the sources" apart from a published figure (SKR 2022 Tabell 7: Stockholms län 39, Riket 71)', async () => {
    const data = expectNoGraphQLErrors(await execute(Compare, { indicator: 'skr-provider-share', region: '0180', period: 2022, members: ['area:aldre', 'provider:municipal_only'] }));
    const byRole = Object.fromEntries(data.comparison.entries.map((e) => [e.role, e]));
    expect(byRole.REGION).toMatchObject({ value: null, status: 'MISSING', statusReason: 'The sources give no figure for 0180 in 2022 (area=aldre;provider=municipal_only).' });
    expect(byRole.COUNTY).toMatchObject({ value: 39, status: 'PUBLISHED', statusReason: null });
    expect(byRole.COUNTRY).toMatchObject({ value: 71, status: 'PUBLISHED', statusReason: null });
    expect(byRole.MUNICIPALITY_GROUP).toMatchObject({ value: null, status: 'MISSING', municipalitiesCounted: 0 });
    expect(byRole.MUNICIPALITY_GROUP!.statusReason).toMatch(/^None of the \d+ municipalities of group \w+ has a published figure for 2022\.$/);
  });

  it('passes the source\'s own words for a suppressed county (LSS 2021, Figur 1: Jönköping)', async () => {
    const data = expectNoGraphQLErrors(await execute(Compare, { indicator: 'oj-lss-handlaggare-socionomexamen', region: '06', period: 2021, members: null }));
    const own = data.comparison.entries.find((e) => e.role === 'REGION')!;
    expect(own).toMatchObject({ status: 'SUPPRESSED', value: null });
    expect(own.statusReason).toMatch(/andelen kommuner som inte har svarat överstiger 20 procent/);
    // Riket has three 2021 figures: 82 % (no dimensions) and the county max 94 / min 65. Asked
    // without members, the plain figure is meant; the others are picked with `statistic:`.
    expect(data.comparison.entries.find((e) => e.role === 'COUNTRY')).toMatchObject({ value: 82, status: 'PUBLISHED' });
    const max = expectNoGraphQLErrors(await execute(Compare, { indicator: 'oj-lss-handlaggare-socionomexamen', region: '06', period: 2021, members: ['statistic:county_max'] }));
    expect(max.comparison.entries.find((e) => e.role === 'COUNTRY')).toMatchObject({ value: 94 });
  });
});

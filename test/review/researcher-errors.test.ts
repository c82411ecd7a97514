import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { graphql } from '@test/gql/index.js';
import { expectGraphQLError, expectNoGraphQLErrors, testServer } from '@test/support/server.js';

// What a researcher typing in GraphiQL gets wrong, and what the API must say instead of an
// empty answer or "Unexpected error.".
const { execute, yoga } = testServer();

const Series = graphql(`
  query ReviewSeries($indicator: String!, $region: String!, $members: [String!]) {
    timeSeries(indicator: $indicator, region: $region, members: $members) { period value }
  }
`);
const Cross = graphql(`
  query ReviewCross($indicator: String!, $period: Int!, $level: RegionLevel!, $members: [String!]) {
    crossSection(indicator: $indicator, period: $period, level: $level, members: $members) { value region { code } }
  }
`);
const Rank = graphql(`
  query ReviewRank($indicator: String!, $period: Int!, $level: RegionLevel!, $members: [String!]) {
    ranking(indicator: $indicator, period: $period, level: $level, members: $members) { entries { rank } }
  }
`);
const Obs = graphql(`
  query ReviewObservations($filter: ObservationFilter!) {
    observations(filter: $filter, first: 5) { totalCount edges { node { value } } }
  }
`);
const IndicatorsBySource = graphql(`
  query ReviewIndicatorsBySource($source: String!) {
    indicators(filter: { source: $source }) { totalCount }
  }
`);
const Distribution = graphql(`
  query ReviewDistribution($round: Int) {
    offeringDistribution(area: "aldre", dimension: FORM, groupBy: COUNTRY, round: $round) { key total }
  }
`);
const Summary = graphql(`
  query ReviewSummary($code: String!, $round: Int) {
    region(code: $code) { offeringSummary(round: $round) { area { code } offeredCount } }
  }
`);

describe('a member of a dimension the indicator does not have', () => {
  it('is an INVALID_FILTER naming the dimensions it has, not an empty series', async () => {
    const error = expectGraphQLError(await execute(Series, { indicator: 'oj-ibic-utredning', region: '00', members: ['form:digital_only'] }), 'INVALID_FILTER');
    expect(error.message).toMatch(/oj-ibic-utredning is broken down by area, not by form/);
    expect(error.extensions).toMatchObject({ input: 'form:digital_only', dimensions: ['area'] });
    expectGraphQLError(await execute(Cross, { indicator: 'oj-ibic-utredning', period: 2022, level: 'COUNTRY', members: ['form:digital_only'] }), 'INVALID_FILTER');
    expectGraphQLError(await execute(Rank, { indicator: 'oj-ibic-utredning', period: 2022, level: 'COUNTY', members: ['gender:women'] }), 'INVALID_FILTER');
    expectGraphQLError(await execute(Obs, { filter: { indicators: ['oj-ibic-utredning'], members: ['provider:municipal_only'] } }), 'INVALID_FILTER');
  });

  it('leaves a right member alone (IBIC socialpsykiatri 2022 = 53) and a region without figures an empty list', async () => {
    const data = expectNoGraphQLErrors(await execute(Series, { indicator: 'oj-ibic-utredning', region: '00', members: ['area:socialpsykiatri'] }));
    expect(data.timeSeries.find((o) => o.period === 2022)?.value).toBe(53);
    // Öppna jämförelser 2022 gives IBIC for Riket only: Stockholm has no figure, which is an answer.
    expect(expectNoGraphQLErrors(await execute(Series, { indicator: 'oj-ibic-utredning', region: '0180', members: ['area:socialpsykiatri'] })).timeSeries).toEqual([]);
  });
});

describe('misspellings', () => {
  it('a misspelt member gets the nearest members of its dimension, by Swedish label too', async () => {
    const error = expectGraphQLError(await execute(Obs, { filter: { indicators: ['sthlm-support-gender-age-share'], members: ['gender:kvinnor'] } }), 'UNKNOWN_DIMENSION_MEMBER');
    expect((error.extensions!.suggestions as string[])[0]).toBe('gender:women');
    expect(error.message).toMatch(/Did you mean gender:women \(Kvinnor\)/);
    const dim = expectGraphQLError(await execute(Obs, { filter: { members: ['gendr:women'] } }), 'UNKNOWN_DIMENSION_MEMBER');
    expect(dim.message).toMatch(/There is no dimension "gendr" \(nearest: gender/);
  });

  it('a misspelt source in indicators(filter:) is an error with suggestions, not 0 indicators', async () => {
    const error = expectGraphQLError(await execute(IndicatorsBySource, { source: 'mind-2025-ipss' }), 'INVALID_FILTER');
    expect(error.extensions).toMatchObject({ input: 'mind-2025-ipss', suggestions: expect.arrayContaining(['mind-2025-ips']) });
    // Mind 2025 publishes the IPS survey: its indicators are there under the right code.
    expect(expectNoGraphQLErrors(await execute(IndicatorsBySource, { source: 'mind-2025-ips' })).indicators.totalCount).toBeGreaterThan(10);
  });

  it('a year out of range names the argument as typed (`period`, not periodFrom)', async () => {
    const error = expectGraphQLError(await execute(Cross, { indicator: 'oj-ibic-utredning', period: 2031, level: 'COUNTY' }), 'PERIOD_OUT_OF_RANGE');
    expect(error.message).toMatch(/^period: 2031 is outside/);
  });

  it('a variable of the wrong type or enum value has a code (INVALID_ARGUMENT)', async () => {
    const error = expectGraphQLError(await execute(Cross, { indicator: 'oj-ibic-utredning', period: 2022, level: 'County' as never }), 'INVALID_ARGUMENT');
    expect(error.message).toMatch(/Did you mean the enum value "COUNTRY" or "COUNTY"/);
    expectGraphQLError(await execute(Cross, { indicator: 'oj-ibic-utredning', period: '2022x' as never, level: 'COUNTY' }), 'INVALID_ARGUMENT');
  });
});

const Catalogue = graphql(`
  query ReviewCatalogue($area: String, $category: String, $search: String) {
    interventions(area: $area, category: $category, search: $search) { totalCount edges { node { code } } }
  }
`);

describe('catalogue filters', () => {
  it('a report area (lss) or a misspelt category is INVALID_FILTER, not 0 interventions', async () => {
    const area = expectGraphQLError(await execute(Catalogue, { area: 'lss' }), 'INVALID_FILTER');
    expect(area.extensions!.suggestions).toEqual(['aldre', 'barn-och-unga', 'funktionshinder', 'missbruk-och-beroende', 'socialpsykiatri', 'vald-i-nara-relationer']);
    const category = expectGraphQLError(await execute(Catalogue, { category: 'aldre:hemtjanst-och-hemtjanstinsats' }), 'INVALID_FILTER');
    expect(category.extensions!.suggestions).toContain('aldre:hemtjanst-och-hemtjanstinsatser');
  });

  it('finds Hemtjänst in äldre under its category', async () => {
    const data = expectNoGraphQLErrors(await execute(Catalogue, { area: 'aldre', category: 'aldre:hemtjanst-och-hemtjanstinsatser', search: 'hemtj' }));
    expect(data.interventions.edges.map((e) => e.node.code)).toContain('aldre:hemtjanst');
  });
});

describe('survey rounds the offerings data set does not hold', () => {
  it('offeringDistribution and offeringSummary name the rounds there are (2022), not empty groups', async () => {
    const error = expectGraphQLError(await execute(Distribution, { round: 2019 }), 'PERIOD_OUT_OF_RANGE');
    expect(error.extensions).toMatchObject({ rounds: [2022] });
    expect(error.message).toMatch(/holds no survey round 2019; it holds 2022/);
    expectGraphQLError(await execute(Summary, { code: '0380', round: 2019 }), 'PERIOD_OUT_OF_RANGE');
    const ok = expectNoGraphQLErrors(await execute(Distribution, { round: 2022 }));
    expect(ok.offeringDistribution.map((g) => g.key)).toEqual(['00']);
    expect(expectNoGraphQLErrors(await execute(Summary, { code: '0380', round: 2022 })).region.offeringSummary).toHaveLength(6);
  });
});

describe('CSV export filter, checked like a GraphQL variable', () => {
  async function csv(filter: unknown) {
    const response = await yoga.fetch(`http://yoga/export/observations.csv?filter=${encodeURIComponent(typeof filter === 'string' ? filter : JSON.stringify(filter))}`);
    const text = await response.text();
    return { status: response.status, text, error: response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text).errors[0] : undefined };
  }

  it('an unknown field is a 400 with the field suggested, not every observation', async () => {
    const r = await csv({ indicatorz: ['oj-ibic-utredning'] });
    expect(r.status).toBe(400);
    expect(r.error.extensions.code).toBe('INVALID_FILTER');
    expect(r.error.message).toMatch(/"indicatorz" is not defined by type "ObservationFilter". Did you mean "indicators"\?/);
  });

  it('a wrong type, a lower-case enum or a bad date is a 400, not "Unexpected error."', async () => {
    for (const filter of [{ periodFrom: '2020' }, { level: 'county' }, { statuses: ['published'] }, { updatedSince: 'yesterday' }]) {
      const r = await csv(filter);
      expect(r.status, JSON.stringify(filter)).toBe(400);
      expect(r.error.extensions.code, JSON.stringify(filter)).toBe('INVALID_FILTER');
      expect(r.error.message, JSON.stringify(filter)).toMatch(/^filter\.\w+/);
    }
    expect((await csv({ level: 'county' })).error.message).toMatch(/Did you mean the enum value "COUNTRY" or "COUNTY"/);
  });

  it('a member of a dimension the indicator lacks is a 400 naming its dimensions, not an empty file', async () => {
    const r = await csv({ indicators: ['oj-ibic-utredning'], members: ['form:digital_only'] });
    expect(r.status).toBe(400);
    expect(r.error.extensions).toMatchObject({ code: 'INVALID_FILTER', input: 'form:digital_only', dimensions: ['area'] });
    expect((await csv({ periodFrom: '2020' })).error.message).toMatch(/^filter\.periodFrom: Int cannot represent non-integer value: "2020"\. /);
  });

  it('an unknown code carries the same details as in GraphQL (input, suggestions)', async () => {
    const r = await csv({ indicators: ['oj-ibic-utreding'] });
    expect(r.status).toBe(400);
    expect(r.error.extensions).toMatchObject({ code: 'UNKNOWN_INDICATOR', input: 'oj-ibic-utreding', suggestions: expect.arrayContaining(['oj-ibic-utredning']) });
  });

  it('a single code where a list is expected is read as a one-element list, as GraphQL does', async () => {
    const r = await csv({ indicators: 'oj-ibic-utredning', members: 'area:socialpsykiatri', updatedSince: '2000-01-01T00:00:00Z' });
    expect(r.status).toBe(200);
    const [header, ...rows] = parse(r.text) as string[][];
    const value = header!.indexOf('value');
    const period = header!.indexOf('period');
    // Öppna jämförelser 2022, Tabell 2: 8, 13, 22, 37, 43, 53.
    expect(rows.map((row) => [row[period], row[value]])).toEqual([['2017', '8'], ['2018', '13'], ['2019', '22'], ['2020', '37'], ['2021', '43'], ['2022', '53']]);
  });
});

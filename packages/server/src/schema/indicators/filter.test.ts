import { describe, expect, it } from 'vitest';
import { graphql } from '@test/gql/index.js';
import { expectGraphQLError, expectNoGraphQLErrors, testServer } from '@test/support/server.js';

// What a researcher typing in GraphiQL gets wrong in a filter, and what the API must say instead
// of an empty answer or "Unexpected error.".
const { execute } = testServer();

const Series = graphql(`
  query FilterTestSeries($indicator: String!, $region: String!, $members: [String!]) {
    timeSeries(indicator: $indicator, region: $region, members: $members) { period value }
  }
`);
const Cross = graphql(`
  query FilterTestCross($indicator: String!, $period: Int!, $level: RegionLevel!, $members: [String!]) {
    crossSection(indicator: $indicator, period: $period, level: $level, members: $members) { value region { code } }
  }
`);
const Rank = graphql(`
  query FilterTestRank($indicator: String!, $period: Int!, $level: RegionLevel!, $members: [String!]) {
    ranking(indicator: $indicator, period: $period, level: $level, members: $members) { entries { rank } }
  }
`);
const Obs = graphql(`
  query FilterTestObservations($filter: ObservationFilter!) {
    observations(filter: $filter, first: 5) { totalCount edges { node { value } } }
  }
`);
const IndicatorsBySource = graphql(`
  query FilterTestIndicatorsBySource($source: String!) {
    indicators(filter: { source: $source }) { totalCount }
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

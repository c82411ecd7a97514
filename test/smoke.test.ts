import { describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { expectNoGraphQLErrors, testServer } from './support/server.js';

const { execute } = testServer();

const IbicSeries = graphql(`
  query TestIbicSeries($indicator: String!, $region: String!, $members: [String!]) {
    timeSeries(indicator: $indicator, region: $region, members: $members) { period value status table }
  }
`);

describe('IBIC time series (Öppna jämförelser 2022, Tabell 2)', () => {
  it('returns 53 % for socialpsykiatri investigations in 2022, oldest year first', async () => {
    const result = await execute(IbicSeries, { indicator: 'oj-ibic-utredning', region: '00', members: ['area:socialpsykiatri'] });
    const data = expectNoGraphQLErrors(result);
    const y2022 = data.timeSeries.find((o) => o.period === 2022);
    expect(y2022).toMatchObject({ value: 53, status: 'PUBLISHED' });
    expect(y2022!.table).toMatch(/^Tabell 2/);
    expect(data.timeSeries.map((o) => o.period)).toEqual([...data.timeSeries.map((o) => o.period)].sort());
  });
});

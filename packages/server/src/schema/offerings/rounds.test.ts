import { describe, expect, it } from 'vitest';
import { graphql } from '@test/gql/index.js';
import { expectGraphQLError, expectNoGraphQLErrors, testServer } from '@test/support/server.js';

const { execute } = testServer();

const Distribution = graphql(`
  query RoundsTestDistribution($round: Int) {
    offeringDistribution(area: "aldre", dimension: FORM, groupBy: COUNTRY, round: $round) { key total }
  }
`);
const Summary = graphql(`
  query RoundsTestSummary($code: String!, $round: Int) {
    region(code: $code) { offeringSummary(round: $round) { area { code } offeredCount } }
  }
`);

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

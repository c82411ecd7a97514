import { describe, expect, it } from 'vitest';
import { graphql } from '@test/gql/index.js';
import { expectNoGraphQLErrors, testServer } from '@test/support/server.js';

const { execute } = testServer();

const Compare = graphql(`
  query ReviewComparisonReasons($indicator: String!, $region: String!, $period: Int!, $members: [String!]) {
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

import { describe, expect, it } from 'vitest';
import { graphql } from '@test/gql/index.js';
import { expectGraphQLError, expectNoGraphQLErrors, testServer } from '@test/support/server.js';

// A partner syncing regions often asks only for counts; a misspelt code must not answer 0.
const { execute } = testServer();

const RegionCount = graphql(`
  query ReviewRegionCount($parent: String, $group: String, $level: RegionLevel) {
    regions(parent: $parent, group: $group, level: $level) { totalCount }
  }
`);

const Walk = graphql(`
  query ReviewWalk($koladaId: String!) {
    region(koladaId: $koladaId) { code name koladaId children { code koladaId children { code koladaId } } }
  }
`);

describe('regions(parent:, group:) with only totalCount selected', () => {
  it('a misspelt parent is UNKNOWN_REGION and a misspelt group UNKNOWN_GROUP, not totalCount 0', async () => {
    const parent = expectGraphQLError(await execute(RegionCount, { parent: '99' }), 'UNKNOWN_REGION');
    expect(parent.extensions).toMatchObject({ input: '99' });
    const group = expectGraphQLError(await execute(RegionCount, { group: 'Z9' }), 'UNKNOWN_GROUP');
    expect(group.extensions).toMatchObject({ input: 'Z9' });
  });

  it('counts what is there: Stockholms län has 26 municipalities, SKR group A1 (Storstäder) 3', async () => {
    expect(expectNoGraphQLErrors(await execute(RegionCount, { parent: '01', level: 'MUNICIPALITY' })).regions.totalCount).toBe(26);
    expect(expectNoGraphQLErrors(await execute(RegionCount, { group: 'A1' })).regions.totalCount).toBe(3);
  });
});

describe('riket → län → kommun in one query, by Kolada id', () => {
  it('walks from Kolada 0000 to every county (Kolada 00NN) and municipality', async () => {
    const { region } = expectNoGraphQLErrors(await execute(Walk, { koladaId: '0000' }));
    expect(region).toMatchObject({ code: '00', name: 'Riket', koladaId: '0000' });
    expect(region.children).toHaveLength(21);
    expect(region.children.find((c) => c.code === '01')).toMatchObject({ koladaId: '0001' });
    expect(region.children.reduce((n, c) => n + c.children.filter((m) => m.code.length === 4).length, 0)).toBe(290);
  });
});

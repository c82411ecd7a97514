import { describe, expect, it } from 'vitest';
import { graphql } from '@test/gql/index.js';
import { expectGraphQLError, expectNoGraphQLErrors, testServer } from '@test/support/server.js';

const { execute } = testServer();

const RegionByCode = graphql(`
  query RegionsTestByCode($code: String, $koladaId: String) {
    region(code: $code, koladaId: $koladaId) { id code name shortName level koladaId parent { code name } }
  }
`);

const RegionSearch = graphql(`
  query RegionsTestSearch($search: String, $level: RegionLevel, $parent: String, $group: String, $first: Int) {
    regions(search: $search, level: $level, parent: $parent, group: $group, first: $first) {
      totalCount
      edges { node { code name level } }
    }
  }
`);

const Hierarchy = graphql(`
  query RegionsTestHierarchy {
    region(code: "00") {
      name level
      children { code shortName level children { code level parent { code } } }
    }
  }
`);

const RegionNode = graphql(`
  query RegionsTestNode($id: ID!) {
    node(id: $id) { id ... on Region { code name } }
  }
`);

const Groups = graphql(`
  query RegionsTestGroups {
    municipalityGroups { code name mainGroup { code } municipalities { code } }
  }
`);

describe('region lookup', () => {
  it('finds a municipality by SCB code, with its county', async () => {
    const data = expectNoGraphQLErrors(await execute(RegionByCode, { code: '1280' }));
    expect(data.region).toMatchObject({ code: '1280', name: 'Malmö kommun', level: 'MUNICIPALITY', koladaId: '1280', parent: { code: '12', name: 'Skåne län' } });
  });

  it("finds a county by Kolada's id (00NN), the crosswalk partners use", async () => {
    const data = expectNoGraphQLErrors(await execute(RegionByCode, { koladaId: '0001' }));
    expect(data.region).toMatchObject({ code: '01', name: 'Stockholms län', level: 'COUNTY' });
    const riket = expectNoGraphQLErrors(await execute(RegionByCode, { koladaId: '0000' }));
    expect(riket.region).toMatchObject({ code: '00', level: 'COUNTRY' });
  });

  it('refuses an unknown SCB code with the nearest codes, never an empty answer', async () => {
    const error = expectGraphQLError(await execute(RegionByCode, { code: '0189' }), 'UNKNOWN_REGION');
    expect(error.message).toMatch(/No region with SCB code "0189"\. Did you mean/);
    expect(error.extensions?.suggestions).toEqual(expect.arrayContaining(['0180']));
  });

  it('refuses an unknown Kolada id with suggestions', async () => {
    const error = expectGraphQLError(await execute(RegionByCode, { koladaId: '0099' }), 'UNKNOWN_REGION');
    expect((error.extensions?.suggestions as string[]).length).toBeGreaterThan(0);
  });

  it('asks for exactly one of code and koladaId', async () => {
    expectGraphQLError(await execute(RegionByCode, { code: '01', koladaId: '0001' }), 'INVALID_FILTER');
    expectGraphQLError(await execute(RegionByCode, { code: null, koladaId: null }), 'INVALID_FILTER');
  });
});

describe('name search', () => {
  it('forgives missing å/ä/ö and case: "malmo" finds Malmö, "GOTEBORG" Göteborg', async () => {
    const malmo = expectNoGraphQLErrors(await execute(RegionSearch, { search: 'malmo' }));
    expect(malmo.regions.edges.map((e) => e.node.name)).toEqual(['Malmö kommun']);
    const goteborg = expectNoGraphQLErrors(await execute(RegionSearch, { search: 'GOTEBORG', level: 'MUNICIPALITY' }));
    expect(goteborg.regions.edges.map((e) => e.node.code)).toEqual(['1480']);
  });

  it('also matches the accented spelling', async () => {
    const data = expectNoGraphQLErrors(await execute(RegionSearch, { search: 'Jönköping', level: 'COUNTY' }));
    expect(data.regions.edges.map((e) => e.node.code)).toEqual(['06']);
  });
});

describe('hierarchy riket → län → kommun', () => {
  it('returns 21 counties and 290 municipalities in one query', async () => {
    const result = await execute(Hierarchy);
    const data = expectNoGraphQLErrors(result);
    expect(data.region).toMatchObject({ name: 'Riket', level: 'COUNTRY' });
    expect(data.region.children).toHaveLength(21);
    const municipalities = data.region.children.flatMap((c) => c.children);
    expect(municipalities.filter((m) => m.level === 'MUNICIPALITY')).toHaveLength(290);
    expect(municipalities.every((m) => m.parent?.code === m.code.slice(0, 2))).toBe(true);
    const stockholm = data.region.children.find((c) => c.code === '01')!;
    expect(stockholm.children).toHaveLength(26);
    // Three levels and 311 regions cost a handful of statements, not one per region.
    expect(result.statements.length).toBeLessThanOrEqual(5);
  });

  it('lists a county\'s municipalities by parent, with totalCount', async () => {
    const data = expectNoGraphQLErrors(await execute(RegionSearch, { parent: '09' }));
    expect(data.regions).toMatchObject({ totalCount: 1, edges: [{ node: { code: '0980', name: 'Gotlands kommun' } }] });
  });

  it('lists the members of an SKR group: A1 Storstäder is Stockholm, Göteborg and Malmö', async () => {
    const data = expectNoGraphQLErrors(await execute(RegionSearch, { group: 'A1' }));
    expect(data.regions.edges.map((e) => e.node.code)).toEqual(['0180', '1280', '1480']);
    expectGraphQLError(await execute(RegionSearch, { group: 'A9' }), 'UNKNOWN_GROUP');
  });

  it("gives every group's municipalities without a query per group", async () => {
    const result = await execute(Groups);
    const data = expectNoGraphQLErrors(result);
    const byCode = Object.fromEntries(data.municipalityGroups.map((g) => [g.code, g]));
    expect(byCode.A1!.municipalities.map((m) => m.code)).toEqual(['0180', '1280', '1480']);
    expect(byCode.A1!.mainGroup?.code).toBe('A');
    // The main groups together hold all 290 municipalities, each once.
    const inMainGroups = ['A', 'B', 'C'].flatMap((code) => byCode[code]!.municipalities.map((m) => m.code));
    expect(new Set(inMainGroups).size).toBe(290);
    expect(inMainGroups).toHaveLength(290);
    // groups, memberships, regions, subgroups, their memberships and regions, main groups.
    expect(result.statements.length).toBeLessThanOrEqual(7);
  });

  it('refuses a page over 500 rows instead of cutting it silently', async () => {
    const error = expectGraphQLError(await execute(RegionSearch, { first: 10000 }), 'PAGE_TOO_LARGE');
    expect(error.message).toMatch(/at most 500/);
    expect(error.extensions?.max).toBe(500);
  });
});

describe('global ids', () => {
  it('round-trips a region through node(id)', async () => {
    const { region } = expectNoGraphQLErrors(await execute(RegionByCode, { code: '0180' }));
    const data = expectNoGraphQLErrors(await execute(RegionNode, { id: region.id }));
    expect(data.node).toEqual({ id: region.id, code: '0180', name: 'Stockholms kommun' });
  });

  it('answers null for a well-formed id of a region that does not exist', async () => {
    const id = Buffer.from('Region:9999').toString('base64');
    const data = expectNoGraphQLErrors(await execute(RegionNode, { id }));
    expect(data.node).toBeNull();
  });

  it('refuses a malformed id with INVALID_ID (400)', async () => {
    const result = await execute(RegionNode, { id: 'not-an-id' });
    expectGraphQLError(result, 'INVALID_ID');
    expect(result.status).toBe(400);
  });
});

// A partner syncing regions often asks only for counts; a misspelt code must not answer 0.
const RegionCount = graphql(`
  query RegionsTestCount($parent: String, $group: String, $level: RegionLevel) {
    regions(parent: $parent, group: $group, level: $level) { totalCount }
  }
`);

const Walk = graphql(`
  query RegionsTestWalk($koladaId: String!) {
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

import { describe, expect, it } from 'vitest';
import { graphql } from '@test/gql/index.js';
import { expectGraphQLError, expectNoGraphQLErrors, testServer } from '@test/support/server.js';

const { execute, prisma } = testServer();

const Areas = graphql(`
  query InterventionsTestAreas {
    areas { code kind nameSv catalogueSize namedInterventionCount categories { code nameSv interventions { code } } }
  }
`);

const Area = graphql(`
  query InterventionsTestArea($code: String!) {
    area(code: $code) {
      id code nameSv catalogueSize
      mostCommon { rank table member { id } intervention { nameSv } }
      interventions(first: 5) { totalCount edges { node { nameSv } } }
      examplesWantedWithoutDecision { position textSv }
    }
  }
`);

const AreaInterventionCount = graphql(`
  query InterventionsTestAreaCount($code: String!, $first: Int) {
    area(code: $code) { interventions(first: $first) { totalCount } }
  }
`);

const Search = graphql(`
  query InterventionsTestSearch($search: String, $area: String, $first: Int) {
    interventions(search: $search, area: $area, first: $first) {
      totalCount
      edges { node { id code nameSv publishedOfferingCount publishedAnsweringCount publishedShare uptakeList uptakeRank table area { code } category { nameSv } } }
    }
  }
`);

const Intervention = graphql(`
  query InterventionsTestOne($code: String!) {
    intervention(code: $code) { code nameSv }
  }
`);

const InterventionNode = graphql(`
  query InterventionsTestNode($id: ID!) {
    node(id: $id) { id ... on Intervention { code publishedOfferingCount } }
  }
`);

describe('catalogue', () => {
  it("gives SKR's catalogue size per area as published (75, 119, 57, 59, 53, 46)", async () => {
    const result = await execute(Areas);
    const data = expectNoGraphQLErrors(result);
    const skr = data.areas.filter((a) => a.kind === 'SKR_AREA');
    expect(skr.map((a) => [a.code, a.catalogueSize])).toEqual([
      ['aldre', 75], ['barn-och-unga', 119], ['funktionshinder', 57], ['missbruk-och-beroende', 59], ['socialpsykiatri', 53], ['vald-i-nara-relationer', 46],
    ]);
    // The report names only some interventions of each catalogue; the rest are counted, not named.
    for (const area of skr) {
      expect(area.namedInterventionCount).toBeGreaterThan(0);
      expect(area.namedInterventionCount).toBeLessThanOrEqual(area.catalogueSize!);
    }
    // Areas → categories → interventions, and the counts, are reference data in the lookup snapshot.
    expect(result.statements, result.statements.join('\n')).toHaveLength(0);
  });

  it('lists the areas from the lookup snapshot as the database orders and counts them', async () => {
    const inDatabase = await prisma.area.findMany({ orderBy: [{ position: 'asc' }, { code: 'asc' }], include: { _count: { select: { interventions: true } } } });
    const expected = inDatabase.map((a) => ({ code: a.code, namedInterventionCount: a._count.interventions }));
    expect(expected.filter((a) => a.namedInterventionCount > 0)).toHaveLength(6);
    const data = expectNoGraphQLErrors(await execute(Areas));
    expect(data.areas.map((a) => ({ code: a.code, namedInterventionCount: a.namedInterventionCount }))).toEqual(expected);
    // A selection with a relation the snapshot does not hold is read with SQL, in the same order.
    const withIndicators = await execute(`{ areas { code indicators { code } } }`);
    expect(withIndicators.statements.length).toBeGreaterThan(0);
    expect((expectNoGraphQLErrors(withIndicators) as { areas: { code: string }[] }).areas.map((a) => a.code)).toEqual(expected.map((a) => a.code));
  });

  it('gives published uptake: Boendestöd in socialpsykiatri, 211 of 214 municipalities (99 %), first in Tabell 34', async () => {
    const data = expectNoGraphQLErrors(await execute(Search, { search: 'boendestod', area: 'socialpsykiatri' }));
    expect(data.interventions.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ nameSv: 'Boendestöd', publishedOfferingCount: 211, publishedAnsweringCount: 214, publishedShare: '99%', uptakeList: 'TOP_10', uptakeRank: 1, table: 'Tabell 34', category: { nameSv: 'Boendeinsatser' } }),
    ]);
  });

  it('searches names forgiving accents: "vald" finds interventions about våld', async () => {
    const data = expectNoGraphQLErrors(await execute(Search, { search: 'vald', first: 100 }));
    expect(data.interventions.totalCount).toBeGreaterThan(0);
    expect(data.interventions.edges.every((e) => /våld/i.test(e.node.nameSv))).toBe(true);
  });

  it('finds personligt ombud in two areas, and the most common intervention without a decision in socialpsykiatri', async () => {
    const data = expectNoGraphQLErrors(await execute(Search, { search: 'personligt ombud' }));
    expect(data.interventions.edges.map((e) => e.node.area.code)).toEqual(['funktionshinder', 'socialpsykiatri']);
    const area = expectNoGraphQLErrors(await execute(Area, { code: 'socialpsykiatri' }));
    // "Den insats som ges utan biståndsbeslut i flest kommuner är personligt ombud" (Tabell 40).
    const withoutDecision = area.area.mostCommon.filter((h) => h.member.id === 'decision:without_decision_only');
    expect(withoutDecision[0]).toMatchObject({ rank: 1, table: 'Tabell 40', intervention: { nameSv: 'Personligt ombud för personer med psykisk funktionsnedsättning' } });
    expect(area.area.examplesWantedWithoutDecision.map((t) => t.textSv)).toContain('Personligt ombud');
  });

  it('round-trips an intervention through node(id)', async () => {
    const found = expectNoGraphQLErrors(await execute(Search, { search: 'boendestod', area: 'socialpsykiatri' }));
    const { id, code } = found.interventions.edges[0]!.node;
    const data = expectNoGraphQLErrors(await execute(InterventionNode, { id }));
    expect(data.node).toEqual({ id, code, publishedOfferingCount: 211 });
  });

  it('refuses an unknown intervention code with the nearest codes', async () => {
    const error = expectGraphQLError(await execute(Intervention, { code: 'socialpsykiatri:boendestd' }), 'UNKNOWN_INTERVENTION');
    expect((error.extensions?.suggestions as string[])[0]).toBe('socialpsykiatri:boendestod');
  });

  it('refuses an unknown area with the nearest codes', async () => {
    const error = expectGraphQLError(await execute(Area, { code: 'socialpsyk' }), 'UNKNOWN_AREA');
    expect(error.extensions?.suggestions).toContain('socialpsykiatri');
    expectGraphQLError(await execute(Search, { area: 'aldr' }), 'UNKNOWN_AREA');
  });

  it('refuses an oversized page of interventions, also nested under an area', async () => {
    expectGraphQLError(await execute(Search, { first: 501 }), 'PAGE_TOO_LARGE');
    expectGraphQLError(await execute(AreaInterventionCount, { code: 'aldre', first: 10000 }), 'PAGE_TOO_LARGE');
  });
});

const Catalogue = graphql(`
  query InterventionsTestCatalogue($area: String, $category: String, $search: String) {
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

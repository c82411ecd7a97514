import { describe, expect, it } from 'vitest';
import { graphql } from '@test/gql/index.js';
import { expectGraphQLError, expectNoGraphQLErrors, testServer } from '@test/support/server.js';

const { execute } = testServer();

const OMBUD = 'socialpsykiatri:personligt-ombud-for-personer-med-psykisk-funktionsnedsattning';

const WhoOffers = graphql(`
  query OfferingsTestWhoOffers($intervention: String!, $filter: OfferingFilter, $first: Int) {
    offerings(intervention: $intervention, filter: $filter, first: $first) {
      totalCount
      edges { node { region { code level parent { code } } offered form provider decision } }
    }
  }
`);

const WhoOffersSynthetic = graphql(`
  query OfferingsTestWhoOffersSynthetic($intervention: String!) {
    offerings(intervention: $intervention, first: 3) { edges { node { synthetic dataset { code synthetic } } } }
  }
`);

const Summary = graphql(`
  query OfferingsTestSummary($code: String!) {
    region(code: $code) { offeringSummary { area { code } catalogueSize namedInterventionCount offeredCount answeredCount countyUnits groupUnits } }
  }
`);

const CountySummaries = graphql(`
  query OfferingsTestCountySummaries($county: String!) {
    region(code: $county) { children { code offeringSummary { area { code nameSv } offeredCount answeredCount } } }
  }
`);

const CountyMeans = graphql(`
  query OfferingsTestCountyMeans($county: String!) {
    region(code: $county) { children { code offeringSummary { area { code } offeredCount countyMean countyUnits groupMean groupUnits group { code name } } } }
  }
`);

const Distribution = graphql(`
  query OfferingsTestDistribution($area: String!, $dimension: OfferingDimension!, $groupBy: DistributionGrouping!) {
    offeringDistribution(area: $area, dimension: $dimension, groupBy: $groupBy) {
      key name total buckets { member count share publishedShare }
    }
  }
`);

const Published = graphql(`
  query OfferingsTestPublishedOnly {
    timeSeries(indicator: "oj-ibic-utredning", region: "00", members: ["area:socialpsykiatri"]) { value }
  }
`);

const SYNTHETIC_NOTICE = { datasets: ['synthetic-offerings-2022'], notice: expect.stringMatching(/SYNTHETIC/) };

describe('synthetic notice', () => {
  it('marks every response that touches offerings in `extensions`, even when `synthetic` is not selected', async () => {
    const who = await execute(WhoOffers, { intervention: OMBUD, filter: { county: '01' }, first: 5 });
    expectNoGraphQLErrors(who);
    expect(who.extensions?.synthetic).toEqual(SYNTHETIC_NOTICE);
    const summary = await execute(Summary, { code: '0380' });
    expectNoGraphQLErrors(summary);
    expect(summary.extensions?.synthetic).toEqual(SYNTHETIC_NOTICE);
    const distribution = await execute(Distribution, { area: 'aldre', dimension: 'FORM', groupBy: 'COUNTRY' });
    expectNoGraphQLErrors(distribution);
    expect(distribution.extensions?.synthetic).toEqual(SYNTHETIC_NOTICE);
  });

  it('marks each record too', async () => {
    const data = expectNoGraphQLErrors(await execute(WhoOffersSynthetic, { intervention: OMBUD }));
    expect(data.offerings.edges.map((e) => [e.node.synthetic, e.node.dataset.synthetic])).toEqual([[true, true], [true, true], [true, true]]);
  });

  it('is absent from responses with published figures only', async () => {
    const result = await execute(Published);
    expectNoGraphQLErrors(result);
    expect(result.extensions?.synthetic).toBeUndefined();
  });
});

describe('who offers an intervention', () => {
  it("filters by county: only Stockholms län's municipalities and districts", async () => {
    const data = expectNoGraphQLErrors(await execute(WhoOffers, { intervention: OMBUD, filter: { county: '01' }, first: 500 }));
    expect(data.offerings.totalCount).toBe(data.offerings.edges.length);
    expect(data.offerings.edges.every((e) => e.node.offered && e.node.region.code.startsWith('01'))).toBe(true);
  });

  it('filters by form, provider and decision', async () => {
    const data = expectNoGraphQLErrors(await execute(WhoOffers, { intervention: OMBUD, filter: { form: 'PHYSICAL_ONLY', provider: 'MUNICIPAL_ONLY' }, first: 500 }));
    expect(data.offerings.edges.length).toBeGreaterThan(0);
    expect(data.offerings.edges.every((e) => e.node.form === 'PHYSICAL_ONLY' && e.node.provider === 'MUNICIPAL_ONLY')).toBe(true);
  });

  it('filters by SKR group: A1 Storstäder is Stockholm (its districts), Göteborg and Malmö', async () => {
    const data = expectNoGraphQLErrors(await execute(WhoOffers, { intervention: OMBUD, filter: { group: 'A1' }, first: 500 }));
    const municipalities = new Set(data.offerings.edges.map((e) => (e.node.region.level === 'DISTRICT' ? e.node.region.parent!.code : e.node.region.code)));
    expect([...municipalities].every((code) => ['0180', '1280', '1480'].includes(code))).toBe(true);
  });

  it('refuses a municipality code as county, an unknown group and an unknown intervention', async () => {
    const county = expectGraphQLError(await execute(WhoOffers, { intervention: OMBUD, filter: { county: '0180' } }), 'INVALID_FILTER');
    expect(county.message).toMatch(/not a county/);
    expectGraphQLError(await execute(WhoOffers, { intervention: OMBUD, filter: { group: 'D1' } }), 'UNKNOWN_GROUP');
    const unknown = expectGraphQLError(await execute(WhoOffers, { intervention: 'socialpsykiatri:personligt-ombud' }), 'UNKNOWN_INTERVENTION');
    expect(unknown.extensions?.suggestions).toContain(OMBUD);
  });
});

describe("a municipality's offerings per area", () => {
  it('sets offered counts against the published catalogue sizes and counts county and group units', async () => {
    const data = expectNoGraphQLErrors(await execute(Summary, { code: '0380' }));
    const summary = data.region.offeringSummary;
    expect(summary.map((s) => [s.area.code, s.catalogueSize])).toEqual([
      ['aldre', 75], ['barn-och-unga', 119], ['funktionshinder', 57], ['missbruk-och-beroende', 59], ['socialpsykiatri', 53], ['vald-i-nara-relationer', 46],
    ]);
    for (const s of summary) {
      if (s.offeredCount != null) expect(s.offeredCount).toBeLessThanOrEqual(s.answeredCount);
      expect(s.answeredCount).toBeLessThanOrEqual(s.namedInterventionCount);
      // Uppsala län has eight municipalities; the group B3 more than one.
      expect(s.countyUnits).toBeLessThanOrEqual(8);
      expect(s.groupUnits).toBeGreaterThan(1);
    }
  });
});

describe('distributions', () => {
  it("puts SKR's published county shares beside the computed ones (Tabell 6-7 by provider, Stockholm 39/8/49/4)", async () => {
    const data = expectNoGraphQLErrors(await execute(Distribution, { area: 'aldre', dimension: 'PROVIDER', groupBy: 'COUNTY' }));
    const stockholm = data.offeringDistribution.find((g) => g.key === '01')!;
    expect(Object.fromEntries(stockholm.buckets.map((b) => [b.member, b.publishedShare]))).toEqual({ MUNICIPAL_ONLY: 39, PRIVATE_ONLY: 8, MUNICIPAL_AND_PRIVATE: 49, UNKNOWN: 4 });
    expect(stockholm.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(stockholm.total);
    expect(data.offeringDistribution).toHaveLength(21);
  });

  it('groups by SKR municipality group (no published shares there)', async () => {
    const data = expectNoGraphQLErrors(await execute(Distribution, { area: 'socialpsykiatri', dimension: 'DECISION', groupBy: 'MUNICIPALITY_GROUP' }));
    expect(data.offeringDistribution.map((g) => g.key)).toEqual(['A1', 'A2', 'B3', 'B4', 'B5', 'C6', 'C7', 'C8', 'C9']);
    expect(data.offeringDistribution.every((g) => g.buckets.every((b) => b.publishedShare === null))).toBe(true);
  });

  it("refuses an area that is not one of SKR's six", async () => {
    expectGraphQLError(await execute(Distribution, { area: 'lss', dimension: 'FORM', groupBy: 'COUNTY' }), 'INVALID_FILTER');
  });
});

const WhoOffersIn = graphql(`
  query OfferingsTestWhoOffersIn($intervention: String!, $dataset: String) {
    offerings(intervention: $intervention, dataset: $dataset, filter: { county: "01" }, first: 500) { totalCount edges { node { region { code } } } }
  }
`);

describe('choosing the data set', () => {
  it('reads the synthetic set when none is named, the same as naming it', async () => {
    const implicit = expectNoGraphQLErrors(await execute(WhoOffersIn, { intervention: OMBUD }));
    const named = await execute(WhoOffersIn, { intervention: OMBUD, dataset: 'synthetic-offerings-2022' });
    expect(expectNoGraphQLErrors(named)).toEqual(implicit);
    expect(implicit.offerings.totalCount).toBeGreaterThan(0);
    expect(named.extensions?.synthetic).toEqual(SYNTHETIC_NOTICE);
  });

  it('answers nothing, and carries no synthetic notice, from a data set without offerings', async () => {
    const result = await execute(WhoOffersIn, { intervention: OMBUD, dataset: 'published' });
    expect(expectNoGraphQLErrors(result).offerings).toEqual({ totalCount: 0, edges: [] });
    expect(result.extensions?.synthetic).toBeUndefined();
  });

  it('refuses a misspelt data set with the nearest codes, not an empty answer', async () => {
    const error = expectGraphQLError(await execute(WhoOffersIn, { intervention: OMBUD, dataset: 'synthetic-offerings-2021' }), 'UNKNOWN_DATASET');
    expect(error.message).toMatch(/No data set "synthetic-offerings-2021"\. Did you mean synthetic-offerings-2022/);
    expect(error.extensions?.suggestions).toEqual(expect.arrayContaining(['synthetic-offerings-2022']));
  });
});

const WhoOffersAfter = graphql(`
  query OfferingsTestWhoOffersAfter($intervention: String!, $after: String) {
    offerings(intervention: $intervention, first: 2, after: $after) { edges { cursor node { region { code } } } }
  }
`);

describe('cursors', () => {
  it('carry the data set, and page on from where they point', async () => {
    const first = expectNoGraphQLErrors(await execute(WhoOffersAfter, { intervention: OMBUD }));
    const last = first.offerings.edges[1]!;
    expect(Buffer.from(last.cursor, 'base64').toString()).toMatch(/"S:synthetic-offerings-2022"\]$/);
    const next = expectNoGraphQLErrors(await execute(WhoOffersAfter, { intervention: OMBUD, after: last.cursor }));
    expect(next.offerings.edges[0]!.node.region.code > last.node.region.code).toBe(true);
  });

  it('refuses a cursor from before offerings were keyed by data set (region, intervention, round) as INVALID_CURSOR', async () => {
    const old = Buffer.from(`GPC:T:["S:0114","S:${OMBUD}","N:2022"]`).toString('base64');
    const error = expectGraphQLError(await execute(WhoOffersAfter, { intervention: OMBUD, after: old }), 'INVALID_CURSOR');
    expect(error.message).toMatch(/cursor/i);
  });
});

describe('offering summaries of a county', () => {
  it("are one statement, the municipalities' answers (the county and its municipalities are in the lookup snapshot), for 8 municipalities as for 49", async () => {
    for (const [county, municipalities] of [['03', 8], ['14', 49]] as const) {
      const result = await execute(CountySummaries, { county });
      const data = expectNoGraphQLErrors(result);
      expect(data.region.children).toHaveLength(municipalities);
      for (const m of data.region.children) expect(m.offeringSummary.map((s) => s.area.code)).toEqual(['aldre', 'barn-och-unga', 'funktionshinder', 'missbruk-och-beroende', 'socialpsykiatri', 'vald-i-nara-relationer']);
      expect(data.region.children[0]!.offeringSummary[0]!.area.nameSv).toBe('Äldre');
      expect(result.statements, result.statements.join('\n')).toHaveLength(1);
    }
  });

  it("give each area's county mean over the county's answering municipalities, in one more statement", async () => {
    for (const county of ['03', '14']) {
      const result = await execute(CountyMeans, { county });
      const data = expectNoGraphQLErrors(result);
      const summaries = data.region.children.flatMap((m) => m.offeringSummary);
      for (const area of new Set(summaries.map((s) => s.area.code))) {
        const ofArea = summaries.filter((s) => s.area.code === area);
        const answered = ofArea.map((s) => s.offeredCount).filter((n): n is number => n !== null);
        expect(answered.length).toBeGreaterThan(0);
        const mean = Math.round((100 * answered.reduce((a, b) => a + b, 0)) / answered.length) / 100;
        for (const s of ofArea) expect({ area, mean: s.countyMean, units: s.countyUnits }).toEqual({ area, mean, units: answered.length });
        for (const s of ofArea) expect(s.groupUnits).toBeGreaterThan(0);
      }
      // The municipalities' answers, the county's and groups' means; the region tree and groups from memory.
      expect(result.statements, result.statements.join('\n')).toHaveLength(2);
    }
  });
});

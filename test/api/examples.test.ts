import { describe, expect, it } from 'vitest';
import { EXAMPLE_QUERIES } from '../../packages/server/src/http/examples.js';
import { expectNoGraphQLErrors, testServer } from '@test/support/server.js';

/**
 * Every GraphiQL example query: it answers without errors, with a value a researcher would
 * check against the seed documents, in a fixed number of SQL statements (written
 * down here per query), and that number does not grow with the rows returned: each list
 * query runs with a small and a large variant and must send the same number of statements.
 */
const { execute } = testServer();

// Results are checked field by field below; the examples are untyped strings.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;

interface Expectation {
  /** The SQL statements the default query sends (a change shows here, up or down). */
  statements: number;
  /** A value a researcher would check, from the seeds. */
  check: (data: Data) => void;
  /** Variables giving few and many rows; all must send the same number of statements. */
  variants?: { variables: Record<string, unknown>; rows: (data: Data) => number }[];
}

const IBIC_AREAS = ['area:socialpsykiatri', 'area:lss', 'area:aldre-ordinart-boende', 'area:aldre-sarskilt-boende'];

const EXPECTATIONS: Record<string, Expectation> = {
  ibicSeries: {
    statements: 1,
    check: (d) => {
      // Öppna jämförelser 2022, Tabell 2, Socialpsykiatri: 8 13 22 37 43 53.
      expect(d.timeSeries.map((o: Data) => [o.period, o.value])).toEqual([[2017, 8], [2018, 13], [2019, 22], [2020, 37], [2021, 43], [2022, 53]]);
      expect(d.timeSeries[0].source.publisher).toBe('Socialstyrelsen');
    },
    variants: [
      { variables: { areas: ['area:socialpsykiatri'] }, rows: (d) => d.timeSeries.length },
      { variables: { areas: IBIC_AREAS }, rows: (d) => d.timeSeries.length },
    ],
  },
  providerByCounty: {
    statements: 1,
    check: (d) => {
      // SKR 2022, Tabell 7: Stockholm 39 % municipal only, Gotland 37 %.
      const byCode = Object.fromEntries(d.crossSection.map((o: Data) => [o.region.code, o]));
      expect(byCode['01']).toMatchObject({ value: 39, printed: '39%', table: 'Tabell 7' });
      expect(byCode['09']).toMatchObject({ value: 37 });
      expect(d.crossSection).toHaveLength(21);
    },
    variants: [
      { variables: { level: 'COUNTRY' }, rows: (d) => d.crossSection.length },
      { variables: { level: 'COUNTY' }, rows: (d) => d.crossSection.length },
    ],
  },
  socialWorkDegreeRanking: {
    statements: 2,
    check: (d) => {
      // LSS 2021: Västmanland, Jönköping and Västernorrland suppressed (non-response over 20 %).
      expect(d.ranking.indicator.kind).toBe('BACKGROUND_MEASURE');
      const suppressed = d.ranking.withheld.filter((w: Data) => w.status === 'SUPPRESSED');
      expect(suppressed.map((w: Data) => w.region.shortName)).toEqual(['Jönköping', 'Västmanland', 'Västernorrland']);
      expect(suppressed[0].statusReason).toMatch(/överstiger 20 procent/);
      // The other 18 counties are bars of Figur 1 whose values the text lacks: published, only in
      // the chart, so listed apart with that status (not as regions without a figure).
      const chartOnly = d.ranking.withheld.filter((w: Data) => w.status === 'CHART_ONLY');
      expect(chartOnly).toHaveLength(18);
      expect(chartOnly.every((w: Data) => /Figur 1/.test(w.statusReason))).toBe(true);
      expect(d.ranking.withheld).toHaveLength(21);
      expect(d.ranking.entries).toEqual([]);
      expect(d.ranking.regionsWithoutFigure).toEqual([]);
    },
  },
  digitalRanking: {
    statements: 2,
    check: (d) => {
      // SKR 2022, Tabell 5 (physical only): Västmanland 82 first; 72 % shared by three counties.
      const entries = d.ranking.entries;
      expect(entries[0]).toMatchObject({ rank: 1, value: 82, region: { shortName: 'Västmanland' } });
      expect(entries.filter((e: Data) => e.value === 72).map((e: Data) => [e.rank, e.tied, e.region.shortName])).toEqual([[4, true, 'Västra Götaland'], [4, true, 'Värmland'], [4, true, 'Gävleborg']]);
      expect(entries.find((e: Data) => e.value === 70)).toMatchObject({ rank: 7, tied: false, region: { shortName: 'Södermanland' } });
    },
    variants: [
      { variables: { level: 'COUNTRY' }, rows: (d) => d.ranking.entries.length },
      { variables: { level: 'COUNTY' }, rows: (d) => d.ranking.entries.length },
    ],
  },
  stockholmComparison: {
    statements: 2,
    check: (d) => {
      // Tabell 7: Stockholms län 39 %, Riket 71 %: Riket is 32 points above.
      expect(d.comparison.entries.map((e: Data) => [e.role, e.value, e.differenceFromRegion])).toEqual([['REGION', 39, null], ['COUNTRY', 71, 32]]);
    },
  },
  municipalityProfile: {
    statements: 3,
    check: (d) => {
      expect(d.region).toMatchObject({ name: 'Uppsala kommun', koladaId: '0380', parent: { code: '03' } });
      expect(d.region.groups.map((g: Data) => g.group.code)).toEqual(['B3']);
      // SKR 2022: catalogue sizes 75, 119, 57, 59, 53, 46.
      expect(d.region.offeringSummary.map((s: Data) => s.catalogueSize)).toEqual([75, 119, 57, 59, 53, 46]);
      expect(d.region.offeringSummary.every((s: Data) => s.synthetic)).toBe(true);
    },
  },
  countyOverview: {
    statements: 3,
    check: (d) => {
      expect(d.region.name).toBe('Uppsala län');
      expect(d.region.children.map((c: Data) => c.code)).toEqual(['0305', '0319', '0330', '0331', '0360', '0380', '0381', '0382']);
      expect(d.region.children.every((c: Data) => c.offeringSummary.length === 6)).toBe(true);
    },
    // Gotlands län has one municipality, Västra Götalands län 49.
    variants: [
      { variables: { county: '09' }, rows: (d) => d.region.children.length },
      { variables: { county: '14' }, rows: (d) => d.region.children.length },
    ],
  },
  catalogue: {
    statements: 0,
    check: (d) => {
      const sizes = Object.fromEntries(d.areas.filter((a: Data) => a.catalogueSize != null).map((a: Data) => [a.code, a.catalogueSize]));
      expect(sizes).toEqual({ aldre: 75, 'barn-och-unga': 119, funktionshinder: 57, 'missbruk-och-beroende': 59, socialpsykiatri: 53, 'vald-i-nara-relationer': 46 });
      // Tabell 34: Boendestöd offered by 211 of 214 answering municipalities (99 %).
      const socialpsykiatri = d.areas.find((a: Data) => a.code === 'socialpsykiatri');
      const interventions = socialpsykiatri.categories.flatMap((c: Data) => c.interventions);
      expect(interventions.find((i: Data) => i.nameSv === 'Boendestöd')).toMatchObject({ publishedOfferingCount: 211, publishedAnsweringCount: 214, publishedShare: '99%', uptakeList: 'TOP_10', uptakeRank: 1 });
    },
  },
  whoOffers: {
    statements: 4,
    check: (d) => {
      // Tabell 34: personligt ombud offered by 181 of 211 municipalities.
      expect(d.interventions.edges.map((e: Data) => e.node)).toEqual([expect.objectContaining({ nameSv: 'Personligt ombud för personer med psykisk funktionsnedsättning', publishedOfferingCount: 181, publishedAnsweringCount: 211 })]);
      expect(d.offerings.totalCount).toBeGreaterThan(0);
      expect(d.offerings.edges.every((e: Data) => e.node.region.code.startsWith('01') && e.node.synthetic)).toBe(true);
    },
    variants: [
      { variables: { county: '09', first: 1 }, rows: (d) => d.offerings.edges.length },
      { variables: { county: '14', first: 50 }, rows: (d) => d.offerings.edges.length },
    ],
  },
  formDistribution: {
    statements: 1,
    check: (d) => {
      // Tabell 5, Stockholm: physical 64 %, digital 3 %, both 26 %, unknown 7 % (published beside the synthetic counts).
      const stockholm = d.offeringDistribution.find((g: Data) => g.key === '01');
      expect(Object.fromEntries(stockholm.buckets.map((b: Data) => [b.member, b.publishedShare]))).toEqual({ PHYSICAL_ONLY: 64, DIGITAL_ONLY: 3, PHYSICAL_AND_DIGITAL: 26, UNKNOWN: 7 });
      expect(stockholm.synthetic).toBe(true);
    },
    variants: [
      { variables: { groupBy: 'COUNTRY' }, rows: (d) => d.offeringDistribution.length },
      { variables: { groupBy: 'COUNTY' }, rows: (d) => d.offeringDistribution.length },
      { variables: { groupBy: 'MUNICIPALITY_GROUP' }, rows: (d) => d.offeringDistribution.length },
    ],
  },
  ipsSurvey: {
    statements: 2,
    check: (d) => {
      // Mind 2025: of 156 answering municipalities, 11 % offer IPS with fidelity, 25 % IPS-like, 64 % none.
      const shares = d.observations.edges.map((e: Data) => e.node).filter((o: Data) => o.indicator.code === 'mind-ips-offering-share');
      expect(Object.fromEntries(shares.map((o: Data) => [o.members.map((m: Data) => m.id).join(','), o.value]))).toEqual({
        'mind_ips_status:fidelity': 11, 'mind_ips_status:ips_like': 25, 'mind_ips_status:none': 64,
      });
      expect(shares.every((o: Data) => o.baseN === 156)).toBe(true);
    },
    variants: [
      { variables: { first: 5 }, rows: (d) => d.observations.edges.length },
      { variables: { first: 100 }, rows: (d) => d.observations.edges.length },
    ],
  },
  actionPlan: {
    statements: 1,
    check: (d) => {
      const [plan] = d.actionPlans;
      expect(plan).toMatchObject({ year: 2013, region: { name: 'Stockholms kommun' } });
      // Seven focus areas, the first on housing (Boende).
      expect(plan.focusAreas).toHaveLength(7);
      expect(plan.focusAreas[0]).toMatchObject({ position: 1, titleSv: 'Boende' });
      expect(plan.focusAreas[0].items.some((i: Data) => i.kind === 'ACTIVITY' && i.deadline === 'senast december 2014')).toBe(true);
    },
  },
};

describe('GraphiQL example queries', () => {
  it('has an expectation for every example and no stale ones', () => {
    expect(Object.keys(EXPECTATIONS).sort()).toEqual(EXAMPLE_QUERIES.map((q) => q.name).sort());
  });

  for (const example of EXAMPLE_QUERIES) {
    const expectation = EXPECTATIONS[example.name];
    describe(example.name, () => {
      it(`answers with the published figures in ${expectation?.statements} SQL statement(s)`, async () => {
        const result = await execute(example.query);
        expectation!.check(expectNoGraphQLErrors(result));
        expect(result.statements.length, result.statements.join('\n')).toBe(expectation!.statements);
      });

      if (expectation?.variants) {
        it('sends as many SQL statements for many rows as for few', async () => {
          const runs = [];
          for (const variant of expectation.variants!) {
            const result = await execute(example.query, variant.variables as never);
            const data = expectNoGraphQLErrors(result);
            runs.push({ variables: variant.variables, rows: variant.rows(data), statements: result.statements.length });
          }
          const rows = runs.map((r) => r.rows);
          // The variants really differ in size, or the comparison proves nothing.
          expect(Math.max(...rows), JSON.stringify(runs)).toBeGreaterThan(Math.min(...rows));
          expect(new Set(runs.map((r) => r.statements)).size, JSON.stringify(runs)).toBe(1);
          expect(runs[0]!.statements).toBe(expectation.statements);
        });
      }
    });
  }
});

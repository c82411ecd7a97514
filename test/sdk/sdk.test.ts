// Over 300 lines: every SDK method against one live server; the method list is checked as a whole.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createClient, InsynApiError, type InsynClient } from '../../packages/sdk/src/index.js';
import { graphql } from '@test/gql/index.js';
import { liveServer } from './live-server.js';

const server = liveServer();
let client: InsynClient | undefined;
/** One SDK client per file, on the live server's real port. */
const insyn = () => (client ??= createClient({ url: server.endpoint() }));

/** Runs `call` and returns the InsynApiError it throws (fails if it resolves). */
async function apiError(call: Promise<unknown>): Promise<InsynApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InsynApiError);
  return error as InsynApiError;
}

/** Rows of every observation data file of the seeds (the figures as the sources print them). */
function seedObservations(): { indicator: string; region: string; period: string }[] {
  const root = path.resolve(import.meta.dirname, '../../prisma/data/seeds');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (file.endsWith('.csv') && file.includes(`${path.sep}observations${path.sep}`)) files.push(file);
    }
  };
  walk(root);
  return files.flatMap((file) => parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as { indicator: string; region: string; period: string }[]);
}

describe('timeSeries', () => {
  it('gives IBIC in social psychiatry investigations for Riket 2017-2022 as in Tabell 2 (8, 13, 22, 37, 43, 53), with its source', async () => {
    const { timeSeries } = await insyn().timeSeries({ indicator: 'oj-ibic-utredning', region: '00', members: ['area:socialpsykiatri'] });
    expect(timeSeries.map((o) => [o.period, o.value])).toEqual([
      [2017, 8],
      [2018, 13],
      [2019, 22],
      [2020, 37],
      [2021, 43],
      [2022, 53],
    ]);
    const y2022 = timeSeries.at(-1)!;
    expect(y2022).toMatchObject({ printed: '53', status: 'PUBLISHED', statusReason: null, region: { code: '00', name: 'Riket' } });
    expect(y2022.table).toMatch(/^Tabell 2/);
    expect(y2022.source).toMatchObject({ publisher: 'Socialstyrelsen', year: 2022 });
    expect(y2022.source.title).toMatch(/^Öppna jämförelser 2022/);
    expect(y2022.source.attribution).toMatch(/^Källa: Socialstyrelsen/);
    expect(y2022.dataset.synthetic).toBe(false);
    expect(y2022.indicator).toMatchObject({ code: 'oj-ibic-utredning', unit: 'PERCENT', direction: 'HIGHER_IS_BETTER' });
    expect(insyn().lastSynthetic).toBeNull();
  });

  it('throws UNKNOWN_REGION with suggestions for a code that does not exist, never an empty series', async () => {
    const error = await apiError(insyn().timeSeries({ indicator: 'oj-ibic-utredning', region: '0108', members: ['area:socialpsykiatri'] }));
    expect(error.code).toBe('UNKNOWN_REGION');
    expect(error.message).toContain('"0108"');
    expect(error.suggestions?.length).toBeGreaterThan(0);
    expect(error.path).toEqual(['timeSeries']);
  });

  it('throws UNKNOWN_INDICATOR suggesting the code that was meant', async () => {
    const error = await apiError(insyn().timeSeries({ indicator: 'oj-ibic-utredningar', region: '00' }));
    expect(error.code).toBe('UNKNOWN_INDICATOR');
    expect(error.suggestions).toContain('oj-ibic-utredning');
  });
});

describe('crossSection', () => {
  it("gives every county's share of elderly-care interventions in municipal-only provision (SKR 2022, Tabell 7)", async () => {
    const { crossSection } = await insyn().crossSection({ indicator: 'skr-provider-share', period: 2022, level: 'COUNTY', members: ['area:aldre', 'provider:municipal_only'] });
    expect(crossSection).toHaveLength(21);
    const byCode = new Map(crossSection.map((o) => [o.region.code, o]));
    expect(byCode.get('01')).toMatchObject({ value: 39, printed: '39%', table: 'Tabell 7', region: { name: 'Stockholms län' } });
    expect(byCode.get('10')).toMatchObject({ value: 71, printed: '71%' });
    expect(byCode.get('20')).toMatchObject({ value: 80, printed: '80%' });
    expect(byCode.get('01')!.source.publisher).toBe('Sveriges Kommuner och Regioner (SKR)');
  });
});

describe('comparison', () => {
  it('compares Stockholms län (39 %) with Riket (71 %): 32 percentage points apart', async () => {
    const { comparison } = await insyn().comparison({ indicator: 'skr-provider-share', region: '01', period: 2022, members: ['area:aldre', 'provider:municipal_only'] });
    const region = comparison.entries.find((e) => e.role === 'REGION');
    const country = comparison.entries.find((e) => e.role === 'COUNTRY');
    expect(region).toMatchObject({ value: 39, region: { code: '01' }, observation: { table: 'Tabell 7' } });
    expect(country).toMatchObject({ value: 71, differenceFromRegion: 32, region: { code: '00' } });
    expect(comparison.entries[0]!.role).toBe('REGION');
  });
});

describe('ranking', () => {
  it('ranks counties on elderly-care interventions given physically only (Tabell 5): Västmanland first at 82 %, three counties tied at 72 %', async () => {
    const { ranking } = await insyn().ranking({ indicator: 'skr-form-share', period: 2022, level: 'COUNTY', members: ['area:aldre', 'form:physical_only'] });
    expect(ranking.order).toBe('DESCENDING');
    expect(ranking.entries).toHaveLength(21);
    expect(ranking.entries.slice(0, 3).map((e) => [e.rank, e.region.code, e.value])).toEqual([
      [1, '19', 82],
      [2, '22', 76],
      [3, '20', 73],
    ]);
    const tied72 = ranking.entries.filter((e) => e.value === 72);
    expect(tied72.map((e) => e.region.code).sort()).toEqual(['14', '17', '21']);
    expect(tied72.every((e) => e.rank === 4 && e.tied)).toBe(true);
    expect(ranking.entries.at(-1)).toMatchObject({ rank: 21, value: 49, region: { code: '09' } });
    // Värmland's printed row sums to 111 %: the note says so rather than correcting it.
    expect(ranking.entries.find((e) => e.region.code === '17')!.observation.note).toContain('111');
  });

  it('lists suppressed counties apart with the reason, not as zeros (LSS 2021, social work degree)', async () => {
    const { ranking } = await insyn().ranking({ indicator: 'oj-lss-handlaggare-socionomexamen', period: 2021, level: 'COUNTY' });
    const suppressed = ranking.withheld.filter((o) => o.status === 'SUPPRESSED');
    expect(suppressed.map((o) => o.region.code).sort()).toEqual(['06', '19', '22']);
    expect(suppressed.every((o) => o.value === null && /20 procent/.test(o.statusReason ?? ''))).toBe(true);
    // The other 18 are bars of Figur 1 whose values the text lacks: CHART_ONLY, no value.
    const chartOnly = ranking.withheld.filter((o) => o.status === 'CHART_ONLY');
    expect(chartOnly).toHaveLength(18);
    expect(chartOnly.every((o) => o.value === null)).toBe(true);
  });
});

describe('municipalityProfile', () => {
  it("gives Stockholm's county, SKR group, offerings per area against the published catalogue, and its figures with sources", async () => {
    const { data, synthetic } = await insyn().withMeta.municipalityProfile({ code: '0180', observations: 200 });
    const { region } = data;
    expect(region).toMatchObject({ code: '0180', name: 'Stockholms kommun', level: 'MUNICIPALITY', koladaId: '0180', parent: { code: '01', name: 'Stockholms län' } });
    expect(region.groups.map((m) => [m.group.code, m.group.name, m.group.mainGroup?.code])).toEqual([['A1', 'Storstäder', 'A']]);
    // Catalogue sizes as SKR published them (antal kartlagda insatser).
    expect(Object.fromEntries(region.offeringSummary.map((s) => [s.area.code, s.catalogueSize]))).toEqual({
      aldre: 75,
      'barn-och-unga': 119,
      funktionshinder: 57,
      'missbruk-och-beroende': 59,
      socialpsykiatri: 53,
      'vald-i-nara-relationer': 46,
    });
    expect(region.offeringSummary.every((s) => s.synthetic && s.group?.code === 'A1')).toBe(true);
    expect(synthetic?.datasets).toContain('synthetic-offerings-2022');
    // Every figure the seeds hold for Stockholm (Stockholm's 2013 inventory), newest first.
    const seeded = seedObservations().filter((row) => row.region === '0180');
    expect(region.observations.totalCount).toBe(seeded.length);
    const nodes = region.observations.edges.map((e) => e.node);
    expect(nodes).toHaveLength(seeded.length);
    expect(nodes.map((n) => n.period)).toEqual(nodes.map((n) => n.period).sort((a, b) => b - a));
    const boendestod = nodes.find((n) => n.indicator.code === 'sthlm-support-gender-age-share' && n.dimensionKey === 'gender=men;sthlm_age_group=18_24;sthlm_support_type=boendestod');
    expect(boendestod).toMatchObject({ period: 2013, value: 2, printed: '2%', table: 'Tabell 1' });
    expect(nodes.every((n) => n.source.attribution.startsWith('Källa:'))).toBe(true);
  });

  it('gives a Stockholm district its own answers (the survey was answered per district)', async () => {
    const { region } = await insyn().municipalityProfile({ code: '0180-bromma', observations: 0 });
    expect(region).toMatchObject({ level: 'DISTRICT', shortName: 'Bromma', parent: { code: '0180' } });
    for (const summary of region.offeringSummary) {
      expect(summary.synthetic).toBe(true);
      expect(summary.answeredCount).toBeLessThanOrEqual(summary.namedInterventionCount);
      if (summary.offeredCount !== null) expect(summary.offeredCount).toBeLessThanOrEqual(summary.answeredCount);
    }
    expect(insyn().lastSynthetic?.datasets).toContain('synthetic-offerings-2022');
  });

  it('throws UNKNOWN_REGION for a misspelt district, suggesting the real one', async () => {
    const error = await apiError(insyn().municipalityProfile({ code: '0180-bromm' }));
    expect(error.code).toBe('UNKNOWN_REGION');
    expect(error.suggestions).toContain('0180-bromma');
  });
});

describe('catalogue', () => {
  it('finds Hemtjänst by "hemtj" with its published uptake: 245 of 245 municipalities, third in the top-10 table', async () => {
    const { interventions } = await insyn().searchCatalogue({ search: 'hemtj', area: 'aldre' });
    const hemtjanst = interventions.edges.map((e) => e.node).find((n) => n.code === 'aldre:hemtjanst');
    expect(hemtjanst).toMatchObject({
      nameSv: 'Hemtjänst',
      publishedOfferingCount: 245,
      publishedAnsweringCount: 245,
      publishedShare: '100%',
      uptakeList: 'TOP_10',
      uptakeRank: 3,
      area: { code: 'aldre', catalogueSize: 75 },
      category: { nameSv: 'Hemtjänst och hemtjänstinsatser' },
      source: { year: 2022 },
    });
    expect(interventions.edges.every((e) => e.node.area.code === 'aldre')).toBe(true);
  });

  it('pages with first/after without losing or repeating interventions', async () => {
    const all = await insyn().searchCatalogue({ area: 'aldre', first: 500 });
    const codes: string[] = [];
    let after: string | null | undefined;
    do {
      const { interventions } = await insyn().searchCatalogue({ area: 'aldre', first: 7, after });
      codes.push(...interventions.edges.map((e) => e.node.code));
      after = interventions.pageInfo.hasNextPage ? interventions.pageInfo.endCursor : null;
    } while (after);
    expect(codes).toEqual(all.interventions.edges.map((e) => e.node.code));
    expect(codes.length).toBe(all.interventions.totalCount);
  });

  it('lists the six SKR areas with their published catalogue sizes and categories', async () => {
    const { areas } = await insyn().areas();
    const skr = areas.filter((a) => a.kind === 'SKR_AREA');
    expect(skr.map((a) => [a.code, a.catalogueSize])).toEqual([
      ['aldre', 75],
      ['barn-och-unga', 119],
      ['funktionshinder', 57],
      ['missbruk-och-beroende', 59],
      ['socialpsykiatri', 53],
      ['vald-i-nara-relationer', 46],
    ]);
    const aldre = skr[0]!;
    const homeCare = aldre.categories.find((c) => c.nameSv === 'Hemtjänst och hemtjänstinsatser');
    expect(homeCare?.interventions.map((i) => i.nameSv)).toContain('Hemtjänst');
    expect(aldre.namedInterventionCount).toBeLessThanOrEqual(75);
  });

  it('says who offers an intervention, every record and the response flagged SYNTHETIC', async () => {
    const { data, synthetic } = await insyn().withMeta.whoOffers({ intervention: 'aldre:hemtjanst', filter: { county: '01' }, first: 100 });
    const nodes = data.offerings.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.synthetic && n.dataset.synthetic && n.offered && n.intervention.code === 'aldre:hemtjanst')).toBe(true);
    // County 01 = Stockholms län: municipalities 01xx and Stockholm's districts.
    expect(nodes.every((n) => n.region.code.startsWith('01'))).toBe(true);
    expect(synthetic).toMatchObject({ datasets: ['synthetic-offerings-2022'] });
    expect(synthetic!.notice).toMatch(/SYNTHETIC/);
    expect(insyn().lastSynthetic).toEqual(synthetic);
  });

  it('throws UNKNOWN_INTERVENTION for an intervention code that does not exist', async () => {
    const error = await apiError(insyn().whoOffers({ intervention: 'aldre:hemtjanstt' }));
    expect(error.code).toBe('UNKNOWN_INTERVENTION');
    expect(error.suggestions).toContain('aldre:hemtjanst');
  });
});

describe('indicators and regions', () => {
  it('finds both IBIC indicators by "ibic", with their source, and the change over time that names IBIC', async () => {
    const { indicators } = await insyn().indicators({ search: 'ibic' });
    // The search covers descriptions and member labels: the 2022 fact sheet's changes in percentage points name IBIC.
    expect(indicators.edges.map((e) => e.node.code).sort()).toEqual(['oj-ibic-uppfoljning', 'oj-ibic-utredning', 'oj-sp-forandring-procentenheter']);
    expect(indicators.edges.every((e) => e.node.source.publisher === 'Socialstyrelsen')).toBe(true);
    expect(indicators.edges.filter((e) => e.node.kind === 'INDICATOR').map((e) => e.node.code).sort()).toEqual(['oj-ibic-uppfoljning', 'oj-ibic-utredning']);
  });

  it('finds Malmö by "malmo", in Skåne län', async () => {
    const { regions } = await insyn().regions({ search: 'malmo' });
    expect(regions.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ code: '1280', name: 'Malmö kommun', level: 'MUNICIPALITY', koladaId: '1280', parent: expect.objectContaining({ code: '12', name: 'Skåne län' }) }),
    ]);
  });

  it("lists Sweden's 21 counties and Stockholms län's 26 municipalities", async () => {
    expect((await insyn().regions({ level: 'COUNTY', first: 100 })).regions.totalCount).toBe(21);
    const stockholm = await insyn().regions({ parent: '01', level: 'MUNICIPALITY', first: 100 });
    expect(stockholm.regions.totalCount).toBe(26);
    expect(stockholm.regions.edges.map((e) => e.node.code)).toContain('0180');
  });

  it('refuses a page larger than the server allows instead of cutting it silently', async () => {
    const error = await apiError(insyn().regions({ first: 5000 }));
    expect(error.code).toBe('PAGE_TOO_LARGE');
  });
});

describe('the client', () => {
  it('runs any typed document with query() and sends the configured headers through the given fetch', async () => {
    const seen: Headers[] = [];
    const methods: string[] = [];
    const recording: typeof fetch = (input, init) => {
      seen.push(new Headers(init?.headers));
      methods.push(init?.method ?? 'GET');
      return fetch(input, init);
    };
    const custom = createClient({ url: server.endpoint(), fetch: recording, headers: { 'x-insyn-client': 'sdk-test' } });
    const RegionName = graphql(`
      query SdkTestRegionName($code: String!) { region(code: $code) { name parent { name } } }
    `);
    const data = await custom.query(RegionName, { code: '1280' });
    expect(data.region).toMatchObject({ name: 'Malmö kommun', parent: { name: 'Skåne län' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.get('x-insyn-client')).toBe('sdk-test');
    // Short queries go as GET, so a CDN can cache them.
    expect(methods).toEqual(['GET']);
    expect(custom.urql).toBeDefined();
  });

  it('throws NETWORK_ERROR when nothing listens at the URL', async () => {
    // A port that was free a moment ago and is closed again: the connection is refused.
    const probe = createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)));
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const offline = createClient({ url: `http://127.0.0.1:${port}/graphql` });
    const error = await apiError(offline.regions({ search: 'malmo' }));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.suggestions).toBeUndefined();
  });

  it('reports a variable the schema rejects as INVALID_ARGUMENT with the validation message', async () => {
    const error = await apiError(insyn().crossSection({ indicator: 'skr-provider-share', period: 2022, level: 'KOMMUN' as never }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/"KOMMUN" does not exist in "RegionLevel"/);
  });
});

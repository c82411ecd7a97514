// Over 300 lines: the observation fields and filters share one set of typed documents; the filter errors are in filter.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../db/paths.js';
import { graphql } from '@test/gql/index.js';
import { expectGraphQLError, expectNoGraphQLErrors, testServer } from '@test/support/server.js';
import { loadedDatabase } from '@test/support/sql.js';

const { execute } = testServer();

const Series = graphql(`
  query ObservationsTestSeries($indicator: String!, $region: String!, $members: [String!]) {
    timeSeries(indicator: $indicator, region: $region, members: $members) {
      id period value printed status dimensionKey table
      source { code publisher year attribution }
      dataset { code synthetic }
    }
  }
`);

const CrossSection = graphql(`
  query ObservationsTestCrossSection($indicator: String!, $period: Int!, $level: RegionLevel!, $members: [String!]) {
    crossSection(indicator: $indicator, period: $period, level: $level, members: $members) {
      region { code shortName } value printed status statusReason table dimensionKey
    }
  }
`);

const Observations = graphql(`
  query ObservationsTestFilter($filter: ObservationFilter!, $first: Int, $after: String) {
    observations(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id period value status region { code } indicator { code } members { id labelSv } } }
    }
  }
`);

const ObservationCount = graphql(`
  query ObservationsTestCount($filter: ObservationFilter!, $first: Int) {
    observations(filter: $filter, first: $first) { totalCount }
  }
`);

const ObservationNode = graphql(`
  query ObservationsTestNode($id: ID!) {
    node(id: $id) { id ... on Observation { period value table indicator { code } region { code } } }
  }
`);

const Indicators = graphql(`
  query ObservationsTestIndicators($filter: IndicatorFilter, $first: Int) {
    indicators(filter: $filter, first: $first) {
      totalCount
      edges { node { code titleSv kind unit direction koladaKpiId area { code } dimensions { code members { id } } } }
    }
  }
`);

const IndicatorByCode = graphql(`
  query ObservationsTestIndicator($code: String!) {
    indicator(code: $code) { code kind direction unit source { code } }
  }
`);

describe('time series', () => {
  it('gives IBIC in social psychiatry investigations 2017-2022 as in Öppna jämförelser 2022, Tabell 2', async () => {
    const data = expectNoGraphQLErrors(await execute(Series, { indicator: 'oj-ibic-utredning', region: '00', members: ['area:socialpsykiatri'] }));
    expect(data.timeSeries.map((o) => [o.period, o.value])).toEqual([[2017, 8], [2018, 13], [2019, 22], [2020, 37], [2021, 43], [2022, 53]]);
    expect(data.timeSeries.every((o) => o.status === 'PUBLISHED' && o.table.startsWith('Tabell 2') && o.dimensionKey === 'area=socialpsykiatri')).toBe(true);
    expect(data.timeSeries[0]!.source).toMatchObject({ publisher: 'Socialstyrelsen', year: 2022 });
    expect(data.timeSeries[0]!.dataset).toEqual({ code: 'published', synthetic: false });
  });

  it('gives each area its own series when no member is picked (Tabell 2, 2022: 53, 55, 65, 64)', async () => {
    const data = expectNoGraphQLErrors(await execute(Series, { indicator: 'oj-ibic-utredning', region: '00' }));
    const y2022 = Object.fromEntries(data.timeSeries.filter((o) => o.period === 2022).map((o) => [o.dimensionKey, o.value]));
    expect(y2022).toEqual({ 'area=socialpsykiatri': 53, 'area=lss': 55, 'area=aldre-ordinart-boende': 65, 'area=aldre-sarskilt-boende': 64 });
  });

  it('gives the IBIC follow-up series (Tabell 3: socialpsykiatri 5 → 38)', async () => {
    const data = expectNoGraphQLErrors(await execute(Series, { indicator: 'oj-ibic-uppfoljning', region: '00', members: ['area:socialpsykiatri'] }));
    expect(data.timeSeries.map((o) => o.value)).toEqual([5, 9, 16, 27, 34, 38]);
  });
});

describe('cross-section', () => {
  it("gives Stockholms län's shares by provider in elderly care (SKR 2022, Tabell 7: 39 / 8 / 49 / 4)", async () => {
    const members = ['area:aldre', 'provider:municipal_only', 'provider:private_only', 'provider:municipal_and_private', 'provider:unknown'];
    const data = expectNoGraphQLErrors(await execute(CrossSection, { indicator: 'skr-provider-share', period: 2022, level: 'COUNTY', members }));
    const stockholm = Object.fromEntries(data.crossSection.filter((o) => o.region.code === '01').map((o) => [o.dimensionKey, o.printed]));
    expect(stockholm).toEqual({
      'area=aldre;provider=municipal_only': '39%',
      'area=aldre;provider=private_only': '8%',
      'area=aldre;provider=municipal_and_private': '49%',
      'area=aldre;provider=unknown': '4%',
    });
    expect(new Set(data.crossSection.map((o) => o.region.code)).size).toBe(21);
  });

  it('lists a suppressed county with its reason: LSS 2021, social work degree, non-response over 20 %', async () => {
    const data = expectNoGraphQLErrors(await execute(CrossSection, { indicator: 'oj-lss-handlaggare-socionomexamen', period: 2021, level: 'COUNTY' }));
    const suppressed = data.crossSection.filter((o) => o.status === 'SUPPRESSED');
    expect(suppressed.map((o) => [o.region.shortName, o.status, o.value])).toEqual([
      ['Jönköping', 'SUPPRESSED', null], ['Västmanland', 'SUPPRESSED', null], ['Västernorrland', 'SUPPRESSED', null],
    ]);
    expect(suppressed.every((o) => /bortfall/.test(o.statusReason ?? '') && /20 procent/.test(o.statusReason ?? ''))).toBe(true);
    // Every other county is a bar of Figur 1 whose value the text lacks: in the cross-section as CHART_ONLY, not absent.
    expect(data.crossSection.filter((o) => o.status === 'CHART_ONLY' && o.value === null)).toHaveLength(18);
    expect(data.crossSection).toHaveLength(21);
  });

  it('gives Riket 82 % with the county range 65-94 % as separate series (LSS 2021 text)', async () => {
    const data = expectNoGraphQLErrors(await execute(CrossSection, { indicator: 'oj-lss-handlaggare-socionomexamen', period: 2021, level: 'COUNTRY' }));
    expect(Object.fromEntries(data.crossSection.map((o) => [o.dimensionKey, o.value]))).toEqual({ '': 82, 'statistic=county_min': 65, 'statistic=county_max': 94 });
  });
});

describe('observation filters', () => {
  it('pages through a filter with stable cursors and totalCount', async () => {
    const filter = { indicators: ['oj-ibic-utredning'] };
    const first = expectNoGraphQLErrors(await execute(Observations, { filter, first: 10 }));
    expect(first.observations.totalCount).toBe(24);
    expect(first.observations.pageInfo.hasNextPage).toBe(true);
    const rest = expectNoGraphQLErrors(await execute(Observations, { filter, first: 20, after: first.observations.pageInfo.endCursor }));
    expect(rest.observations.edges).toHaveLength(14);
    const ids = [...first.observations.edges, ...rest.observations.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(24);
  });

  it('combines members of one dimension with OR and of different dimensions with AND', async () => {
    const data = expectNoGraphQLErrors(await execute(Observations, {
      filter: { indicators: ['skr-form-share'], regions: ['01'], members: ['area:aldre', 'form:digital_only', 'form:physical_only'] },
    }));
    // Tabell 5, Stockholm: physical 64 %, digital 3 %.
    expect(Object.fromEntries(data.observations.edges.map((e) => [e.node.members.map((m) => m.id).join(','), e.node.value]))).toEqual({
      'area:aldre,form:physical_only': 64,
      'area:aldre,form:digital_only': 3,
    });
  });

  it('keeps suppressed figures unless statuses says otherwise', async () => {
    const all = expectNoGraphQLErrors(await execute(Observations, { filter: { indicators: ['oj-lss-handlaggare-socionomexamen'] } }));
    const published = expectNoGraphQLErrors(await execute(Observations, { filter: { indicators: ['oj-lss-handlaggare-socionomexamen'], statuses: ['PUBLISHED'] } }));
    // 3 suppressed counties and the 18 that Figur 1 shows only as bars (CHART_ONLY).
    expect(all.observations.totalCount - published.observations.totalCount).toBe(21);
  });

  it('answers the change feed: nothing changed after a future date', async () => {
    const data = expectNoGraphQLErrors(await execute(Observations, { filter: { indicators: ['oj-ibic-utredning'], updatedSince: '2999-01-01T00:00:00Z' } }));
    expect(data.observations.totalCount).toBe(0);
    const since = expectNoGraphQLErrors(await execute(Observations, { filter: { indicators: ['oj-ibic-utredning'], updatedSince: '2000-01-01T00:00:00Z' } }));
    expect(since.observations.totalCount).toBe(24);
  });

  it('refuses years outside the data with the range it holds', async () => {
    const error = expectGraphQLError(await execute(Observations, { filter: { indicators: ['oj-ibic-utredning'], periodFrom: 1990 } }), 'PERIOD_OUT_OF_RANGE');
    expect(error.message).toMatch(/periodFrom: 1990 is outside the years Insyn holds \(\d{4}-\d{4}\)/);
    expectGraphQLError(await execute(CrossSection, { indicator: 'oj-ibic-utredning', period: 2099, level: 'COUNTRY' }), 'PERIOD_OUT_OF_RANGE');
  });

  it('refuses a reversed year range', async () => {
    expectGraphQLError(await execute(Observations, { filter: { periodFrom: 2022, periodTo: 2017 } }), 'INVALID_FILTER');
  });

  it('refuses a malformed member filter and says the form', async () => {
    const error = expectGraphQLError(await execute(Observations, { filter: { members: ['socialpsykiatri'] } }), 'INVALID_FILTER');
    expect(error.message).toMatch(/"dimension:member"/);
  });

  it('refuses an unknown member with the nearest ones', async () => {
    const error = expectGraphQLError(await execute(Observations, { filter: { members: ['area:socialpsyk'] } }), 'UNKNOWN_DIMENSION_MEMBER');
    expect(error.extensions?.suggestions).toContain('area:socialpsykiatri');
  });

  it('refuses a misspelt indicator with suggestions, never an empty answer', async () => {
    const error = expectGraphQLError(await execute(Series, { indicator: 'oj-ibic-utreding', region: '00' }), 'UNKNOWN_INDICATOR');
    expect((error.extensions?.suggestions as string[])[0]).toBe('oj-ibic-utredning');
    expect(error.message).toMatch(/Did you mean oj-ibic-utredning/);
  });

  it('refuses an unknown region in a filter', async () => {
    const error = expectGraphQLError(await execute(Observations, { filter: { regions: ['00', '0189'] } }), 'UNKNOWN_REGION');
    expect(error.extensions?.input).toBe('0189');
  });

  it('refuses a page of 10000 observations (PAGE_TOO_LARGE), also when only totalCount is asked', async () => {
    expectGraphQLError(await execute(Observations, { filter: {}, first: 10000 }), 'PAGE_TOO_LARGE');
    const countOnly = await execute(ObservationCount, { filter: {}, first: 10000 });
    expectGraphQLError(countOnly, 'PAGE_TOO_LARGE');
  });
});

describe('observation ids', () => {
  it('round-trips an observation through node(id)', async () => {
    const { timeSeries } = expectNoGraphQLErrors(await execute(Series, { indicator: 'oj-ibic-utredning', region: '00', members: ['area:socialpsykiatri'] }));
    const y2022 = timeSeries.find((o) => o.period === 2022)!;
    const data = expectNoGraphQLErrors(await execute(ObservationNode, { id: y2022.id }));
    expect(data.node).toEqual({ id: y2022.id, period: 2022, value: 53, table: y2022.table, indicator: { code: 'oj-ibic-utredning' }, region: { code: '00' } });
  });
});

describe('indicators', () => {
  it('tells a background measure (no direction) from an indicator', async () => {
    const measure = expectNoGraphQLErrors(await execute(IndicatorByCode, { code: 'oj-lss-handlaggare-socionomexamen' }));
    expect(measure.indicator).toMatchObject({ kind: 'BACKGROUND_MEASURE', direction: 'NONE', unit: 'PERCENT' });
    const ibic = expectNoGraphQLErrors(await execute(IndicatorByCode, { code: 'oj-ibic-utredning' }));
    expect(ibic.indicator).toMatchObject({ kind: 'INDICATOR', direction: 'HIGHER_IS_BETTER' });
  });

  it('searches titles forgiving accents ("socionomexamen", "handlaggare")', async () => {
    const data = expectNoGraphQLErrors(await execute(Indicators, { filter: { search: 'handlaggare socionomexamen' } }));
    expect(data.indicators.edges.map((e) => e.node.code)).toEqual(['oj-lss-handlaggare-socionomexamen']);
  });

  it('filters by area and lists each indicator\'s dimensions without a query per indicator', async () => {
    const result = await execute(Indicators, { filter: { source: 'skr-2022-insatser' }, first: 100 });
    const data = expectNoGraphQLErrors(result);
    const form = data.indicators.edges.find((e) => e.node.code === 'skr-form-share')!.node;
    expect(form.dimensions.map((d) => d.code)).toEqual(expect.arrayContaining(['area', 'form']));
    expect(form.dimensions.find((d) => d.code === 'form')!.members.map((m) => m.id)).toEqual(['form:physical_only', 'form:physical_and_digital', 'form:digital_only', 'form:unknown']);
    expect(data.indicators.totalCount).toBeGreaterThan(10);
    expect(result.statements.length).toBeLessThanOrEqual(7);
  });

  it('refuses an unknown area in the indicator filter', async () => {
    const error = expectGraphQLError(await execute(Indicators, { filter: { area: 'socialpsyk' } }), 'UNKNOWN_AREA');
    expect(error.extensions?.suggestions).toContain('socialpsykiatri');
  });
});

describe('reference period and publication year', () => {
  const { rows } = loadedDatabase();

  it('Mind\'s survey of 2024, published in 2025: period 2024, publicationYear 2025; asking for 2025 says so', async () => {
    const series = expectNoGraphQLErrors(await execute('{ timeSeries(indicator: "mind-ips-offering-share", region: "00", members: ["mind_ips_status:fidelity"]) { period publicationYear value } }')).timeSeries as { period: number; publicationYear: number; value: number }[];
    expect(series).toEqual([{ period: 2024, publicationYear: 2025, value: 11 }]);
    const error = expectGraphQLError(await execute('{ crossSection(indicator: "mind-ips-offering-share", period: 2025, level: COUNTRY) { value } }'), 'PERIOD_OUT_OF_RANGE');
    expect(error.message).toContain('2025 is when mind-2025-ips (Mind) was published; mind-ips-offering-share\'s figures are for 2024');
  });

  it('observations(filter: { publicationYear }) finds every figure of the documents published that year, and only those', async () => {
    const [mind] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM observation WHERE source_code = 'mind-2025-ips'`);
    const data = expectNoGraphQLErrors(await execute('{ observations(filter: { publicationYear: 2025 }, first: 500) { totalCount edges { node { period publicationYear source { code } } } } }'));
    expect(data.observations.totalCount).toBe(mind!.n);
    const nodes = data.observations.edges.map((e: { node: { period: number; publicationYear: number; source: { code: string } } }) => e.node);
    expect(new Set(nodes.map((n: { source: { code: string } }) => n.source.code))).toEqual(new Set(['mind-2025-ips']));
    expect(nodes.every((n: { period: number; publicationYear: number }) => n.publicationYear === 2025 && n.period <= 2025)).toBe(true);
    const none = expectGraphQLError(await execute('{ observations(filter: { publicationYear: 2019 }) { totalCount } }'), 'PERIOD_OUT_OF_RANGE');
    expect(none.extensions?.years).toEqual([2013, 2021, 2022, 2025]);
  });

  it('no figure is for a year after its document was published', async () => {
    const late = await rows(`SELECT o.id, o.period, s.year FROM observation o JOIN source s ON s.code = o.source_code WHERE o.period > s.year`);
    expect(late).toEqual([]);
  });
});

describe('findable by table', () => {
  const { rows } = loadedDatabase();
  /** Figures whose locator names the table, parsed here with SQL, apart from the loader's parser. */
  const printedIn = async (table: string, source?: string) => (await rows<{ n: number }>(`
    SELECT count(DISTINCT id)::int AS n FROM (
      SELECT o.id, o.source_code, o.locator FROM observation o
      UNION ALL SELECT p.observation_id, p.source_code, p.locator FROM observation_printing p
    ) printing
    WHERE ($2::text IS NULL OR source_code = $2)
      AND EXISTS (SELECT 1 FROM unnest(string_to_array(locator, ';')) AS p WHERE regexp_replace(trim(p), ' \\(.*\\)$', '') = $1)`, [table, source ?? null]))[0]!.n;

  it('tables: ["Tabell 15"] of SKR finds every figure printed in it; "tabell 15" and "Table 15" too; a national row keeps its section', async () => {
    const expected = await printedIn('Tabell 15', 'skr-2022-insatser');
    expect(expected).toBeGreaterThan(20);
    for (const spelling of ['Tabell 15', 'tabell 15', 'Table 15']) {
      const data = expectNoGraphQLErrors(await execute(`{ observations(filter: { tables: ["${spelling}"], sources: ["skr-2022-insatser"] }, first: 500) { totalCount edges { node { locators { kind label number section } } } } }`));
      expect(data.observations.totalCount, spelling).toBe(expected);
    }
    // Tabell 23 prints Riket as its "Nationellt genomsnitt" row.
    const national = expectNoGraphQLErrors(await execute('{ observations(filter: { tables: ["Tabell 23"], regions: ["00"] }, first: 50) { edges { node { locators { kind label number section } } } } }'));
    const parts = national.observations.edges.flatMap((e: { node: { locators: { label: string; section: string | null }[] } }) => e.node.locators);
    expect(parts).toContainEqual({ kind: 'TABLE', label: 'Tabell 23', number: 23, section: 'Nationellt genomsnitt' });
  });

  it('a page of figures filtered by table reads each figure without its tables column (the filter uses it, no read returns it)', async () => {
    const result = await execute(`{ observations(filter: { tables: ["Tabell 15"], sources: ["skr-2022-insatser"] }, first: 50) { edges { node { id value table } } } }`);
    expect(expectNoGraphQLErrors(result).observations.edges).toHaveLength(50);
    const page = result.statements.filter((sql) => /FROM "public"\."observation" AS/.test(sql));
    expect(page.length).toBeGreaterThan(0);
    for (const sql of page) {
      expect(sql).toMatch(/"tables" && /);
      expect(sql.slice(0, sql.indexOf(' FROM '))).not.toMatch(/"tables"/);
    }
  });

  it('every table and figure the data names finds exactly the figures printed in it', async () => {
    const tables = (await rows<{ t: string }>(`SELECT DISTINCT regexp_replace(trim(p), ' \\(.*\\)$', '') AS t FROM (SELECT locator FROM observation UNION SELECT locator FROM observation_printing) l, unnest(string_to_array(locator, ';')) AS p WHERE trim(p) ~ '^(Tabell|Figur)'`)).map((r) => r.t);
    expect(tables.length).toBeGreaterThan(30);
    for (const table of tables) {
      const result = await execute('query T($t: [String!]) { observations(filter: { tables: $t }, first: 1) { totalCount } }', { t: [table] });
      expect({ table, n: expectNoGraphQLErrors(result).observations.totalCount }).toEqual({ table, n: await printedIn(table) });
    }
  });

  it('a table no figure is printed in, or a word that is no table, is INVALID_FILTER with what to write', async () => {
    const none = expectGraphQLError(await execute('{ observations(filter: { tables: ["Tabell 99"] }) { totalCount } }'), 'INVALID_FILTER');
    expect(none.message).toMatch(/^No figure printed in "Tabell 99"\. Did you mean Tabell \d+/);
    const word = expectGraphQLError(await execute('{ observations(filter: { tables: ["hemma"] }) { totalCount } }'), 'INVALID_FILTER');
    expect(word.message).toContain('"hemma" is not a table or figure');
  });

  it('indicator search covers descriptions, member labels and table names: "hemlös" and "Tabell 5" find their indicators', async () => {
    const search = async (text: string) => (expectNoGraphQLErrors(await execute('query S($s: String) { indicators(filter: { search: $s }, first: 100) { edges { node { code } } } }', { s: text })).indicators.edges as { node: { code: string } }[]).map((e) => e.node.code);
    const [homeless] = await rows<{ codes: string[] }>(`SELECT array_agg(DISTINCT d.indicator_code ORDER BY d.indicator_code) AS codes FROM indicator_dimension d JOIN dimension_member m ON m.dimension_code = d.dimension_code WHERE m.label_sv ILIKE 'hemlös%'`);
    expect(homeless!.codes.length).toBeGreaterThan(0);
    expect((await search('hemlös')).sort()).toEqual(expect.arrayContaining(homeless!.codes));
    expect(await search('hemlos')).toEqual(await search('hemlös'));
    const [table5] = await rows<{ codes: string[] }>(`SELECT array_agg(DISTINCT indicator_code ORDER BY indicator_code) AS codes FROM observation WHERE 'Tabell 5' = ANY(tables)`);
    expect((await search('Tabell 5')).sort()).toEqual(expect.arrayContaining(table5!.codes));
    const tooMany = expectGraphQLError(await execute('query S($s: String) { indicators(filter: { search: $s }) { totalCount } }', { s: Array.from({ length: 21 }, (_, i) => `ord${i}`).join(' ') }), 'INVALID_FILTER');
    expect(tooMany.extensions?.max).toBe(20);
  });
});

describe('every printing of a figure', () => {
  const { rows } = loadedDatabase();
  const Printed = `query P($filter: ObservationFilter!) { observations(filter: $filter, first: 100) { totalCount edges { node { period value table source { code } printings { source { code } table value printed note } } } } }`;
  type Node = { period: number; value: number; table: string; source: { code: string }; printings: { source: { code: string }; table: string; value: number; printed: string; note: string | null }[] };
  const nodes = (data: { observations: { edges: { node: Node }[] } }) => data.observations.edges.map((e) => e.node);

  it('IBIC in LSS 2019-2021 is found by the LSS 2021 source too, where Tabell 1 reprints it (19, 36, 41)', async () => {
    const data = expectNoGraphQLErrors(await execute(Printed, { filter: { sources: ['oj-2021-lss'], indicators: ['oj-ibic-utredning'] } }));
    expect(nodes(data).map((n) => [n.period, n.value, n.source.code, n.printings.map((p) => `${p.source.code} ${p.table} ${p.value}`)])).toEqual([
      [2019, 19, 'oj-2022-socialpsykiatri', ['oj-2021-lss Tabell 1 19']],
      [2020, 36, 'oj-2022-socialpsykiatri', ['oj-2021-lss Tabell 1 36']],
      [2021, 41, 'oj-2022-socialpsykiatri', ['oj-2021-lss Tabell 1 41']],
    ]);
  });

  it('SKR barn och unga, kommunal regi: Tabell 14 prints 70 %, Tabell 15\'s national row 68 %; both are held, the figure is the national table\'s', async () => {
    const data = expectNoGraphQLErrors(await execute(Printed, { filter: { indicators: ['skr-provider-share'], regions: ['00'], members: ['area:barn-och-unga', 'provider:municipal_only'], exactMembers: true, tables: ['Tabell 15'] } }));
    const [figure] = nodes(data);
    expect(figure).toMatchObject({ value: 70, table: 'Tabell 14; text: Insatser som ges i kommunal respektive enskild regi' });
    expect(figure!.printings).toEqual([{ source: { code: 'skr-2022-insatser' }, table: 'Tabell 15 (Nationellt genomsnitt)', value: 68, printed: '68%', note: expect.stringContaining('68 %') }]);
  });

  it('every printing in the data files is held with its value; a printing that differs from its figure says why', async () => {
    const held = await rows<{ id: string; source_code: string; locator: string; value: number; figure: number; note: string | null }>(`
      SELECT p.observation_id AS id, p.source_code, p.locator, p.value, o.value AS figure, p.note FROM observation_printing p JOIN observation o ON o.id = p.observation_id ORDER BY 1, 2, 3`);
    const files = observationFilesNamed('printings.csv').flatMap((file) => {
      const [header, ...records] = parse(readFileSync(file, 'utf8'), { bom: true }) as string[][];
      return records.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
    });
    expect(held).toHaveLength(files.length);
    expect(files.length).toBe(10);
    for (const f of files) {
      const dims = f.dimensions!.split(';').filter(Boolean).sort().join(';');
      const h = held.find((p) => p.id === `${f.indicator}|${f.region}|${f.period}|${dims}` && p.locator === f.locator);
      expect(h, `${f.indicator} ${f.locator}`).toMatchObject({ value: Number(f.value) });
      if (h!.value !== h!.figure) expect(h!.note, h!.id).toBeTruthy();
    }
    // The four national rows of SKR's county tables that print another value than the national table.
    expect(held.filter((p) => p.value !== p.figure).map((p) => p.locator).sort()).toEqual(['Tabell 13 (Nationellt genomsnitt)', 'Tabell 15 (Nationellt genomsnitt)', 'Tabell 23 (Nationellt genomsnitt)', 'Tabell 29 (Nationellt genomsnitt)']);
  });
});

/** Data files of this name under prisma/data/seeds, with their full paths. */
function observationFilesNamed(name: string, dir = path.join(repoRoot, 'prisma', 'data', 'seeds')): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? observationFilesNamed(name, full) : entry === name ? [full] : [];
  });
}

/**
 * The lookup layer: codes are checked in memory, not with SQL; a code another process has
 * just written is accepted at once; one it has just removed is refused within about a second.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '@test/support/database.js';
import { expectGraphQLError, expectNoGraphQLErrors, testServer } from '@test/support/server.js';
import { loadedDatabase } from '@test/support/sql.js';
import { createPrisma } from '../db/prisma.js';
import { createServer } from '../http/yoga.js';
import { RequestLookups, type LookupStore, type Lookups } from './lookups.js';

const { execute } = testServer();
const { rows } = loadedDatabase();

describe('checks against the lookup layer', () => {
  it('a region by code, its parent and children are answered from the snapshot without a statement; with its groups, one statement reads both', async () => {
    const plain = await execute('{ region(code: "0180") { name level parent { code name } } }');
    expect(expectNoGraphQLErrors(plain).region).toEqual({ name: 'Stockholms kommun', level: 'MUNICIPALITY', parent: { code: '01', name: 'Stockholms län' } });
    expect(plain.statements, plain.statements.join('\n')).toEqual([]);
    const children = await execute('{ region(code: "03") { name children { code parent { code } } } }');
    const county = expectNoGraphQLErrors(children).region as { name: string; children: { code: string; parent: { code: string } }[] };
    expect(county.name).toBe('Uppsala län');
    expect(county.children.map((c) => c.code)).toEqual(['0305', '0319', '0330', '0331', '0360', '0380', '0381', '0382']);
    expect(new Set(county.children.map((c) => c.parent.code))).toEqual(new Set(['03']));
    expect(children.statements, children.statements.join('\n')).toEqual([]);
    const withGroups = await execute('{ region(code: "0180") { name groups { group { code } } } }');
    expect(expectNoGraphQLErrors(withGroups).region).toEqual({ name: 'Stockholms kommun', groups: [{ group: { code: 'A1' } }] });
    expect(withGroups.statements, withGroups.statements.join('\n')).toHaveLength(1);
  });

  it('a Kolada id resolves in memory too: 0001 is Stockholms län', async () => {
    const result = await execute('{ region(koladaId: "0001") { code name } }');
    expect(expectNoGraphQLErrors(result).region).toEqual({ code: '01', name: 'Stockholms län' });
    expect(result.statements).toEqual([]);
  });

  it("an area's catalogue is read from the snapshot: social psychiatry's categories and interventions without a statement", async () => {
    const result = await execute('{ area(code: "socialpsykiatri") { nameSv categories { code nameSv interventions { code nameSv publishedOfferingCount category { code } area { code } } } } }');
    const area = expectNoGraphQLErrors(result).area as { nameSv: string; categories: { code: string; interventions: { code: string; nameSv: string; publishedOfferingCount: number | null; category: { code: string }; area: { code: string } }[] }[] };
    const expected = await rows<{ category: string; code: string; name: string; offering: number | null }>(`
      SELECT c.code AS category, i.code, i.name_sv AS name, i.published_offering_count AS offering
      FROM intervention_category c JOIN intervention i ON i.category_code = c.code
      WHERE c.area_code = 'socialpsykiatri' ORDER BY c.position, c.code, i.name_sv, i.code`);
    expect(expected.length).toBeGreaterThan(10);
    expect(area.categories.flatMap((c) => c.interventions.map((i) => ({ category: c.code, code: i.code, name: i.nameSv, offering: i.publishedOfferingCount })))).toEqual(expected);
    for (const c of area.categories) for (const i of c.interventions) expect([i.category.code, i.area.code]).toEqual([c.code, 'socialpsykiatri']);
    expect(result.statements, result.statements.join('\n')).toEqual([]);
  });

  it('misspelt codes are refused with suggestions without a statement of the request', async () => {
    for (const [query, code, suggestion] of [
      ['{ region(code: "0180x") { name } }', 'UNKNOWN_REGION', '0180'],
      ['{ indicator(code: "oj-ibic-utredningg") { code } }', 'UNKNOWN_INDICATOR', 'oj-ibic-utredning'],
      ['{ timeSeries(indicator: "oj-ibic-utredning", region: "00", members: ["area:socialpsykiatrii"]) { value } }', 'UNKNOWN_DIMENSION_MEMBER', 'area:socialpsykiatri'],
      ['{ offerings(intervention: "socialpsykiatri:boendestod", dataset: "synthetic-offerings-2021") { totalCount } }', 'UNKNOWN_DATASET', 'synthetic-offerings-2022'],
    ] as const) {
      const result = await execute(query);
      expect(expectGraphQLError(result, code).extensions?.suggestions).toContain(suggestion);
      expect(result.statements, query).toEqual([]);
    }
  });

  it('a year outside the data is PERIOD_OUT_OF_RANGE naming the years held, with no statement', async () => {
    const result = await execute('{ crossSection(indicator: "oj-ibic-utredning", period: 1999, level: COUNTY) { value } }');
    const [held] = await rows<{ min: number; max: number }>('SELECT min(period) AS min, max(period) AS max FROM observation');
    expect(expectGraphQLError(result, 'PERIOD_OUT_OF_RANGE').extensions).toMatchObject(held!);
    expect(result.statements).toEqual([]);
  });
});

describe('rows a figure refers to (its region, source, indicator, members) come from the snapshot', () => {
  it('a page of observations with region and source is one statement that joins neither table', async () => {
    const result = await execute('{ observations(filter: { regions: ["0180"] }, first: 500) { edges { node { value region { code name level } source { code title } } } } }');
    const edges = expectNoGraphQLErrors(result).observations.edges as { node: { region: { code: string; name: string; level: string }; source: { code: string; title: string } } }[];
    expect(edges.length).toBeGreaterThan(10);
    expect(new Set(edges.map((e) => JSON.stringify(e.node.region)))).toEqual(new Set([JSON.stringify({ code: '0180', name: 'Stockholms kommun', level: 'MUNICIPALITY' })]));
    const titles = new Map((await rows<{ code: string; title: string }>('SELECT code, title FROM source')).map((r) => [r.code, r.title]));
    for (const { node } of edges) expect(node.source.title).toBe(titles.get(node.source.code));
    expect(edges[0]!.node.source.title).toBe('Handlingsplan utifrån Inventering av socialpsykiatrins målgrupp');
    expect(result.statements, result.statements.join('\n')).toHaveLength(1);
    expect(result.statements[0]).not.toMatch(/"public"\."(region|source)"/);
  });

  it('a figure\'s dimension members and their dimensions: member ids from the join table, the rest from the snapshot', async () => {
    const result = await execute('{ timeSeries(indicator: "oj-ibic-utredning", region: "00", members: ["area:socialpsykiatri"]) { period value members { id labelSv dimension { code labelSv } } } }');
    const series = expectNoGraphQLErrors(result).timeSeries as { period: number; value: number; members: { id: string; labelSv: string; dimension: { code: string } }[] }[];
    expect(series.find((o) => o.period === 2022)?.value).toBe(53);
    const [member] = await rows<{ label: string }>("SELECT label_sv AS label FROM dimension_member WHERE id = 'area:socialpsykiatri'");
    for (const o of series) expect(o.members.find((m) => m.id === 'area:socialpsykiatri')).toMatchObject({ labelSv: member!.label, dimension: { code: 'area' } });
    expect(result.statements, result.statements.join('\n')).toHaveLength(1);
    expect(result.statements[0]).toMatch(/"public"\."observation_member"/);
    expect(result.statements[0]).not.toMatch(/"public"\."(dimension_member|dimension)"/);
  });

  it('a region\'s parent from the snapshot, its groups (not in the snapshot) in one statement for every row', async () => {
    const result = await execute('{ offerings(intervention: "socialpsykiatri:kontaktperson", filter: { county: "01" }, first: 50) { edges { node { region { code parent { code name } groups { group { code } } } } } } }');
    const edges = expectNoGraphQLErrors(result).offerings.edges as { node: { region: { code: string; parent: { code: string; name: string }; groups: { group: { code: string } }[] } } }[];
    expect(edges.length).toBeGreaterThan(5);
    const upplandsVasby = edges.find((e) => e.node.region.code === '0114')?.node.region;
    expect(upplandsVasby?.parent).toEqual({ code: '01', name: 'Stockholms län' });
    expect(upplandsVasby?.groups.map((g) => g.group.code)).toEqual(['A2']);
    expect(result.statements, result.statements.join('\n')).toHaveLength(2);
    expect(result.statements.join('\n')).toMatch(/"public"\."municipality_group_membership"/);
    // The parent is not joined (Prisma names that join "Region_parent").
    expect(result.statements.join('\n')).not.toMatch(/"Region_parent"/);
  });

  it('a code newer than the snapshot is found after one check for newer data', async () => {
    const source = { code: 'new-source', title: 'Ny rapport' };
    const older = { sources: new Map() } as unknown as Lookups;
    const newer = { sources: new Map([[source.code, source]]) } as unknown as Lookups;
    let checks = 0;
    const store = { revalidate: async () => (checks++, newer) } as unknown as LookupStore;
    const lookups = new RequestLookups(older, store);
    expect(await lookups.referenced((l) => l.sources, 'new-source')).toBe(source);
    expect(checks).toBe(1);
    expect(lookups.referenced((l) => l.sources, 'new-source')).toBe(source);
    expect(checks).toBe(1);
    await expect(async () => lookups.referenced((l) => l.sources, 'no-such-source')).rejects.toThrow(/no-such-source/);
  });
});

describe('freshness across processes', () => {
  const databases: { drop(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  it('accepts a source written by another client at once, and refuses it within seconds of its removal', async () => {
    const db = await createDatabase(inject('adminUrl'), 'insyn_test_lookups');
    databases.push(db);
    const reader = createPrisma(db.url);
    const writer = createPrisma(db.url);
    try {
      const yoga = createServer(reader);
      const ask = async () => {
        const response = await yoga.fetch('http://yoga/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ indicators(filter: { source: "test-source" }) { totalCount } }' }) });
        return (await response.json()) as { data?: { indicators: { totalCount: number } }; errors?: { extensions: { code: string } }[] };
      };
      expect((await ask()).errors?.[0]?.extensions.code).toBe('INVALID_FILTER');
      await writer.source.create({ data: { code: 'test-source', publisher: 'Test', title: 'Test', year: 2026, licence: 'CC0', attribution: 'Test' } });
      // The snapshot lacks it; before refusing, the server sees the data version moved.
      expect((await ask()).data?.indicators.totalCount).toBe(0);
      await writer.source.delete({ where: { code: 'test-source' } });
      // Accepted from the snapshot until the background check (at most once a second) reloads it.
      await expect.poll(async () => (await ask()).errors?.[0]?.extensions.code, { timeout: 5000, interval: 300 }).toBe('INVALID_FILTER');
    } finally {
      await reader.$disconnect();
      await writer.$disconnect();
    }
  }, 30_000);
});

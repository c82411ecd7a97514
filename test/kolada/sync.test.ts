// Over 300 lines: every case runs against one replayed Kolada and one database of its own, in order (a sync, then one after it).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../packages/server/src/db/paths.js';
import { KoladaClient, retryAfterMs } from '../../packages/server/src/kolada/client.js';
import { KoladaError } from '../../packages/server/src/kolada/errors.js';
import { codingOf, checkKpi } from '../../packages/server/src/kolada/metadata.js';
import { dataRequests, decodeValue, referenceKpis, syncKolada, type KoladaSyncOptions } from '../../packages/server/src/kolada/sync.js';
import { load } from '../../packages/server/src/load/load.js';
import { servedDatabase, type ServedDatabase } from '@test/support/served-database.js';
import { areas, dataRows, jsonDataRows, kpiMetadata, startReplay, type DataRow, type Replay } from './replay.js';

/**
 * `npm run sync -- kolada` against a local HTTP server replaying Kolada v3 (test/kolada/replay.ts:
 * every figure from the reference samples), into a database of its own (the suite's shared one
 * keeps its two data sets), read back over real HTTP through the API with the response cache on.
 */
const STOCKHOLM_2000 = 31.32959689;
const KPIS = [...referenceKpis(), 'N00945'];
const YEARS = { from: 2000, to: 2026 };
const TIME_SERIES = `query T($indicator: String!, $region: String!) { timeSeries(indicator: $indicator, region: $region) { period value printed status answer sourceStatus table source { publisher attribution } dataset { code kind synthetic } } }`;
const RANKING = `query R($indicator: String!) { ranking(indicator: $indicator, period: 2000, level: MUNICIPALITY) { order entries { rank value region { code } observation { dataset { code } source { attribution } } } regionsWithoutFigure { code } } }`;

interface Response { data?: any; errors?: { message: string; extensions: Record<string, any> }[]; extensions?: Record<string, any> }

describe('Kolada sync (replayed Kolada v3)', () => {
  const served = servedDatabase('insyn_test_kolada', { responseCache: true });
  let db: ServedDatabase['db'];
  let client: pg.Client;
  let url: string;
  beforeAll(() => void ({ db, client, url } = served));
  const waits: number[] = [];
  const options = (replay: Replay, extra: Partial<KoladaSyncOptions> = {}): KoladaSyncOptions => ({
    baseUrl: replay.url, kpis: KPIS, years: YEARS, minIntervalMs: 0, backoffMs: 7, now: new Date('2026-12-01T12:00:00Z'),
    sleep: async (ms) => void waits.push(ms), ...extra,
  });
  const version = async () => (await client.query<{ v: string }>('SELECT version::text AS v FROM insyn_cache.data_version')).rows[0]!.v;
  const koladaRows = async () => Number((await client.query(`SELECT count(*) FROM observation WHERE dataset_code = 'kolada'`)).rows[0].count);


  async function ask(query: string, variables: Record<string, unknown>): Promise<Response> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as Response;
  }

  it('the replay serves only the reference figures: the CSV sample holds the JSON sample\'s rows, N00945 for 0180, 1280, 1480', () => {
    expect(new Set(dataRows.map((r) => r.municipality))).toEqual(new Set(['0180', '1280', '1480']));
    expect(new Set(dataRows.map((r) => r.kpi))).toEqual(new Set(['N00945']));
    for (const row of jsonDataRows) expect(dataRows).toContainEqual(row);
    expect(kpiMetadata.size).toBe(23);
  });

  it('a malformed row is a clear error and nothing is written', async () => {
    // Stockholm's 2000 row with its value written the Swedish way, as text.
    const broken = dataRows.map((r) => (r.municipality === '0180' && r.period === 2000 ? { ...r, values: [{ ...r.values[0]!, value: '31,32959689' }] } : r));
    const replay = await startReplay({ pageSize: 15, rows: broken });
    const before = await version();
    try {
      const error = await syncKolada(db.url, options(replay)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KoladaError);
      expect((error as KoladaError).code).toBe('KOLADA_MALFORMED_ROW');
      expect((error as KoladaError).message).toMatch(/\/v3\/data\/kpi\/N00945\/municipality\/.*0180.*"value" "31,32959689" is not a number or null.*Nothing was written/);
    } finally {
      await replay.close();
    }
    expect(await version()).toBe(before);
    expect(await koladaRows()).toBe(0);
    expect((await client.query(`SELECT count(*) FROM dataset WHERE code = 'kolada'`)).rows[0].count).toBe('0');
  });

  it('a KPI Kolada does not have is refused by name, nothing written', async () => {
    const replay = await startReplay({ pageSize: 15 });
    try {
      await expect(syncKolada(db.url, options(replay, { kpis: ['U28500', 'U99999'] }))).rejects.toMatchObject({ code: 'UNKNOWN_KPI', message: expect.stringMatching(/Kolada has no KPI U99999/) });
    } finally {
      await replay.close();
    }
    expect(await koladaRows()).toBe(0);
  });

  it('a network failure half-way (Kolada keeps answering 503) writes nothing', async () => {
    // N00945 comes last; its requests fail after every ÖJ KPI was fetched.
    const replay = await startReplay({ pageSize: 15, faults: [{ match: (p) => p.startsWith('/v3/data/kpi/N00945/'), status: 503, times: 1000 }] });
    const before = await version();
    try {
      const error = await syncKolada(db.url, options(replay, { retries: 2 })).catch((e: unknown) => e);
      expect((error as KoladaError).code).toBe('KOLADA_UNAVAILABLE');
      expect((error as KoladaError).message).toMatch(/HTTP 503 after 3 attempts; nothing was written/);
      expect(replay.requests.filter((p) => p.startsWith('/v3/data/kpi/U')).length).toBeGreaterThan(500);
    } finally {
      await replay.close();
    }
    expect(await version()).toBe(before);
    expect(await koladaRows()).toBe(0);
  });

  it('after a replayed sync (two pages, a 429 and a 503 retried), timeSeries for Stockholm gives 31.32959689 for 2000, from Kolada, in data set kolada', async () => {
    const missing = await ask(TIME_SERIES, { indicator: 'kolada-n00945', region: '0180' });
    expect(missing.errors?.[0]?.extensions.code).toBe('UNKNOWN_INDICATOR');
    const replay = await startReplay({
      pageSize: 15,
      faults: [
        { match: (p) => p.startsWith('/v3/data/kpi/N00945/municipality/') && p.includes('0180'), status: 429, headers: { 'retry-after': '3' }, times: 1 },
        { match: (p) => p.startsWith('/v3/data/kpi/N00945/') && p.includes('page=2'), status: 503, times: 1 },
      ],
    });
    waits.length = 0;
    try {
      const result = await syncKolada(db.url, options(replay));
      // At 15 rows a page: the 23 KPIs' metadata on 2 pages, Kolada's 312 areas on 21; then 21 K-type KPIs
      // × 12 groups of ≤25 municipalities × 2 spans of ≤25 years, 2 A-type KPIs × 13 × 2, 3 second pages, 2 retries.
      expect(result.requests).toBe(2 + 21 + 21 * 12 * 2 + 2 * 13 * 2 + 3 + 2);
      expect(result.retries).toBe(2);
      expect(waits).toEqual([3000, 7]);
      expect(replay.requests.filter((p) => p.startsWith('/v3/data/') && p.includes('page=2'))).toHaveLength(4);
      expect(result.crosswalk.N00945).toBe('kolada-n00945');
      expect(result.tables.observation).toMatchObject({ rows: 63, inserted: 63, deleted: 0 });
    } finally {
      await replay.close();
    }
    const series = await ask(TIME_SERIES, { indicator: 'kolada-n00945', region: '0180' });
    expect(series.errors).toBeUndefined();
    const points = series.data.timeSeries;
    expect(points.map((p: { period: number }) => p.period)).toEqual(Array.from({ length: 21 }, (_, i) => 2000 + i));
    expect(points[0]).toEqual({
      period: 2000, value: STOCKHOLM_2000, printed: '31.32959689', status: 'PUBLISHED', answer: null, sourceStatus: null,
      table: 'Kolada API v3: /v3/data/kpi/N00945/municipality/0180/year/2000',
      source: { publisher: 'Kolada (RKA)', attribution: 'Kolada (RKA), Källa: Försäkringskassan' },
      dataset: { code: 'kolada', kind: 'IMPORTED', synthetic: false },
    });
    expect(points.at(-1)).toMatchObject({ period: 2020, value: 40.8 });
    // The response names the data set even when the query asks for no field of it.
    const bare = await ask(`query T($indicator: String!, $region: String!) { timeSeries(indicator: $indicator, region: $region) { period value } }`, { indicator: 'kolada-n00945', region: '0180' });
    expect(bare.extensions?.imported?.datasets).toEqual([{ code: 'kolada', title: 'Kolada: Öppna jämförelser per kommun' }]);
    // A response with only the reports' figures has no such notice.
    const printed = await ask(`{ timeSeries(indicator: "oj-lss-enskildas-uppfattning-myndighetsutovning", region: "00") { period value } }`, {});
    expect(printed.data.timeSeries.length).toBeGreaterThan(0);
    expect(printed.extensions?.imported).toBeUndefined();
    // The CSV export carries the same figure with its Kolada source and data set.
    const link = (await ask(`{ observationExport(filter: { indicators: ["kolada-n00945"], regions: ["0180"], periodFrom: 2000, periodTo: 2000 }) { url rowCount attributions } }`, {})).data.observationExport;
    expect(link).toMatchObject({ rowCount: 1, attributions: ['Kolada (RKA), Källa: Försäkringskassan'] });
    const exported = new URL(link.url);
    const csv = await (await fetch(new URL(exported.pathname + exported.search, url))).text();
    expect(csv).toContain('kolada-n00945,"Tillfälliga föräldrapenningdagar (VAB) som tas ut av män, andel av antal dagar (%)",PERCENT,0180,Stockholms kommun,2000,,31.32959689,31.32959689,PUBLISHED,,,,Kolada: Försäkringskassan,Kolada API v3: /v3/data/kpi/N00945/municipality/0180/year/2000,2026,"Kolada (RKA), Källa: Försäkringskassan",https://www.kolada.se/,kolada,false,AS_PRINTED,,\n');
  });

  it('ranking over the three replayed municipalities orders them, each figure naming the data set', async () => {
    const ranking = (await ask(RANKING, { indicator: 'kolada-n00945' })).data.ranking;
    expect(ranking.order).toBe('DESCENDING');
    expect(ranking.entries.map((e: any) => [e.rank, e.region.code, e.value, e.observation.dataset.code])).toEqual([
      [1, '1480', 33.23952169, 'kolada'], [2, '0180', STOCKHOLM_2000, 'kolada'], [3, '1280', 28.36722648, 'kolada'],
    ]);
    expect(ranking.regionsWithoutFigure).toHaveLength(287);
    expect((await ask(RANKING, { indicator: 'kolada-n00945' })).extensions?.imported?.datasets.map((d: { code: string }) => d.code)).toEqual(['kolada']);
  });

  it('comparison: Stockholm against its SKR group Storstäder (Stockholm, Göteborg, Malmö), the mean of the three replayed figures', async () => {
    const response = await ask(`{ comparison(indicator: "kolada-n00945", region: "0180", period: 2000) { entries { role value status municipalitiesCounted differenceFromRegion group { code } region { code } } } }`, {});
    const entries = response.data.comparison.entries;
    expect(entries.find((e: any) => e.role === 'REGION')).toMatchObject({ region: { code: '0180' }, value: STOCKHOLM_2000, status: 'PUBLISHED' });
    // (31.32959689 + 28.36722648 + 33.23952169) / 3 = 30.9787817, shown to three decimals.
    expect(entries.find((e: any) => e.role === 'MUNICIPALITY_GROUP')).toMatchObject({ group: { code: 'A1' }, value: 30.979, municipalitiesCounted: 3, differenceFromRegion: -0.351 });
    // The replay holds no county or Riket figure for N00945: said so, not invented.
    expect(entries.find((e: any) => e.role === 'COUNTY')).toMatchObject({ region: { code: '01' }, value: null, status: 'MISSING' });
    expect(response.extensions?.imported?.datasets.map((d: { code: string }) => d.code)).toEqual(['kolada']);
  });

  it('every ÖJ KPI of the reference file is tied to an Insyn indicator, Kolada\'s title and description verbatim', async () => {
    const { rows } = await client.query<{ code: string; kolada_kpi_id: string; title_sv: string; description_sv: string | null; unit: string; discontinued: boolean; source_code: string }>(
      `SELECT code, kolada_kpi_id, title_sv, description_sv, unit::text AS unit, discontinued, source_code FROM indicator WHERE kolada_kpi_id IS NOT NULL ORDER BY kolada_kpi_id`);
    const byKpi = new Map(rows.map((r) => [r.kolada_kpi_id, r]));
    expect(referenceKpis()).toHaveLength(22);
    for (const id of referenceKpis()) {
      const indicator = byKpi.get(id);
      expect(indicator, id).toBeDefined();
      if (id === 'U33620' || id === 'U33621') {
        // Already in the LSS report's data files: the crosswalk keeps that indicator and its report title.
        expect(indicator!.code).toMatch(/^oj-lss-/);
        continue;
      }
      expect(indicator).toMatchObject({ code: `kolada-${id.toLowerCase()}`, title_sv: kpiMetadata.get(id)!.title, description_sv: kpiMetadata.get(id)!.description, source_code: 'kolada-oj' });
      expect(indicator!.discontinued, id).toBe(/\(-2023\)/.test(indicator!.title_sv));
    }
    expect(byKpi.get('U28690')!.discontinued).toBe(true);
    expect(byKpi.get('U30426')!.unit).toBe('YES_NO');
    expect(byKpi.get('U35548')!.unit).toBe('PERCENT');
    expect(byKpi.get('U35537')!.unit).toBe('NUMBER');
    const source = (await client.query(`SELECT attribution FROM source WHERE code = 'kolada-oj'`)).rows[0];
    expect(source.attribution).toBe('Kolada (RKA), Källa: Socialstyrelsen, Öppna jämförelser');
    const api = await ask(`{ indicator(code: "kolada-u30426") { titleSv unit koladaKpiId discontinued source { attribution } } }`, {});
    expect(api.data.indicator).toEqual({ titleSv: 'Uppsökande verksamhet för akut hemlösa, (Ja=1, Nej=2)', unit: 'YES_NO', koladaKpiId: 'U30426', discontinued: false, source: { attribution: 'Kolada (RKA), Källa: Socialstyrelsen, Öppna jämförelser' } });
  });

  it('a yes/no KPI is read by its own coding: U30426 (Ja=1, Nej=2) reads 2 as "Nej", U28500 (Ja=1, Nej=0) reads 0 as "Nej" and refuses 2', async () => {
    const replay = await startReplay({ pageSize: 15 });
    try {
      const { values } = await new KoladaClient({ baseUrl: replay.url, minIntervalMs: 0 }).getAll('/v3/kpi/U30426,U28500');
      const [u30426, u28500] = values.map((v, i) => checkKpi(v, `kpi ${i}`));
      expect(u30426!.id).toBe('U30426');
      expect(codingOf(u30426!)!.printed).toBe('(Ja=1, Nej=2)');
      expect(decodeValue(u30426!, codingOf(u30426!), 2)).toEqual({ value: null, printed: 'Nej', answer: 'NO', note: 'Kolada\'s value 2, read by the series\' own coding "(Ja=1, Nej=2)" in its title.' });
      expect(decodeValue(u30426!, codingOf(u30426!), 1)).toMatchObject({ value: null, printed: 'Ja', answer: 'YES' });
      expect(() => decodeValue(u30426!, codingOf(u30426!), 0)).toThrow(/Kolada answered 0 for U30426, which U30426's coding \(Ja=1, Nej=2\) does not have/);
      expect(decodeValue(u28500!, codingOf(u28500!), 0)).toMatchObject({ value: null, printed: 'Nej', answer: 'NO' });
      expect(() => decodeValue(u28500!, codingOf(u28500!), 2)).toThrow(KoladaError);
    } finally {
      await replay.close();
    }
    // An ordinal scale keeps its score as the value and its label as printed.
    const u35537 = checkKpi(kpiMetadata.get('U35537'), 'U35537');
    expect(decodeValue(u35537, codingOf(u35537), 3)).toMatchObject({ value: 3, printed: 'Inom 3 dagar', answer: null });
    // Ranking a yes/no measure is refused, not answered with an empty list.
    const refused = await ask(`{ ranking(indicator: "kolada-u30426", period: 2024, level: MUNICIPALITY) { entries { rank } } }`, {});
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_ARGUMENT' } });
    expect(refused.errors?.[0]?.message).toMatch(/yes\/no measure \(Ja\/Nej\)/);
  });

  it('a second sync of the same answers changes nothing', async () => {
    const replay = await startReplay({ pageSize: 15 });
    const before = await version();
    try {
      expect((await syncKolada(db.url, options(replay))).changed).toBe(0);
    } finally {
      await replay.close();
    }
    expect(await version()).toBe(before);
  });

  it('--since asks for from_date and applies a deletion Kolada marks isdeleted; the other figures stay', async () => {
    const malmo2000 = dataRows.find((r) => r.municipality === '1280' && r.period === 2000)!;
    const changes: DataRow[] = [{ ...malmo2000, isdeleted: true }];
    const replay = await startReplay({ pageSize: 15, changes });
    try {
      const result = await syncKolada(db.url, options(replay, { since: '2026-11-01' }));
      expect(replay.requests.filter((p) => p.startsWith('/v3/data/')).every((p) => p.includes('from_date=2026-11-01'))).toBe(true);
      expect(result.tables.observation).toMatchObject({ deleted: 1, inserted: 0, updated: 0 });
    } finally {
      await replay.close();
    }
    expect(await koladaRows()).toBe(62);
    const ranking = (await ask(RANKING, { indicator: 'kolada-n00945' })).data.ranking;
    expect(ranking.entries.map((e: any) => e.region.code)).toEqual(['1480', '0180']);
    const malmo = (await ask(TIME_SERIES, { indicator: 'kolada-n00945', region: '1280' })).data.timeSeries;
    expect(malmo[0]).toMatchObject({ period: 2001, value: 29.14838854 });
  });

  it('npm run load keeps the synchronised figures, their sources and indicators', async () => {
    const before = await koladaRows();
    await load(db.url);
    expect(await koladaRows()).toBe(before);
    const kept = await ask(TIME_SERIES, { indicator: 'kolada-n00945', region: '0180' });
    expect(kept.data.timeSeries[0].value).toBe(STOCKHOLM_2000);
    expect((await client.query(`SELECT count(*) FROM indicator WHERE code LIKE 'kolada-%'`)).rows[0].count).toBe('21');
  });

  it('npm run sync -- kolada (the command) shows its progress, restores Malmö 2000 from a full sync, and exits 1 on a bad date with nothing written', async () => {
    const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
    const script = path.join(repoRoot, 'packages', 'server', 'src', 'scripts', 'sync.ts');
    const run = (args: string[]) => promisify(execFile)(tsx, [script, ...args], { env: { ...process.env, DATABASE_URL: db.url } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    const replay = await startReplay({ pageSize: 15 });
    try {
      const before = await version();
      const bad = await run(['kolada', '--kpi', 'N00945', '--since', 'yesterday', '--base-url', replay.url]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('Sync refused (INVALID_ARGUMENT), nothing was written: --since: "yesterday" is not a date (YYYY-MM-DD).');
      expect(await version()).toBe(before);
      const good = await run(['kolada', '--kpi', 'N00945', '--years', '2000-2020', '--base-url', replay.url, '--interval-ms', '0']);
      expect(good.code).toBe(0);
      expect(good.stderr).toMatch(/Kolada: 1 KPIs, 312 areas Insyn knows; fetching figures for 2000-2020\.\nKolada: 13\/13 data requests \(38 requests in all, 0 retried\), 63 figures\./);
      expect(good.stdout).toContain('Synchronised 1 KPIs from Kolada: 1 rows inserted, updated or deleted (38 requests, 0 retried).');
    } finally {
      await replay.close();
    }
    expect(await koladaRows()).toBe(63);
  });
});

describe('Kolada client', () => {
  it('keeps a polite rate: with a still clock every request after the first waits the whole interval', async () => {
    const replay = await startReplay({ pageSize: 15 });
    const waits: number[] = [];
    try {
      const kolada = new KoladaClient({ baseUrl: replay.url, minIntervalMs: 500, clock: () => 1_000_000, sleep: async (ms) => void waits.push(ms) });
      for (const id of ['U28500', 'U30426', 'N00945']) await kolada.getAll(`/v3/kpi/${id}`);
      expect(waits).toEqual([500, 500]);
      expect(kolada.requests).toBe(3);
    } finally {
      await replay.close();
    }
  });

  it('a full sync of the 22 ÖJ KPIs against the real Kolada costs 2 + 530 requests (2000-2026), 2 + 265 for 25 years', () => {
    const kpis = referenceKpis().map((id) => kpiMetadata.get(id) as { municipality_type: string });
    expect(areas).toHaveLength(312);
    expect(dataRequests(kpis, areas, 27)).toBe(21 * 12 * 2 + 1 * 13 * 2);
    expect(dataRequests(kpis, areas, 27)).toBe(530);
    expect(dataRequests(kpis, areas, 25)).toBe(265);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 12:00:10 GMT', Date.parse('2026-12-01T12:00:00Z'))).toBe(10_000);
    expect(retryAfterMs(null)).toBeNull();
  });

  it('refuses a KPI id that is not one before opening anything', async () => {
    await expect(syncKolada('postgres://unused', { kpis: ['u28500'] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/"u28500" is not a Kolada KPI id/) });
  });
});

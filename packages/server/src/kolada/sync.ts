import pg from 'pg';
import { dataDir as defaultDataDir } from '../db/paths.js';
import { readCsv } from '../load/csv.js';
import { observationId } from '../load/keys.js';
import type { Row } from '../load/plan.js';
import { deleteMissing, inDataTransaction, tableSpec, upsertTable, type SyncCount } from '../load/sync.js';
import { KoladaClient, PER_PAGE, type KoladaClientOptions } from './client.js';
import { KoladaError } from './errors.js';
import { checkKpi, codingOf, indicatorCodeFor, indicatorFor, KOLADA_DATASET, OJ_ATTRIBUTION, sourceFor, type Coding, type KoladaKpi } from './metadata.js';

/**
 * `npm run sync -- kolada`: Kolada's per-municipality figures for Öppna jämförelser's KPIs
 * (or the KPIs asked for) into the IMPORTED data set `kolada`. Everything is fetched and
 * checked first; then one transaction writes it through the loader's write path (sync.ts), so a
 * network failure or a malformed row half-way writes nothing, and a second run changes nothing.
 */

/** Ids per path segment Kolada accepts. */
export const MAX_IDS = 25;
const GENDERS = { T: 'total', K: 'women', M: 'men' } as const;
type Gender = keyof typeof GENDERS;

export interface KoladaSyncOptions extends KoladaClientOptions {
  /** KPI ids; default: every KPI in prisma/data/reference/kolada-oj-kpis.csv. */
  kpis?: string[];
  /** Only changes since this date (YYYY-MM-DD), Kolada's `from_date`; rows marked `isdeleted` are deleted. */
  since?: string | null;
  /** Years to ask for (default 2000 to this year). */
  years?: { from: number; to: number };
  dataDir?: string;
  /** The time of the run (the Kolada sources' year); tests pin it. */
  now?: Date;
  onProgress?: (line: string) => void;
}

export interface KoladaSyncResult {
  kpis: number;
  requests: number;
  retries: number;
  rows: number;
  tables: Record<string, SyncCount & { rows: number }>;
  changed: number;
  /** KPI id → the Insyn indicator its figures are filed under. */
  crosswalk: Record<string, string>;
}

/** The ÖJ KPIs of the reference file, in file order. */
export function referenceKpis(dataDir = defaultDataDir): string[] {
  return readCsv(dataDir, 'reference/kolada-oj-kpis.csv', ['id', 'title', 'description', 'is_divided_by_gender', 'municipality_type', 'auspice', 'operating_area', 'perspective', 'prel_publication_date', 'publication_date', 'publ_period', 'has_ou_data']).map((r) => r.required('id'));
}

const chunks = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

function checkOptions(options: KoladaSyncOptions, kpis: string[], years: { from: number; to: number }) {
  const bad = kpis.find((k) => !/^[A-Z]\d{5}$/.test(k));
  if (bad !== undefined) throw new KoladaError('INVALID_ARGUMENT', `--kpi: "${bad}" is not a Kolada KPI id (a capital letter and five digits, e.g. U28500).`);
  if (!kpis.length) throw new KoladaError('INVALID_ARGUMENT', '--kpi: no KPI given.');
  if (options.since != null && !/^\d{4}-\d{2}-\d{2}$/.test(options.since)) throw new KoladaError('INVALID_ARGUMENT', `--since: "${options.since}" is not a date (YYYY-MM-DD).`);
  if (!Number.isInteger(years.from) || !Number.isInteger(years.to) || years.from < 1900 || years.from > years.to) throw new KoladaError('INVALID_ARGUMENT', `--years: ${years.from}-${years.to} is not a range of years (e.g. 2000-2026).`);
}

/** One checked data row's value for one gender. */
interface Figure { kpi: string; kolada: string; period: number; gender: Gender; value: number | null; status: string | null; deleted: boolean; path: string }

/** Checks one `/v3/data` row; a malformed one stops the run before anything is written. */
function checkRow(raw: unknown, where: string, asked: { kpi: string; ids: Set<string>; years: Set<number> }): Figure[] {
  const fail = (what: string): never => {
    throw new KoladaError('KOLADA_MALFORMED_ROW', `Kolada answered a malformed row (${where}): ${what}: ${JSON.stringify(raw).slice(0, 300)}. Nothing was written.`);
  };
  const row = raw as Record<string, unknown>;
  if (!row || typeof row !== 'object') fail('not an object');
  if (row.kpi !== asked.kpi) fail(`"kpi" is ${JSON.stringify(row.kpi)}, not the KPI asked for (${asked.kpi})`);
  if (typeof row.municipality !== 'string' || !asked.ids.has(row.municipality)) fail(`"municipality" ${JSON.stringify(row.municipality)} is not one of the ids asked for`);
  if (typeof row.period !== 'number' || !Number.isInteger(row.period) || !asked.years.has(row.period)) fail(`"period" ${JSON.stringify(row.period)} is not one of the years asked for`);
  if (row.isdeleted !== undefined && typeof row.isdeleted !== 'boolean') fail('"isdeleted" is not true or false');
  if (!Array.isArray(row.values)) fail('"values" is not a list');
  const genders = new Set<string>();
  return (row.values as unknown[]).map((item) => {
    const v = item as Record<string, unknown>;
    if (!v || typeof v !== 'object') fail('a value is not an object');
    if (typeof v.gender !== 'string' || !(v.gender in GENDERS)) fail(`"gender" ${JSON.stringify(v.gender)} is not T, K or M`);
    if (genders.has(v.gender as string)) fail(`gender ${v.gender as string} given twice`);
    genders.add(v.gender as string);
    if (v.value !== null && (typeof v.value !== 'number' || !Number.isFinite(v.value))) fail(`"value" ${JSON.stringify(v.value)} is not a number or null`);
    if (v.status != null && typeof v.status !== 'string') fail('"status" is not text');
    if (v.isdeleted !== undefined && typeof v.isdeleted !== 'boolean') fail('"isdeleted" is not true or false');
    return {
      kpi: asked.kpi, kolada: row.municipality as string, period: row.period as number, gender: v.gender as Gender, value: v.value as number | null,
      status: (v.status as string | null) || null, deleted: row.isdeleted === true || v.isdeleted === true, path: where,
    };
  });
}

/** A figure's value as Insyn stores it, decoded by the KPI's own coding (a yes/no is an answer, never a number). */
export function decodeValue(kpi: Pick<KoladaKpi, 'id' | 'title' | 'description'>, coding: Coding | null, value: number | null, where = kpi.id): { value: number | null; printed: string | null; answer: 'YES' | 'NO' | null; note: string | null } {
  if (value === null) return { value: null, printed: null, answer: null, note: null };
  if (!coding) return { value, printed: String(value), answer: null, note: null };
  const label = coding.labels.get(value);
  if (label === undefined) {
    throw new KoladaError('KOLADA_MALFORMED_ROW', `Kolada answered ${value} for ${where}, which ${kpi.id}'s coding ${coding.printed} does not have. Nothing was written.`);
  }
  const note = `Kolada's value ${value}, read by the series' own coding "${coding.printed}" in its title.`;
  if (coding.yesNo) return { value: null, printed: label, answer: label.toLowerCase() === 'ja' ? 'YES' : 'NO', note };
  return { value, printed: label, answer: null, note };
}

export async function syncKolada(databaseUrl: string, options: KoladaSyncOptions = {}): Promise<KoladaSyncResult> {
  const now = options.now ?? new Date();
  const years = options.years ?? { from: 2000, to: now.getUTCFullYear() };
  const kpiIds = [...new Set(options.kpis ?? referenceKpis(options.dataDir))];
  checkOptions(options, kpiIds, years);
  const progress = options.onProgress ?? (() => {});
  const client = new KoladaClient(options);

  const db = new pg.Client({ connectionString: databaseUrl });
  db.on('error', (error) => console.error('[insyn] database connection lost:', error.message));
  await db.connect();
  try {
    const regions = (await db.query<{ code: string; kolada_id: string }>('SELECT code, kolada_id FROM region WHERE kolada_id IS NOT NULL')).rows;
    if (!regions.length) throw new KoladaError('DATABASE_NOT_LOADED', 'the database holds no regions with Kolada ids: run npm run load first.');
    const regionOf = new Map(regions.map((r) => [r.kolada_id, r.code]));
    const tied = new Map((await db.query<{ code: string; kolada_kpi_id: string; dimensions: string[] }>(
      `SELECT i.code, i.kolada_kpi_id, coalesce(array_agg(d.dimension_code) FILTER (WHERE d.dimension_code IS NOT NULL), '{}') AS dimensions
       FROM indicator i LEFT JOIN indicator_dimension d ON d.indicator_code = i.code WHERE i.kolada_kpi_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1`,
    )).rows.map((r) => [r.kolada_kpi_id, r] as const));

    // 1. Metadata: the KPIs, and Kolada's areas (to ask for every municipality, or region, Insyn knows).
    const kpis = new Map<string, KoladaKpi>();
    for (const ids of chunks(kpiIds, MAX_IDS)) {
      const path = `/v3/kpi/${ids.join(',')}?per_page=${PER_PAGE}`;
      for (const value of (await client.getAll(path)).values) {
        const kpi = checkKpi(value, path);
        if (ids.includes(kpi.id)) kpis.set(kpi.id, kpi);
      }
    }
    const unknown = kpiIds.filter((id) => !kpis.has(id));
    if (unknown.length) throw new KoladaError('UNKNOWN_KPI', `Kolada has no KPI ${unknown.join(', ')} (GET /v3/kpi answered without it). Check the id at https://www.kolada.se/. Nothing was written.`);
    const areas = (await client.getAll(`/v3/municipality?per_page=${PER_PAGE}`)).values.map((a) => {
      const area = a as { id?: unknown; type?: unknown };
      if (typeof area?.id !== 'string' || typeof area.type !== 'string') throw new KoladaError('KOLADA_MALFORMED_RESPONSE', `/v3/municipality: an area without id or type: ${JSON.stringify(a).slice(0, 200)}. Nothing was written.`);
      return { id: area.id, type: area.type };
    }).filter((a) => regionOf.has(a.id)).sort((a, b) => a.id.localeCompare(b.id));
    progress(`Kolada: ${kpis.size} KPIs, ${areas.length} areas Insyn knows; fetching figures for ${years.from}-${years.to}${options.since ? ` changed since ${options.since}` : ''}.`);

    // 2. Figures, every KPI × ≤25 areas × ≤25 years, every page.
    const allYears = Array.from({ length: years.to - years.from + 1 }, (_, i) => years.from + i);
    const plannedRequests = dataRequests([...kpis.values()], areas, allYears.length);
    let done = 0;
    const figures: Figure[] = [];
    for (const kpi of kpis.values()) {
      for (const ids of chunks(areas.filter((a) => fits(kpi, a.type)).map((a) => a.id), MAX_IDS)) {
        for (const span of chunks(allYears, MAX_IDS)) {
          const path = `/v3/data/kpi/${kpi.id}/municipality/${ids.join(',')}/year/${span.join(',')}?per_page=${PER_PAGE}${options.since ? `&from_date=${options.since}` : ''}`;
          const { values, pages } = await client.getAll(path);
          values.forEach((row, i) => figures.push(...checkRow(row, `${path.split('?')[0]}, row ${i + 1} of ${values.length}${pages > 1 ? ` over ${pages} pages` : ''}`, { kpi: kpi.id, ids: new Set(ids), years: new Set(span) })));
          done++;
          if (done === plannedRequests || done % 25 === 0) progress(`Kolada: ${done}/${plannedRequests} data requests (${client.requests} requests in all, ${client.retries} retried), ${figures.length} figures.`);
        }
      }
    }

    // 3. Rows: the data set, the sources, indicators for KPIs Insyn has none for, the figures.
    const sources = new Map<string, Row>();
    const indicators: Row[] = [];
    const indicatorDimensions: Row[] = [];
    const crosswalk: Record<string, string> = {};
    const target = new Map<string, { code: string; gendered: boolean; source: string; coding: Coding | null; kpi: KoladaKpi }>();
    for (const kpi of kpis.values()) {
      const source = sourceFor(kpi, now.getUTCFullYear());
      sources.set(source.code as string, source);
      const existing = tied.get(kpi.id);
      let gendered = kpi.is_divided_by_gender;
      if (existing && existing.code !== indicatorCodeFor(kpi.id)) {
        // An indicator of the data files: the loader owns its metadata; the figures follow its dimensions.
        if (gendered && !existing.dimensions.includes('gender')) throw new KoladaError('INVALID_ARGUMENT', `${kpi.id} is divided by gender, but Insyn's ${existing.code} has no gender dimension: add gender to its dimensions in its indicators.csv first.`);
        gendered = existing.dimensions.includes('gender');
      } else {
        indicators.push(indicatorFor(kpi, source.code as string));
        if (gendered) indicatorDimensions.push({ indicator_code: indicatorCodeFor(kpi.id), dimension_code: 'gender', position: 1 });
      }
      const code = existing?.code ?? indicatorCodeFor(kpi.id);
      crosswalk[kpi.id] = code;
      target.set(kpi.id, { code, gendered, source: source.code as string, coding: codingOf(kpi), kpi });
    }
    const observations = new Map<string, Row>();
    const members = new Map<string, Row>();
    const deletedIds = new Set<string>();
    for (const f of figures) {
      const t = target.get(f.kpi)!;
      if (!t.gendered && f.gender !== 'T') continue;
      const region = regionOf.get(f.kolada)!;
      const key = t.gendered ? `gender=${GENDERS[f.gender]}` : '';
      const id = `${observationId(t.code, region, f.period, key)}|${KOLADA_DATASET}`;
      if (f.deleted) {
        deletedIds.add(id);
        continue;
      }
      const decoded = decodeValue(t.kpi, t.coding, f.value, `${f.kpi}, ${f.kolada}, ${f.period}, ${f.gender}`);
      observations.set(id, {
        id, indicator_code: t.code, region_code: region, period: f.period, dimension_key: key,
        value: decoded.value, printed: decoded.printed, reading: 'AS_PRINTED',
        status: f.value === null ? 'MISSING' : 'PUBLISHED',
        status_reason: f.value === null ? `Kolada gives no value${f.status ? ` (status "${f.status}")` : ''}.` : null,
        answer: decoded.answer, source_status: f.status, base_n: null, note: decoded.note,
        source_code: t.source, locator: `Kolada API v3: /v3/data/kpi/${f.kpi}/municipality/${f.kolada}/year/${f.period}`, tables: [], dataset_code: KOLADA_DATASET,
      });
      if (t.gendered) members.set(id, { observation_id: id, member_id: `gender:${GENDERS[f.gender]}` });
    }

    // 4. One transaction through the loader's write path.
    const codes = [...target.values()].map((t) => t.code);
    const scope = { sql: `t.dataset_code = $1 AND t.indicator_code = ANY($2::text[])`, params: [KOLADA_DATASET, codes] };
    const memberScope = { sql: `t.observation_id IN (SELECT id FROM observation WHERE dataset_code = $1 AND indicator_code = ANY($2::text[]))`, params: [KOLADA_DATASET, codes] };
    const tables: KoladaSyncResult['tables'] = {};
    const write = async (table: string, rows: Row[], deleteScope?: { sql: string; params: unknown[] }) => {
      const spec = tableSpec(table);
      tables[table] = { rows: rows.length, ...(await upsertTable(db, spec, rows)), deleted: 0 };
      return { spec, deleteScope };
    };
    await inDataTransaction(db, 'exclusive', async () => {
      const kind = (await db.query<{ kind: string }>('SELECT kind::text AS kind FROM dataset WHERE code = $1 FOR UPDATE', [KOLADA_DATASET])).rows[0]?.kind;
      if (kind && kind !== 'IMPORTED') throw new KoladaError('INVALID_ARGUMENT', `data set ${KOLADA_DATASET} is owned by the loader (${kind}); the sync will not write into it.`);
      if (options.since) {
        // Changes only: the data set's other figures of these KPIs stay as they are.
        const cols = tableSpec('observation').columns.map((c) => `"${c}"`).join(', ');
        for (const row of (await db.query<Row>(`SELECT ${cols} FROM observation t WHERE ${scope.sql}`, scope.params)).rows) if (!observations.has(row.id as string) && !deletedIds.has(row.id as string)) observations.set(row.id as string, row);
        for (const row of (await db.query<Row>(`SELECT observation_id, member_id FROM observation_member t WHERE ${memberScope.sql}`, memberScope.params)).rows) if (!members.has(row.observation_id as string) && observations.has(row.observation_id as string)) members.set(row.observation_id as string, row);
      }
      await write('dataset', [{
        code: KOLADA_DATASET, title: 'Kolada: Öppna jämförelser per kommun', synthetic: false, kind: 'IMPORTED',
        description: `Figures per municipality (and region) synchronised from Kolada API v3 by npm run sync -- kolada, each with its KPI's source (${OJ_ATTRIBUTION} for Öppna jämförelser's KPIs) and its Kolada path as locator.`,
      }]);
      await write('source', [...sources.values()]);
      await write('indicator', indicators);
      const dims = await write('indicator_dimension', indicatorDimensions);
      const obs = await write('observation', [...observations.values()], scope);
      const mem = await write('observation_member', [...members.values()], memberScope);
      tables.observation_member!.deleted = await deleteMissing(db, mem.spec, memberScope);
      tables.observation!.deleted = await deleteMissing(db, obs.spec, scope);
      const own = indicators.map((i) => i.code as string);
      tables.indicator_dimension!.deleted = own.length ? await deleteMissing(db, dims.spec, { sql: 't.indicator_code = ANY($1::text[])', params: [own] }) : 0;
    });
    const changed = Object.values(tables).reduce((s, t) => s + t.inserted + t.updated + t.deleted, 0);
    return { kpis: kpis.size, requests: client.requests, retries: client.retries, rows: figures.length, tables, changed, crosswalk };
  } finally {
    await db.end();
  }
}

/**
 * How many data requests a sync makes when every answer fits one page: per KPI, one per group of
 * ≤25 areas of its type times one per span of ≤25 years. A request covers at most 25 × 25 rows
 * (one per area and year, each with ≤3 gender values), well under Kolada's 5,000 a page.
 */
export function dataRequests(kpis: Pick<KoladaKpi, 'municipality_type'>[], areas: { type: string }[], years: number): number {
  return kpis.reduce((n, k) => n + Math.ceil(areas.filter((a) => fits(k, a.type)).length / MAX_IDS) * Math.ceil(years / MAX_IDS), 0);
}

/** Whether Kolada publishes a KPI for an area of this type (K municipality, L region or Riket). */
const fits = (kpi: Pick<KoladaKpi, 'municipality_type'>, type: string) => kpi.municipality_type === 'A' || kpi.municipality_type === type;

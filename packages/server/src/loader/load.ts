import pg from 'pg';
import { dataDir as defaultDataDir } from '../db/paths.js';
import { DataFileError } from './errors.js';
import { readPlan, type Plan } from './plan.js';
import { generateSynthetic } from './synthetic.js';
import { deleteMissing, upsertTable, type SyncCount, type TableSpec } from './sync.js';

/** Tables in dependency order: parents first. Deletes run in reverse. */
const TABLES: TableSpec[] = [
  { table: 'source', key: ['code'], columns: ['code', 'publisher', 'title', 'year', 'url', 'licence', 'attribution', 'seed_file'], touch: true },
  { table: 'dataset', key: ['code'], columns: ['code', 'title', 'synthetic', 'kind', 'description'], touch: true },
  { table: 'region', key: ['code'], columns: ['code', 'level', 'name', 'short_name', 'search_name', 'parent_code', 'kolada_id', 'valid_from', 'note'], touch: true },
  { table: 'municipality_group', key: ['code'], columns: ['code', 'name', 'main_group_code', 'kolada_id'], touch: true },
  { table: 'municipality_group_membership', key: ['region_code', 'group_code', 'revision'], columns: ['region_code', 'group_code', 'revision'], touch: true },
  { table: 'area', key: ['code'], columns: ['code', 'name_sv', 'name_en', 'kind', 'position', 'catalogue_size'], touch: true },
  { table: 'dimension', key: ['code'], columns: ['code', 'label_sv', 'label_en'], touch: true },
  { table: 'dimension_member', key: ['id'], columns: ['id', 'dimension_code', 'code', 'label_sv', 'label_en', 'description_sv', 'description_en', 'position'], touch: true },
  { table: 'indicator', key: ['code'], columns: ['code', 'title_sv', 'title_en', 'description_sv', 'description_en', 'area_code', 'kind', 'unit', 'direction', 'kolada_kpi_id', 'discontinued', 'source_code'], touch: true },
  { table: 'indicator_dimension', key: ['indicator_code', 'dimension_code'], columns: ['indicator_code', 'dimension_code', 'position'], touch: false },
  { table: 'observation', key: ['id'], columns: ['id', 'indicator_code', 'region_code', 'period', 'dimension_key', 'value', 'printed', 'reading', 'status', 'status_reason', 'base_n', 'note', 'source_code', 'locator', 'tables', 'dataset_code'], touch: true },
  { table: 'observation_member', key: ['observation_id', 'member_id'], columns: ['observation_id', 'member_id'], touch: false },
  { table: 'observation_printing', key: ['observation_id', 'source_code', 'locator'], columns: ['observation_id', 'source_code', 'locator', 'tables', 'value', 'printed', 'note'], touch: false },
  { table: 'intervention_category', key: ['code'], columns: ['code', 'area_code', 'name_sv', 'position'], touch: true },
  { table: 'intervention', key: ['code'], columns: ['code', 'area_code', 'category_code', 'category_printed', 'name_sv', 'search_name', 'published_offering_count', 'published_answering_count', 'published_share_printed', 'uptake_list', 'uptake_rank', 'locator', 'note', 'source_code'], touch: true },
  { table: 'intervention_highlight', key: ['id'], columns: ['id', 'area_code', 'member_id', 'rank', 'intervention_code', 'locator', 'source_code'], touch: false },
  { table: 'source_text', key: ['id'], columns: ['id', 'source_code', 'topic', 'area_code', 'position', 'text_sv', 'locator'], touch: false },
  { table: 'action_plan', key: ['code'], columns: ['code', 'title', 'region_code', 'year', 'source_code'], touch: false },
  { table: 'action_plan_focus_area', key: ['code'], columns: ['code', 'plan_code', 'position', 'title_sv', 'description_sv', 'locator'], touch: false },
  { table: 'action_plan_item', key: ['id'], columns: ['id', 'focus_area_code', 'kind', 'position', 'text_sv', 'deadline', 'responsible', 'indicator_code', 'locator'], touch: false },
  { table: 'survey_response', key: ['region_code', 'area_code', 'round', 'dataset_code'], columns: ['region_code', 'area_code', 'round', 'status', 'wants_without_decision', 'dataset_code'], touch: false },
  { table: 'offering', key: ['region_code', 'intervention_code', 'round', 'dataset_code'], columns: ['region_code', 'intervention_code', 'round', 'offered', 'form', 'provider', 'decision', 'reach_band', 'dataset_code'], touch: false },
];

/**
 * The loader owns the data sets it plans (published, synthetic); imported ones (kind
 * IMPORTED, written by `npm run import`) and their rows are never deleted by a load.
 * Scoped by kind rather than by the planned codes, so a synthetic set the loader no longer
 * plans (say, renamed) is still removed with its rows.
 */
const LOADER_OWNED = `t.dataset_code IN (SELECT code FROM dataset WHERE kind <> 'IMPORTED')`;
const SCOPE: Record<string, { sql: string; params: unknown[] }> = {
  dataset: { sql: `t.kind <> 'IMPORTED'`, params: [] },
  offering: { sql: LOADER_OWNED, params: [] },
  survey_response: { sql: LOADER_OWNED, params: [] },
};

export interface LoadResult {
  tables: Record<string, SyncCount & { rows: number }>;
  changed: number;
  ms: number;
}

/** Builds the complete plan (published files + synthetic set) without touching the database. */
export function buildPlan(dataDir = defaultDataDir): Plan {
  const plan = readPlan(dataDir);
  const synthetic = generateSynthetic(plan);
  return { ...plan, dataset: [...plan.dataset!, ...synthetic.dataset!], survey_response: synthetic.survey_response!, offering: synthetic.offering! };
}

/**
 * Loads every data file into the database in one transaction. Idempotent: a second run
 * with the same files changes nothing (and leaves updated_at alone). A broken file throws
 * a DataFileError naming file, row and column before anything is written.
 */
export async function load(databaseUrl: string, options: { dataDir?: string } = {}): Promise<LoadResult> {
  const started = performance.now();
  const plan = buildPlan(options.dataDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  // A connection dropped by the server fails the query in flight; without a listener it would also crash the process.
  client.on('error', (error) => console.error('[insyn] database connection lost:', error.message));
  await client.connect();
  const tables: LoadResult['tables'] = {};
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(727275)');
    const planned = (plan.dataset ?? []).map((d) => d.code as string);
    const clash = await client.query<{ code: string }>(`SELECT code FROM dataset WHERE kind = 'IMPORTED' AND code = ANY($1::text[])`, [planned]);
    if (clash.rows.length) {
      throw new DataFileError('dataset', null, null, `data set ${clash.rows.map((r) => r.code).join(', ')} was imported (npm run import); the loader will not take it over. Import under another code.`);
    }
    for (const spec of TABLES) {
      const rows = plan[spec.table] ?? [];
      tables[spec.table] = { rows: rows.length, ...(await upsertTable(client, spec, rows)), deleted: 0 };
    }
    for (const spec of [...TABLES].reverse()) tables[spec.table]!.deleted = await deleteMissing(client, spec, SCOPE[spec.table]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  const changed = Object.values(tables).reduce((s, t) => s + t.inserted + t.updated + t.deleted, 0);
  return { tables, changed, ms: Math.round(performance.now() - started) };
}

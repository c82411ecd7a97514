import type pg from 'pg';
import type { Row } from './plan.js';

export interface TableSpec {
  table: string;
  key: string[];
  columns: string[];
  /** Tables with an updated_at column get it bumped only for rows whose content changed. */
  touch: boolean;
}

export interface SyncCount { inserted: number; updated: number; deleted: number }

/** Tables in dependency order: parents first. Deletes run in reverse. */
export const TABLES: TableSpec[] = [
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
  { table: 'observation', key: ['id'], columns: ['id', 'indicator_code', 'region_code', 'period', 'dimension_key', 'value', 'printed', 'reading', 'status', 'status_reason', 'answer', 'source_status', 'base_n', 'note', 'source_code', 'locator', 'tables', 'dataset_code'], touch: true },
  { table: 'observation_member', key: ['observation_id', 'member_id'], columns: ['observation_id', 'member_id'], touch: false },
  { table: 'observation_printing', key: ['observation_id', 'source_code', 'locator'], columns: ['observation_id', 'source_code', 'locator', 'tables', 'value', 'printed', 'note'], touch: false },
  { table: 'intervention_category', key: ['code'], columns: ['code', 'area_code', 'name_sv', 'position'], touch: true },
  { table: 'intervention', key: ['code'], columns: ['code', 'area_code', 'category_code', 'category_printed', 'name_sv', 'search_name', 'published_offering_count', 'published_answering_count', 'published_share_printed', 'uptake_list', 'uptake_rank', 'locator', 'note', 'source_code'], touch: true },
  { table: 'intervention_highlight', key: ['id'], columns: ['id', 'area_code', 'member_id', 'rank', 'intervention_code', 'locator', 'source_code'], touch: false },
  { table: 'source_text', key: ['id'], columns: ['id', 'source_code', 'topic', 'area_code', 'position', 'text_sv', 'locator'], touch: false },
  { table: 'action_plan', key: ['code'], columns: ['code', 'title', 'region_code', 'year', 'source_code'], touch: false },
  { table: 'action_plan_focus_area', key: ['code'], columns: ['code', 'plan_code', 'position', 'title_sv', 'description_sv', 'locator'], touch: false },
  { table: 'action_plan_item', key: ['id'], columns: ['id', 'focus_area_code', 'kind', 'position', 'text_sv', 'deadline', 'responsible', 'indicator_code', 'locator'], touch: false },
  { table: 'survey_response', key: ['region_code', 'area_code', 'round', 'dataset_code'], columns: ['region_code', 'area_code', 'round', 'status', 'wants_without_decision', 'dataset_code'], touch: true },
  { table: 'offering', key: ['region_code', 'intervention_code', 'round', 'dataset_code'], columns: ['region_code', 'intervention_code', 'round', 'offered', 'form', 'provider', 'decision', 'reach_band', 'dataset_code'], touch: true },
];

/** The spec of one table (the one list above is the only place columns and keys are given). */
export function tableSpec(table: string): TableSpec {
  const spec = TABLES.find((t) => t.table === table);
  if (!spec) throw new Error(`No table spec for ${table}`);
  return spec;
}

/**
 * The lock every writer of data takes: a load and an import hold it alone (they replace
 * whole data sets), partners' writes share it (each holds its own unit's lock besides), so
 * neither kind ever sees the other half done.
 */
export const DATA_LOCK = 727275;

/** Runs `work` in one transaction under the data lock; rolls back when it throws. */
export async function inDataTransaction<T>(client: pg.ClientBase, lock: 'exclusive' | 'shared', work: () => Promise<T>): Promise<T> {
  try {
    await client.query('BEGIN');
    // A writer killed mid-statement (SIGKILL) must not leave PostgreSQL running its statement
    // and holding the data lock for minutes: it notices the vanished client within a second.
    await client.query(`SET LOCAL client_connection_check_interval = '1s'`);
    await client.query(lock === 'exclusive' ? 'SELECT pg_advisory_xact_lock($1)' : 'SELECT pg_advisory_xact_lock_shared($1)', [DATA_LOCK]);
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

const q = (name: string) => `"${name}"`;
const CHUNK = 20_000;
const ANALYZE_FROM = 1_000;

/**
 * Makes `table` hold exactly `rows`: inserts new keys, updates rows whose content differs
 * (bumping updated_at, which feeds `updatedSince`), and returns the staged keys so the
 * caller can delete the rest once children are synced. Rows travel as JSON into a temp
 * table (json_populate_recordset), so one statement stages thousands of rows.
 */
export async function upsertTable(client: pg.ClientBase, spec: TableSpec, rows: Row[]): Promise<Omit<SyncCount, 'deleted'>> {
  const stage = `stage_${spec.table}`;
  const cols = spec.columns.map(q).join(', ');
  await client.query(`CREATE TEMP TABLE ${q(stage)} (LIKE ${q(spec.table)} INCLUDING DEFAULTS) ON COMMIT DROP`);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await client.query(
      `INSERT INTO ${q(stage)} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${q(stage)}, $1::json)`,
      [JSON.stringify(rows.slice(i, i + CHUNK))],
    );
  }
  // Autovacuum never analyses a temp table, and the planner takes an unanalysed one for a few
  // rows: right for a partner's write (tens of rows, where ANALYZE would cost more than it
  // saves), wrong for a load or an import of thousands.
  if (rows.length >= ANALYZE_FROM) await client.query(`ANALYZE ${q(stage)}`);
  const nonKey = spec.columns.filter((c) => !spec.key.includes(c));
  // A row that is only its key has nothing to update.
  const set = nonKey.length ? [...nonKey.map((c) => `${q(c)} = EXCLUDED.${q(c)}`), ...(spec.touch ? ['"updated_at" = now()'] : [])] : [];
  const changed = nonKey.length
    ? `WHERE (${nonKey.map((c) => `t.${q(c)}`).join(', ')}) IS DISTINCT FROM (${nonKey.map((c) => `EXCLUDED.${q(c)}`).join(', ')})`
    : '';
  const result = await client.query<{ inserted: boolean }>(
    `INSERT INTO ${q(spec.table)} AS t (${cols}) SELECT ${cols} FROM ${q(stage)}
     ON CONFLICT (${spec.key.map(q).join(', ')}) DO ${set.length ? `UPDATE SET ${set.join(', ')} ${changed}` : 'NOTHING'}
     RETURNING (xmax = 0) AS inserted`,
  );
  const inserted = result.rows.filter((r) => r.inserted).length;
  return { inserted, updated: result.rows.length - inserted };
}

/**
 * Deletes rows of `table` whose key was not staged by upsertTable in this transaction.
 * `scope` (SQL over the table's alias `t`, with its parameters) limits the delete to the rows
 * the caller owns: the loader leaves imported data sets alone, an import touches only its own.
 */
export async function deleteMissing(client: pg.ClientBase, spec: TableSpec, scope?: { sql: string; params: unknown[] }): Promise<number> {
  const stage = `stage_${spec.table}`;
  const keys = spec.key.map(q).join(', ');
  // The keys to delete as a set difference, then each found by the primary key: rows this
  // transaction just inserted have no statistics yet, and an anti-join planned for "1 row"
  // looped over the stage once per row (an import of 38,671 offerings took 8-11 minutes).
  const result = await client.query(
    `DELETE FROM ${q(spec.table)} t USING (
       SELECT ${keys} FROM ${q(spec.table)} t${scope ? ` WHERE ${scope.sql}` : ''}
       EXCEPT SELECT ${keys} FROM ${q(stage)}
     ) gone WHERE ${spec.key.map((k) => `t.${q(k)} = gone.${q(k)}`).join(' AND ')}`,
    scope?.params ?? [],
  );
  return result.rowCount ?? 0;
}

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

const q = (name: string) => `"${name}"`;
const CHUNK = 20_000;

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
  const match = spec.key.map((k) => `s.${q(k)} = t.${q(k)}`).join(' AND ');
  const result = await client.query(
    `DELETE FROM ${q(spec.table)} t WHERE NOT EXISTS (SELECT 1 FROM ${q(stage)} s WHERE ${match})${scope ? ` AND (${scope.sql})` : ''}`,
    scope?.params ?? [],
  );
  return result.rowCount ?? 0;
}

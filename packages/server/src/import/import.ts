import path from 'node:path';
import pg from 'pg';
import { PUBLISHED_DATASET, type Row } from '../load/plan.js';
import { SYNTHETIC_DATASET } from '../load/synthetic.js';
import { deleteMissing, inDataTransaction, tableSpec, upsertTable, type SyncCount, type TableSpec } from '../load/sync.js';
import { checkFile, formatProblem, type ImportKind, type ImportProblem, type Reference } from './validate.js';

/**
 * `npm run import`: real per-municipality answers (offerings, survey status) as a data set
 * of their own, beside the synthetic demo set. Every file is checked against the codes in
 * the database before anything is written; then the data set's rows are replaced in one
 * transaction, so a second import of the same files changes nothing.
 */

export interface ImportOptions {
  dataset: string;
  title: string;
  /** Where the answers come from; stored as the data set's description. */
  source?: string | null;
  files: { kind: ImportKind; path: string }[];
  /**
   * `dataset` (default): the files replace the data set's rows of their kind. `units`: only the
   * rows of the units (municipalities, districts) the files name, so several contributors can
   * each import their own units into one data set without removing the others'.
   */
  replace?: 'dataset' | 'units';
}

export interface ImportResult {
  dataset: string;
  tables: Record<string, SyncCount & { rows: number }>;
  changed: number;
}

/** How many problems the message lists; `problems` holds them all. */
export const SHOWN_PROBLEMS = 20;

/** The files (or the command) were refused; nothing was written. */
export class ImportError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `  ${formatProblem(p)}`);
    const more = problems.length > SHOWN_PROBLEMS ? [`  ... and ${problems.length - SHOWN_PROBLEMS} more`] : [];
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${[...shown, ...more].join('\n')}`);
    this.name = 'ImportError';
  }
}

const DATASET_SPEC = tableSpec('dataset');
const SPECS: Record<ImportKind, TableSpec> = { offerings: tableSpec('offering'), survey: tableSpec('survey_response') };

const commandProblem = (column: string, problem: string): ImportProblem => ({ file: null, row: null, column, problem, suggestions: [] });

function checkOptions(options: ImportOptions): ImportProblem[] {
  const problems: ImportProblem[] = [];
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(options.dataset)) problems.push(commandProblem('--dataset', `"${options.dataset}" is not a data set code: lower-case letters, digits and hyphens, e.g. skr-offerings-2022`));
  if (options.dataset === SYNTHETIC_DATASET || options.dataset === PUBLISHED_DATASET) {
    problems.push(commandProblem('--dataset', `${options.dataset} belongs to the loader (npm run load); import under a code of your own, e.g. skr-offerings-2022`));
  }
  if (!options.title.trim()) problems.push(commandProblem('--title', 'a title is required, e.g. "SKR survey 2022, real answers"'));
  if (options.files.length === 0) problems.push(commandProblem('files', 'no file given: offerings <file.csv> and/or survey <file.csv>'));
  const kinds = options.files.map((f) => f.kind);
  for (const kind of new Set(kinds.filter((k, i) => kinds.indexOf(k) !== i))) problems.push(commandProblem('files', `two ${kind} files given; put all rows of a kind in one file`));
  return problems;
}

async function readReference(client: pg.ClientBase): Promise<Reference> {
  // One client runs one query at a time.
  const regions = await client.query<{ code: string; level: string; name: string; parent_code: string | null }>('SELECT code, level::text AS level, name, parent_code FROM region');
  const interventions = await client.query<{ code: string; name_sv: string }>('SELECT code, name_sv FROM intervention');
  const areas = await client.query<{ code: string; kind: string; name_sv: string }>('SELECT code, kind::text AS kind, name_sv FROM area');
  return {
    regions: new Map(regions.rows.map((r) => [r.code, { level: r.level, name: r.name, parentCode: r.parent_code }])),
    interventions: new Map(interventions.rows.map((r) => [r.code, { nameSv: r.name_sv }])),
    areas: new Map(areas.rows.map((r) => [r.code, { kind: r.kind, nameSv: r.name_sv }])),
  };
}

/** A data set code in use by the loader (or anything but an import) cannot be imported into. */
async function datasetProblem(client: pg.ClientBase, code: string, lock: boolean): Promise<ImportProblem | null> {
  const { rows } = await client.query<{ kind: string }>(`SELECT kind::text AS kind FROM dataset WHERE code = $1${lock ? ' FOR UPDATE' : ''}`, [code]);
  if (rows[0] && rows[0].kind !== 'IMPORTED') {
    return commandProblem('--dataset', `${code} is a ${rows[0].kind.toLowerCase()} data set owned by the loader (npm run load); import under a code of your own`);
  }
  return null;
}

/**
 * Checks every file, then replaces the data set's rows of the given kinds in one
 * transaction. Throws ImportError (nothing written) listing every problem found.
 */
export async function importDataset(databaseUrl: string, options: ImportOptions, progress: (step: string) => void = () => {}): Promise<ImportResult> {
  const problems = checkOptions(options);
  const client = new pg.Client({ connectionString: databaseUrl });
  // A connection dropped by the server fails the query in flight; without a listener it would also crash the process.
  client.on('error', (error) => console.error('[insyn] database connection lost:', error.message));
  await client.connect();
  try {
    progress('Reading the regions, interventions and areas the files may name');
    const ref = await readReference(client);
    if (ref.regions.size === 0 || ref.interventions.size === 0) {
      throw new ImportError([commandProblem('database', 'the database holds no regions or interventions: run npm run load first')]);
    }
    if (!problems.length) {
      const clash = await datasetProblem(client, options.dataset, false);
      if (clash) problems.push(clash);
    }
    const parsed = options.files.map((f) => {
      progress(`Checking ${f.kind} file ${path.basename(f.path)}`);
      const checked = checkFile(f.kind, f.path, ref);
      problems.push(...checked.problems);
      return checked.parsed;
    });
    if (problems.length) throw new ImportError(problems);

    const tables: ImportResult['tables'] = {};
    await inDataTransaction(client, 'exclusive', async () => {
      // Checked again under the lock: a load may have claimed the code meanwhile.
      const clash = await datasetProblem(client, options.dataset, true);
      if (clash) throw new ImportError([clash]);
      const datasetRow: Row = {
        code: options.dataset, title: options.title.trim(), synthetic: false, kind: 'IMPORTED',
        description: options.source?.trim() || 'Imported answers; no source given.',
      };
      tables.dataset = { rows: 1, ...(await upsertTable(client, DATASET_SPEC, [datasetRow])), deleted: 0 };
      for (const file of parsed) {
        const spec = SPECS[file.kind];
        const rows = file.rows.map((r) => ({ ...r, dataset_code: options.dataset }));
        progress(`Writing ${spec.table} (${rows.length} ${rows.length === 1 ? 'row' : 'rows'})`);
        const counts = await upsertTable(client, spec, rows);
        // Only this data set's rows (the synthetic set and other imports stay), and in `units`
        // mode only those of the units the file names.
        const units = [...new Set(file.rows.map((r) => r.region_code as string))];
        const scope = options.replace === 'units' ? { sql: 't.dataset_code = $1 AND t.region_code = ANY($2::text[])', params: [options.dataset, units] } : { sql: 't.dataset_code = $1', params: [options.dataset] };
        const deleted = await deleteMissing(client, spec, scope);
        tables[spec.table] = { rows: rows.length, ...counts, deleted };
      }
    });
    const changed = Object.values(tables).reduce((s, t) => s + t.inserted + t.updated + t.deleted, 0);
    return { dataset: options.dataset, tables, changed };
  } finally {
    await client.end();
  }
}

import pg from 'pg';
import { dataDir as defaultDataDir } from '../db/paths.js';
import { DataFileError } from './errors.js';
import { readPlan, type Plan } from './plan.js';
import { generateSynthetic } from './synthetic.js';
import { KOLADA_SOURCE_PREFIX } from '../kolada/metadata.js';
import { deleteMissing, inDataTransaction, TABLES, upsertTable, type SyncCount } from './sync.js';


/**
 * The loader owns the data sets it plans (published, synthetic); imported ones (kind
 * IMPORTED, written by `npm run import`) and their rows are never deleted by a load.
 * Scoped by kind rather than by the planned codes, so a synthetic set the loader no longer
 * plans (say, renamed) is still removed with its rows.
 */
const LOADER_OWNED = `t.dataset_code IN (SELECT code FROM dataset WHERE kind <> 'IMPORTED')`;
/**
 * Sources, and the indicators made from them, that `npm run sync -- kolada` writes (Kolada's
 * per-KPI sources, codes `kolada-...`) belong to the sync, as its data set's figures do: the
 * loader never plans them, so it must not delete them either.
 */
const SYNC_SOURCE = `'${KOLADA_SOURCE_PREFIX}%'`;
const SCOPE: Record<string, { sql: string; params: unknown[] }> = {
  dataset: { sql: `t.kind <> 'IMPORTED'`, params: [] },
  offering: { sql: LOADER_OWNED, params: [] },
  survey_response: { sql: LOADER_OWNED, params: [] },
  observation: { sql: LOADER_OWNED, params: [] },
  observation_member: { sql: `t.observation_id IN (SELECT o.id FROM observation o WHERE o.dataset_code IN (SELECT code FROM dataset WHERE kind <> 'IMPORTED'))`, params: [] },
  source: { sql: `t.code NOT LIKE ${SYNC_SOURCE}`, params: [] },
  indicator: { sql: `t.source_code NOT LIKE ${SYNC_SOURCE}`, params: [] },
  indicator_dimension: { sql: `t.indicator_code NOT IN (SELECT code FROM indicator WHERE source_code LIKE ${SYNC_SOURCE})`, params: [] },
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
export async function load(databaseUrl: string, options: { dataDir?: string; progress?: (step: string) => void } = {}): Promise<LoadResult> {
  const started = performance.now();
  const progress = options.progress ?? (() => {});
  progress('Reading and checking the data files');
  const plan = buildPlan(options.dataDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  // A connection dropped by the server fails the query in flight; without a listener it would also crash the process.
  client.on('error', (error) => console.error('[insyn] database connection lost:', error.message));
  await client.connect();
  const tables: LoadResult['tables'] = {};
  try {
    await inDataTransaction(client, 'exclusive', async () => {
      const planned = (plan.dataset ?? []).map((d) => d.code as string);
      const clash = await client.query<{ code: string }>(`SELECT code FROM dataset WHERE kind = 'IMPORTED' AND code = ANY($1::text[])`, [planned]);
      if (clash.rows.length) {
        throw new DataFileError('dataset', null, null, `data set ${clash.rows.map((r) => r.code).join(', ')} was imported (npm run import); the loader will not take it over. Import under another code.`);
      }
      for (const [i, spec] of TABLES.entries()) {
        const rows = plan[spec.table] ?? [];
        progress(`Writing ${spec.table} (${rows.length} ${rows.length === 1 ? 'row' : 'rows'}; table ${i + 1} of ${TABLES.length})`);
        tables[spec.table] = { rows: rows.length, ...(await upsertTable(client, spec, rows)), deleted: 0 };
      }
      progress('Removing rows no longer in the files');
      for (const spec of [...TABLES].reverse()) tables[spec.table]!.deleted = await deleteMissing(client, spec, SCOPE[spec.table]);
    });
  } finally {
    await client.end();
  }
  const changed = Object.values(tables).reduce((s, t) => s + t.inserted + t.updated + t.deleted, 0);
  return { tables, changed, ms: Math.round(performance.now() - started) };
}

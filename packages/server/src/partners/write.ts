import pg from 'pg';
import { InsynError, unknownError } from '../errors.js';
import { COLUMNS, formatProblem, type ImportProblem, type Reference, checkRecords } from '../import/validate.js';
import { deleteMissing, inDataTransaction, tableSpec, upsertTable } from '../load/sync.js';
import type { Lookups } from '../lookup/lookups.js';
import { coversUnit, type Grant } from './keys.js';

/**
 * A partner writes its own unit's answers to SKR's survey through the API: per area the survey
 * status and whether it wants to offer interventions without a decision, and per intervention
 * offered, form, provider, decision and reach. The answer of an area is whole: interventions
 * of the area left out are no longer answered. Checked exactly as `npm run import` checks a
 * file (the same function, import/validate.ts), written with the same statements
 * (load/sync.ts), in one transaction, with every changed row in the audit trail.
 */

export interface OfferingAnswer { intervention: string; offered: boolean; form?: string | null; provider?: string | null; decision?: string | null; reachBand?: string | null }
export interface AreaAnswer { area: string; status: string; wantsWithoutDecision?: boolean | null; offerings: OfferingAnswer[] }
export interface UnitAnswers { dataset: string; round: number; region: string; areas: AreaAnswer[] }
export interface WriteResult { dataset: string; region: string; round: number; inserted: number; updated: number; deleted: number }
/** The data version a write began and ended at (for the lookup layer's `wrote`). */
export interface WriteVersions { before: string; after: string }

const SPECS = { offering: tableSpec('offering'), survey_response: tableSpec('survey_response') };

/** One write per unit, data set and round at a time (two partners on one unit: one answer wins, whole). */
const UNIT_LOCK = 727276;

const pools = new Map<string, pg.Pool>();

/** A small pool for writes and key checks, per database (reads go through Prisma). */
export function writePool(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 5, allowExitOnIdle: true });
    pool.on('error', (error) => console.error('[insyn] partner write connection lost:', error.message));
    pools.set(url, pool);
  }
  return pool;
}

export async function closeWritePools() {
  await Promise.all([...pools.values()].map((p) => p.end()));
  pools.clear();
}

const referenceOf = (l: Lookups): Reference => ({
  regions: new Map([...l.regions.values()].map((r) => [r.code, { level: r.level, name: r.name, parentCode: r.parentCode }])),
  interventions: new Map([...l.interventions.values()].map((i) => [i.code, { nameSv: i.nameSv }])),
  areas: new Map([...l.areas.values()].map((a) => [a.code, { kind: a.kind, nameSv: a.nameSv }])),
});

export const forbidden = (message: string, grant: Grant) =>
  new InsynError('FORBIDDEN', `${message} Nothing was written. Ask the data set's owner for a key with that scope (docs/partners.md).`, { key: grant.keyId, datasets: grant.datasets, units: grant.units, http: { status: 403 } });

/** Refuses what the key may not write, before anything is checked or written. */
function checkScope(grant: Grant, answers: UnitAnswers, lookups: Lookups) {
  if (!grant.datasets.includes(answers.dataset)) throw forbidden(`Key ${grant.keyId} ("${grant.name}") may not write data set ${answers.dataset}; it may write ${grant.datasets.join(', ')}.`, grant);
  if (!coversUnit(grant, answers.region)) throw forbidden(`Key ${grant.keyId} ("${grant.name}") may not write the answers of ${answers.region}; it may write those of ${grant.units.join(', ')}.`, grant);
  const dataset = lookups.datasets.get(answers.dataset);
  if (!dataset) throw unknownError('UNKNOWN_DATASET', 'data set', answers.dataset, [...lookups.datasets.values()].map((d) => ({ key: d.code, label: d.title })));
  if (dataset.kind !== 'IMPORTED') throw forbidden(`Data set ${answers.dataset} is ${dataset.kind.toLowerCase()}, kept by the loader (npm run load); partners write imported data sets only.`, grant);
}

/** Every problem of the answers at once, each with the path of the input it is about. */
function problemsOf(answers: UnitAnswers, lookups: Lookups, now: Date): { problems: (ImportProblem & { path: string })[]; offerings: Record<string, unknown>[]; survey: Record<string, unknown>[] } {
  const ref = referenceOf(lookups);
  const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  // A record in the import's own column order (COLUMNS), so both are checked cell by cell alike.
  const record = (kind: keyof typeof COLUMNS, cells: Record<string, unknown>) => COLUMNS[kind].map((c) => s(cells[c]));
  const surveyPaths: string[] = [];
  const surveyRecords = [[...COLUMNS.survey], ...answers.areas.map((a, i) => {
    surveyPaths.push(`areas[${i}]`);
    return record('survey', { region: answers.region, area: a.area, round: answers.round, status: a.status, wants_without_decision: a.wantsWithoutDecision });
  })];
  const offeringPaths: string[] = [];
  const extra: (ImportProblem & { path: string })[] = [];
  const offeringRecords = [[...COLUMNS.offerings], ...answers.areas.flatMap((a, i) => a.offerings.map((o, j) => {
    const path = `areas[${i}].offerings[${j}]`;
    offeringPaths.push(path);
    const intervention = lookups.interventions.get(o.intervention);
    if (intervention && intervention.areaCode !== a.area) extra.push({ path, file: null, row: null, column: 'intervention', problem: `${o.intervention} is an intervention of ${intervention.areaCode}, not of ${a.area}; answer it under its own area`, suggestions: [] });
    return record('offerings', { region: answers.region, intervention: o.intervention, round: answers.round, offered: o.offered, form: o.form, provider: o.provider, decision: o.decision, reach_band: o.reachBand });
  }))];
  const survey = answers.areas.length ? checkRecords('survey', null, surveyRecords, ref, now) : { parsed: { rows: [] }, problems: [] };
  const offerings = offeringRecords.length > 1 ? checkRecords('offerings', null, offeringRecords, ref, now) : { parsed: { rows: [] }, problems: [] };
  // Rows are numbered as in a file (header = 1): row n is input n - 2.
  const at = (paths: string[]) => (p: ImportProblem) => ({ ...p, path: p.row != null && p.row >= 2 ? paths[p.row - 2]! : '' });
  const problems = [...survey.problems.map(at(surveyPaths)), ...offerings.problems.map(at(offeringPaths)), ...extra];
  if (!answers.areas.length) problems.push({ path: 'areas', file: null, row: null, column: null, problem: 'give the answer of at least one area', suggestions: [] });
  return { problems, offerings: offerings.parsed.rows, survey: survey.parsed.rows };
}

/** Rows of the unit's answers for these areas, keyed, for the audit trail. */
async function currentRows(client: pg.ClientBase, answers: UnitAnswers, areas: string[]) {
  const params = [answers.dataset, answers.region, answers.round, areas];
  const offerings = await client.query(
    `SELECT o.region_code, o.intervention_code, o.round, o.offered, o.form::text, o.provider::text, o.decision::text, o.reach_band::text, o.dataset_code
     FROM offering o JOIN intervention i ON i.code = o.intervention_code
     WHERE o.dataset_code = $1 AND o.region_code = $2 AND o.round = $3 AND i.area_code = ANY($4::text[])`, params);
  const survey = await client.query(
    `SELECT region_code, area_code, round, status::text, wants_without_decision, dataset_code FROM survey_response
     WHERE dataset_code = $1 AND region_code = $2 AND round = $3 AND area_code = ANY($4::text[])`, params);
  const keyed = (table: keyof typeof SPECS, rows: Record<string, unknown>[]) => new Map(rows.map((r) => [JSON.stringify(SPECS[table].key.map((k) => r[k])), r]));
  return { offering: keyed('offering', offerings.rows), survey_response: keyed('survey_response', survey.rows) };
}

/** Checks and writes one unit's answers; throws a typed error (and writes nothing) when it may not or cannot. */
export async function writeUnitAnswers(url: string, grant: Grant, answers: UnitAnswers, lookups: Lookups, now = new Date()): Promise<WriteResult & { versions: WriteVersions }> {
  checkScope(grant, answers, lookups);
  const { problems, offerings, survey } = problemsOf(answers, lookups, now);
  if (problems.length) {
    throw new InsynError('INVALID_ANSWERS', `${problems.length} problem${problems.length === 1 ? '' : 's'} in the answers; nothing was written:\n${problems.map((p) => `  ${p.path ? `${p.path}: ` : ''}${formatProblem({ ...p, row: null })}`).join('\n')}`,
      { problems: problems.map((p) => ({ path: p.path, field: p.column, problem: p.problem, suggestions: p.suggestions })), http: { status: 400 } });
  }
  const areas = answers.areas.map((a) => a.area);
  const client = await writePool(url).connect();
  try {
    return await inDataTransaction(client, 'shared', async () => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [UNIT_LOCK, `${answers.dataset}|${answers.region}|${answers.round}`]);
      // Every writing transaction bumps this row and holds it to its commit; taking it first
      // makes "before" and "after" the versions just around this write, nobody else's between.
      const version = async (lock: string) => (await client.query<{ v: string }>(`SELECT version::text AS v FROM insyn_cache.data_version ${lock}`)).rows[0]!.v;
      const versions = { before: await version('FOR UPDATE'), after: '' };
      const before = await currentRows(client, answers, areas);
      const scope = (extraSql: string) => ({ sql: `t.dataset_code = $1 AND t.region_code = $2 AND t.round = $3 AND ${extraSql}`, params: [answers.dataset, answers.region, answers.round, areas] });
      const rows = (list: Record<string, unknown>[]) => list.map((r) => ({ ...r, dataset_code: answers.dataset }));
      const s = await upsertTable(client, SPECS.survey_response, rows(survey));
      const sDeleted = await deleteMissing(client, SPECS.survey_response, scope('t.area_code = ANY($4::text[])'));
      const o = await upsertTable(client, SPECS.offering, rows(offerings));
      const oDeleted = await deleteMissing(client, SPECS.offering, scope('t.intervention_code IN (SELECT code FROM intervention WHERE area_code = ANY($4::text[]))'));
      const after = await currentRows(client, answers, areas);
      const changes: unknown[][] = [];
      for (const table of ['survey_response', 'offering'] as const) {
        for (const key of new Set([...before[table].keys(), ...after[table].keys()])) {
          const old = before[table].get(key) ?? null;
          const next = after[table].get(key) ?? null;
          if (JSON.stringify(old) !== JSON.stringify(next)) changes.push([grant.keyId, answers.dataset, answers.region, answers.round, table, key, old && JSON.stringify(old), next && JSON.stringify(next)]);
        }
      }
      if (changes.length) {
        await client.query(
          `INSERT INTO insyn_partner.answer_change (key_id, dataset_code, region_code, round, table_name, row_key, old, new)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::jsonb[], $7::jsonb[], $8::jsonb[])`,
          [0, 1, 2, 3, 4, 5, 6, 7].map((i) => changes.map((c) => c[i])),
        );
      }
      versions.after = await version('');
      return { dataset: answers.dataset, region: answers.region, round: answers.round, inserted: s.inserted + o.inserted, updated: s.updated + o.updated, deleted: sDeleted + oDeleted, versions };
    });
  } finally {
    client.release();
  }
}

/**
 * Deletes an imported data set with all its answers, for its owner (a key with the data set's
 * scope and no unit scopes). The audit trail keeps a record of it.
 */
export async function deleteDataset(url: string, grant: Grant, code: string, lookups: Lookups): Promise<{ code: string; deleted: number }> {
  if (!grant.datasets.includes(code)) throw forbidden(`Key ${grant.keyId} ("${grant.name}") may not delete data set ${code}; it may write ${grant.datasets.join(', ')}.`, grant);
  if (grant.units.length) throw forbidden(`Key ${grant.keyId} ("${grant.name}") writes only the units ${grant.units.join(', ')}; only the data set's owner (a key without unit scopes) may delete it.`, grant);
  const dataset = lookups.datasets.get(code);
  if (!dataset) throw unknownError('UNKNOWN_DATASET', 'data set', code, [...lookups.datasets.values()].map((d) => ({ key: d.code, label: d.title })));
  if (dataset.kind !== 'IMPORTED') throw forbidden(`Data set ${code} is ${dataset.kind.toLowerCase()}, kept by the loader (npm run load).`, grant);
  const client = await writePool(url).connect();
  try {
    return await inDataTransaction(client, 'exclusive', async () => {
      const offerings = await client.query('DELETE FROM offering WHERE dataset_code = $1', [code]);
      const survey = await client.query('DELETE FROM survey_response WHERE dataset_code = $1', [code]);
      const row = await client.query('DELETE FROM dataset WHERE code = $1 RETURNING code, title, kind::text, description', [code]);
      await client.query(
        `INSERT INTO insyn_partner.answer_change (key_id, dataset_code, region_code, round, table_name, row_key, old, new) VALUES ($1, $2, '', 0, 'dataset', $3, $4, NULL)`,
        [grant.keyId, code, JSON.stringify([code]), JSON.stringify({ ...row.rows[0], offerings: offerings.rowCount, survey_responses: survey.rowCount })],
      );
      return { code, deleted: (offerings.rowCount ?? 0) + (survey.rowCount ?? 0) };
    });
  } finally {
    client.release();
  }
}

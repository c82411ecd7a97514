// Over 300 lines: one scratch database shared by every case of `npm run import` (setting it up is the slow part).
/**
 * `npm run import` on a scratch database: real answers land as a data set of their own,
 * beside the synthetic one, are served with `dataset:` and without the synthetic notice;
 * bad files are refused naming file, row and column, with nothing written; a later load
 * keeps the import.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../packages/server/src/db/paths.js';
import { ImportError, importDataset, type ImportOptions } from '../../packages/server/src/import/import.js';
import { load } from '../../packages/server/src/load/load.js';
import { createPrisma } from '../../packages/server/src/db/prisma.js';
import { createServer } from '../../packages/server/src/http/yoga.js';
import { graphql } from '@test/gql/index.js';
import { createDatabase } from '@test/support/database.js';
import { expectGraphQLError, expectNoGraphQLErrors } from '@test/support/server.js';

const BOENDESTOD = 'socialpsykiatri:boendestod';
const KONTAKTPERSON = 'socialpsykiatri:kontaktperson';
const HEMTJANST = 'aldre:hemtjanst';
const DATASET = 'test-import-2022';
const HEADER = 'region,intervention,round,offered,form,provider,decision,reach_band';

// Made-up answers for real codes (Uppsala 0380, Upplands Väsby 0114, Bromma 0180-bromma): not real answers.
const OFFERINGS = [
  HEADER,
  `0380,${BOENDESTOD},2022,true,PHYSICAL_ONLY,MUNICIPAL_ONLY,WITH_DECISION_ONLY,REACH_50_PLUS`,
  `0380,${KONTAKTPERSON},2022,true,PHYSICAL_AND_DIGITAL,MUNICIPAL_AND_PRIVATE,WITH_AND_WITHOUT_DECISION,REACH_10_49`,
  `0380,socialpsykiatri:personligt-ombud-for-personer-med-psykisk-funktionsnedsattning,2022,false,,,,`,
  `0114,${BOENDESTOD},2022,true,DIGITAL_ONLY,PRIVATE_ONLY,WITHOUT_DECISION_ONLY,`,
  `0180-bromma,${BOENDESTOD},2022,false,,,,`,
  `0380,${HEMTJANST},2022,true,UNKNOWN,UNKNOWN,UNKNOWN,REACH_50_PLUS`,
].join('\n');
const SURVEY = ['region,area,round,status,wants_without_decision', '0380,socialpsykiatri,2022,COMPLETED,true', '0114,socialpsykiatri,2022,STARTED,'].join('\n');

const WhoOffers = graphql(`
  query ImportTestWhoOffers($intervention: String!, $dataset: String) {
    offerings(intervention: $intervention, dataset: $dataset, first: 50) {
      totalCount
      edges { node { region { code } offered form provider decision reachBand synthetic dataset { code title synthetic description } } }
    }
  }
`);

const Summary = graphql(`
  query ImportTestSummary($code: String!, $dataset: String) {
    region(code: $code) { offeringSummary(dataset: $dataset) { area { code } surveyStatus offeredCount answeredCount synthetic } }
  }
`);

const CountySummaries = graphql(`
  query ImportTestCountySummaries($dataset: String) {
    region(code: "03") { children { code offeringSummary(dataset: $dataset) { area { code } offeredCount } } }
  }
`);

const Distribution = graphql(`
  query ImportTestDistribution($dataset: String) {
    offeringDistribution(area: "socialpsykiatri", dimension: FORM, groupBy: COUNTRY, dataset: $dataset) { key total synthetic buckets { member count } }
  }
`);

/** Rows and a digest of every row (updated_at included) of the tables an import writes. */
/** The tables' contents (updated_at left out: a row changed and changed back is the same answer). */
async function digest(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, string> = {};
    for (const table of ['dataset', 'offering', 'survey_response']) {
      const { rows } = await client.query<{ n: number; digest: string | null }>(`SELECT count(*)::int AS n, md5(string_agg(r, '|' ORDER BY r)) AS digest FROM (SELECT (to_jsonb(t) - 'updated_at')::text AS r FROM "${table}" t) t`);
      out[table] = `${rows[0]!.n} ${rows[0]!.digest ?? '-'}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

let scratch: Awaited<ReturnType<typeof createDatabase>>;
let dir: string;
let prisma: ReturnType<typeof createPrisma>;
/** SQL statements Prisma sent for the last `execute`. */
let statements: string[] = [];
let yoga: ReturnType<typeof createServer>;

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${text}\n`);
  return file;
}

const options = (files: ImportOptions['files'], dataset = DATASET): ImportOptions => ({ dataset, title: 'Test import (made-up answers)', source: 'Written by test/import/import.test.ts', files });

async function execute<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<ExecutionResult<TResult>> {
  statements = [];
  const response = await yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await response.json()) as ExecutionResult<TResult>;
}

/** The import's refusal, after checking it wrote nothing. */
async function refused(files: ImportOptions['files'], dataset = DATASET): Promise<ImportError> {
  const before = await digest(scratch.url);
  const error = await importDataset(scratch.url, options(files, dataset)).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ImportError);
  expect(await digest(scratch.url)).toEqual(before);
  return error as ImportError;
}

beforeAll(async () => {
  scratch = await createDatabase(inject('adminUrl'), 'insyn_test_import');
  await load(scratch.url);
  dir = mkdtempSync(path.join(tmpdir(), 'insyn-import-'));
  prisma = createPrisma(scratch.url, { onQuery: (sql) => statements.push(sql) });
  yoga = createServer(prisma);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await scratch?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a valid import', () => {
  let first: Awaited<ReturnType<typeof importDataset>>;
  let afterFirst: Record<string, string>;

  beforeAll(async () => {
    first = await importDataset(scratch.url, options([{ kind: 'offerings', path: write('offerings.csv', OFFERINGS) }, { kind: 'survey', path: write('survey.csv', SURVEY) }]));
    afterFirst = await digest(scratch.url);
  });

  it('lands as a non-synthetic data set beside the synthetic one', async () => {
    expect(first.tables.offering).toEqual({ rows: 6, inserted: 6, updated: 0, deleted: 0 });
    expect(first.tables.survey_response).toEqual({ rows: 2, inserted: 2, updated: 0, deleted: 0 });
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const { rows } = await client.query(`SELECT code, synthetic, kind::text AS kind, title, description FROM dataset ORDER BY code`);
    await client.end();
    expect(rows).toEqual([
      { code: 'published', synthetic: false, kind: 'PUBLISHED', title: 'Published figures', description: expect.any(String) },
      { code: 'synthetic-offerings-2022', synthetic: true, kind: 'SYNTHETIC', title: expect.any(String), description: expect.any(String) },
      { code: DATASET, synthetic: false, kind: 'IMPORTED', title: 'Test import (made-up answers)', description: 'Written by test/import/import.test.ts' },
    ]);
  });

  it('is served with `dataset`, each record not synthetic, and without the synthetic notice', async () => {
    const result = await execute(WhoOffers, { intervention: BOENDESTOD, dataset: DATASET });
    const data = expectNoGraphQLErrors(result);
    // Offered (the default filter): Uppsala and Upplands Väsby; Bromma answered no.
    expect(data.offerings.totalCount).toBe(2);
    expect(data.offerings.edges.map((e) => [e.node.region.code, e.node.form, e.node.provider, e.node.decision, e.node.reachBand, e.node.synthetic])).toEqual([
      ['0114', 'DIGITAL_ONLY', 'PRIVATE_ONLY', 'WITHOUT_DECISION_ONLY', null, false],
      ['0380', 'PHYSICAL_ONLY', 'MUNICIPAL_ONLY', 'WITH_DECISION_ONLY', 'REACH_50_PLUS', false],
    ]);
    expect(data.offerings.edges[0]!.node.dataset).toEqual({ code: DATASET, title: 'Test import (made-up answers)', synthetic: false, description: 'Written by test/import/import.test.ts' });
    expect(result.extensions?.synthetic).toBeUndefined();

    const summary = await execute(Summary, { code: '0380', dataset: DATASET });
    const psyk = expectNoGraphQLErrors(summary).region!.offeringSummary.find((s) => s.area.code === 'socialpsykiatri');
    expect(psyk).toEqual({ area: { code: 'socialpsykiatri' }, surveyStatus: 'COMPLETED', offeredCount: 2, answeredCount: 3, synthetic: false });
    expect(summary.extensions?.synthetic).toBeUndefined();

    const distribution = await execute(Distribution, { dataset: DATASET });
    expect(expectNoGraphQLErrors(distribution).offeringDistribution).toEqual([
      { key: '00', total: 3, synthetic: false, buckets: [{ member: 'DIGITAL_ONLY', count: 1 }, { member: 'PHYSICAL_AND_DIGITAL', count: 1 }, { member: 'PHYSICAL_ONLY', count: 1 }] },
    ]);
    expect(distribution.extensions?.synthetic).toBeUndefined();
  });

  it('leaves the default (synthetic) answers as they were: boendestöd offered by 211 units, as SKR published (Tabell 34)', async () => {
    const result = await execute(WhoOffers, { intervention: BOENDESTOD, dataset: null });
    expect(expectNoGraphQLErrors(result).offerings.totalCount).toBe(211);
    expect(result.extensions?.synthetic).toEqual({ datasets: ['synthetic-offerings-2022'], notice: expect.stringMatching(/SYNTHETIC/) });
  });

  it('answers a whole county\'s summaries from a named data set in one summary statement, the data set checked in memory', async () => {
    const named = expectNoGraphQLErrors(await execute(CountySummaries, { dataset: DATASET }));
    const namedStatements = [...statements];
    const uppsala = named.region!.children.find((c) => c.code === '0380')!;
    expect(uppsala.offeringSummary.find((s) => s.area.code === 'socialpsykiatri')!.offeredCount).toBe(2);
    expect(named.region!.children.filter((c) => c.code !== '0380').every((c) => c.offeringSummary.every((s) => s.offeredCount === null))).toBe(true);
    expect(namedStatements.filter((sql) => sql.includes('offering_area_count') && sql.includes('survey_response'))).toHaveLength(1);
    expectNoGraphQLErrors(await execute(CountySummaries, { dataset: null }));
    // The data set is checked against the lookup layer: naming one costs no statement.
    expect(namedStatements.length).toBe(statements.length);
  });

  it('refuses an unknown data set with suggestions', async () => {
    const error = expectGraphQLError(await execute(WhoOffers, { intervention: BOENDESTOD, dataset: 'test-import-2021' }), 'UNKNOWN_DATASET');
    expect(error.extensions?.suggestions).toContain(DATASET);
  });

  it('a second import of the same files changes nothing', async () => {
    const again = await importDataset(scratch.url, options([{ kind: 'offerings', path: path.join(dir, 'offerings.csv') }, { kind: 'survey', path: path.join(dir, 'survey.csv') }]));
    expect(again.changed).toBe(0);
    expect(await digest(scratch.url)).toEqual(afterFirst);
  });

  it('a re-import replaces the data set\'s rows: a changed row is updated, a row left out deleted, other data sets untouched', async () => {
    const lines = OFFERINGS.split('\n');
    const changed = [...lines.slice(0, 5), lines[5]!.replace('false', 'true')].join('\n'); // Bromma now offers; Uppsala's hemtjänst left out
    const result = await importDataset(scratch.url, options([{ kind: 'offerings', path: write('offerings-changed.csv', changed) }]));
    expect(result.tables.offering).toEqual({ rows: 5, inserted: 0, updated: 1, deleted: 1 });
    expect(result.tables.survey_response).toBeUndefined();
    const data = expectNoGraphQLErrors(await execute(WhoOffers, { intervention: BOENDESTOD, dataset: DATASET }));
    expect(data.offerings.edges.map((e) => e.node.region.code)).toEqual(['0114', '0180-bromma', '0380']);
    // Back to the original file: the same contents as after the first import.
    const restored = await importDataset(scratch.url, options([{ kind: 'offerings', path: path.join(dir, 'offerings.csv') }]));
    expect(restored.tables.offering).toEqual({ rows: 6, inserted: 1, updated: 1, deleted: 0 });
    expect(await digest(scratch.url)).toEqual(afterFirst);
  });

  it("--only-units replaces only the units in the file: Uppsala's new file leaves Knivsta's and Bromma's answers", async () => {
    const uppsalaOnly = [HEADER, `0380,${BOENDESTOD},2022,false,,,,`].join('\n');
    const result = await importDataset(scratch.url, { ...options([{ kind: 'offerings', path: write('offerings-uppsala.csv', uppsalaOnly) }]), replace: 'units' });
    // Uppsala's four rows become one; the other units' two rows stay.
    expect(result.tables.offering).toEqual({ rows: 1, inserted: 0, updated: 1, deleted: 3 });
    const data = expectNoGraphQLErrors(await execute(WhoOffers, { intervention: BOENDESTOD, dataset: DATASET }));
    expect(data.offerings.edges.map((e) => `${e.node.region.code} ${e.node.offered}`)).toEqual(['0114 true']);
    // Back to the whole file.
    await importDataset(scratch.url, options([{ kind: 'offerings', path: path.join(dir, 'offerings.csv') }]));
    expect(await digest(scratch.url)).toEqual(afterFirst);
  });

  it('a later load keeps the import (and changes nothing)', async () => {
    const result = await load(scratch.url);
    expect(result.changed).toBe(0);
    expect(await digest(scratch.url)).toEqual(afterFirst);
    expect(expectNoGraphQLErrors(await execute(WhoOffers, { intervention: BOENDESTOD, dataset: DATASET })).offerings.totalCount).toBe(2);
  });
});

describe('a bad import is refused, naming file, row and column, and writes nothing', () => {
  const offerings = (name: string, ...rows: string[]) => [{ kind: 'offerings' as const, path: write(name, [HEADER, ...rows].join('\n')) }];

  it('an unknown intervention code, with the nearest codes', async () => {
    const error = await refused(offerings('unknown-intervention.csv', `0380,${BOENDESTOD},2022,true,,,,`, '0380,socialpsykiatri:boendestd,2022,true,,,,'));
    expect(error.problems).toEqual([{ file: 'unknown-intervention.csv', row: 3, column: 'intervention', problem: expect.stringMatching(/unknown intervention "socialpsykiatri:boendestd"; did you mean socialpsykiatri:boendestod/), suggestions: expect.arrayContaining([BOENDESTOD]) }]);
    expect(error.message).toContain('unknown-intervention.csv, row 3, column "intervention": unknown intervention');
  });

  it('offered given as 1 (refused, not guessed)', async () => {
    const error = await refused(offerings('offered-1.csv', `0380,${BOENDESTOD},2022,1,,,,`));
    expect(error.problems).toEqual([{ file: 'offered-1.csv', row: 2, column: 'offered', problem: expect.stringMatching(/"1" must be true or false \(1\/0, 1\/2 and Ja\/Nej are refused/), suggestions: [] }]);
  });

  it('a form given while offered is false', async () => {
    const error = await refused(offerings('form-not-offered.csv', `0380,${BOENDESTOD},2022,false,DIGITAL_ONLY,,,`));
    expect(error.problems).toEqual([{ file: 'form-not-offered.csv', row: 2, column: 'form', problem: expect.stringMatching(/"DIGITAL_ONLY" is given although offered is false/), suggestions: [] }]);
  });

  it('a duplicate row', async () => {
    const error = await refused(offerings('duplicate.csv', `0380,${BOENDESTOD},2022,true,,,,`, `0114,${BOENDESTOD},2022,true,,,,`, `0380,${BOENDESTOD},2022,false,,,,`));
    expect(error.problems).toEqual([{ file: 'duplicate.csv', row: 4, column: 'intervention', problem: `region 0380, intervention ${BOENDESTOD}, round 2022 is already given in row 2`, suggestions: [] }]);
  });

  it('a bad header', async () => {
    const file = write('bad-header.csv', [HEADER.replace('region', 'municipality'), `0380,${BOENDESTOD},2022,true,,,,`].join('\n'));
    const error = await refused([{ kind: 'offerings', path: file }]);
    expect(error.problems.map((p) => [p.file, p.row, p.column, p.suggestions])).toEqual([['bad-header.csv', 1, 'municipality', ['region']], ['bad-header.csv', 1, 'region', []]]);
    expect(error.problems[1]!.problem).toBe(`missing column "region"; the header of a offerings file is ${HEADER}`);
  });

  it('every problem of every file at once: a county, a name for a code, a year out of range, an enum in lower case, a municipality with its own district, a report area', async () => {
    const survey = write('survey-bad.csv', ['region,area,round,status,wants_without_decision', '0380,lss,2022,COMPLETED,', '0380,socialpsykiatri,2022,DONE,ja'].join('\n'));
    const error = await refused([
      ...offerings('many.csv', `03,${BOENDESTOD},2022,true,,,,`, `Uppsala,${BOENDESTOD},2022,true,,,,`, `0380,${BOENDESTOD},1999,true,,,,`, `0380,${BOENDESTOD},2022,true,physical_only,,,`, `0180,${BOENDESTOD},2022,true,,,,`, `0180-bromma,${BOENDESTOD},2022,false,,,,`),
      { kind: 'survey', path: survey },
    ]);
    expect(error.problems.map((p) => [p.file, p.row, p.column])).toEqual([
      ['many.csv', 2, 'region'], ['many.csv', 3, 'region'], ['many.csv', 4, 'round'], ['many.csv', 5, 'form'], ['many.csv', 7, 'region'],
      ['survey-bad.csv', 2, 'area'], ['survey-bad.csv', 3, 'status'], ['survey-bad.csv', 3, 'wants_without_decision'],
    ]);
    expect(error.problems[0]!.problem).toMatch(/03 \(Uppsala län\) is a county; answers are per municipality/);
    expect(error.problems[1]!.suggestions[0]).toBe('0380');
    expect(error.problems[2]!.problem).toMatch(/1999 is out of range: a survey round from 2000 to/);
    expect(error.problems[3]!.suggestions).toEqual(['PHYSICAL_ONLY']);
    expect(error.problems[4]!.problem).toBe('0180-bromma is a district of 0180, which row 6 gives for the same intervention and round; give the municipality or its districts, not both');
    expect(error.problems[5]!.problem).toMatch(/area "lss" is a report area/);
  });

  it('lists the first 20 problems and counts the rest', async () => {
    const rows = Array.from({ length: 25 }, () => `0380,${BOENDESTOD},2022,yes,,,,`);
    const error = await refused(offerings('many-bad.csv', ...rows.map((r, i) => r.replace('2022', String(2000 + i)))));
    expect(error.problems).toHaveLength(25);
    expect(error.message.split('\n')).toHaveLength(1 + 20 + 1);
    expect(error.message).toMatch(/^25 problems:\n {2}many-bad\.csv, row 2, column "offered": "yes" must be true or false/);
    expect(error.message).toMatch(/\n {2}\.\.\. and 5 more$/);
  });

  it('the synthetic or the published data set as target', async () => {
    const file = offerings('fine.csv', `0380,${BOENDESTOD},2022,true,,,,`);
    for (const dataset of ['synthetic-offerings-2022', 'published']) {
      const error = await refused(file, dataset);
      expect(error.problems).toEqual([{ file: null, row: null, column: '--dataset', problem: expect.stringMatching(/belongs to the loader/), suggestions: [] }]);
    }
  });
});

describe('npm run import (the command)', () => {
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const script = path.join(repoRoot, 'packages', 'server', 'src', 'scripts', 'import.ts');
  const run = (args: string[]) =>
    promisify(execFile)(tsx, [script, ...args], { env: { ...process.env, DATABASE_URL: scratch.url } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('exits 1 on a bad file, listing the problems, and 0 with "Nothing changed" on a file already imported', async () => {
    const before = await digest(scratch.url);
    const bad = await run(['offerings', write('cli-bad.csv', [HEADER, `0380,${BOENDESTOD},2022,Ja,,,,`].join('\n')), '--dataset', 'cli-import', '--title', 'CLI test']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Import refused, nothing was written. 1 problem:\n  cli-bad.csv, row 2, column "offered": "Ja" must be true or false');
    expect(await digest(scratch.url)).toEqual(before);

    const good = await run(['offerings', path.join(dir, 'offerings.csv'), 'survey', path.join(dir, 'survey.csv'), '--dataset', DATASET, '--title', 'Test import (made-up answers)', '--source', 'Written by test/import/import.test.ts']);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(`Nothing changed: data set ${DATASET} already holds exactly these rows.`);
    // Not a terminal: each step is a plain line while it works (a live task list on a terminal).
    expect(good.stdout).toContain('✔ Database connected and migrated\n');
    expect(good.stdout).toContain('› Checking offerings file offerings.csv\n› Checking survey file survey.csv\n');
    expect(good.stdout).toMatch(/› Writing offering \(\d+ rows\)\n/);
    expect(good.stdout).toContain(`✔ Imported ${DATASET}: nothing changed\n`);
    expect(good.stdout).not.toMatch(/\u001b\[/);
    expect(await digest(scratch.url)).toEqual(before);
  });
});

describe('a killed import (docs/hardening.md, "Faults")', () => {
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const script = path.join(repoRoot, 'packages', 'server', 'src', 'scripts', 'import.ts');
  let big: string;
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    // Every synthetic answer (38,671 rows) as an import file: long enough to be killed mid-way.
    const { rows } = await client.query<{ line: string }>(`SELECT concat(region_code, ',', intervention_code, ',', round, ',', offered::text, ',', form, ',', provider, ',', decision, ',', reach_band) AS line FROM offering WHERE dataset_code = 'synthetic-offerings-2022' ORDER BY region_code, intervention_code`);
    expect(rows.length).toBeGreaterThan(30_000);
    big = write('big.csv', [HEADER, ...rows.map((r) => r.line)].join('\n'));
  });
  afterAll(() => client.end());

  /**
   * Whether some session holds the data lock (load/sync.ts DATA_LOCK) in this test's database:
   * pg_locks is the whole cluster's, and other test files' loads hold the same lock in theirs
   * (which made this test kill the launcher before the script had even started to watch it).
   */
  const lockHeld = async () => (await client.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 727275 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)).rows[0].n > 0;
  const until = async (what: string, check: () => Promise<boolean>, seconds: number) => {
    for (const end = Date.now() + seconds * 1_000; Date.now() < end;) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`not within ${seconds} s: ${what}`);
  };
  const childOf = (pid: number) => Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')[0]);
  /** Running: not gone and not a zombie (an orphan's exit is reaped by PID 1, which in some containers never reaps). */
  const alive = (pid: number) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  };

  it.each([
    ['its launcher (as when npm is killed: the script underneath stops too)', 'launcher'],
    ['the script itself (PostgreSQL stops its statement within a second)', 'script'],
  ] as const)('SIGKILL of %s: nothing written, and the data lock is free within seconds', async (_what, target) => {
    const before = await digest(scratch.url);
    const launcher = spawn(tsx, [script, 'offerings', big, '--dataset', `killed-${target}`, '--title', 'Killed import'], { env: { ...process.env, DATABASE_URL: scratch.url }, stdio: ['ignore', 'ignore', 'inherit'] });
    await until('the import holds the data lock', lockHeld, 60);
    const child = childOf(launcher.pid!);
    expect(alive(child)).toBe(true);
    process.kill(target === 'launcher' ? launcher.pid! : child, 'SIGKILL');
    await until('the data lock is released', async () => !(await lockHeld()), 10);
    await until('the script has stopped', async () => !alive(child), 10);
    expect(await digest(scratch.url)).toEqual(before);
  }, 120_000);

  it('SIGKILL of its launcher while the launcher\'s own parent is too busy to reap it (a zombie still answers kill 0): the script stops all the same', async () => {
    const before = await digest(scratch.url);
    // A parent that starts the launcher, then blocks its event loop for 40 s: the killed launcher stays a zombie.
    const busy = spawn(process.execPath, ['-e', `const c = require('node:child_process').spawn(${JSON.stringify(tsx)}, ${JSON.stringify([script, 'offerings', big, '--dataset', 'killed-unreaped', '--title', 'Killed import'])}, { stdio: ['ignore', 'ignore', 'inherit'] }); setTimeout(() => { const end = Date.now() + 40000; while (Date.now() < end); }, 200);`], { env: { ...process.env, DATABASE_URL: scratch.url }, stdio: ['ignore', 'ignore', 'inherit'] });
    try {
      await until('the import holds the data lock', lockHeld, 60);
      const launcher = childOf(busy.pid!);
      const child = childOf(launcher);
      expect(alive(child)).toBe(true);
      process.kill(launcher, 'SIGKILL');
      await until('the data lock is released', async () => !(await lockHeld()), 10);
      await until('the script has stopped', async () => !alive(child), 10);
      expect(await digest(scratch.url)).toEqual(before);
    } finally {
      busy.kill('SIGKILL');
    }
  }, 120_000);
});

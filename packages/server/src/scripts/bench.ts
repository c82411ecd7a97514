/**
 * Benchmark: Insyn (response cache off, and on), PostGraphile 5, the GraphQL floor (bare
 * graphql-yoga answering with raw SQL, bench/serve-yoga.ts) and the raw-SQL floor, side by side
 * on one database, on six questions (bench/questions.ts), then Insyn alone on its GraphiQL
 * examples (src/http/examples.ts). See docs/benchmark.md.
 *
 *   npm run bench                              (from the repository root: generate, then this)
 *   BENCH_SECONDS=1 BENCH_ROUNDS=1 npm run bench   (a quick smoke run)
 *   BENCH_ONLY=riketSeries,catalogue npm run bench (some questions / examples only)
 *
 * Every server runs in a child process of its own (bench/serve-*.ts), so its CPU time is its
 * own; this process only generates the load (autocannon) and measures. They share one
 * database: the embedded PostgreSQL on port 54339 with its data in .data/bench/postgres (so it
 * does not clash with `npm start`), loaded from the data files at the start of every run (so it
 * never measures stale rows); DATABASE_URL is used instead when set.
 *
 * 1. Each question is asked once of every system; the answers must be the same rows
 *    (bench/check.ts), or the question is an error (exit 1) and is not timed.
 * 2. A warm-up, not timed: every question of every system and every example for
 *    BENCH_WARMUP_SECONDS each (0: none), so the rounds measure servers whose JIT has seen them.
 *    Then interleaved rounds: for each round, for each question, for each system, autocannon
 *    for BENCH_SECONDS at BENCH_CONNECTIONS. Figures are medians over the rounds.
 * 3. The examples, Insyn with the cache off and on, BENCH_EXAMPLE_ROUNDS rounds (default 1).
 * The line before the last says how far the Yoga floor itself gets against PostGraphile and raw
 * SQL; the last sums it up: `bench: Insyn/PostGraphile req/s min ..., Insyn/raw p50 max ...`.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answer, differences, type Answer } from './bench/check.js';
import type { Sample } from './bench/child.js';
import { findPostmaster, postgresCpuMs } from './bench/pg-cpu.js';
import { QUESTIONS } from './bench/questions.js';
import { median, percentile, ratio, renderTable } from './bench/report.js';
import { send, startSystem, type BenchRequest, type RunningSystem, type SystemKey } from './bench/systems.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** One timed run: autocannon on one request of one system. */
interface Run {
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  failed: number;
  sqlPerReq: number;
  serverCpuMs: number;
  pgCpuMs?: number;
}

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const exampleRounds = Number(process.env.BENCH_EXAMPLE_ROUNDS ?? 1);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
const SYSTEMS: SystemKey[] = ['insyn', 'insyn-cache', 'postgraphile', 'yoga', 'raw'];

const require = createRequire(import.meta.url);
/** autocannon's run: a promise of its result that also emits every response. */
type AutocannonRun = Promise<AutocannonResult> & { on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void };
const autocannon = require('autocannon') as (options: Record<string, unknown>) => AutocannonRun;
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const round1 = (n: number) => Math.round(n * 10) / 10;

// Set before any db module is imported: paths.ts reads INSYN_PGDATA when it loads.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
process.env.INSYN_PGPORT ??= '54339';
process.env.INSYN_PGDATA ??= path.join(repoRoot, '.data', 'bench', 'postgres');
const { openDatabase } = await import('../db/database.js');
const { load } = await import('../load/load.js');
const { EXAMPLE_QUERIES } = await import('../http/examples.js');

const questions = QUESTIONS.filter((q) => !only || only.includes(q.name));
const examples = EXAMPLE_QUERIES.filter((q) => !only || only.includes(q.name));
const started = performance.now();

const { url, embedded } = await openDatabase();
const systems: RunningSystem[] = [];
// A crash, or a reader that goes away (`npm run bench | head`), must not leave PostgreSQL running.
let crashed = false;
const crash = (error: unknown) => {
  if (crashed) return;
  crashed = true;
  if ((error as NodeJS.ErrnoException)?.code !== 'EPIPE') console.error('[bench] failed:', error);
  void Promise.allSettled(systems.map((s) => s.stop())).then(() => embedded?.stop()).finally(() => process.exit(1));
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
process.stdout.on('error', crash);
try {
  await main();
} catch (error) {
  console.error('[bench] failed:', error);
  process.exitCode = 1;
} finally {
  await Promise.all(systems.map((s) => s.stop()));
  await embedded?.stop();
}

async function main() {
  const pg = (await import('pg')).default;
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const version = (await db.query<{ v: string }>("SELECT split_part(version(), ' on ', 1) AS v")).rows[0]!.v;
  await db.end();
  // Every run measures the data files as they are now (a load that changes nothing takes ~3 s).
  const result = await load(url);
  console.log(`[bench] data files loaded: ${result.changed} rows inserted, updated or deleted in ${result.ms} ms`);
  if (result.changed > 0) {
    // Fresh statistics before timing, as autovacuum would have them a minute later.
    const analyze = new pg.Client({ connectionString: url });
    await analyze.connect();
    await analyze.query('ANALYZE');
    await analyze.end();
  }
  const postmaster = await findPostmaster(url);

  const starting = await Promise.allSettled(SYSTEMS.map((key) => startSystem(key, url)));
  for (const s of starting) if (s.status === 'fulfilled') systems.push(s.value);
  const notStarted = starting.find((s) => s.status === 'rejected');
  if (notStarted) throw notStarted.reason;
  const system = (key: SystemKey) => systems.find((s) => s.key === key)!;

  const database = embedded ? `embedded ${version} (${process.env.INSYN_PGDATA}, port ${process.env.INSYN_PGPORT})` : `${version} (DATABASE_URL)`;
  const total = rounds * questions.length * systems.length + exampleRounds * examples.length * 2;
  const warmups = warmupSeconds > 0 ? questions.length * systems.length + examples.length * 2 : 0;
  const minutes = Math.ceil((total * (seconds + 0.3) + warmups * (warmupSeconds + 0.1)) / 60);
  console.log(`Insyn benchmark: ${questions.length} questions x ${systems.length} systems x ${rounds} rounds, then ${examples.length} examples x 2 x ${exampleRounds}; ${seconds} s per run at ${connections} connections, after a warm-up of ${warmupSeconds} s each (${total} runs, about ${minutes} min)`);
  console.log(`Machine: Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), load average ${loadAverage()} (1, 5, 15 min)`);
  console.log(`Database: ${database}; PostgreSQL CPU ${postmaster ? `from /proc (postmaster ${postmaster} and its children)` : 'not measurable (not on this machine)'}`);
  for (const s of systems) console.log(`  ${s.label.padEnd(14)} ${s.info}: ${s.endpoint}`);
  console.log('');

  // 1. Same rows from every system, before anything is timed.
  const failed = new Set<string>();
  const rowsOf = new Map<string, number>();
  const coldSql = new Map<string, number>();
  console.log('Checking answers (each question once per system; they must be the same rows):');
  for (const question of questions) {
    const answers: Answer[] = [];
    for (const s of systems) {
      const before = await s.sample();
      answers.push(await answer(s, question));
      coldSql.set(`${question.name}/${s.key}`, (await s.sample()).statements - before.statements);
      // With the cache, the first answer was a miss (and stored); the timed ones are hits.
      if (s.key === 'insyn-cache') answers.push({ ...(await answer(s, question)), system: `${s.label} (hit)` });
    }
    const diff = differences(answers);
    const count = answers[0]?.rows?.length ?? 0;
    rowsOf.set(question.name, count);
    if (diff.length) {
      failed.add(question.name);
      process.exitCode = 1;
      console.error(`  ✗ ${question.name}: the answers differ, not timed:\n    ${diff.join('\n    ')}`);
    } else {
      const note = count === question.expectedRows ? '' : ` (expected ${question.expectedRows} in the default install)`;
      console.log(`  ✓ ${question.name}: ${count} rows, the same from all ${systems.length} (and a cache hit)${note}; SQL statements of this first request (a server's very first also loads Insyn's lookup snapshot): ${systems.map((s) => `${s.label} ${coldSql.get(`${question.name}/${s.key}`)}`).join(', ')}`);
    }
  }
  // The examples answer without errors, and the same with the cache on as off.
  for (const example of examples) {
    const off = await send(system('insyn').graphqlRequest(example.query));
    const on = await send(system('insyn-cache').graphqlRequest(example.query));
    const hit = await send(system('insyn-cache').graphqlRequest(example.query));
    const errors = (off.body as { errors?: unknown }).errors ?? (on.body as { errors?: unknown }).errors;
    const same = JSON.stringify(off.body) === JSON.stringify(on.body) && JSON.stringify(on.body) === JSON.stringify(hit.body);
    if (off.status !== 200 || on.status !== 200 || hit.status !== 200 || errors || !same) {
      failed.add(example.name);
      process.exitCode = 1;
      console.error(`  ✗ example ${example.name}: ${off.status}/${on.status} ${errors ? JSON.stringify(errors).slice(0, 500) : 'cache on and off answer differently'}`);
    }
  }
  console.log(`  examples: ${examples.filter((e) => !failed.has(e.name)).length} of ${examples.length} answer, the same with the cache off, on and from it\n`);

  const rssMb = async () => Object.fromEntries(await Promise.all(systems.map(async (s) => [s.label, Math.round((await s.sample()).rss / 1024 / 1024)] as const)));
  const rssStart = await rssMb();

  // 2. Interleaved rounds.
  const runs = new Map<string, Run[]>();
  const record = (key: string, run: Run) => runs.set(key, [...(runs.get(key) ?? []), run]);
  const measure = async (s: RunningSystem, request: BenchRequest): Promise<Run> => {
    const before = await s.sample();
    const pgBefore = postmaster ? postgresCpuMs(postmaster) : undefined;
    // Latencies from the responses themselves: autocannon's own percentiles are whole milliseconds.
    const latencies: number[] = [];
    const running = autocannon({ url: request.url, method: request.method, headers: request.headers, body: request.body, connections, duration: seconds });
    running.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
    const result = await running;
    const pgAfter = postmaster ? postgresCpuMs(postmaster) : undefined;
    const after: Sample = await s.sample();
    // Per request answered by the server (autocannon does not count those it abandoned at the end).
    const requests = Math.max(1, after.served - before.served);
    return {
      reqPerSec: result.requests.average,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      requests: result.requests.total,
      failed: result.non2xx + result.errors + result.timeouts,
      sqlPerReq: (after.statements - before.statements) / requests,
      serverCpuMs: (after.cpuMicros - before.cpuMicros) / 1000 / requests,
      pgCpuMs: pgBefore !== undefined && pgAfter !== undefined ? (pgAfter - pgBefore) / requests : undefined,
    };
  };
  const progress = (label: string, run: Run) => {
    console.log(`${label}: ${Math.round(run.reqPerSec)} req/s, p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, ${round1(run.sqlPerReq)} SQL/req, CPU ms/req server ${run.serverCpuMs.toFixed(2)} PostgreSQL ${run.pgCpuMs?.toFixed(2) ?? 'n/a'}${run.failed ? `, ${run.failed} FAILED` : ''}`);
    if (run.failed) process.exitCode = 1;
  };
  const timed = questions.filter((q) => !failed.has(q.name));
  const timedExamples = examples.filter((e) => !failed.has(e.name));
  if (warmupSeconds > 0) {
    console.log(`Warm-up, not timed: ${warmupSeconds} s per question and system, and per example (load average ${loadAverage()})`);
    const warm = (request: BenchRequest) => autocannon({ url: request.url, method: request.method, headers: request.headers, body: request.body, connections, duration: warmupSeconds });
    for (const question of timed) for (const s of systems) await warm(s.request(question));
    for (const example of timedExamples) for (const s of [system('insyn'), system('insyn-cache')]) await warm(s.graphqlRequest(example.query));
  }
  for (let r = 1; r <= rounds; r += 1) {
    console.log(`Round ${r} of ${rounds} (load average ${loadAverage()})`);
    for (const question of timed) {
      for (const s of systems) {
        const run = await measure(s, s.request(question));
        record(`${question.name}/${s.key}`, run);
        progress(`  ${question.name} ${s.label}`, run);
      }
    }
  }

  // 3. The GraphiQL examples, Insyn only, cache off and on.
  for (let r = 1; r <= exampleRounds; r += 1) {
    console.log(`Examples, round ${r} of ${exampleRounds} (load average ${loadAverage()})`);
    for (const example of timedExamples) {
      for (const s of [system('insyn'), system('insyn-cache')]) {
        const run = await measure(s, s.graphqlRequest(example.query));
        record(`example:${example.name}/${s.key}`, run);
        progress(`  ${example.name} ${s.label}`, run);
      }
    }
  }

  // Report: medians over rounds.
  const med = (key: string, pick: (run: Run) => number | undefined) => {
    const values = (runs.get(key) ?? []).map(pick).filter((v): v is number => v !== undefined);
    return values.length ? median(values) : undefined;
  };
  const fmt = (n: number | undefined, digits = 0) => (n === undefined ? 'n/a' : n.toFixed(digits));

  const exampleRows = timedExamples.map((e) => {
    const k = (s: SystemKey) => `example:${e.name}/${s}`;
    return [e.name,
      fmt(med(k('insyn'), (r) => r.reqPerSec)), fmt(med(k('insyn'), (r) => r.p50), 1), fmt(med(k('insyn'), (r) => r.p99), 1), fmt(med(k('insyn'), (r) => r.sqlPerReq), 1), fmt(med(k('insyn'), (r) => r.serverCpuMs), 2),
      fmt(med(k('insyn-cache'), (r) => r.reqPerSec)), fmt(med(k('insyn-cache'), (r) => r.p50), 1), fmt(med(k('insyn-cache'), (r) => r.p99), 1), fmt(med(k('insyn-cache'), (r) => r.sqlPerReq), 1), fmt(med(k('insyn-cache'), (r) => r.serverCpuMs), 2)];
  });
  if (exampleRows.length) {
    console.log(`\nGraphiQL examples, Insyn only (median of ${exampleRounds} run${exampleRounds === 1 ? '' : 's'}; CPU = server ms per request)`);
    console.log(renderTable(['example', 'req/s', 'p50 ms', 'p99 ms', 'SQL/req', 'CPU', 'cache: req/s', 'p50 ms', 'p99 ms', 'SQL/req', 'CPU'], exampleRows));
  }

  const questionRows: string[][] = [];
  let minReq: { ratio: number; question: string } | undefined;
  let maxP50: { ratio: number; question: string } | undefined;
  const floor: { question: string; pgl: number; raw: number; insyn: number }[] = [];
  for (const question of timed) {
    const k = (s: SystemKey) => `${question.name}/${s}`;
    const pglReq = med(k('postgraphile'), (r) => r.reqPerSec);
    const rawP50 = med(k('raw'), (r) => r.p50);
    systems.forEach((s, i) => {
      const req = med(k(s.key), (r) => r.reqPerSec);
      const p50 = med(k(s.key), (r) => r.p50);
      questionRows.push([i === 0 ? question.name : '', i === 0 ? String(rowsOf.get(question.name)) : '', s.label,
        fmt(req), fmt(p50, 1), fmt(med(k(s.key), (r) => r.p99), 1), fmt(med(k(s.key), (r) => r.sqlPerReq), 1),
        fmt(med(k(s.key), (r) => r.serverCpuMs), 2), fmt(med(k(s.key), (r) => r.pgCpuMs), 2),
        fmt(ratio(req, pglReq), 2), fmt(ratio(p50, rawP50), 2)]);
    });
    const insynReq = ratio(med(k('insyn'), (r) => r.reqPerSec), pglReq);
    const insynP50 = ratio(med(k('insyn'), (r) => r.p50), rawP50);
    if (insynReq !== undefined && (!minReq || insynReq < minReq.ratio)) minReq = { ratio: insynReq, question: question.name };
    if (insynP50 !== undefined && (!maxP50 || insynP50 > maxP50.ratio)) maxP50 = { ratio: insynP50, question: question.name };
    const yogaReq = ratio(med(k('yoga'), (r) => r.reqPerSec), pglReq);
    const yogaP50 = ratio(med(k('yoga'), (r) => r.p50), rawP50);
    const insynOfYoga = ratio(med(k('insyn'), (r) => r.reqPerSec), med(k('yoga'), (r) => r.reqPerSec));
    if (yogaReq !== undefined && yogaP50 !== undefined && insynOfYoga !== undefined) floor.push({ question: question.name, pgl: yogaReq, raw: yogaP50, insyn: insynOfYoga });
  }
  const rssEnd = await rssMb();
  console.log(`\nServer RSS, MB after the check → at the end: ${systems.map((s) => `${s.label} ${rssStart[s.label]}→${rssEnd[s.label]}`).join(', ')}.`);
  console.log(`Load average at the end: ${loadAverage()}; ${Math.round((performance.now() - started) / 1000)} s in all.${failed.size ? ` Errors (not timed): ${[...failed].join(', ')}.` : ''}`);
  console.log(`\n${timed.length} questions, ${systems.length} systems, one database (median of ${rounds} round${rounds === 1 ? '' : 's'}; CPU = ms per request; ratios against PostGraphile's req/s and raw SQL's p50)`);
  console.log(renderTable(['question', 'rows', 'system', 'req/s', 'p50 ms', 'p99 ms', 'SQL/req', 'server CPU', 'PG CPU', 'req/s ÷ PGL', 'p50 ÷ raw'], questionRows, [0, 2]));
  if (floor.length) {
    const range = (pick: (f: (typeof floor)[number]) => number) => {
      const sorted = [...floor].sort((a, b) => pick(a) - pick(b));
      return `${pick(sorted[0]!).toFixed(2)} (${sorted[0]!.question}) to ${pick(sorted.at(-1)!).toFixed(2)} (${sorted.at(-1)!.question})`;
    };
    console.log(`floor: Yoga floor/PostGraphile req/s ${range((f) => f.pgl)}; Yoga floor/raw p50 ${range((f) => f.raw)}; Insyn/Yoga floor req/s ${range((f) => f.insyn)}`);
  }
  console.log(`bench: Insyn/PostGraphile req/s min ${fmt(minReq?.ratio, 2)} (${minReq?.question ?? 'none'}), Insyn/raw p50 max ${fmt(maxP50?.ratio, 2)} (${maxP50?.question ?? 'none'})`);
}


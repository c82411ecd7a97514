/**
 * Benchmark: drives every GraphiQL example query (src/examples.ts) over HTTP with autocannon
 * against the real HTTP app on the embedded PostgreSQL, and prints per query requests/s,
 * p50/p99 latency, SQL statements per request and the server's RSS before and after.
 *
 *   npm run bench                      (from the repository root: generate, then this)
 *   BENCH_SECONDS=5 BENCH_CONNECTIONS=10 BENCH_ONLY=ibicSeries,catalogue npm run bench
 *   BENCH_RESPONSE_CACHE=on npm run bench   (with the shared response cache; off by default)
 *
 * The server runs in a child process (this file with --serve) so its memory is measured
 * without the load generator's. It uses its own embedded PostgreSQL (port 54339, data in
 * .data/bench/postgres) so it does not clash with a running `npm start`; DATABASE_URL is used
 * instead when set. Only loopback traffic: the server listens on 127.0.0.1.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Message = { id?: number; type: string; [key: string]: unknown };

if (process.argv.includes('--serve')) {
  await serve().catch((error: unknown) => {
    console.error('[bench] server failed to start:', error);
    process.exit(1);
  });
} else await bench();

/** The server side: database, load if empty, HTTP app, statement counter, RSS on request. */
async function serve() {
  // Set before any db module is imported: paths.ts reads INSYN_PGDATA when it loads.
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  process.env.INSYN_PGPORT ??= '54339';
  process.env.INSYN_PGDATA ??= path.join(repoRoot, '.data', 'bench', 'postgres');
  const { openDatabase } = await import('../db/database.js');
  const { createPrisma } = await import('../prisma.js');
  const { createHttpApp, listen } = await import('../http.js');
  const { load } = await import('../loader/load.js');

  const { url, embedded } = await openDatabase();
  let statements = 0;
  const prisma = createPrisma(url, { onQuery: () => void (statements += 1) });
  if ((await prisma.source.count()) === 0) {
    const result = await load(url);
    console.log(`[bench] loaded ${result.changed} rows in ${result.ms} ms`);
  }
  const { createPgResponseCacheStore } = await import('../cache/store.js');
  // With the cache, every request after the first of a query is answered from it.
  const responseCache = process.env.BENCH_RESPONSE_CACHE === 'on' ? createPgResponseCacheStore(url) : undefined;
  const server = createHttpApp(prisma, { responseCache });
  const base = (await listen(server, 0)).replace('localhost', '127.0.0.1');
  const send = (message: Message) => process.send!(message);
  process.on('message', async (message: Message) => {
    if (message.type === 'resetStatements') {
      statements = 0;
      send({ id: message.id, type: 'resetStatements' });
    }
    if (message.type === 'statements') send({ id: message.id, type: 'statements', count: statements });
    if (message.type === 'rss') send({ id: message.id, type: 'rss', bytes: process.memoryUsage().rss });
    if (message.type === 'stop') {
      server.close();
      await responseCache?.close();
      await prisma.$disconnect();
      await embedded?.stop();
      process.exit(0);
    }
  });
  const database = embedded ? `embedded PostgreSQL (${process.env.INSYN_PGDATA}, port ${process.env.INSYN_PGPORT})` : 'DATABASE_URL';
  send({ type: 'ready', base, database: `${database}; response cache ${responseCache ? 'on (SQL/req counts the first request, which may already be cached)' : 'off'}` });
}

/** The load side: one warm-up request per query (checked, statements counted), then autocannon. */
async function bench() {
  const require = createRequire(import.meta.url);
  const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;
  const { EXAMPLE_QUERIES } = await import('../examples.js');
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
  const only = process.env.BENCH_ONLY?.split(',');
  const examples = EXAMPLE_QUERIES.filter((q) => !only || only.includes(q.name));

  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await nextMessage(child, 'ready');
  const endpoint = `${String(ready.base)}/graphql`;
  const ask = rpc(child);
  const mb = (bytes: unknown) => Math.round(Number(bytes) / 1024 / 1024);

  console.log(`Insyn benchmark: ${examples.length} example queries, ${seconds} s each, ${connections} connections, POST ${endpoint}`);
  // Load and server share the machine; its other load skews the figures, so say what it was.
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`Server: Node ${process.version}, ${ready.database}; ${os.cpus().length} CPUs, load average ${load()}\n`);
  const rssStart = (await ask('rss')).bytes;
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  // First, before any load (so no request of another run is still in flight): each query once,
  // alone; it must answer without errors, and its SQL statements are counted.
  const statementsOf = new Map<string, number>();
  for (const example of examples) {
    await ask('resetStatements');
    const response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query: example.query }) });
    const result = (await response.json()) as { errors?: unknown[] };
    statementsOf.set(example.name, (await ask('statements')).count as number);
    if (!response.ok || result.errors) {
      console.error(`${example.name}: ${response.status} ${JSON.stringify(result.errors)}`);
      process.exitCode = 1;
    }
  }
  const rows: Record<string, string | number>[] = [];
  for (const example of examples) {
    const body = JSON.stringify({ query: example.query });
    const statements = statementsOf.get(example.name)!;
    const rssBefore = (await ask('rss')).bytes;
    const run = await autocannon({ url: endpoint, method: 'POST', headers, body, connections, duration: seconds });
    const rssAfter = (await ask('rss')).bytes;
    rows.push({
      query: example.name,
      'req/s': Math.round(run.requests.average),
      'p50 ms': run.latency.p50,
      'p99 ms': run.latency.p99,
      'SQL/req': statements,
      requests: run.requests.total,
      'non-2xx': run.non2xx + run.errors,
      'RSS MB before→after': `${mb(rssBefore)}→${mb(rssAfter)}`,
    });
    console.log(`${example.name}: ${rows.at(-1)!['req/s']} req/s, p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms, ${statements} SQL/request`);
  }
  const rssEnd = (await ask('rss')).bytes;
  console.log('');
  console.table(rows);
  console.log(`\nServer RSS: ${mb(rssStart)} MB before the run, ${mb(rssEnd)} MB after. Load average at the end: ${load()}.`);
  // Markdown, for docs/api.md.
  const columns = Object.keys(rows[0] ?? {});
  console.log(`\n| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${columns.map((c) => row[c]).join(' | ')} |`);
  child.send({ type: 'stop' });
  await new Promise((resolve) => child.once('exit', resolve));
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

function nextMessage(child: ChildProcess, type: string, id?: number): Promise<Message> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Message) => {
      if (message.type !== type || message.id !== id) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`bench server exited (${code}) before "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function rpc(child: ChildProcess) {
  let next = 0;
  return async (type: string): Promise<Message> => {
    const id = (next += 1);
    const reply = nextMessage(child, type, id);
    child.send({ id, type });
    return reply;
  };
}

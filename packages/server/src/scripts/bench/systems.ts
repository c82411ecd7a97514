/**
 * The parent's side of the benchmarked servers: forks each one (serve-*.ts) as a child
 * process on the database the parent chose, waits until it listens, and asks it for samples
 * (CPU time, SQL statements, RSS) over IPC. Used by bench.ts and by same-rows.test.ts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ChildMessage, ParentMessage, Sample } from './child.js';
import type { Question, Row } from './questions.js';

export type SystemKey = 'insyn' | 'insyn-cache' | 'postgraphile' | 'yoga' | 'raw';

export const SYSTEM_LABELS: Record<SystemKey, string> = {
  insyn: 'Insyn',
  'insyn-cache': 'Insyn + cache',
  postgraphile: 'PostGraphile',
  yoga: 'Yoga floor',
  raw: 'raw SQL',
};

/** An HTTP request as both fetch and autocannon take it. */
export interface BenchRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface RunningSystem {
  key: SystemKey;
  label: string;
  info: string;
  /** The GraphQL endpoint, or the raw server's base URL. */
  endpoint: string;
  pid: number;
  /** The request answering `question`. */
  request(question: Question): BenchRequest;
  /** A GraphQL request (Insyn only: the GraphiQL examples). */
  graphqlRequest(query: string): BenchRequest;
  /** The response body of `request(question)` as common rows; throws on errors. */
  rows(question: Question, body: unknown): Row[];
  sample(): Promise<Sample>;
  stop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const CHILD: Record<SystemKey, string> = { insyn: 'serve-insyn.ts', 'insyn-cache': 'serve-insyn.ts', postgraphile: 'serve-postgraphile.ts', yoga: 'serve-yoga.ts', raw: 'serve-raw.ts' };
const GRAPHQL_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };

/**
 * How `npm run serve` starts the server (packages/server/package.json): the environment it sets
 * (`NAME=value` before the command) and its node flags, so the bench's Insyn runs as deployed.
 * Without `NODE_ENV=production` a request cost 4-27 % more server CPU (graphql-js checks every
 * `instanceof` for a second copy of itself outside production); `--max-semi-space-size=32` cost
 * 1-14 % less than V8's default of 16 MB (64 MB was worse again); docs/benchmark.md.
 */
export function serveCommand(): { env: Record<string, string>; flags: string[] } {
  const manifest = JSON.parse(readFileSync(path.join(here, '../../../package.json'), 'utf8')) as { scripts: { serve: string } };
  const words = manifest.scripts.serve.split(/\s+/);
  const assignments = words.slice(0, words.findIndex((word) => !/^[A-Z_][A-Z0-9_]*=\S*$/.test(word)));
  return {
    env: Object.fromEntries(assignments.map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)])),
    flags: words.filter((word) => /^--[a-z-]+(=\S+)?$/.test(word)),
  };
}

/** Every server runs as in production; PostGraphile and raw SQL with node's default flags. */
const PRODUCTION = { NODE_ENV: 'production' };

export async function startSystem(key: SystemKey, databaseUrl: string): Promise<RunningSystem> {
  // tsx's loader, by path: the child runs TypeScript whether the parent is tsx or vitest.
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const insyn = key === 'insyn' || key === 'insyn-cache';
  const serve = serveCommand();
  const child = fork(path.join(here, CHILD[key]), [], {
    // BENCH_CPU_PROF=<folder>: V8 CPU profiles of every server, written when it stops, in
    // <folder>/<system>/ (one file per thread: the largest is the main thread's).
    execArgv: ['--import', tsx, ...(insyn ? serve.flags : []), ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF, key)}`] : [])],
    env: { ...process.env, ...PRODUCTION, ...(insyn ? serve.env : {}), BENCH_DATABASE_URL: databaseUrl, BENCH_RESPONSE_CACHE: key === 'insyn-cache' ? 'on' : 'off' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolve, reject) => {
    const onMessage = (message: ChildMessage) => {
      if (message.type === 'ready') {
        child.off('exit', onExit);
        child.off('message', onMessage);
        resolve(message);
      }
      if (message.type === 'failed') reject(new Error(`${SYSTEM_LABELS[key]} did not start: ${message.error}`));
    };
    const onExit = (code: number | null) => reject(new Error(`${SYSTEM_LABELS[key]} exited (${code}) before it listened`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
  let next = 0;
  const graphqlRequest = (query: string): BenchRequest => ({ url: ready.base, method: 'POST', headers: GRAPHQL_HEADERS, body: JSON.stringify({ query }) });
  return {
    key,
    label: SYSTEM_LABELS[key],
    info: ready.info,
    endpoint: ready.base,
    pid: child.pid!,
    request: (question) =>
      key === 'raw' ? { url: `${ready.base}/${question.name}`, method: 'GET', headers: {} }
        : graphqlRequest(key === 'postgraphile' ? question.postgraphile.query : key === 'yoga' ? ready.queries![question.name]! : question.insyn.query),
    graphqlRequest,
    rows: (question, body) => {
      const result = body as { data?: unknown; errors?: unknown[]; rows?: Row[]; error?: string };
      if (key === 'raw') {
        if (!result.rows) throw new Error(`raw SQL: ${result.error ?? JSON.stringify(result)}`);
        return result.rows;
      }
      if (result.errors?.length || !result.data) throw new Error(`${SYSTEM_LABELS[key]}: ${JSON.stringify(result.errors ?? result)}`);
      if (key === 'yoga') return (result.data as Record<string, Row[]>)[question.name]!;
      return key === 'postgraphile' ? question.postgraphile.rows(result.data) : question.insyn.rows(result.data);
    },
    sample: () =>
      new Promise<Sample>((resolve, reject) => {
        const id = (next += 1);
        const onMessage = (message: ChildMessage) => {
          if (message.type !== 'sample' || message.id !== id) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(message.sample);
        };
        const onExit = (code: number | null) => reject(new Error(`${SYSTEM_LABELS[key]} exited (${code})`));
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send({ type: 'sample', id } satisfies ParentMessage);
      }),
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
    else child.kill('SIGTERM');
  });
}

/** One request, its body parsed (JSON) and its status. */
export async function send(request: BenchRequest): Promise<{ status: number; body: unknown }> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { error: `not JSON (${response.status}): ${text.slice(0, 200)}` };
  }
  return { status: response.status, body };
}

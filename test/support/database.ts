import pg from 'pg';
import { startThrowawayPostgres } from '../../packages/server/src/db/embedded.js';
import { migrate } from '../../packages/server/src/db/migrate.js';

/** A free TCP port on this machine. */
export { freePort } from '../../packages/server/src/db/embedded.js';

export interface TestPostgres {
  /** URL of the maintenance database, used to create and drop test databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL the suite runs against: the one DATABASE_URL names (tests then work in
 * databases of their own on that server and drop them), or a throw-away embedded one in a
 * temp folder on a free port, so several runs on one machine never collide.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    return { adminUrl: url.toString(), stop: async () => {} };
  }
  const db = await startThrowawayPostgres('insyn-test-pg-');
  return { adminUrl: db.adminUrl, stop: db.stop };
}

/**
 * Creates an empty database on the server and applies the migrations (unless `migrations: false`,
 * for a test that applies them itself); returns its URL and a drop function.
 */
export async function createDatabase(adminUrl: string, prefix = 'insyn_test', options: { migrations?: boolean } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (options.migrations !== false) await migrate(url.toString());
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';

/**
 * Plain SQL on the shared loaded database, for tests that check what the loader wrote.
 * Call once per test file; returns `rows(sql, params)` and the connected `client()`.
 */
export function loadedDatabase() {
  let db: pg.Client;
  beforeAll(async () => {
    db = new pg.Client({ connectionString: inject('databaseUrl') });
    await db.connect();
  });
  afterAll(() => db?.end());
  return {
    rows: async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows,
    client: () => db,
  };
}

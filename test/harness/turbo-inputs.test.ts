import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * turbo caches `build` and `typecheck` by their inputs. Files that are generated (and so
 * gitignored: the Prisma client, Pothos types, the SDK's and the tests' typed documents) are
 * not in turbo's default inputs; without naming them, a changed schema could replay a stale
 * "no type errors" from the cache.
 */
const root = path.resolve(import.meta.dirname, '../..');

async function dryRun(task: string): Promise<Map<string, string[]>> {
  const { stdout } = await promisify(execFile)(path.join(root, 'node_modules/.bin/turbo'), ['run', task, '--dry=json'], {
    cwd: root,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 20_000_000,
  });
  const plan = JSON.parse(stdout) as { tasks: { taskId: string; inputs: Record<string, string> }[] };
  return new Map(plan.tasks.map((t) => [t.taskId, Object.keys(t.inputs)]));
}

describe('turbo task inputs', () => {
  it('typecheck hashes the generated Prisma client and Pothos types, the committed schema and the test harness', async () => {
    const server = (await dryRun('typecheck')).get('@insyn/server#typecheck');
    expect(server).toEqual(expect.arrayContaining([
      'src/generated/pothos-types.ts',
      'src/generated/prisma/client.ts',
      '../../schema.graphql',
      '../../test/support/server.ts',
      '../../test/gql/graphql.ts',
    ]));
    expect(server!.some((f) => f.startsWith('dist/'))).toBe(false);
  });

  it('the SDK build hashes its generated documents and persisted hashes; the docs build the schema it documents', async () => {
    const tasks = await dryRun('build');
    expect(tasks.get('@insyn/sdk#build')).toEqual(expect.arrayContaining(['src/gql/graphql.ts', 'src/gql/persisted-documents.json', '../../schema.graphql']));
    expect(tasks.get('@insyn/docs#build')).toEqual(expect.arrayContaining(['../../schema.graphql', 'scripts/schema-reference.mjs', '.vitepress/config.ts']));
  });
});

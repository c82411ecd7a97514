/**
 * The one generate step: Prisma client + Pothos types from prisma/schema.prisma, then
 * schema.graphql from the code. `--check` fails when the committed schema.graphql differs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../db/paths.js';

const require = createRequire(import.meta.url);
const check = process.argv.includes('--check');

// Prisma 7's CLI wants to download its schema engine even for generate; generate does not
// use it, so point it at a stub (this network cannot reach binaries.prisma.sh).
const stub = path.join(repoRoot, 'node_modules', '.cache', 'insyn', 'schema-engine-stub');
if (!existsSync(stub)) {
  mkdirSync(path.dirname(stub), { recursive: true });
  writeFileSync(stub, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
}
execFileSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], {
  cwd: repoRoot,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});

// Import after generating: the schema imports the generated client.
const { printSchema } = await import('graphql');
const { schema } = await import('../schema/index.js');
const printed = printSchema(schema) + '\n';
const file = path.join(repoRoot, 'schema.graphql');
if (check) {
  if (!existsSync(file) || readFileSync(file, 'utf8') !== printed) {
    console.error('schema.graphql differs from the code: run `npm run generate` and commit it.');
    process.exit(1);
  }
} else {
  writeFileSync(file, printed);
}

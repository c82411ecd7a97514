// Builds dist/esm (ESM + .d.ts) and dist/cjs (CommonJS + .d.ts) from this folder alone.
// The generated inputs (src/gql, src/generated, schema.graphql) come from the repository's one
// `npm run generate`; without them the build stops and says so.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const here = path.resolve(import.meta.dirname, '..');
const missing = ['src/gql/index.ts', 'src/gql/graphql.ts', 'src/gql/methods.ts', 'src/generated/error-codes.ts', 'src/generated/search-key.ts', 'schema.graphql'].filter((f) => !existsSync(path.join(here, f)));
if (missing.length) {
  console.error(`@insyn/sdk: ${missing.join(', ')} missing. Run \`npm run generate\` at the repository root first (it writes them from the server's schema).`);
  process.exit(1);
}
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync(path.join(here, 'dist'), { recursive: true, force: true });
for (const config of ['tsconfig.json', 'tsconfig.cjs.json']) execFileSync(process.execPath, [tsc, '-p', config], { cwd: here, stdio: 'inherit' });
// The CommonJS half: Node (and TypeScript under NodeNext) read the nearest package.json's type.
writeFileSync(path.join(here, 'dist', 'cjs', 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);

import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveServer } from './live-server.js';

/**
 * @insyn/sdk as an outside team gets it: `npm pack` (its prepack builds it from its own
 * folder), the tarball installed into a fresh project in the temp folder, far from the
 * workspace, strict TypeScript programs compiled against it (ESM under NodeNext, and
 * CommonJS), run with plain Node against the real HTTP server.
 */
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const sdk = path.join(root, 'packages/sdk');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const server = liveServer();

interface Packed { filename: string; size: number; unpackedSize: number; entryCount: number; files: { path: string }[] }
let work: string;
let app: string;
let packed: Packed;
/** tsc on the ESM and CommonJS programs (emitting esm.mjs and cjs.cjs). */
let built: { failed: boolean; out: string };

const STRICT = { target: 'ES2022', lib: ['ES2022', 'DOM'], strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, skipLibCheck: false, types: [] as string[], noEmit: false };

/** tsc on a project of `app`, returning its diagnostics per file (the run may fail). */
async function compile(tsconfig: string): Promise<{ failed: boolean; out: string }> {
  return run(process.execPath, [tsc, '-p', path.join(app, tsconfig), '--pretty', 'false'], { cwd: app }).then(
    ({ stdout }) => ({ failed: false, out: stdout }),
    (e: { stdout: string }) => ({ failed: true, out: e.stdout }),
  );
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'insyn-sdk-outside-'));
  // `npm pack` runs prepack (the build); --json says what went in.
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: sdk, maxBuffer: 16 * 1024 * 1024 });
  packed = (JSON.parse(stdout.slice(stdout.indexOf('['))) as Packed[])[0]!;
  app = path.join(work, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'outside-app', private: true, type: 'module' }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', path.join(work, packed.filename)], { cwd: app, maxBuffer: 16 * 1024 * 1024 });
  const declareProcess = 'declare const process: { argv: string[] };\n';
  writeFileSync(path.join(app, 'esm.mts'), `${declareProcess}
import { createClient, InsynApiError, API_ERROR_CODES, type InsynErrorCode, type RegionLevel } from '@insyn/sdk';
const insyn = createClient({ url: process.argv[2]! });
const { timeSeries } = await insyn.timeSeries({ indicator: 'oj-ibic-utredning', region: '00', members: ['area:socialpsykiatri'] });
const last = timeSeries.at(-1);
const level: RegionLevel = 'MUNICIPALITY';
let municipalities = 0;
let pages = 0;
for await (const page of insyn.pages('regions', { level, first: 100 })) { pages++; municipalities += page.edges.length; }
const codeOf = async (call: Promise<unknown>): Promise<[InsynErrorCode, string] | null> => {
  try { await call; return null; } catch (e) { return e instanceof InsynApiError ? [e.code, e.message] : null; }
};
const unknownRegion = await codeOf(insyn.municipalityProfile({ code: '0108' }));
const input = { dataset: 'no-such-set', region: '0180', round: 2022, areas: [] };
const withKey = await codeOf(insyn.setUnitAnswers({ input }, { headers: { authorization: 'Bearer insyn_000000000000_${'A'.repeat(43)}' } }));
const controller = new AbortController();
controller.abort();
const aborted = await codeOf(insyn.areas({ signal: controller.signal }));
const { datasets } = await insyn.datasets();
const { offeringDistribution } = await insyn.offeringDistribution({ area: 'aldre', dimension: 'PROVIDER', groupBy: 'COUNTRY', dataset: datasets.find((d) => d.synthetic)!.code });
console.log(JSON.stringify({ last: [last?.period, last?.value], municipalities, pages, unknownRegion: unknownRegion?.[0], withKey, aborted: aborted?.[0], codes: API_ERROR_CODES.length, distribution: offeringDistribution[0]?.key }));
`);
  writeFileSync(path.join(app, 'cjs.cts'), `${declareProcess}
import sdk = require('@insyn/sdk');
const insyn = sdk.createClient({ url: process.argv[2]! });
insyn.crossSection({ indicator: 'skr-provider-share', period: 2022, level: 'COUNTY', members: ['area:aldre', 'provider:municipal_only'] }).then(({ crossSection }) => {
  const stockholm = crossSection.find((o) => o.region.code === '01');
  console.log(JSON.stringify({ counties: crossSection.length, stockholm: stockholm?.value, isClass: typeof sdk.InsynApiError === 'function' }));
});
`);
  writeFileSync(path.join(app, 'typo.mts'), `
import { createClient, InsynApiError } from '@insyn/sdk';
const insyn = createClient({ url: 'http://localhost:4000/graphql' });
const { timeSeries } = await insyn.timeSeries({ indicator: 'oj-ibic-utredning', region: '00' });
export const misspelt = timeSeries[0]?.valeu;
export const check = (e: InsynApiError) => e.code === 'UNKNOWN_REGOIN';
`);
  writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...STRICT, module: 'NodeNext', moduleResolution: 'NodeNext' }, files: ['esm.mts', 'cjs.cts'] }));
  writeFileSync(path.join(app, 'tsconfig.typo.json'), JSON.stringify({ compilerOptions: { ...STRICT, module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true }, files: ['typo.mts'] }));
  built = await compile('tsconfig.json');
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('@insyn/sdk packed and installed outside the workspace', () => {
  it('packs dist (ESM and CommonJS), type declarations, schema.graphql, README and CHANGELOG', () => {
    const files = packed.files.map((f) => f.path);
    for (const f of ['dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/esm/gql/graphql.d.ts', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/cjs/package.json', 'schema.graphql', 'README.md', 'CHANGELOG.md', 'package.json']) {
      expect(files).toContain(f);
    }
    expect(files.some((f) => f.startsWith('src/') || f.includes('tsconfig'))).toBe(false);
    console.log(`[sdk] ${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`);
  });

  it('lists dist, types and schema in `npm pack --dry-run` too', async () => {
    const { stdout, stderr } = await run('npm', ['pack', '--dry-run', '--ignore-scripts'], { cwd: sdk });
    const listing = stdout + stderr;
    for (const f of ['dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'schema.graphql']) expect(listing).toContain(f);
  });

  it('ships a README that starts with the install and links nothing outside the package', () => {
    const readme = readFileSync(path.join(app, 'node_modules/@insyn/sdk/README.md'), 'utf8');
    expect(readme.split('\n').slice(0, 5).join('\n')).toContain('npm install @insyn/sdk');
    expect(readme).not.toMatch(/\]\(\.\.?\//);
    const schema = readFileSync(path.join(app, 'node_modules/@insyn/sdk/schema.graphql'), 'utf8');
    expect(schema).toBe(readFileSync(path.join(root, 'schema.graphql'), 'utf8'));
  });

  it('compiles a strict ESM (NodeNext) and a CommonJS program against it, with no error', async () => {
    const { failed, out } = built;
    expect(out).toBe('');
    expect(failed).toBe(false);
  });

  it('refuses a misspelt field and a misspelt error code at compile time', async () => {
    const { failed, out } = await compile('tsconfig.typo.json');
    expect(failed).toBe(true);
    expect(out).toMatch(/typo\.mts\(5,\d+\): error TS2551: Property 'valeu' does not exist on type .* Did you mean 'value'\?/);
    expect(out).toMatch(/typo\.mts\(6,\d+\): error TS2367: This comparison appears to be unintentional because the types 'InsynErrorCode' and '"UNKNOWN_REGOIN"' have no overlap/);
    // A tsc run of its own: 10-30 s when other test files share the two cores.
  }, 120_000);

  it('runs the ESM program against the live server: IBIC 53 in 2022, every municipality over three pages, typed error codes, a per-call API key, abort', async () => {
    const { stdout } = await run(process.execPath, [path.join(app, 'esm.mjs'), server.endpoint()], { cwd: app });
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ last: [2022, 53], municipalities: 290, pages: 3, unknownRegion: 'UNKNOWN_REGION', aborted: 'ABORTED', distribution: '00' });
    // The call's own Authorization header reached the server: the key was read (and is not valid), not missing.
    expect(result.withKey).toEqual(['UNAUTHENTICATED', expect.stringMatching(/^This API key is not valid\./)]);
    expect(result.codes).toBeGreaterThan(30);
  });

  it('runs the CommonJS program (require) against the live server: 21 counties, Stockholms län 39 %', async () => {
    const { stdout } = await run(process.execPath, [path.join(app, 'cjs.cjs'), server.endpoint()], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({ counties: 21, stockholm: 39, isClass: true });
  });
});

describe('@insyn/sdk version', () => {
  const manifest = JSON.parse(readFileSync(path.join(sdk, 'package.json'), 'utf8')) as { version: string };
  it('is the newest CHANGELOG entry, and its major counts the breaking changes docs/schema-changes.md announces', () => {
    const changelog = readFileSync(path.join(sdk, 'CHANGELOG.md'), 'utf8');
    expect(/^## (\d+\.\d+\.\d+)/m.exec(changelog)?.[1]).toBe(manifest.version);
    // Each announced breaking change names the SDK major that carries it ("SDK 2.0.0"); none yet: 1.
    const announced = readFileSync(path.join(root, 'docs/schema-changes.md'), 'utf8').split('## Announced breaking changes')[1]!.split('\n## ')[0]!;
    const entries = announced.split('\n').filter((l) => l.startsWith('- `'));
    const majors = entries.map((l) => Number(/SDK (\d+)\.0\.0/.exec(l)?.[1] ?? NaN));
    expect(majors.every(Number.isInteger), 'every announced breaking change names its SDK version, "SDK <major>.0.0"').toBe(true);
    expect(Number(manifest.version.split('.')[0])).toBe(Math.max(1, ...majors));
  });

  it('builds from its own folder: its tsconfig extends nothing outside it', () => {
    const tsconfig = readFileSync(path.join(sdk, 'tsconfig.json'), 'utf8');
    expect(tsconfig).not.toMatch(/"extends"\s*:\s*"\.\.\//);
  });

  it('builds in a copy of its folder far from the repository (with only its dependencies beside it)', async () => {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'insyn-sdk-copy-'));
    try {
      cpSync(sdk, copy, { recursive: true, filter: (f) => !/[/\\](dist|node_modules|\.turbo)$/.test(f) && !f.endsWith('.tgz') });
      // Its dependencies as npm would install them; nothing else of the repository.
      symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
      await run(process.execPath, ['scripts/build.mjs'], { cwd: copy });
      expect(readFileSync(path.join(copy, 'dist/cjs/index.d.ts'), 'utf8')).toContain('InsynApiError');
      expect(readFileSync(path.join(copy, 'dist/esm/generated/error-codes.d.ts'), 'utf8')).toContain('UNKNOWN_REGION');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 120_000);
});

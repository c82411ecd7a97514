import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { liveServer } from './live-server.js';

/**
 * The built package as a user installs it: `npm run build` (which `npm test` runs first)
 * writes packages/sdk/dist; plain Node resolves `@insyn/sdk` through its exports map.
 */
const sdk = path.resolve(import.meta.dirname, '../../packages/sdk');
const manifest = JSON.parse(readFileSync(path.join(sdk, 'package.json'), 'utf8')) as { type: string; exports: { '.': { types: string; import: string } } };
const server = liveServer();

describe('@insyn/sdk as built (dist)', () => {
  it('is ESM with type declarations at the paths its exports map names', () => {
    expect(manifest.type).toBe('module');
    const types = path.join(sdk, manifest.exports['.'].types);
    expect(existsSync(path.join(sdk, manifest.exports['.'].import)), 'run `npm run build`').toBe(true);
    const declarations = readFileSync(types, 'utf8');
    expect(declarations).toContain('createClient');
    expect(declarations).toContain('InsynApiError');
    expect(readFileSync(path.join(sdk, 'dist/gql/graphql.d.ts'), 'utf8')).toMatch(/export type MunicipalityProfileQuery = /);
  });

  it('runs in plain Node: the IBIC series for Riket ends at 53 in 2022, and an unknown region is an InsynApiError', async () => {
    const script = `
      import { createClient, InsynApiError } from '@insyn/sdk';
      const insyn = createClient({ url: process.argv[1] });
      const { timeSeries } = await insyn.timeSeries({ indicator: 'oj-ibic-utredning', region: '00', members: ['area:socialpsykiatri'] });
      let error;
      try { await insyn.municipalityProfile({ code: '0108' }); } catch (e) { error = e; }
      console.log(JSON.stringify({ last: timeSeries.at(-1), isApiError: error instanceof InsynApiError, code: error?.code }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, server.endpoint()], { cwd: path.resolve(sdk, '../..') });
    const result = JSON.parse(stdout) as { last: { period: number; value: number }; isApiError: boolean; code: string };
    expect(result.last).toMatchObject({ period: 2022, value: 53 });
    expect(result).toMatchObject({ isApiError: true, code: 'UNKNOWN_REGION' });
  });
});

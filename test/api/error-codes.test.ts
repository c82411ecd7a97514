import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../packages/server/src/errors.js';

/** The one list of codes (errors.ts) is the one docs/api.md explains and the SDK types. */
describe('error codes', () => {
  it('docs/api.md explains every code of ERROR_CODES', () => {
    const docs = readFileSync(path.resolve(import.meta.dirname, '../../docs/api.md'), 'utf8');
    expect(ERROR_CODES.filter((code) => !docs.includes(`\`${code}\``))).toEqual([]);
  });
});

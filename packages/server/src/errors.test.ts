import { describe, expect, it } from 'vitest';
import { suggest } from './errors.js';
import { expectGraphQLError, testServer } from '@test/support/server.js';

/**
 * Unknown codes get suggestions by edit distance, which costs input length x candidate
 * length: a megabyte-long code (the body limit is 25 MB) took seconds of CPU per error, in
 * the one thread that serves every request. Inputs longer than any code or name get none.
 */
const { execute } = testServer();
const REGION = 'query ($code: String) { region(code: $code) { name } }';

describe('suggestions for unknown codes', () => {
  it('a mistyped municipality code still gets the nearest codes', async () => {
    const error = expectGraphQLError(await execute(REGION, { code: '01800' }), 'UNKNOWN_REGION');
    expect(error.extensions?.suggestions).toContain('0180');
  });

  it('a megabyte-long code is UNKNOWN_REGION without suggestions (none are computed)', async () => {
    const error = expectGraphQLError(await execute(REGION, { code: '0'.repeat(1_000_000) }), 'UNKNOWN_REGION');
    expect(error.extensions?.suggestions).toEqual([]);
  });

  it('suggest() skips inputs longer than any code or name, and still ranks ordinary ones', () => {
    const candidates = [{ key: 'oj-ibic-utredning', label: '' }, { key: 'oj-ibic-uppfoljning', label: '' }];
    expect(suggest('oj-ibic-utrednig', candidates, 1)).toEqual(['oj-ibic-utredning']);
    expect(suggest('oj-ibic-utredning'.repeat(20), candidates)).toEqual([]);
  });
});

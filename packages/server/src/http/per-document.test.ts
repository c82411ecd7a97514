import { buildSchema, GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { perDocument } from './per-document.js';

const schema = buildSchema('type Query { region(code: String): String }');

describe('perDocument', () => {
  it('walks a document once per set of variables, and again for other variables or another document', () => {
    const calls: unknown[] = [];
    const check = perDocument((_schema, _document, variables) => {
      calls.push(variables);
      return { code: variables?.code };
    });
    const document = parse('query R($code: String) { region(code: $code) }');
    expect(check(schema, document, { code: '0180' })).toEqual({ code: '0180' });
    expect(check(schema, document, { code: '0180' })).toEqual({ code: '0180' });
    expect(calls).toHaveLength(1);
    expect(check(schema, document, { code: '0380' })).toEqual({ code: '0380' });
    expect(check(schema, parse('query R($code: String) { region(code: $code) }'), { code: '0180' })).toEqual({ code: '0180' });
    expect(calls).toHaveLength(3);
  });

  it('remembers a refusal and throws the same error again', () => {
    let calls = 0;
    const check = perDocument(() => {
      calls++;
      throw new GraphQLError('no', { extensions: { code: 'INVALID_STRING' } });
    });
    const document = parse('{ region(code: "\\u0000") }');
    expect(() => check(schema, document, undefined)).toThrow('no');
    expect(() => check(schema, document, undefined)).toThrow(expect.objectContaining({ extensions: { code: 'INVALID_STRING' } }));
    expect(calls).toBe(1);
  });

  it('does not keep outcomes for very long variables, and keeps at most 64 per document', () => {
    let calls = 0;
    const check = perDocument(() => ++calls);
    const document = parse('query R($code: String) { region(code: $code) }');
    const long = { code: 'x'.repeat(5_000) };
    check(schema, document, long);
    check(schema, document, long);
    expect(calls).toBe(2);
    for (let i = 0; i < 65; i++) check(schema, document, { code: String(i) });
    expect(calls).toBe(67);
    check(schema, document, { code: '0' }); // the oldest, dropped when the 65th came
    expect(calls).toBe(68);
    check(schema, document, { code: '64' });
    expect(calls).toBe(68);
  });
});

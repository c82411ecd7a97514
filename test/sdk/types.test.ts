import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { generate } from '@graphql-codegen/cli';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The SDK is typed from the schema: asking for a field that does not exist fails. Two
 * places catch it: codegen refuses the document, and tsc refuses code that uses a field,
 * variable or document the generated types do not have. The fixtures are .mts files so the
 * test codegen (`test/**\/*.ts`) leaves them alone.
 */
const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(import.meta.dirname, 'type-fixtures');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** tsc's diagnostics per fixture file name. */
let diagnostics: Map<string, string[]>;
/** Errors anywhere else (e.g. in the SDK's own sources). */
let elsewhere: string[];

beforeAll(async () => {
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', path.join(fixtures, 'tsconfig.json'), '--pretty', 'false'], { cwd: root }).then(
    ({ stdout }) => ({ stdout, failed: false }),
    (error: { stdout: string }) => ({ stdout: error.stdout, failed: true }),
  );
  diagnostics = new Map();
  elsewhere = [];
  let last: { file: string; index: number } | undefined;
  for (const line of result.stdout.split('\n')) {
    const match = /^(?:.*[/\\])?([\w-]+\.mts)\(\d+,\d+\): (error TS\d+: .*)$/.exec(line);
    if (match) {
      const list = [...(diagnostics.get(match[1]!) ?? []), match[2]!];
      diagnostics.set(match[1]!, list);
      last = { file: match[1]!, index: list.length - 1 };
    } else if (last && /^\s+\S/.test(line)) {
      // tsc's continuation lines ("  Property 'x' is missing ...") belong to the error above.
      diagnostics.get(last.file)![last.index] += ` ${line.trim()}`;
    } else {
      last = undefined;
      if (/error TS\d+/.test(line)) elsewhere.push(line);
    }
  }
  expect(result.failed).toBe(true);
}, 120_000);

describe('SDK types (tsc on test/sdk/type-fixtures)', () => {
  it('compiles typed use of every kind of call: results, variables, enums, errors, withMeta', () => {
    expect(diagnostics.get('valid.mts')).toBeUndefined();
    expect(elsewhere).toEqual([]);
  });

  it('refuses a result field that does not exist', () => {
    expect(diagnostics.get('wrong-result-field.mts')).toEqual([expect.stringMatching(/^error TS2339: Property 'nope' does not exist on type/)]);
  });

  it('refuses a variable value the schema does not allow', () => {
    expect(diagnostics.get('wrong-variable.mts')).toEqual([expect.stringMatching(/^error TS2322: Type '"KOMMUN"' is not assignable to type 'RegionLevel'/)]);
  });

  it('refuses a call without a required variable', () => {
    expect(diagnostics.get('missing-variable.mts')).toEqual([expect.stringMatching(/^error TS2345: .*Property 'region' is missing/)]);
  });

  it('refuses a document codegen has not typed', () => {
    expect(diagnostics.get('unknown-document.mts')).toEqual([expect.stringMatching(/^error TS2345: Argument of type 'unknown' is not assignable to parameter of type 'TypedDocumentNode/)]);
  });
});

describe('SDK codegen (the client preset, on the committed schema.graphql)', () => {
  const run = (document: string) =>
    generate(
      {
        schema: path.join(root, 'schema.graphql'),
        documents: [document],
        silent: true,
        errorsOnly: true,
        generates: { [path.join(root, 'node_modules/.cache/insyn/codegen-type-test/')]: { preset: 'client', config: { importExtension: '.js' } } },
      },
      false,
    );

  it('refuses a document that asks for a field Region does not have', async () => {
    await expect(run('query FixtureNope { region(code: "0180") { code nope } }')).rejects.toThrow(/Cannot query field "nope" on type "Region"/);
  });

  it('generates a typed document for a valid one', async () => {
    const files = (await run('query FixtureOk { region(code: "0180") { code name } }')) as { filename: string; content: string }[];
    const graphqlTs = files.find((f) => f.filename.endsWith('graphql.ts'));
    expect(graphqlTs?.content).toContain('export type FixtureOkQuery = { region: { code: string, name: string } };');
  });
});

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kind, parse, print, printSchema, visit, type ASTVisitor, type FieldDefinitionNode } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { schema } from '../../packages/server/src/schema/index.js';
import { compareSchemas, coordinateOf, readAnnouncements } from '../../packages/server/src/scripts/schema-check.js';

const root = path.resolve(import.meta.dirname, '../..');
const committed = readFileSync(path.join(root, 'schema.graphql'), 'utf8');
const script = path.join(root, 'packages/server/src/scripts/schema-check.ts');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const scratch = mkdtempSync(path.join(tmpdir(), 'insyn-schema-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The committed schema, edited through its AST. */
const edit = (visitor: ASTVisitor) => print(visit(parse(committed), visitor));
/** The committed schema with `type.field` changed (or removed, when `change` returns null). */
const editField = (type: string, field: string, change: (node: FieldDefinitionNode) => FieldDefinitionNode | null) =>
  edit({
    ObjectTypeDefinition(node) {
      if (node.name.value !== type) return undefined;
      return { ...node, fields: node.fields?.flatMap((f) => (f.name.value === field ? (change(f) ?? []) : [f])) };
    },
  });
/** `Region.koladaId` removed (the Kolada crosswalk partners rely on). */
const regionWithoutKoladaId = () => editField('Region', 'koladaId', () => null);

/** Runs the check as CI does, returning its exit code and output. */
async function runCheck(args: string[], env: Record<string, string | undefined> = {}) {
  return promisify(execFile)(process.execPath, [tsx, script, ...args], { cwd: root, env: { ...process.env, CI: '', SCHEMA_BASE_REF: '', ...env } }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}

describe('schema.graphql', () => {
  it('is the schema the code prints (run `npm run generate` and commit it)', () => {
    expect(committed).toBe(printSchema(schema) + '\n');
  });

  // `npm test` regenerates the working copy first, so on a fresh clone only the commit itself
  // can show that someone changed the code and forgot to commit the printed schema. It runs
  // everywhere (a skipped test checks nothing): with a schema change not yet committed, it
  // fails until schema.graphql is committed with the code.
  it('is committed as printed (HEAD:schema.graphql equals the code)', () => {
    const head = execFileSync('git', ['show', 'HEAD:schema.graphql'], { cwd: root, encoding: 'utf8' });
    expect(head, 'schema.graphql at HEAD differs from the code: commit the regenerated schema.graphql with the change').toBe(printSchema(schema) + '\n');
  });
});

describe('schema-check', () => {
  it('finds no unannounced breaking change between the committed schema and the code', async () => {
    // As CI runs it: against SCHEMA_BASE_REF, else HEAD~1 under CI, else HEAD.
    const { code, stdout } = await runCheck([], { CI: process.env.CI, SCHEMA_BASE_REF: process.env.SCHEMA_BASE_REF });
    expect(stdout).toMatch(/^Schema changes against /);
    expect(stdout, stdout).not.toContain('NOT announced');
    expect(code).toBe(0);
  }, 60_000);

  it('fails on a removed field that docs/schema-changes.md does not announce, naming it', async () => {
    const current = path.join(scratch, 'removed.graphql');
    writeFileSync(current, regionWithoutKoladaId());
    const none = path.join(scratch, 'none.md');
    writeFileSync(none, '# Schema changes\n\n## Announced breaking changes\n\n(none yet)\n');
    const { code, stdout } = await runCheck(['--base-file', path.join(root, 'schema.graphql'), '--current-file', current, '--announcements', none]);
    expect(code).toBe(1);
    expect(stdout).toContain('BREAKING (NOT announced) Region.koladaId: Region.koladaId was removed. [FIELD_REMOVED]');
  }, 60_000);

  it('passes the same removal once it is announced', async () => {
    const current = path.join(scratch, 'removed.graphql');
    writeFileSync(current, regionWithoutKoladaId());
    const announced = path.join(scratch, 'announced.md');
    writeFileSync(announced, '# Schema changes\n\n## Announced breaking changes\n\n- `Region.koladaId` (2026-12-01): removed; use `Region.code`.\n');
    const { code, stdout } = await runCheck(['--base-file', path.join(root, 'schema.graphql'), '--current-file', current, '--announcements', announced]);
    expect(stdout).toContain('BREAKING (announced)   Region.koladaId');
    expect(code).toBe(0);
  }, 60_000);

  it('judges each kind of change by its schema coordinate', () => {
    const removedEnumValue = compareSchemas(committed, edit({ EnumValueDefinition: (node) => (node.name.value === 'DISTRICT' ? null : undefined) }));
    expect(removedEnumValue.breaking).toEqual([expect.objectContaining({ type: 'VALUE_REMOVED_FROM_ENUM', coordinate: 'RegionLevel.DISTRICT', announced: false })]);
    expect(removedEnumValue.ok).toBe(false);

    const asString = (f: FieldDefinitionNode): FieldDefinitionNode => ({ ...f, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } } });
    const changedType = compareSchemas(committed, editField('Observation', 'value', asString), ['Observation.value']);
    expect(changedType.breaking).toEqual([expect.objectContaining({ type: 'FIELD_CHANGED_KIND', coordinate: 'Observation.value', announced: true })]);
    expect(changedType.ok).toBe(true);

    const added = compareSchemas(committed, committed.replace('type Region implements Node {\n', 'type Region implements Node {\n  population: Int\n'));
    expect(added).toMatchObject({ breaking: [], dangerous: [], ok: true, added: [{ coordinate: 'Region.population' }] });

    const newEnumValue = compareSchemas(committed, committed.replace('enum RegionLevel {\n', 'enum RegionLevel {\n  PARISH\n'));
    expect(newEnumValue).toMatchObject({ breaking: [], ok: true, dangerous: [{ type: 'VALUE_ADDED_TO_ENUM', coordinate: 'RegionLevel.PARISH' }] });

    const withoutKoladaArg = editField('Query', 'region', (f) => ({ ...f, arguments: f.arguments?.filter((a) => a.name.value !== 'koladaId') }));
    expect(compareSchemas(committed, withoutKoladaArg, ['Query.region']).breaking).toEqual([expect.objectContaining({ type: 'ARG_REMOVED', coordinate: 'Query.region(koladaId:)', announced: true })]);
    expect(compareSchemas(committed, withoutKoladaArg, ['Query.regions']).ok).toBe(false);

    expect(coordinateOf({ type: 'ARG_REMOVED', description: 'Query.region arg koladaId was removed.' })).toBe('Query.region(koladaId:)');
    expect(coordinateOf({ type: 'REQUIRED_ARG_ADDED', description: 'A required arg round on Region.offeringSummary was added.' })).toBe('Region.offeringSummary(round:)');
    expect(coordinateOf({ type: 'REQUIRED_INPUT_FIELD_ADDED', description: 'A required field key on input type ObservationFilter was added.' })).toBe('ObservationFilter.key');
    expect(coordinateOf({ type: 'TYPE_REMOVED', description: 'SourceText was removed.' })).toBe('SourceText');
  });

  it('reads announcements only from the list under "Announced breaking changes"', () => {
    const md = ['# Schema changes', '- `Region.name` is mentioned elsewhere', '## Announced breaking changes', '<!-- - `Region.note` example -->', '- `Region.koladaId` (2026-12-01): removed', '* `RegionLevel.DISTRICT`: gone', '## Later', '- `Region.code`'].join('\n');
    expect(readAnnouncements(md)).toEqual(['Region.koladaId', 'RegionLevel.DISTRICT']);
    expect(readAnnouncements(readFileSync(path.join(root, 'docs/schema-changes.md'), 'utf8'))).toEqual(['AreaOfferingSummary.surveyStatus', 'Ranking.order']);
  });
});

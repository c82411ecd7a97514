/**
 * Makes schema changes visible: compares the committed schema.graphql (the contract the SDK
 * and partners build on) with the schema the code prints now, using graphql's own
 * findBreakingChanges / findDangerousChanges. Prints every change and fails (exit 1) on a
 * breaking change that docs/schema-changes.md does not announce.
 *
 *   tsx packages/server/src/scripts/schema-check.ts [--base <git ref>] [--base-file <file>]
 *       [--current-file <file>] [--announcements <file>]
 *
 * The base is `git show <ref>:schema.graphql`, the ref from --base, else SCHEMA_BASE_REF
 * (CI on a pull request: the target branch), else HEAD~1 when CI is set (a fresh clone: the
 * commit under test against its parent), else HEAD (a developer's uncommitted change).
 * Without git, or without the file in that ref, it falls back to the working copy.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isEnumType,
  type BreakingChange,
  type DangerousChange,
  type GraphQLSchema,
} from 'graphql';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const ANNOUNCEMENTS_FILE = path.join(repoRoot, 'docs', 'schema-changes.md');

export interface SchemaChange {
  /** graphql's change type, e.g. FIELD_REMOVED, or ADDED for a new type or field. */
  type: string;
  description: string;
  /** Schema coordinate the change is about: `Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `@directive`. */
  coordinate: string;
}

export interface SchemaReport {
  breaking: (SchemaChange & { announced: boolean })[];
  dangerous: SchemaChange[];
  added: SchemaChange[];
  /** False when a breaking change is not announced. */
  ok: boolean;
}

/** The schema coordinate a graphql change description is about. */
export function coordinateOf(change: { type: string; description: string }): string {
  const d = change.description;
  let m: RegExpExecArray | null;
  if (change.type.startsWith('DIRECTIVE_') || change.type === 'REQUIRED_DIRECTIVE_ARG_ADDED') {
    m = /(\w+)\.$/.exec(d);
    return m ? `@${m[1]}` : d;
  }
  if ((m = /^(\w+)\.(\w+) arg (\w+) /.exec(d))) return `${m[1]}.${m[2]}(${m[3]}:)`;
  if ((m = /^An? (?:required|optional) arg (\w+) on (\w+)\.(\w+) /.exec(d))) return `${m[2]}.${m[3]}(${m[1]}:)`;
  if ((m = /^An? (?:required|optional) field (\w+) on input type (\w+) /.exec(d))) return `${m[2]}.${m[1]}`;
  if ((m = /^(\w+)\.(\w+) (?:was removed|changed type)/.exec(d))) return `${m[1]}.${m[2]}`;
  if ((m = /^(\w+) was (?:added to|removed from) enum type (\w+)\./.exec(d))) return `${m[2]}.${m[1]}`;
  if ((m = /^(\w+) was (?:added to|removed from) union type (\w+)\./.exec(d))) return m[2]!;
  if ((m = /^(\w+) no longer implements interface /.exec(d))) return m[1]!;
  if ((m = /^\w+ added to interfaces implemented by (\w+)\./.exec(d))) return m[1]!;
  if ((m = /^Standard scalar (\w+) was removed/.exec(d))) return m[1]!;
  if ((m = /^(\w+) (?:was removed|changed from)/.exec(d))) return m[1]!;
  return d;
}

/**
 * The coordinates announced in docs/schema-changes.md: the first `code` span of each list
 * item under the heading "Announced breaking changes".
 */
export function readAnnouncements(markdown: string): string[] {
  const announced: string[] = [];
  let inSection = false;
  for (const line of markdown.split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      inSection = /announced breaking changes/i.test(heading[1]!);
      continue;
    }
    const item = inSection ? /^\s*[-*]\s+`([^`]+)`/.exec(line) : null;
    if (item) announced.push(item[1]!.trim());
  }
  return announced;
}

/** A change is announced by its coordinate, or (for an argument) by its field's. */
function isAnnounced(coordinate: string, announced: string[]): boolean {
  return announced.some((a) => a === coordinate || coordinate.startsWith(`${a}(`));
}

/** New types and fields (safe, listed so reviewers see the whole change). */
function additions(base: GraphQLSchema, current: GraphQLSchema): SchemaChange[] {
  const added: SchemaChange[] = [];
  const baseTypes = base.getTypeMap();
  for (const type of Object.values(current.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const old = baseTypes[type.name];
    if (!old) {
      added.push({ type: 'ADDED', description: `${type.name} was added.`, coordinate: type.name });
      continue;
    }
    if ((isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) && (isObjectType(old) || isInterfaceType(old) || isInputObjectType(old))) {
      const oldFields = old.getFields();
      for (const field of Object.keys(type.getFields())) {
        if (!(field in oldFields) && !isInputObjectType(type)) added.push({ type: 'ADDED', description: `${type.name}.${field} was added.`, coordinate: `${type.name}.${field}` });
      }
    }
    if (isEnumType(type) && isEnumType(old)) continue; // new enum values are dangerous changes, listed there
  }
  return added;
}

/** Compares two schemas (SDL or built) and judges the breaking changes against the announcements. */
export function compareSchemas(base: GraphQLSchema | string, current: GraphQLSchema | string, announced: string[] = []): SchemaReport {
  const baseSchema = typeof base === 'string' ? buildSchema(base) : base;
  const currentSchema = typeof current === 'string' ? buildSchema(current) : current;
  const withCoordinate = (c: BreakingChange | DangerousChange): SchemaChange => ({ type: c.type, description: c.description, coordinate: coordinateOf(c) });
  const breaking = findBreakingChanges(baseSchema, currentSchema).map((c) => {
    const change = withCoordinate(c);
    return { ...change, announced: isAnnounced(change.coordinate, announced) };
  });
  const dangerous = findDangerousChanges(baseSchema, currentSchema).map(withCoordinate);
  return { breaking, dangerous, added: additions(baseSchema, currentSchema), ok: breaking.every((c) => c.announced) };
}

/** The report as text for a terminal or a CI log. */
export function formatReport(report: SchemaReport, baseLabel: string): string {
  const lines = [`Schema changes against ${baseLabel}:`];
  if (!report.breaking.length && !report.dangerous.length && !report.added.length) lines.push('  none.');
  for (const c of report.breaking) lines.push(`  BREAKING ${c.announced ? '(announced)  ' : '(NOT announced)'} ${c.coordinate}: ${c.description} [${c.type}]`);
  for (const c of report.dangerous) lines.push(`  dangerous ${c.coordinate}: ${c.description} [${c.type}]`);
  for (const c of report.added) lines.push(`  added     ${c.coordinate}`);
  if (!report.ok) {
    lines.push('', 'A breaking change is not announced. Either keep the old field (deprecate it and add the new one),', `or announce it in docs/schema-changes.md under "Announced breaking changes": - \`Type.field\` (date): what changes and what clients do instead.`);
  }
  return lines.join('\n');
}

/** The committed schema: `git show <ref>:schema.graphql` for the first ref git knows, else the working copy. */
export function readBaseSchema(refs: string[]): { sdl: string; label: string } {
  for (const ref of refs) {
    try {
      const sdl = execFileSync('git', ['show', `${ref}:schema.graphql`], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      return { sdl, label: `${ref}:schema.graphql` };
    } catch {
      // not a repository, unknown ref, or no schema.graphql in it: try the next
    }
  }
  return { sdl: readFileSync(path.join(repoRoot, 'schema.graphql'), 'utf8'), label: 'schema.graphql (working copy; git has no base)' };
}

/** Which refs to try, in order (see the top of this file). */
export function baseRefs(args: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const explicit = option(args, '--base') ?? env.SCHEMA_BASE_REF;
  if (explicit) return [explicit];
  return env.CI ? ['HEAD~1', 'HEAD'] : ['HEAD'];
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  const baseFile = option(args, '--base-file');
  const base = baseFile ? { sdl: readFileSync(baseFile, 'utf8'), label: baseFile } : readBaseSchema(baseRefs(args));
  const currentFile = option(args, '--current-file');
  let current: string | GraphQLSchema;
  if (currentFile) current = readFileSync(currentFile, 'utf8');
  else {
    // The code's schema (needs the generated Prisma client: run after `npm run generate`).
    const { schema } = await import('../schema/index.js');
    current = schema as unknown as GraphQLSchema;
  }
  const announcementsFile = option(args, '--announcements') ?? ANNOUNCEMENTS_FILE;
  const announced = existsSync(announcementsFile) ? readAnnouncements(readFileSync(announcementsFile, 'utf8')) : [];
  const report = compareSchemas(base.sdl, current, announced);
  console.log(formatReport(report, base.label));
  return report.ok ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}

import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CsvRow } from '../csv.js';

/** Rows for each table, keyed by column name as in the database. */
export type Row = Record<string, string | number | boolean | null | string[]>;
export type Plan = Record<string, Row[]>;

export const PUBLISHED_DATASET = 'published';
export const MEMBERSHIP_REVISION = 'SKR 2017, revision 2023 (Kolada G92786-G92794)';

/**
 * What the kinds read so far, for the kinds after them to check against (one per readPlan).
 * Each kind adds its rows to `plan` and what later kinds look up to the sets and maps here.
 */
export interface Context {
  dataDir: string;
  plan: Plan;
  sources: Set<string>;
  /** The Kolada ids that exist (reference/kolada-areas.csv). */
  koladaIds: Set<string>;
  regions: Set<string>;
  counties: Set<string>;
  municipalities: Set<string>;
  groups: Map<string, Row>;
  areas: Set<string>;
  dimensions: Map<string, Row>;
  members: Map<string, Row & { _file: string }>;
  indicators: Map<string, { dims: string[]; file: string; unit: string }>;
  observationIds: Map<string, string>;
  /** Intervention codes per area and folded name. */
  interventionsByArea: Map<string, Map<string, string>>;
  /** The action plans read, by their folder, with their focus area codes. */
  actionPlans: Map<string, { code: string; focusCodes: Set<string> }>;
  /** Keys already claimed, per kind of key (see `claim`). */
  seen: (what: string) => Map<string, string>;
}

/**
 * A kind of data file: which files it is, their columns, and what one row adds to the plan.
 * readPlan reads the kinds in the order of FILE_KINDS (kinds/index.ts), each after the ones
 * whose codes it checks.
 */
export interface FileKind {
  /** The tables it writes (empty arrays even when it has no file). */
  tables: string[];
  /** The files, relative to the data folder: one path, or those found for this plan. */
  files: string | ((ctx: Context) => string[]);
  columns: string[];
  optional?: string[];
  /** Checks one row and adds what it says to ctx.plan (and to ctx's lookups). */
  row: (r: CsvRow, ctx: Context, file: string) => void;
  /** Runs before the first file (e.g. rows no file lists). */
  start?: (ctx: Context) => void;
  /** Runs after the last file (checks over all rows, derived values). */
  done?: (ctx: Context) => void;
}

/** A real calendar date as YYYY-MM-DD (2020-02-30 is not). */
export function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * Refuses a second row with the same key: the database would otherwise fail in the middle
 * of the load ("ON CONFLICT DO UPDATE command cannot affect row a second time") without
 * naming the file and row.
 */
export function claim(seen: Map<string, string>, key: string, r: CsvRow, column: string | null, what: string) {
  const previous = seen.get(key);
  if (previous) r.fail(column, `${what} is already defined in ${previous}`);
  seen.set(key, `${r.file}, row ${r.row}`);
}

/** Every file under seeds/ (recursively) matching `name`, relative to the data folder, sorted. */
export function seedFiles(name: (file: string, parent: string) => boolean) {
  return (ctx: Context): string[] => {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const entry of readdirSync(d).sort()) {
        const full = path.join(d, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (name(entry, path.basename(d))) out.push(path.relative(ctx.dataDir, full));
      }
    };
    const dir = path.join(ctx.dataDir, 'seeds');
    if (existsSync(dir)) walk(dir);
    return out;
  };
}

/** The source a seed file belongs to: its folder under seeds/, which must be in sources.csv. */
export function sourceOf(ctx: Context, file: string, row: CsvRow): string {
  const code = file.split(path.sep)[1]!;
  if (!ctx.sources.has(code)) row.fail(null, `folder seeds/${code} does not match a source code in sources.csv`);
  return code;
}

/** "a=x;b=y" as trimmed, non-empty parts. */
export const parts = (text: string | null) => (text ?? '').split(';').map((p) => p.trim()).filter(Boolean);

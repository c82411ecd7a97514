import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DataFileError } from './errors.js';
import { searchKey } from '../lookup/search-key.js';

export interface CsvRow {
  /** Path relative to the data directory, for error messages. */
  file: string;
  /** 1-based record number in the file, as a spreadsheet shows it (header is row 1). */
  row: number;
  /** 1-based line where the record starts, as a text editor shows it (differs from row after a multi-line field). */
  line: number;
  get(column: string): string | null;
  required(column: string): string;
  int(column: string): number | null;
  number(column: string): number | null;
  bool(column: string): boolean;
  oneOf<T extends string>(column: string, allowed: readonly T[]): T;
  fail(column: string | null, problem: string): never;
}

/**
 * Reads a CSV file, checking that its header holds exactly the expected columns, plus any of
 * the `optional` ones (a file leaves out a column none of its rows needs; it reads as empty).
 */
export function readCsv(dataDir: string, relative: string, columns: readonly string[], optional: readonly string[] = []): CsvRow[] {
  const file = path.join(dataDir, relative);
  if (!existsSync(file)) throw new DataFileError(relative, null, null, 'the file is missing');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` csv-parse returns { record, info } per record; its typings say string[][].
    records = parse(readFileSync(file, 'utf8'), { bom: true, relax_column_count: false, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    // csv-parse counts the records it finished (header included) and the line it stopped on.
    const e = error as Error & { lines?: number; records?: number };
    throw new DataFileError(relative, e.records != null ? e.records + 1 : null, null, `not valid CSV: ${e.message}`, e.lines ?? null);
  }
  const [header, ...body] = records.map((r) => r.record);
  if (!header) throw new DataFileError(relative, 1, null, 'the file is empty; expected a header row');
  const missing = columns.filter((c) => !header.includes(c));
  const absent = new Set<string>();
  const extra = header.filter((c) => !columns.includes(c) && !optional.includes(c));
  if (missing.length || extra.length) {
    throw new DataFileError(relative, 1, missing[0] ?? extra[0] ?? null,
      `header must be ${columns.join(',')}${optional.length ? ` (and may add ${optional.join(', ')})` : ''}${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; unexpected ${extra.join(', ')}` : ''}`);
  }
  for (const column of optional) if (!header.includes(column)) absent.add(column);
  const index = new Map(header.map((c, i) => [c, i]));
  return body.map((record, i) => {
    // csv-parse reports the line a record ends on; step back over newlines inside its fields.
    const line = records[i + 1]!.info.lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
    return makeRow(relative, i + 2, line, record, index, absent);
  });
}

function makeRow(file: string, row: number, line: number, record: string[], index: Map<string, number>, absent: Set<string>): CsvRow {
  const fail = (column: string | null, problem: string): never => {
    throw new DataFileError(file, row, column, problem, line);
  };
  const get = (column: string) => {
    if (absent.has(column)) return null;
    const i = index.get(column);
    if (i === undefined) fail(column, 'no such column');
    const v = record[i!]?.trim() ?? '';
    return v === '' ? null : v;
  };
  const required = (column: string) => get(column) ?? fail(column, 'a value is required');
  const number = (column: string) => {
    const v = get(column);
    if (v === null) return null;
    if (!/^-?\d+(\.\d+)?$/.test(v)) fail(column, `"${v}" is not a number (use a decimal point, no spaces or % signs)`);
    return Number(v);
  };
  return {
    file,
    row,
    line,
    get,
    required,
    number,
    int: (column) => {
      const v = number(column);
      if (v !== null && !Number.isInteger(v)) fail(column, `"${v}" is not a whole number`);
      // PostgreSQL's integer: a larger count would fail inside the load instead of here.
      if (v !== null && Math.abs(v) > 2_147_483_647) fail(column, `${v} is out of range for a whole number (at most 2147483647)`);
      return v;
    },
    bool: (column) => {
      const v = (get(column) ?? 'false').toLowerCase();
      if (v !== 'true' && v !== 'false') fail(column, `"${v}" must be true or false`);
      return v === 'true';
    },
    oneOf: <T extends string>(column: string, allowed: readonly T[]) => {
      const v = required(column);
      if (!allowed.includes(v as T)) fail(column, `"${v}" must be one of ${allowed.join(', ')}`);
      return v as T;
    },
    fail,
  };
}

export function slugify(text: string): string {
  return searchKey(text).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

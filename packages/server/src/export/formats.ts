/**
 * The file formats of the bulk exports (GET /export/<what>.<csv|json|xlsx>): one table of
 * records turned into CSV, JSON-stat 2.0 or an Excel workbook. What the records are
 * (observations, offerings) is decided by each domain's export (schema/*\/export.ts).
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { slugify } from '../load/csv.js';

export const EXPORT_FORMATS = ['csv', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  // JSON-stat has no registered media type of its own; PxWeb and Eurostat send it as JSON.
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export type Cell = string | number | boolean | null | undefined;

/** Records as a header and rows, in the order of `columns`. */
export interface Table<C extends string = string> {
  columns: readonly C[];
  rows: Cell[][];
}

/** RFC 4180 CSV with a header row; `bom` prefixes EF BB BF so Excel on Windows reads å, ä, ö as UTF-8. */
export function toCsv(table: Table, { bom = false } = {}): string {
  const csv = stringify(table.rows, { header: true, columns: [...table.columns], cast: { boolean: (b) => (b ? 'true' : 'false') } });
  return bom ? `\uFEFF${csv}` : csv;
}

/**
 * An .xlsx workbook: a data sheet and a sources sheet (every source a figure comes from, with
 * its credit line and licence), and a first line on the data sheet when any record is synthetic.
 */
export async function toXlsx(sheets: { data: Table; dataName: string; sources: Table; notice?: string | null }): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Insyn';
  const add = (name: string, table: Table, notice?: string | null) => {
    const sheet = book.addWorksheet(name);
    if (notice) {
      sheet.addRow([notice]).font = { bold: true, color: { argb: 'FFB00020' } };
    }
    const header = sheet.addRow([...table.columns]);
    header.font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((c) => (c === undefined ? null : c)));
    sheet.views = [{ state: 'frozen', ySplit: header.number }];
    table.columns.forEach((c, i) => {
      const longest = Math.max(c.length, ...table.rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
      sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
    });
  };
  add(sheets.dataName, sheets.data, sheets.notice);
  add('sources', sheets.sources);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** One dimension of a JSON-stat cube: its categories in order, with labels. */
export interface JsonStatDimension {
  id: string;
  label: string;
  categories: { id: string; label: string; unit?: { label: string; decimals?: number } }[];
}

/** One cell of a JSON-stat cube: its category per dimension (in dimension order) and what it holds. */
export interface JsonStatCell {
  at: string[];
  value: number | string | null;
  /** The cell's status where it is not a plain published figure (e.g. `SUPPRESSED`). */
  status?: string | null;
  /** What the cell says beyond its value: note, source, table, … (in `extension.cells`). */
  details: Record<string, Cell>;
}

/**
 * A JSON-stat 2.0 dataset (https://json-stat.org/format/). Sparse: `value` and `status` are
 * objects keyed by cell index, so a cube with few figures stays small. Per-cell notes and
 * sources have no standard place in JSON-stat 2.0; they are in `extension.cells` (index →
 * details), the dataset's credit lines in `note` and `source`.
 */
export function toJsonStat(input: {
  label: string;
  source: string;
  note: string[];
  dimensions: JsonStatDimension[];
  roles?: { time?: string[]; geo?: string[]; metric?: string[] };
  cells: JsonStatCell[];
  extension: Record<string, unknown>;
}): Record<string, unknown> {
  const positions = input.dimensions.map((d) => new Map(d.categories.map((c, i) => [c.id, i])));
  const size = input.dimensions.map((d) => d.categories.length);
  const value: Record<string, number | string | null> = {};
  const status: Record<string, string> = {};
  const cells: Record<string, Record<string, Cell>> = {};
  for (const cell of input.cells) {
    let index = 0;
    cell.at.forEach((category, d) => {
      const position = positions[d]!.get(category);
      if (position === undefined) throw new Error(`JSON-stat: ${category} is not a category of ${input.dimensions[d]!.id}`);
      index = index * size[d]! + position;
    });
    value[index] = cell.value;
    if (cell.status) status[index] = cell.status;
    const details = Object.fromEntries(Object.entries(cell.details).filter(([, v]) => v !== null && v !== undefined && v !== ''));
    if (Object.keys(details).length) cells[index] = details;
  }
  return {
    version: '2.0',
    class: 'dataset',
    label: input.label,
    source: input.source,
    updated: new Date().toISOString(),
    note: input.note,
    id: input.dimensions.map((d) => d.id),
    size,
    ...(input.roles ? { role: input.roles } : {}),
    dimension: Object.fromEntries(input.dimensions.map((d) => [d.id, {
      label: d.label,
      category: {
        index: Object.fromEntries(d.categories.map((c, i) => [c.id, i])),
        label: Object.fromEntries(d.categories.map((c) => [c.id, c.label])),
        ...(d.categories.some((c) => c.unit) ? { unit: Object.fromEntries(d.categories.filter((c) => c.unit).map((c) => [c.id, c.unit])) } : {}),
      },
    }])),
    value,
    status,
    extension: { ...input.extension, cells },
  };
}

/**
 * A file name that says what the file holds, e.g. `insyn-observations_oj-ibic-utredning_area-socialpsykiatri.csv`:
 * the parts folded to ASCII letters, digits and hyphens, at most 120 characters before the extension.
 */
export function exportFileName(what: string, parts: (string | number | null | undefined)[], format: ExportFormat): string {
  const named = [`insyn-${what}`, ...parts.filter((p) => p !== null && p !== undefined && p !== '').map((p) => slugify(String(p))).filter(Boolean)];
  let name = named.join('_');
  if (name.length > 120) name = `${name.slice(0, 120).replace(/[-_]+$/, '')}-etc`;
  return `${name}.${format === 'json' ? 'jsonstat.json' : format}`;
}

/** `attachment; filename="…"` for an ASCII name (exportFileName gives only ASCII). */
export const contentDisposition = (fileName: string) => `attachment; filename="${fileName}"`;

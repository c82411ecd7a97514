import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { suggest } from '../errors.js';
import { OfferingDecision, OfferingForm, OfferingProvider, ReachBand, SurveyStatus } from '../generated/prisma/enums.js';
import type { Row } from '../load/plan.js';

/**
 * Reading and checking import files. Nothing here touches the database: every problem of
 * every file is collected (not just the first), so one run tells the user all there is to fix.
 */

export type ImportKind = 'offerings' | 'survey';

export const COLUMNS: Record<ImportKind, readonly string[]> = {
  offerings: ['region', 'intervention', 'round', 'offered', 'form', 'provider', 'decision', 'reach_band'],
  survey: ['region', 'area', 'round', 'status', 'wants_without_decision'],
};

// The columns' enum values, as the database and the API have them (prisma/schema.prisma).
const FORMS = Object.values(OfferingForm);
const PROVIDERS = Object.values(OfferingProvider);
const DECISIONS = Object.values(OfferingDecision);
const REACH_BANDS = Object.values(ReachBand);
const SURVEY_STATUSES = Object.values(SurveyStatus);

/** Earliest survey round accepted; the latest is the current year (no answers from the future). */
export const FIRST_ROUND = 2000;

/** One problem, pointing at file, row (spreadsheet numbering: header = row 1) and column. */
export interface ImportProblem {
  file: string | null;
  row: number | null;
  column: string | null;
  problem: string;
  /** Nearest known codes, best first, where the value was an unknown code. */
  suggestions: string[];
}

export function formatProblem(p: ImportProblem): string {
  const where = [p.file, p.row != null ? `row ${p.row}` : null, p.column ? `column "${p.column}"` : null].filter(Boolean).join(', ');
  return `${where ? `${where}: ` : ''}${p.problem}`;
}

/** What the files are checked against: the codes in the database. */
export interface Reference {
  regions: Map<string, { level: string; name: string; parentCode: string | null }>;
  interventions: Map<string, { nameSv: string }>;
  areas: Map<string, { kind: string; nameSv: string }>;
}

export interface ParsedFile { kind: ImportKind; file: string; rows: Row[] }

class Collector {
  problems: ImportProblem[] = [];
  add(file: string | null, row: number | null, column: string | null, problem: string, suggestions: string[] = []) {
    this.problems.push({ file, row, column, problem, suggestions });
  }
}

const withSuggestions = (text: string, suggestions: string[]) => (suggestions.length ? `${text}; did you mean ${suggestions.join(', ')}?` : text);
/** suggest() labels candidates "code (name)"; the codes alone go into `suggestions`. */
const codesOf = (labelled: string[]) => labelled.map((s) => s.split(' (')[0]!);

/**
 * yes/no answers are exactly true or false. 1/0, 1/2, Ja/Nej and the like are refused, not
 * guessed: sources code yes/no differently (Kolada has both 1/0 and 1/2), and a wrong guess
 * would silently flip answers.
 */
function parseBool(value: string): boolean | null {
  const v = value.toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : null;
}

export function checkFile(kind: ImportKind, filePath: string, ref: Reference, now = new Date()): { parsed: ParsedFile; problems: ImportProblem[] } {
  const file = path.basename(filePath);
  const out = new Collector();
  const parsed: ParsedFile = { kind, file, rows: [] };
  if (!existsSync(filePath)) {
    out.add(file, null, null, `the file ${filePath} does not exist`);
    return { parsed, problems: out.problems };
  }
  let records: string[][];
  try {
    records = parse(readFileSync(filePath, 'utf8'), { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    const e = error as Error & { records?: number };
    out.add(file, e.records != null ? e.records + 1 : null, null, `not valid CSV: ${e.message}`);
    return { parsed, problems: out.problems };
  }
  return checkRecords(kind, file, records, ref, now);
}

/**
 * Checks records (a header, then rows) of one kind: from a CSV file (checkFile) or from a
 * partner's write (partners/write.ts builds the same records), so both are checked alike.
 * `file` names the origin in problems; rows are numbered as in a spreadsheet (header = row 1).
 */
export function checkRecords(kind: ImportKind, file: string | null, records: string[][], ref: Reference, now = new Date()): { parsed: ParsedFile; problems: ImportProblem[] } {
  const out = new Collector();
  const parsed: ParsedFile = { kind, file: file ?? '', rows: [] };
  const columns = COLUMNS[kind];
  const [rawHeader, ...body] = records;
  if (!rawHeader) {
    out.add(file, 1, null, `the file is empty; expected the header ${columns.join(',')}`);
    return { parsed, problems: out.problems };
  }
  const header = rawHeader.map((c) => c.trim());
  const missing = columns.filter((c) => !header.includes(c));
  const extra = header.filter((c) => !columns.includes(c));
  const doubled = header.filter((c, i) => header.indexOf(c) !== i);
  if (missing.length || extra.length || doubled.length) {
    // Swedish spreadsheets save "CSV" with semicolons.
    const semicolons = header.length === 1 && header[0]!.includes(';') ? ' (the header is separated by semicolons: save the file as comma-separated CSV)' : '';
    for (const c of extra) {
      const near = codesOf(suggest(c, missing.map((m) => ({ key: m, label: '' })), 1));
      out.add(file, 1, c, withSuggestions(`unexpected column "${c}"${semicolons}`, near), near);
    }
    for (const c of missing) out.add(file, 1, c, `missing column "${c}"; the header of a ${kind} file is ${columns.join(',')}`);
    for (const c of new Set(doubled)) out.add(file, 1, c, `column "${c}" is given twice`);
    return { parsed, problems: out.problems };
  }
  if (body.length === 0) {
    out.add(file, null, null, 'the file has a header but no rows');
    return { parsed, problems: out.problems };
  }
  const index = new Map(header.map((c, i) => [c, i]));
  const regionCandidates = [...ref.regions].filter(([, r]) => r.level === 'MUNICIPALITY' || r.level === 'DISTRICT').map(([code, r]) => ({ key: code, label: r.name }));
  const lastRound = now.getUTCFullYear();
  const seen = new Map<string, number>();
  /** Row of each region per intervention (or area) and round, to catch a municipality given with its own districts. */
  const unitRows = new Map<string, number>();
  const districtRows: { row: number; region: string; parent: string; scope: string }[] = [];

  const noteUnit = (region: string, scope: string, row: number) => {
    const found = ref.regions.get(region);
    if (!found) return;
    unitRows.set(`${region}|${scope}`, row);
    if (found.level === 'DISTRICT' && found.parentCode) districtRows.push({ row, region, parent: found.parentCode, scope });
  };

  body.forEach((record, i) => {
    const row = i + 2;
    const fail = (column: string | null, problem: string, suggestions: string[] = []) => out.add(file, row, column, problem, suggestions);
    if (record.length !== header.length) {
      fail(null, `${record.length} cells where the header has ${header.length} (a comma inside a value needs "quotes")`);
      return;
    }
    const get = (column: string) => record[index.get(column)!]!.trim();
    let ok = true;
    const bad = (column: string, problem: string, suggestions: string[] = []) => {
      ok = false;
      fail(column, problem, suggestions);
    };
    const oneOf = <T extends string>(column: string, allowed: readonly T[], required: boolean): T | null => {
      const v = get(column);
      if (v === '') {
        if (required) bad(column, `a value is required (one of ${allowed.join(', ')})`);
        return null;
      }
      if (!allowed.includes(v as T)) {
        const near = codesOf(suggest(v, allowed.map((a) => ({ key: a, label: '' })), 1));
        bad(column, withSuggestions(`"${v}" must be one of ${allowed.join(', ')}`, near), near);
        return null;
      }
      return v as T;
    };
    const bool = (column: string, required: boolean): boolean | null => {
      const v = get(column);
      if (v === '') {
        if (required) bad(column, 'a value is required: true or false');
        return null;
      }
      const b = parseBool(v);
      if (b === null) bad(column, `"${v}" must be true or false (1/0, 1/2 and Ja/Nej are refused, not guessed: sources code yes/no differently)`);
      return b;
    };

    // region: a municipality or a district
    const region = get('region');
    if (region === '') bad('region', 'a value is required: the SCB code of a municipality (e.g. 0380) or a district (e.g. 0180-bromma)');
    else {
      const found = ref.regions.get(region);
      if (!found) {
        const near = suggest(region, regionCandidates);
        bad('region', withSuggestions(`unknown region "${region}"`, near), codesOf(near));
      } else if (found.level !== 'MUNICIPALITY' && found.level !== 'DISTRICT') {
        bad('region', `${region} (${found.name}) is a ${found.level.toLowerCase()}; answers are per municipality (4-digit SCB code) or district`);
      }
    }

    // round: a year, not in the future
    const roundText = get('round');
    let round: number | null = null;
    if (!/^\d{4}$/.test(roundText)) bad('round', roundText === '' ? 'a value is required: the survey year, e.g. 2022' : `"${roundText}" is not a year (e.g. 2022)`);
    else {
      round = Number(roundText);
      if (round < FIRST_ROUND || round > lastRound) bad('round', `${round} is out of range: a survey round from ${FIRST_ROUND} to ${lastRound}`);
    }

    if (kind === 'offerings') {
      const intervention = get('intervention');
      if (intervention === '') bad('intervention', 'a value is required: an intervention code as in the API, <area>:<slug>');
      else if (!ref.interventions.has(intervention)) {
        const near = suggest(intervention, [...ref.interventions].map(([code, it]) => ({ key: code, label: it.nameSv })));
        bad('intervention', withSuggestions(`unknown intervention "${intervention}"`, near), codesOf(near));
      }
      const offered = bool('offered', true);
      const form = oneOf('form', FORMS, false);
      const provider = oneOf('provider', PROVIDERS, false);
      const decision = oneOf('decision', DECISIONS, false);
      const reach = oneOf('reach_band', REACH_BANDS, false);
      if (offered === false) {
        for (const column of ['form', 'provider', 'decision', 'reach_band']) {
          if (get(column) !== '') bad(column, `"${get(column)}" is given although offered is false; leave form, provider, decision and reach_band empty when the intervention is not offered`);
        }
      }
      const key = `${region}|${intervention}|${roundText}`;
      if (seen.has(key)) bad('intervention', `region ${region}, intervention ${intervention}, round ${roundText} is already given in row ${seen.get(key)}`);
      else seen.set(key, row);
      noteUnit(region, `${intervention}|${roundText}`, row);
      if (ok) {
        parsed.rows.push({ region_code: region, intervention_code: intervention, round, offered, form, provider, decision, reach_band: reach });
      }
    } else {
      const area = get('area');
      const skrAreas = [...ref.areas].filter(([, a]) => a.kind === 'SKR_AREA');
      if (area === '') bad('area', `a value is required: one of SKR's areas (${skrAreas.map(([c]) => c).join(', ')})`);
      else if (!ref.areas.has(area) || ref.areas.get(area)!.kind !== 'SKR_AREA') {
        const near = suggest(area, skrAreas.map(([code, a]) => ({ key: code, label: a.nameSv })));
        const what = ref.areas.has(area) ? `area "${area}" is a report area; the survey covers SKR's six areas` : `unknown area "${area}"`;
        bad('area', withSuggestions(what, near), codesOf(near));
      }
      const status = oneOf('status', SURVEY_STATUSES, true);
      const wants = bool('wants_without_decision', false);
      const key = `${region}|${area}|${roundText}`;
      if (seen.has(key)) bad('area', `region ${region}, area ${area}, round ${roundText} is already given in row ${seen.get(key)}`);
      else seen.set(key, row);
      noteUnit(region, `${area}|${roundText}`, row);
      if (ok) parsed.rows.push({ region_code: region, area_code: area, round, status, wants_without_decision: wants });
    }
  });
  // Stockholm answered SKR's survey per district: a municipality and its own districts for
  // the same question would be counted twice in every mean.
  for (const d of districtRows) {
    const parentRow = unitRows.get(`${d.parent}|${d.scope}`);
    if (parentRow !== undefined) {
      out.add(file, d.row, 'region', `${d.region} is a district of ${d.parent}, which row ${parentRow} gives for the same ${kind === 'offerings' ? 'intervention' : 'area'} and round; give the municipality or its districts, not both`);
    }
  }
  out.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { parsed, problems: out.problems };
}

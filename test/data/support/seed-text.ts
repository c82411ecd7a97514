/**
 * The five seed documents as extracted text (copies in ../seed-text, named in sources.csv), and
 * a search for a phrase "as printed" in them.
 *
 * What the search forgives, and nothing else: what the PDF extraction did to the text.
 * - Whitespace: any run of spaces, tabs or line breaks in the phrase matches any run in the seed.
 * - Line breaks the extraction put inside a word or after a slash or hyphen: the seed's
 *   "ar-\nbete", "Återhämtningss\nkola" and "Växelvård/ \nkorttidsboende" match "arbete",
 *   "Återhämtningsskola" and "Växelvård/korttidsboende" (a hyphen is dropped only where a line
 *   ends on it).
 * Letter case is exact, with two stated exceptions that callers ask for (`capital`, `caps`): a
 * label lifted from the middle of a sentence may begin with a capital letter, and a heading the
 * document sets in capitals (Mind's figure headings, "ANDEL KOMMUNER SOM ERBJUDER IPS") may be
 * stored in sentence case. Punctuation, digits, dashes (– is not -) and spelling are exact.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const dataDir = fileURLToPath(new URL('../../../prisma/data/', import.meta.url));
/** Copies of the seed documents (a clone has no ../shared): see ../seed-text/README.md. */
const seedTextDir = fileURLToPath(new URL('../seed-text/', import.meta.url));

export type CsvRecord = Record<string, string>;
/** A data file under prisma/data as records keyed by column (no checks: the loader does those). */
export function readData(relative: string): CsvRecord[] {
  return parse(readFileSync(path.join(dataDir, relative), 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as CsvRecord[];
}

/** A line break (with whatever whitespace surrounds it) becomes this mark; other whitespace a space. */
const BREAK = '\u00b6';
const isWordChar = /[\p{L}\p{N}]/u;
/** After a table's number in its heading: "Tabell 18:", "Tabell 1.", "Tabell 42 De tio" (not "Tabell 32 listas"). */
const HEADING_END = '(?=[:.]| \\p{Lu})';

function normalise(raw: string): string {
  return raw.replace(/\s+/g, (ws) => (ws.includes('\n') ? BREAK : ' '));
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regular expression for `phrase` that forgives what the extraction did (see the file comment). */
function phrasePattern(phrase: string, firstLetter: 'exact' | 'either'): RegExp {
  const chars = [...phrase.trim().replace(/\s+/g, ' ')];
  let source = '';
  chars.forEach((c, i) => {
    if (c === ' ') source += `[ ${BREAK}]`;
    else if (i === 0 && firstLetter === 'either' && c.toLowerCase() !== c.toUpperCase()) source += `[${escape(c.toLowerCase())}${escape(c.toUpperCase())}]`;
    else source += escape(c);
    // Between two printed characters the extraction may have broken the line (with a hyphen).
    if (i < chars.length - 1 && c !== ' ' && chars[i + 1] !== ' ') source += `(?:-?${BREAK})?`;
  });
  // A whole word or phrase: not the inside of a longer word.
  const before = isWordChar.test(chars[0] ?? '') ? '(?<![\\p{L}\\p{N}])' : '';
  const after = isWordChar.test(chars.at(-1) ?? '') ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(before + source + after, 'u');
}

export interface FindOptions {
  /** The phrase may begin with a capital where the document has a small letter (a label lifted from a sentence). */
  capital?: boolean;
  /** The document may print the phrase in capitals (a heading set in capitals). */
  caps?: boolean;
}

export class SeedText {
  readonly text: string;
  constructor(readonly file: string, readonly raw: string) {
    this.text = normalise(raw);
  }

  /** Whether `phrase` is printed in this text (or in `within`, a part of it), as the file comment says. */
  has(phrase: string, options: FindOptions = {}, within: string = this.text): boolean {
    if (phrasePattern(phrase, options.capital ? 'either' : 'exact').test(within)) return true;
    return !!options.caps && phrasePattern(phrase.toUpperCase(), 'exact').test(within);
  }

  /**
   * The text of a table: from its heading ("Tabell 18:" or "Tabell 42 De tio ...", at the start of
   * a line, not a reference such as "se Tabell 18" or "I Tabell 32 listas") to the next table's heading.
   */
  table(n: number): string {
    const heading = new RegExp(`(?:^|${BREAK}) ?Tabell ${n}${HEADING_END}`, 'u');
    const start = heading.exec(this.text);
    if (!start) throw new Error(`${this.file}: no heading "Tabell ${n}"`);
    const rest = this.text.slice(start.index + start[0].length);
    const next = new RegExp(`${BREAK} ?Tabell \\d+${HEADING_END}`, 'u').exec(rest);
    return this.text.slice(start.index, start.index + start[0].length + (next ? next.index : rest.length));
  }
}

const cache = new Map<string, SeedText>();
/** The seed text of a source (a code in sources.csv). */
export function seedOf(source: string): SeedText {
  const cached = cache.get(source);
  if (cached) return cached;
  const row = readData('sources.csv').find((s) => s.code === source);
  if (!row) throw new Error(`no source ${source} in sources.csv`);
  const seed = new SeedText(row.seed_file!, readFileSync(path.join(seedTextDir, row.seed_file!), 'utf8'));
  cache.set(source, seed);
  return seed;
}

export function sourceCodes(): string[] {
  return readData('sources.csv').map((s) => s.code!);
}

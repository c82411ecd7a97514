import { slugify } from '../load/csv.js';
import type { Row } from '../load/plan.js';
import { KoladaError } from './errors.js';

/**
 * What Insyn reads from a Kolada KPI's metadata (`/v3/kpi`): how its values are coded, its unit,
 * whether the series is discontinued, and which source to credit. Kolada's own words (title,
 * description) are kept verbatim; nothing here is assumed that the metadata does not say.
 */

/** The data set every Kolada figure belongs to (kind IMPORTED: the loader never owns it). */
export const KOLADA_DATASET = 'kolada';
/** Sources the sync writes have codes starting with this; the loader leaves them (and their indicators) alone. */
export const KOLADA_SOURCE_PREFIX = 'kolada';
/** The credit line for Öppna jämförelser's KPIs, as the issue and Kolada's terms ask. */
export const OJ_ATTRIBUTION = 'Kolada (RKA), Källa: Socialstyrelsen, Öppna jämförelser';

/** A KPI as Kolada v3 describes it (the fields Insyn uses; Kolada sends more). */
export interface KoladaKpi {
  id: string;
  title: string;
  description: string;
  is_divided_by_gender: boolean;
  /** K: municipalities, L: regions (and Riket), A: all. */
  municipality_type: string;
  operating_area?: string | null;
  publication_date?: string | null;
}

/** A series' own coding of its values, read from its title: "(Ja=1, Nej=2)" → 1 → Ja, 2 → Nej. */
export interface Coding {
  /** Exactly as the title writes it, e.g. "(Ja=1, Nej=2)". */
  printed: string;
  labels: Map<number, string>;
  /** True when the labels are exactly Ja and Nej: the figures are answers, not numbers. */
  yesNo: boolean;
}

/**
 * The coding a KPI's title (or, failing that, its description) gives its values: a parenthesis
 * of `label=number` pairs. Ja=1/Nej=0 in some series, Ja=1/Nej=2 in others, ordinal scales
 * ("Inom 3 dagar=3, 4-7 dagar=2, ...") in a few: each series is read by its own, never assumed.
 */
export function codingOf(kpi: Pick<KoladaKpi, 'title' | 'description'>): Coding | null {
  for (const text of [kpi.title, kpi.description]) {
    for (const match of text.matchAll(/\(([^()]*=[^()]*)\)/g)) {
      const pairs = match[1]!.split(',').map((part) => /^\s*(.+?)\s*=\s*(\d+)\s*$/.exec(part));
      if (!pairs.length || pairs.some((p) => !p)) continue;
      const labels = new Map(pairs.map((p) => [Number(p![2]), p![1]!] as const));
      if (labels.size !== pairs.length) continue;
      const names = [...labels.values()].map((l) => l.toLowerCase()).sort();
      return { printed: match[0], labels, yesNo: names.length === 2 && names[0] === 'ja' && names[1] === 'nej' };
    }
  }
  return null;
}

/** "(-2023)" in the title: Kolada's mark of a series published up to that year and no longer. */
export const discontinuedIn = (title: string): number | null => {
  const match = /\(-(\d{4})\)/.exec(title);
  return match ? Number(match[1]) : null;
};

export type Unit = 'PERCENT' | 'NUMBER' | 'YES_NO';

/** The unit Insyn shows: yes/no for a Ja/Nej coding, percent where the title says "(%)" or "andel", else a number. */
export function unitOf(kpi: KoladaKpi): Unit {
  const coding = codingOf(kpi);
  if (coding?.yesNo) return 'YES_NO';
  if (!coding && /\(%\)|\bandel\b|\bprocent\b/i.test(kpi.title)) return 'PERCENT';
  return 'NUMBER';
}

/** The code of the indicator a KPI gets when no Insyn indicator carries its id. */
export const indicatorCodeFor = (kpi: string) => `kolada-${kpi.toLowerCase()}`;

/**
 * The source to credit for a KPI's figures: Kolada, with the original publisher its
 * description names ("Källa: ..."). Öppna jämförelser's KPIs (Socialstyrelsen's survey) share
 * one source with the credit line Kolada's terms and the reports use.
 */
export function sourceFor(kpi: KoladaKpi, year: number): Row {
  const base = { publisher: 'Kolada (RKA)', year, url: 'https://www.kolada.se/', licence: 'Öppna data från Kolada (RKA); återges med källangivelse', seed_file: null };
  const credits = [...kpi.description.matchAll(/Källa:\s*(?:Källa:\s*)?([^]+?)\s*$/g)].map((m) => m[1]!.replace(/\.$/, '').trim());
  const credit = credits.at(-1);
  if (!credit) return { ...base, code: KOLADA_SOURCE_PREFIX, title: 'Kolada', attribution: 'Kolada (RKA), Källa: Kolada' };
  if (/Socialstyrelsen|\bÖJ\b|Öppna jämförelser/.test(credit)) {
    return { ...base, code: `${KOLADA_SOURCE_PREFIX}-oj`, title: 'Kolada: Öppna jämförelser (Socialstyrelsen), per kommun', attribution: OJ_ATTRIBUTION };
  }
  return { ...base, code: `${KOLADA_SOURCE_PREFIX}-${slugify(credit).slice(0, 60)}`, title: `Kolada: ${credit}`, attribution: `Kolada (RKA), Källa: ${credit}` };
}

/** The indicator made from a KPI's metadata, Kolada's title and description verbatim. */
export function indicatorFor(kpi: KoladaKpi, sourceCode: string): Row {
  return {
    code: indicatorCodeFor(kpi.id), title_sv: kpi.title, title_en: null, description_sv: kpi.description,
    description_en: `Kolada KPI ${kpi.id}, as Kolada describes it (description_sv). Kolada's metadata gives no direction, so Insyn states none.`,
    area_code: null, kind: 'INDICATOR', unit: unitOf(kpi), direction: 'NONE', kolada_kpi_id: kpi.id,
    discontinued: discontinuedIn(kpi.title) !== null, source_code: sourceCode,
  };
}

/** Checks the fields of a `/v3/kpi` value Insyn relies on. */
export function checkKpi(value: unknown, where: string): KoladaKpi {
  const v = value as Record<string, unknown>;
  const problem = (what: string) => new KoladaError('KOLADA_MALFORMED_RESPONSE', `${where}: ${what} in ${JSON.stringify(value).slice(0, 200)}. Nothing was written.`);
  if (!v || typeof v !== 'object') throw problem('a KPI is not an object');
  if (typeof v.id !== 'string' || !/^[A-Z]\d{5}$/.test(v.id)) throw problem('"id" is not a Kolada KPI id');
  if (typeof v.title !== 'string' || !v.title.trim()) throw problem('"title" is missing');
  if (typeof v.description !== 'string') throw problem('"description" is missing');
  if (typeof v.is_divided_by_gender !== 'boolean') throw problem('"is_divided_by_gender" is not true or false');
  if (typeof v.municipality_type !== 'string' || !['K', 'L', 'A'].includes(v.municipality_type)) throw problem('"municipality_type" is not K, L or A');
  return v as unknown as KoladaKpi;
}

/** Formatting shared by the live pages: values as the sources print them, sources, members. */
import type { Direction, IndicatorKind, OfferingDecision, OfferingForm, OfferingProvider, SurveyStatus, Unit } from '@insyn/sdk';

export interface SourceLike {
  publisher: string;
  title: string;
  year: number;
  attribution?: string | null;
  url?: string | null;
}
export interface FigureLike {
  value?: number | null;
  printed?: string | null;
  status?: string;
  table?: string | null;
  source: SourceLike;
}

const number = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });

/** A value for display: the source's own printing where it has one, else the number with its unit. */
export function show(value: number | null | undefined, unit?: string | null, printed?: string | null): string {
  if (printed) return printed;
  if (value == null) return '–';
  return unit === 'PERCENT' ? `${number.format(value)} %` : unit === 'SEK' ? `${number.format(value)} kr` : number.format(value);
}

/** A number with a decimal comma, e.g. a mean. */
export function num(value: number | null | undefined, digits = 1): string {
  if (value == null) return '–';
  return new Intl.NumberFormat('sv-SE', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

export function statusText(status?: string, reason?: string | null): string {
  if (status === 'SUPPRESSED') return `Suppressed (redovisas inte)${reason ? `: ${reason}` : ''}`;
  // MISSING: the source prints no figure ("-"). CHART_ONLY: it publishes one, in a chart whose values we lack.
  if (status === 'MISSING') return `Not published (saknas)${reason ? `: ${reason}` : ''}`;
  if (status === 'CHART_ONLY') return `Published only in a chart, value not available here${reason ? `: ${reason}` : ''}`;
  return 'Published';
}

/**
 * One line per source document for a set of figures, with every table they come from,
 * e.g. "Socialstyrelsen: Öppna jämförelser 2022 – Socialpsykiatri (2022), Tabell 2".
 */
export function sourceLines(figures: FigureLike[]): { key: string; text: string; url?: string | null; attribution?: string | null }[] {
  const bySource = new Map<string, { source: SourceLike; tables: Set<string> }>();
  for (const f of figures) {
    const key = `${f.source.publisher}|${f.source.title}|${f.source.year}`;
    const entry = bySource.get(key) ?? { source: f.source, tables: new Set<string>() };
    for (const t of (f.table ?? '').split(';')) if (t.trim()) entry.tables.add(t.trim());
    bySource.set(key, entry);
  }
  return [...bySource.entries()].map(([key, { source, tables }]) => ({
    key,
    text: `${source.publisher}: ${source.title} (${source.year})${tables.size ? `, ${[...tables].sort(tableOrder).join('; ')}` : ''}`,
    url: source.url,
    attribution: source.attribution,
  }));
}

function tableOrder(a: string, b: string) {
  return a.localeCompare(b, 'sv', { numeric: true });
}

/** Ignores case, diacritics and extra white space, as the API's search does: "goteborg" finds Göteborg, "vald" finds Våld. */
export { searchKey as fold } from '@insyn/sdk';

interface MemberLike { id: string; labelSv: string; dimension?: { code: string } | null }

/** Label of a series from its members, leaving out the dimensions already chosen (e.g. area). */
export function seriesLabel(members: MemberLike[], omit: string[] = []): string {
  const shown = members.filter((m) => !omit.includes(m.id.split(':')[0]!));
  return shown.length ? shown.map((m) => m.labelSv).join(', ') : 'Total';
}

/** The dimensionKey without some dimensions, e.g. "area=aldre;provider=x" minus area → "provider=x". */
export function keyWithout(dimensionKey: string, omit: string[]): string {
  return dimensionKey
    .split(';')
    .filter((part) => part && !omit.includes(part.split('=')[0]!))
    .join(';');
}

export const palette = ['#1d4e89', '#c2571a', '#2f7d32', '#7b3f99', '#8a6d00', '#0f6f73', '#a3224d', '#4d4d4d'];

/** Swedish labels of the offering enums, as SKR's survey words them (see the schema's enum descriptions); every value needs one. */
export const offeringLabels: Record<OfferingForm | OfferingProvider | OfferingDecision | SurveyStatus, string> = {
  PHYSICAL_ONLY: 'Enbart fysisk form',
  PHYSICAL_AND_DIGITAL: 'Fysisk och digital form',
  DIGITAL_ONLY: 'Enbart digital form',
  MUNICIPAL_ONLY: 'Enbart kommunal regi',
  MUNICIPAL_AND_PRIVATE: 'Kommunal och enskild regi',
  PRIVATE_ONLY: 'Enbart enskild regi',
  WITH_DECISION_ONLY: 'Enbart med biståndsbeslut',
  WITH_AND_WITHOUT_DECISION: 'Både med och utan biståndsbeslut',
  WITHOUT_DECISION_ONLY: 'Enbart utan biståndsbeslut',
  UNKNOWN: 'Vet ej',
  COMPLETED: 'Completed (slutförd)',
  STARTED: 'Started (påbörjad)',
  NOT_STARTED: 'Not started (ej påbörjad)',
};
export const label = (value: string | null | undefined) => (value ? (offeringLabels[value as keyof typeof offeringLabels] ?? value) : '–');

export const kindLabels: Record<IndicatorKind, string> = {
  INDICATOR: 'Indicator (indikator)',
  BACKGROUND_MEASURE: 'Background measure (bakgrundsmått)',
  SURVEY_RESULT: 'Survey result (enkätresultat)',
  DESCRIPTIVE_STATISTIC: 'Descriptive statistic',
};
export const unitLabels: Record<Unit, string> = { PERCENT: 'percent', COUNT: 'count', NUMBER: 'number', SEK: 'kronor', YES_NO: 'yes/no (ja/nej)' };
export const directionLabels: Record<Direction, string> = { HIGHER_IS_BETTER: 'higher is better', LOWER_IS_BETTER: 'lower is better', NONE: 'no direction' };

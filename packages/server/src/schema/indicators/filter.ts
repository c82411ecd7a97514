import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { checkListLengths, InsynError, MAX_LIST_LENGTH, suggest, unknownError } from '../../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { ObservationStatus, RegionLevel } from '../enums.js';
import { requireRegions } from '../regions/lookup.js';
import { requireSources } from '../sources/sources.js';
import { requireIndicators } from './indicators.js';
import type { Lookups } from '../../lookup/lookups.js';
import { normaliseTable } from '../../load/locator.js';
import { dimensionKey } from '../../load/keys.js';

export interface ObservationFilterInput {
  indicators?: string[] | null;
  regions?: string[] | null;
  level?: 'COUNTRY' | 'COUNTY' | 'MUNICIPALITY' | 'DISTRICT' | null;
  periodFrom?: number | null;
  periodTo?: number | null;
  members?: string[] | null;
  exactMembers?: boolean | null;
  statuses?: ('PUBLISHED' | 'SUPPRESSED' | 'MISSING' | 'CHART_ONLY')[] | null;
  sources?: string[] | null;
  publicationYear?: number | null;
  tables?: string[] | null;
  updatedSince?: Date | null;
}

export const ObservationFilter = builder.inputType('ObservationFilter', {
  description: 'Which observations to return. Every list is OR within itself; different fields combine with AND. Unknown codes are errors with suggestions.',
  fields: (t) => ({
    indicators: t.stringList({ required: false, description: 'Indicator codes, e.g. `["oj-ibic-utredning"]`.' }),
    regions: t.stringList({ required: false, description: 'SCB region codes, e.g. `["00", "01"]`.' }),
    level: t.field({ type: RegionLevel, required: false, description: 'Only regions at this level.' }),
    periodFrom: t.int({ required: false, description: 'First year, inclusive.' }),
    periodTo: t.int({ required: false, description: 'Last year, inclusive.' }),
    members: t.stringList({ required: false, description: 'Dimension members as `dimension:member`, e.g. `["area:socialpsykiatri"]`. Members of the same dimension are OR-ed, different dimensions AND-ed.' }),
    exactMembers: t.boolean({ required: false, description: 'Only figures broken down by exactly `members` and nothing more: one series per combination (without it, `["area:socialpsykiatri"]` also matches that area\'s figures by provider or the county minimum and maximum). With no `members`, the series without dimensions.' }),
    statuses: t.field({ type: [ObservationStatus], required: false, description: 'Only these statuses (default: all, so suppressed figures are never dropped silently).' }),
    sources: t.stringList({ required: false, description: 'Source codes, e.g. `["skr-2022-insatser"]`.' }),
    tables: t.stringList({ required: false, description: 'Only figures printed in these tables or figures, e.g. `["Tabell 15"]` (also "tabell 15", "Table 15", "Figur 1"); combine with `sources` to name one document\'s table.' }),
    publicationYear: t.int({ required: false, description: 'Only figures from documents published in this year (e.g. 2025 for Mind\'s report, whose figures are for 2024). `periodFrom`/`periodTo` are the years the figures are for.' }),
    updatedSince: t.field({ type: 'DateTime', required: false, description: 'Only observations changed after this time (change feed).' }),
  }),
});

/** Checks every code in the filter and builds the Prisma where clause. */
export async function observationWhere(ctx: Context, filter: ObservationFilterInput): Promise<Prisma.ObservationWhereInput> {
  checkListLengths({ indicators: filter.indicators, regions: filter.regions, members: filter.members, sources: filter.sources, tables: filter.tables });
  const and: Prisma.ObservationWhereInput[] = [];
  if (filter.indicators?.length) {
    and.push({ indicatorCode: { in: await requireIndicators(ctx, filter.indicators) } });
  }
  if (filter.regions?.length) {
    await requireRegions(ctx, filter.regions);
    and.push({ regionCode: { in: [...new Set(filter.regions)] } });
  }
  if (filter.level) and.push({ region: { level: filter.level } });
  if (filter.periodFrom != null || filter.periodTo != null) {
    // One year asked as both ends (crossSection, ranking, comparison) is the argument `period`.
    const single = filter.periodFrom != null && filter.periodFrom === filter.periodTo;
    const years = (single ? [['period', filter.periodFrom]] : [['periodFrom', filter.periodFrom], ['periodTo', filter.periodTo]]) as [string, number | null | undefined][];
    const outside = ({ min, max }: { min: number; max: number }) => years.find(([, year]) => year != null && (year < min || year > max));
    // Before refusing a year, the newest data (another process may just have loaded it).
    const { min, max } = await ctx.lookups.withFresh((l) => l.periods, (periods) => !outside(periods));
    const [name, year] = outside({ min, max }) ?? [];
    if (name) {
      throw new InsynError('PERIOD_OUT_OF_RANGE', `${name}: ${year} is outside the years Insyn holds (${min}-${max}). Use a year in ${min}..${max}.${publicationHint(ctx.lookups.current, year!)}`, { min, max });
    }
    if (filter.periodFrom != null && filter.periodTo != null && filter.periodFrom > filter.periodTo) {
      throw new InsynError('INVALID_FILTER', `periodFrom (${filter.periodFrom}) is after periodTo (${filter.periodTo}). Swap them.`);
    }
    and.push({ period: { gte: filter.periodFrom ?? undefined, lte: filter.periodTo ?? undefined } });
  }
  if (filter.members?.length) {
    const malformed = filter.members.find((m) => !/^[a-z][a-z0-9_]*:[^:]+$/.test(m));
    if (malformed) throw new InsynError('INVALID_FILTER', `members: "${malformed}" is not "dimension:member", e.g. "form:digital_only".`);
    const ids = [...new Set(filter.members)];
    await ctx.lookups.require((l) => l.members, ids, unknownMemberError);
    const byDimension = new Map<string, string[]>();
    for (const id of ids) byDimension.set(id.split(':')[0]!, [...(byDimension.get(id.split(':')[0]!) ?? []), id]);
    for (const group of byDimension.values()) and.push({ members: { some: { memberId: { in: group } } } });
  }
  if (filter.exactMembers) and.push({ dimensionKey: { in: seriesKeys(filter.members ?? []) } });
  if (filter.statuses?.length) and.push({ status: { in: filter.statuses } });
  if (filter.sources?.length) and.push(printedIn({ sourceCode: { in: await requireSources(ctx, filter.sources) } }));
  if (filter.tables?.length) and.push(printedIn({ tables: { hasSome: await requireTables(ctx, filter.tables) } }));
  if (filter.publicationYear != null) and.push(printedIn({ sourceCode: { in: await sourcesPublishedIn(ctx, filter.publicationYear) } }));
  if (filter.updatedSince) and.push({ updatedAt: { gt: filter.updatedSince } });
  return { AND: and };
}

/**
 * The dimension keys (`dim=member;dim=member`, dimensions sorted, as the loader writes them)
 * that exactly `members` name: one per combination of the members given for each dimension.
 */
export function seriesKeys(members: readonly string[]): string[] {
  const byDimension = new Map<string, string[]>();
  for (const id of new Set(members)) {
    const [dimension, member] = id.split(':') as [string, string];
    byDimension.set(dimension, [...(byDimension.get(dimension) ?? []), member]);
  }
  let series: [string, string][][] = [[]];
  for (const [dimension, choices] of byDimension) {
    series = series.flatMap((pairs) => choices.map((member): [string, string][] => [...pairs, [dimension, member]]));
    if (series.length > MAX_LIST_LENGTH) throw new InsynError('INVALID_FILTER', `members: with exactMembers these members name ${series.length}+ series, more than ${MAX_LIST_LENGTH}. Name fewer members per dimension.`, { max: MAX_LIST_LENGTH });
  }
  return series.map(dimensionKey);
}

/** A figure matches where it is printed: its own printing, or any other (`Observation.printings`). */
const printedIn = (where: { sourceCode?: { in: string[] }; tables?: { hasSome: string[] } }): Prisma.ObservationWhereInput => ({ OR: [where, { printings: { some: where } }] });

/** Tables and figures in the form the data holds ("Tabell 15"); one no figure is printed in is INVALID_FILTER with the nearest. */
async function requireTables(ctx: Context, tables: string[]): Promise<string[]> {
  const wanted = tables.map((input) => {
    const table = normaliseTable(input);
    if (!table) throw new InsynError('INVALID_FILTER', `tables: "${input.length > 80 ? `${input.slice(0, 80)}…` : input}" is not a table or figure. Write it as the document does, e.g. "Tabell 15" or "Figur 1".`, { input });
    return table;
  });
  await ctx.lookups.require((l) => new Map([...l.tables].map((t) => [t, t])), [...new Set(wanted)], (missing, l) =>
    unknownError('INVALID_FILTER', 'figure printed in', missing, [...l.tables].map((t) => ({ key: t, label: '' })), 'List where figures are printed with `observations { edges { node { locators { label } } } }`.'));
  return [...new Set(wanted)];
}

/** The sources published in `year`, or PERIOD_OUT_OF_RANGE naming the years sources were published in. */
async function sourcesPublishedIn(ctx: Context, year: number): Promise<string[]> {
  const codes = await ctx.lookups.withFresh((l) => [...l.sources.values()].filter((s) => s.year === year).map((s) => s.code), (found) => found.length > 0);
  if (!codes.length) {
    const years = [...new Set([...ctx.lookups.current.sources.values()].map((s) => s.year))].sort();
    throw new InsynError('PERIOD_OUT_OF_RANGE', `publicationYear: no source was published in ${year}; sources were published in ${years.join(', ')}.`, { years });
  }
  return codes;
}

/**
 * Explains an empty answer for one year: the indicator has no figure for it. When that year
 * is its document's publication year (Mind's report of 2025, figures for 2024), says which
 * year to ask for. Called only when a query found nothing, so answers cost no check.
 */
export function checkPeriodOfIndicator(ctx: Context, indicator: string, period: number) {
  const lookups = ctx.lookups.current;
  const held = lookups.periodsByIndicator.get(indicator) ?? [];
  const source = lookups.sources.get(lookups.indicators.get(indicator)?.sourceCode ?? '');
  if (held.includes(period) || !source || source.year !== period || !held.length) return;
  throw new InsynError('PERIOD_OUT_OF_RANGE', `period: ${indicator} has no figure for ${period}. ${period} is when ${source.code} (${source.publisher}) was published; ${indicator}'s figures are for ${held.join(', ')}: ask for that year, or filter observations by publicationYear: ${period}.`, { years: held });
}

/** When a year asked for is a document's publication year, says which years its figures are for. */
function publicationHint(lookups: Lookups, year: number): string {
  const sources = [...lookups.sources.values()].filter((s) => s.year === year && lookups.periodsBySource.has(s.code));
  return sources.map((s) => {
    const { min, max } = lookups.periodsBySource.get(s.code)!;
    return ` ${year} is when ${s.code} (${s.publisher}) was published; its figures are for ${min === max ? min : `${min}-${max}`}: ask for that year, or filter observations by publicationYear: ${year}.`;
  }).join('');
}

/** A stable order for observation lists: indicator, region, period, dimensions, id. */
export const observationOrder: Prisma.ObservationOrderByWithRelationInput[] = [
  { indicatorCode: 'asc' }, { regionCode: 'asc' }, { period: 'asc' }, { dimensionKey: 'asc' }, { id: 'asc' },
];

/**
 * A misspelt member: when its dimension exists, the nearest members of that dimension by id
 * or Swedish label ("gender:kvinnor" → gender:women, labelled Kvinnor); otherwise the nearest ids.
 */
function unknownMemberError(input: string, lookups: Lookups) {
  const [dimension, member] = input.split(':') as [string, string];
  const all = [...lookups.members.values()];
  const same = all.filter((m) => m.dimensionCode === dimension);
  const hint = 'List members with `dimensions { members { id } }`.';
  if (!same.length) {
    const dimensions = [...new Set(all.map((m) => m.dimensionCode))];
    const near = suggest(dimension, dimensions.map((d) => ({ key: d, label: '' })));
    const error = unknownError('UNKNOWN_DIMENSION_MEMBER', 'dimension member', input, all.map((m) => ({ key: m.id, label: '' })), `There is no dimension "${dimension}"${near.length ? ` (nearest: ${near.join(', ')})` : ''}. ${hint}`);
    return error;
  }
  const nearest = suggest(member, same.map((m) => ({ key: m.code, label: m.labelSv }))).map((s) => `${dimension}:${s}`);
  return new InsynError('UNKNOWN_DIMENSION_MEMBER', `No dimension member "${input}". Did you mean ${nearest.join(', ')}? ${hint}`, { input, suggestions: nearest.map((s) => s.split(' (')[0]) });
}

/**
 * Explains an empty answer that could never have been anything else: a member of a dimension
 * none of the asked indicators is broken down by (`form:digital_only` on IBIC). Called only
 * when a query found nothing, so answers with rows cost no extra SQL.
 */
export async function checkMembersFitIndicators(ctx: Context, indicators: string[] | null | undefined, members: string[] | null | undefined) {
  if (!indicators?.length || !members?.length) return;
  const dimensions = new Set(indicators.flatMap((code) => ctx.lookups.current.indicators.get(code)?.dimensionCodes ?? []));
  const misfit = members.find((m) => !dimensions.has(m.split(':')[0]!));
  if (!misfit) return;
  const own = [...dimensions].sort();
  const which = indicators.length === 1 ? `Indicator ${indicators[0]} is` : `Indicators ${indicators.join(', ')} are`;
  throw new InsynError(
    'INVALID_FILTER',
    `${which} broken down by ${own.length ? own.join(', ') : 'no dimension'}, not by ${misfit.split(':')[0]}: "${misfit}" can match no figure. ${own.length ? 'Pick members of its own dimensions (`indicator(code:) { dimensions { members { id } } }`) or drop' : 'Drop'} \`members\`.`,
    { input: misfit, dimensions: own },
  );
}

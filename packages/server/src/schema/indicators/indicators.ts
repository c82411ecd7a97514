import { builder, checkPageSize, missingNodeIsNull, pageSize } from '../../builder.js';
import type { Context } from '../../context.js';
import { InsynError, unknownError } from '../../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { Direction, IndicatorKind, Unit } from '../enums.js';
import { AreaRef, areaOf, requireArea } from '../areas/areas.js';
import { DimensionRef } from '../dimensions/dimensions.js';
import { requireSources, SourceRef, sourceOf } from '../sources/sources.js';
import { perRequestMemo } from '../batch.js';
import type { Lookups } from '../../lookup/lookups.js';
import { searchKey } from '../../lookup/search-key.js';
import { snapshotRowOr } from '../../lookup/lookups.js';

export const IndicatorRef = builder.prismaNode('Indicator', {
  // Include mode (every column, all short): no per-field plan lookup per row, as Observation.
  id: { field: 'code' },
  ...missingNodeIsNull,
  description: 'A measure (mått): an indicator with a direction, a background measure without one, a survey result or a descriptive figure, with its unit, dimensions and source.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code, e.g. `oj-ibic-utredning`.' }),
    titleSv: t.exposeString('titleSv', { description: 'Swedish title as published (titel).' }),
    titleEn: t.exposeString('titleEn', { nullable: true, description: 'English title.' }),
    descriptionSv: t.exposeString('descriptionSv', { nullable: true, description: 'The source\'s own words defining the indicator, quoted as printed, where Insyn quotes them; null otherwise (Insyn\'s own description is `descriptionEn`).' }),
    descriptionEn: t.exposeString('descriptionEn', { nullable: true, description: 'What the indicator measures, in Insyn\'s words (English); not the source\'s.' }),
    kind: t.expose('kind', { type: IndicatorKind, description: 'Indicator, background measure, survey result or descriptive statistic.' }),
    unit: t.expose('unit', { type: Unit, description: 'Unit of the values (enhet).' }),
    direction: t.expose('direction', { type: Direction, description: 'Which way is better; NONE for background measures.' }),
    koladaKpiId: t.exposeString('koladaKpiId', { nullable: true, description: "Kolada's KPI id where Kolada publishes the same measure." }),
    discontinued: t.exposeBoolean('discontinued', { description: 'True when the series is no longer published.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When Insyn last changed this indicator.' }),
    area: t.field({ type: AreaRef, nullable: true, description: 'The area (verksamhetsområde) it belongs to, if one.', resolve: (i, _args, ctx) => (i.areaCode ? areaOf(ctx, i.areaCode) : null) }),
    source: t.field({ type: SourceRef, description: 'The document that publishes it.', resolve: (i, _args, ctx) => sourceOf(ctx, i.sourceCode) }),
    dimensions: t.field({
      type: [DimensionRef],
      description: 'Dimensions its observations are broken down by, in order.',
      // Loaded through the join table with the indicator itself: no query per indicator.
      select: (_args, _ctx, nestedSelection) => ({
        dimensions: { orderBy: [{ position: 'asc' }, { dimensionCode: 'asc' }], select: { dimension: nestedSelection(true) } },
      }),
      resolve: (indicator) => indicator.dimensions.map((d) => d.dimension),
    }),
    observations: t.relatedConnection('observations', {
      description: 'Its observations, by region and period. For filters across indicators use `observations(filter:)`.',
      cursor: 'id',
      totalCount: true,
      ...pageSize,
      query: { orderBy: [{ regionCode: 'asc' }, { period: 'asc' }, { dimensionKey: 'asc' }, { id: 'asc' }] },
    }),
    actionPlanItems: t.relation('actionItems', { description: 'Action-plan findings and activities about the same thing (e.g. Stockholm 2013).', query: { orderBy: { id: 'asc' } } }),
  }),
});

const unknownIndicator = (code: string, lookups: Lookups) =>
  unknownError('UNKNOWN_INDICATOR', 'indicator', code, [...lookups.indicators.keys()].map((key) => ({ key, label: '' })), 'List codes with `indicators(search: ...)`.');

/** The indicator (with its dimension codes), or UNKNOWN_INDICATOR with the nearest codes. */
export async function requireIndicator(ctx: Context, code: string) {
  return (await ctx.lookups.require((l) => l.indicators, [code], unknownIndicator))[0]!;
}

/** Checks that every code names an indicator; returns the distinct codes. */
export async function requireIndicators(ctx: Context, codes: string[]) {
  const unique = [...new Set(codes)];
  await ctx.lookups.require((l) => l.indicators, unique, unknownIndicator);
  return unique;
}

const IndicatorFilter = builder.inputType('IndicatorFilter', {
  description: 'Which indicators to list; fields combine with AND.',
  fields: (t) => ({
    area: t.string({ required: false, description: 'Area code, e.g. `socialpsykiatri`.' }),
    kind: t.field({ type: IndicatorKind, required: false, description: 'Only this kind.' }),
    source: t.string({ required: false, description: 'Source code, e.g. `mind-2025-ips`.' }),
    search: t.string({ required: false, description: 'Words in the Swedish or English title or the code; accents and case ignored.' }),
    updatedSince: t.field({ type: 'DateTime', required: false, description: 'Only indicators changed after this time (change feed).' }),
  }),
});

/** The indicator a data row points at, from the lookup snapshot: no join, no statement. */
export const indicatorOf = (ctx: Context, code: string) => ctx.lookups.referenced((l) => l.indicators, code);

builder.queryFields((t) => ({
  indicator: t.prismaField({
    type: 'Indicator',
    description: 'One indicator by code. An unknown code is an error with the nearest codes as suggestions.',
    args: { code: t.arg.string({ required: true, description: 'Indicator code.' }) },
    resolve: async (query, _root, args, ctx) => {
      const indicator = await requireIndicator(ctx, args.code);
      return snapshotRowOr(query, () => indicator, () => ctx.prisma.indicator.findUniqueOrThrow({ ...query, where: { code: args.code } }));
    },
  }),
  indicators: t.prismaConnection({
    type: 'Indicator',
    cursor: 'code',
    description: 'Indicators, by code, filtered by area, kind, source, text or change time.',
    ...pageSize,
    args: { filter: t.arg({ type: IndicatorFilter, required: false, description: 'Narrow by area, kind, source, text or change date.' }) },
    totalCount: async (_conn, args, ctx) => {
      checkPageSize(args);
      return ctx.prisma.indicator.count({ where: await indicatorWhereOnce(ctx, args.filter ?? {}) });
    },
    resolve: async (query, _root, args, ctx) => {
      checkPageSize(args);
      return ctx.prisma.indicator.findMany({ ...query, where: await indicatorWhereOnce(ctx, args.filter ?? {}), orderBy: { code: 'asc' } });
    },
  }),
}));

/** The checked filter, once per request (`totalCount` and the rows both need it). */
const indicatorWhereOnce = (ctx: Context, filter: Parameters<typeof indicatorWhere>[1]) => perRequestMemo(ctx, `indicators:${JSON.stringify(filter)}`, () => indicatorWhere(ctx, filter));

async function indicatorWhere(ctx: Context, filter: { area?: string | null; kind?: string | null; source?: string | null; search?: string | null; updatedSince?: Date | null }): Promise<Prisma.IndicatorWhereInput> {
  if (filter.area) await requireArea(ctx, filter.area);
  // A misspelt source would otherwise list no indicators at all, silently.
  if (filter.source) await requireSources(ctx, [filter.source]);
  const words = filter.search ? searchKey(filter.search).split(' ').filter(Boolean) : [];
  if (words.length > MAX_SEARCH_WORDS) throw new InsynError('INVALID_FILTER', `search: ${words.length} words is more than ${MAX_SEARCH_WORDS}. Search for a few words of a title, a table ("Tabell 5") or a label.`, { max: MAX_SEARCH_WORDS });
  return {
    AND: [
      filter.area ? { areaCode: filter.area } : {},
      filter.kind ? { kind: filter.kind as never } : {},
      filter.source ? { sourceCode: filter.source } : {},
      filter.updatedSince ? { updatedAt: { gt: filter.updatedSince } } : {},
      words.length ? { code: { in: matchingIndicatorCodes(ctx, words) } } : {},
    ],
  };
}

/** Most words one search may hold: enough for any title, not a way to keep the server busy. */
const MAX_SEARCH_WORDS = 20;

/**
 * Codes whose search text (lookup layer: code, titles, description, area, member labels, the
 * tables its figures are printed in) contains every word, accents and case ignored; in memory.
 */
function matchingIndicatorCodes(ctx: Context, words: string[]): string[] {
  return [...ctx.lookups.current.indicatorSearch].filter(([, text]) => words.every((w) => text.includes(w))).map(([code]) => code);
}

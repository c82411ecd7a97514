import { builder, checkPageSize, missingNodeIsNull, pageSize } from '../../builder.js';
import type { Context } from '../../context.js';
import { perRequestMemo } from '../batch.js';
import { Answer, describedEnum, ObservationStatus, RegionLevel, ValueReading } from '../enums.js';
import { requireRegion } from '../regions/lookup.js';
import { RegionRef, regionOf } from '../regions/regions.js';
import { SourceRef, sourceOf } from '../sources/sources.js';
import { IndicatorRef, indicatorOf } from './indicators.js';
import { DimensionMemberRef, memberOf } from '../dimensions/dimensions.js';
import { checkMembersFitIndicators, checkPeriodOfIndicator, ObservationFilter, observationOrder, observationWhere, type ObservationFilterInput } from './filter.js';
import { parseLocator, type LocatorPart } from '../../load/locator.js';

const LocatorKind = describedEnum('LocatorKind', 'What part of a document a figure is printed in.', {
  TABLE: 'A table (tabell).',
  FIGURE: 'A figure or chart (figur, diagram).',
  TEXT: 'Running text (löptext).',
});

const Locator = builder.objectRef<LocatorPart>('Locator').implement({
  description: 'One place in the source document a figure is printed: a table, a figure or a passage of text.',
  fields: (t) => ({
    kind: t.field({ type: LocatorKind, description: 'Table, figure or text.', resolve: (l) => l.kind }),
    label: t.exposeString('label', { description: 'As in the document: "Tabell 15", "Figur 1", "Figur: <title>"; for text, the heading of the passage. Use it in `ObservationFilter.tables`.' }),
    number: t.exposeInt('number', { nullable: true, description: 'The table\'s or figure\'s number, where it has one.' }),
    section: t.exposeString('section', { nullable: true, description: 'A section of the table (e.g. "Nationellt genomsnitt", its national row) or the heading of the passage.' }),
    text: t.exposeString('text', { description: 'The locator part exactly as recorded.' }),
  }),
});

builder.prismaObject('ObservationPrinting', {
  description: 'Another place the same figure is printed: another table of the same document (e.g. a county table\'s "Nationellt genomsnitt" row) or another document, with the value printed there.',
  fields: (t) => ({
    source: t.field({ type: SourceRef, description: 'The document of this printing.', resolve: (p, _args, ctx) => sourceOf(ctx, p.sourceCode) }),
    table: t.exposeString('locator', { description: 'Where in that document, e.g. "Tabell 15 (Nationellt genomsnitt)".' }),
    locators: t.field({ type: [Locator], description: 'The same, structured.', select: { locator: true }, resolve: (p) => parseLocator(p.locator) }),
    value: t.float({ nullable: true, resolve: (o) => o.value, description: 'The value printed there; it may differ from the figure\'s own (see `note`).' }),
    printed: t.exposeString('printed', { nullable: true, description: 'Exactly as printed there.' }),
    note: t.exposeString('note', { nullable: true, description: 'Why the printings differ and which the figure holds.' }),
  }),
});

/** Records the IMPORTED data sets among returned figures, for `extensions.imported` (plugins/synthetic-notice.ts). */
export function noteImported(ctx: Context, rows: readonly { datasetCode?: string }[]) {
  for (const { datasetCode } of rows) {
    if (datasetCode && ctx.lookups.current.datasets.get(datasetCode)?.kind === 'IMPORTED') (ctx.imported ??= new Set()).add(datasetCode);
  }
}

export const ObservationRef = builder.prismaNode('Observation', {
  // The columns nearly every question reads are selected for the type, and its fields of them
  // resolve plainly; so are `statusReason`, `note` and `baseN`, which the SDK's ObservationFields
  // and most examples ask for and which are null for most figures (cheap for Prisma to read).
  // The others are exposed, so Pothos selects each only when a query asks for it, at the price
  // of looking up its plan on every row. Both ways cost (A/B, docs/benchmark.md): with these
  // three, a page of 50 that asks for none of them costs 5 % more server CPU and
  // `providerByCounty` (which asks for two) 6 % less; with `printed` and `locator` (text on every
  // figure) as well, 19 % more and 14 % less. `updatedAt` converts a Date per row. The row always
  // has its data set (noteImported) and the codes of its region and source, which come from the
  // lookup snapshot.
  select: { id: true, indicatorCode: true, regionCode: true, sourceCode: true, datasetCode: true, period: true, dimensionKey: true, value: true, status: true, statusReason: true, baseN: true, note: true },
  id: { field: 'id' },
  ...missingNodeIsNull,
  description: 'One figure (observation): an indicator for a region, a year and dimension members, with its status, base and the document and table it comes from.',
  fields: (t) => ({
    period: t.int({ description: 'The reference period: the year the figure is for (år), e.g. 2024 for Mind\'s survey of 2024 published in 2025.', resolve: (o) => o.period }),
    publicationYear: t.int({
      description: 'The year the document the figure comes from was published (publiceringsår), e.g. 2025 for Mind\'s report; see `period` for the year the figure is for.',
      select: { source: { select: { year: true } } },
      resolve: (o) => o.source.year,
    }),
    value: t.float({ nullable: true, resolve: (o) => o.value, description: 'The figure: as printed in the source, or Insyn\'s reading where the printed figure is impossible (see `reading`); null when suppressed, missing or only in a chart (see `status`). Percentages are always 0-100.' }),
    printed: t.exposeString('printed', { nullable: true, description: 'The figure exactly as the source prints it, e.g. "68%" or "875".' }),
    answer: t.expose('answer', { type: Answer, nullable: true, description: 'A yes/no figure\'s answer (indicator unit YES_NO), decoded by its series\' own coding; `printed` holds the source\'s label ("Ja"/"Nej"), `value` is null. Null for every other figure.' }),
    sourceStatus: t.exposeString('sourceStatus', { nullable: true, description: 'The status code the source gives the figure, exactly as given (Kolada\'s `status`), where it gives one.' }),
    reading: t.expose('reading', { type: ValueReading, description: 'AS_PRINTED, or MISPRINT_READ when `value` is Insyn\'s reading of a misprint (`printed` keeps the original, `note` says how it was read).' }),
    status: t.field({ type: ObservationStatus, resolve: (o) => o.status, description: 'Published, suppressed (e.g. bortfall > 20 %), missing (not printed) or published only as a chart whose value Insyn does not have (CHART_ONLY).' }),
    statusReason: t.string({ nullable: true, resolve: (o) => o.statusReason, description: 'Why a figure has no value: suppressed or missing in the source\'s words where it gives them, or what chart holds it (CHART_ONLY).' }),
    baseN: t.int({ nullable: true, resolve: (o) => o.baseN, description: 'Number answering or population the share is of (antal svarande), where the source gives it.' }),
    note: t.string({ nullable: true, resolve: (o) => o.note, description: 'How Insyn read the figure where the source misprints or is ambiguous (never a silent correction).' }),
    table: t.exposeString('locator', { description: 'Where in the source: "Tabell 2", "Figur 1" or "text: <section>"; several places separated by "; ". The same, structured: `locators`.' }),
    locators: t.field({ type: [Locator], description: 'Every place in the source the figure is printed, in order (parsed from `table`).', select: { locator: true }, resolve: (o) => parseLocator(o.locator) }),
    printings: t.relation('printings', {
      description: 'Other places the same figure is printed, each with its own source, table and printed value (the figure\'s own `value`, `source` and `table` are its first printing: the table that is about it, e.g. the national table rather than a county table\'s national row). Filters by `sources`, `tables` and `publicationYear` match any printing.',
      query: { orderBy: [{ sourceCode: 'asc' }, { locator: 'asc' }] },
    }),
    dimensionKey: t.string({ resolve: (o) => o.dimensionKey, description: 'The dimension members as `dim=member;dim=member` (empty when none): one series per key.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When Insyn last changed this figure (for `updatedSince`).' }),
    indicator: t.field({ type: IndicatorRef, description: 'What is measured.', resolve: (o, _args, ctx) => indicatorOf(ctx, o.indicatorCode) }),
    region: t.field({ type: RegionRef, description: 'Where.', resolve: (o, _args, ctx) => regionOf(ctx, o.regionCode) }),
    source: t.field({ type: SourceRef, description: 'The document (källa).', resolve: (o, _args, ctx) => sourceOf(ctx, o.sourceCode) }),
    dataset: t.relation('dataset', { description: 'The data set the figure belongs to: `published` (the documents), or an IMPORTED one such as `kolada` (npm run sync -- kolada).' }),
    members: t.field({
      type: [DimensionMemberRef],
      description: 'The dimension members this figure is for (e.g. area socialpsykiatri, form digital only).',
      // The ids from the join table; the members themselves from the lookup snapshot.
      select: { members: { orderBy: { memberId: 'asc' }, select: { memberId: true } } },
      resolve: (observation, _args, ctx) => observation.members.map((m) => memberOf(ctx, m.memberId)),
    }),
  }),
});

/** The checked filter, once per request (`totalCount` and the rows both need it). */
const observationWhereOnce = (ctx: Context, filter: ObservationFilterInput) => perRequestMemo(ctx, `observations:${JSON.stringify(filter)}`, () => observationWhere(ctx, filter));

builder.queryFields((t) => ({
  observations: t.prismaConnection({
    type: 'Observation',
    cursor: 'id',
    description: 'Observations matching a filter, ordered by indicator, region, period and dimensions. For bulk downloads use `observationExport`.',
    ...pageSize,
    args: { filter: t.arg({ type: ObservationFilter, required: true, description: 'Which observations: indicators, regions or level, years, dimension members, statuses, sources.' }) },
    totalCount: async (_conn, args, ctx) => {
      checkPageSize(args);
      return ctx.prisma.observation.count({ where: await observationWhereOnce(ctx, args.filter) });
    },
    resolve: async (query, _root, args, ctx) => {
      checkPageSize(args);
      const rows = await ctx.prisma.observation.findMany({ ...query, where: await observationWhereOnce(ctx, args.filter), orderBy: observationOrder });
      noteImported(ctx, rows);
      if (!rows.length) await checkMembersFitIndicators(ctx, args.filter.indicators, args.filter.members);
      return rows;
    },
  }),
  timeSeries: t.prismaField({
    type: ['Observation'],
    description: 'An indicator for one region over time, oldest first; one series per dimension combination (`dimensionKey`), narrowed by `members`.',
    args: {
      indicator: t.arg.string({ required: true, description: 'Indicator code.' }),
      region: t.arg.string({ required: true, description: 'SCB region code.' }),
      members: t.arg.stringList({ required: false, description: 'Dimension members, e.g. `["area:socialpsykiatri"]`.' }),
      exactMembers: t.arg.boolean({ required: false, description: 'Only the series broken down by exactly `members` (see `ObservationFilter.exactMembers`).' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const where = await observationWhere(ctx, { indicators: [args.indicator], regions: [args.region], members: args.members, exactMembers: args.exactMembers });
      const rows = await ctx.prisma.observation.findMany({ ...query, where, orderBy: [{ dimensionKey: 'asc' }, { period: 'asc' }, { id: 'asc' }] });
      noteImported(ctx, rows);
      if (!rows.length) await checkMembersFitIndicators(ctx, [args.indicator], args.members);
      return rows;
    },
  }),
  crossSection: t.prismaField({
    type: ['Observation'],
    description: 'An indicator for every region of a level in one year, by region code; suppressed and missing figures included with their reason.',
    args: {
      indicator: t.arg.string({ required: true, description: 'Indicator code.' }),
      period: t.arg.int({ required: true, description: 'Year.' }),
      level: t.arg({ type: RegionLevel, required: true, description: 'Region level, e.g. COUNTY.' }),
      members: t.arg.stringList({ required: false, description: 'Dimension members, e.g. `["area:aldre", "form:digital_only"]`.' }),
      exactMembers: t.arg.boolean({ required: false, description: 'Only the series broken down by exactly `members` (see `ObservationFilter.exactMembers`).' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const where = await observationWhere(ctx, { indicators: [args.indicator], level: args.level, periodFrom: args.period, periodTo: args.period, members: args.members, exactMembers: args.exactMembers });
      const rows = await ctx.prisma.observation.findMany({ ...query, where, orderBy: [{ regionCode: 'asc' }, { dimensionKey: 'asc' }, { id: 'asc' }] });
      noteImported(ctx, rows);
      if (!rows.length) {
        await checkMembersFitIndicators(ctx, [args.indicator], args.members);
        checkPeriodOfIndicator(ctx, args.indicator, args.period);
      }
      return rows;
    },
  }),
}));

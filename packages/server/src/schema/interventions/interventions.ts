import { builder, checkPageSize, missingNodeIsNull, pageSize } from '../../builder.js';
import type { Context } from '../../context.js';
import { InsynError, unknownError } from '../../errors.js';
import { AreaRef, areaOf, requireArea } from '../areas/areas.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { perRequestMemo } from '../batch.js';
import { escapeLike } from '../like.js';
import { UptakeList } from '../enums.js';
import { searchKey } from '../../lookup/search-key.js';
import { snapshotRowOr } from '../../lookup/lookups.js';
import { SourceRef, sourceOf } from '../sources/sources.js';



/** An intervention by code, from the lookup snapshot (the catalogue, as regions and sources). */
export const interventionOf = (ctx: Context, code: string) => ctx.lookups.referenced((l) => l.interventions, code);

export const InterventionCategoryRef = builder.prismaObject('InterventionCategory', {
  // Include mode, as Observation. Categories and their interventions come from the lookup
  // snapshot, never as JSON built in PostgreSQL (which doubled areaCatalogue's PostgreSQL CPU
  // with whole rows, docs/benchmark.md).
  description: 'A category of interventions within an area (insatskategori), as printed by SKR.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code `<area>:<slug>`.' }),
    nameSv: t.exposeString('nameSv', { description: 'Swedish name as first printed. Where tables print it with and without a comma or colon, each intervention\'s `categoryPrinted` is its own table\'s printing.' }),
    area: t.field({ type: AreaRef, description: 'The area.', resolve: (c, _args, ctx) => areaOf(ctx, c.areaCode) }),
  }),
});

export const InterventionRef = builder.prismaNode('Intervention', {
  // Include mode, as InterventionCategory (above).
  id: { field: 'code' },
  ...missingNodeIsNull,
  description: 'An intervention (insats) in SKR\'s 2022 catalogue, with its published national uptake where the report gives it.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code `<area>:<slug>`.' }),
    nameSv: t.exposeString('nameSv', { description: 'Swedish name as printed.' }),
    area: t.field({ type: AreaRef, description: 'The area.', resolve: (i, _args, ctx) => areaOf(ctx, i.areaCode) }),
    category: t.field({ type: InterventionCategoryRef, nullable: true, description: 'The category, where the report gives it.', resolve: (i, _args, ctx) => (i.categoryCode ? ctx.lookups.referenced((l) => l.categories, i.categoryCode) : null) }),
    categoryPrinted: t.exposeString('categoryPrinted', { nullable: true, description: 'The category exactly as the table that lists this intervention prints it. SKR prints some categories both with and without a comma or colon (Tabell 18, 35, 42, 43); `category.nameSv` is the category as first printed.' }),
    publishedOfferingCount: t.exposeInt('publishedOfferingCount', { nullable: true, description: 'Municipalities offering it (antal kommuner som erbjuder insatsen), where published.' }),
    publishedAnsweringCount: t.exposeInt('publishedAnsweringCount', { nullable: true, description: 'Municipalities answering (antal kommuner som svarat), where published.' }),
    publishedShare: t.exposeString('publishedSharePrinted', { nullable: true, description: 'Share offering as printed (andel kommuner som erbjuder insatsen), e.g. "99%".' }),
    uptakeList: t.expose('uptakeList', { type: UptakeList, nullable: true, description: 'Top-10 or bottom-10 table it appears in.' }),
    uptakeRank: t.exposeInt('uptakeRank', { nullable: true, description: 'Row in that table (1 = first printed).' }),
    table: t.exposeString('locator', { description: 'Where the report names it, e.g. "Tabell 2".' }),
    note: t.exposeString('note', { nullable: true, description: 'Reading notes (spelling variants, ordering).' }),
    source: t.field({ type: SourceRef, description: 'The report.', resolve: (i, _args, ctx) => sourceOf(ctx, i.sourceCode) }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When Insyn last changed this intervention\'s record.' }),
  }),
});

builder.prismaObject('InterventionHighlight', {
  description: 'A "most common intervention" row of SKR\'s national form / provider / decision tables.',
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: '1 = vanligaste, 2 = näst vanligaste, 3 = tredje vanligaste.' }),
    member: t.relation('member', { description: 'The form, provider or decision it is most common in.' }),
    intervention: t.field({ type: InterventionRef, description: 'The intervention.', resolve: (h, _args, ctx) => interventionOf(ctx, h.interventionCode) }),
    table: t.exposeString('locator', { description: 'Table, e.g. "Tabell 4".' }),
  }),
});

builder.prismaObjectField(InterventionCategoryRef, 'interventions', (t) =>
  t.field({ type: [InterventionRef], description: 'Named interventions in the category.', resolve: (c, _args, ctx) => ctx.lookups.current.interventionsOfCategory.get(c.code) ?? [] }));

// An area's part of the catalogue, from the lookup snapshot (defined here, beside the catalogue's types).
builder.prismaObjectField('Area', 'categories', (t) =>
  t.field({ type: [InterventionCategoryRef], description: 'Intervention categories (kategorier), in report order.', resolve: (a, _args, ctx) => ctx.lookups.current.categoriesOfArea.get(a.code) ?? [] }));

builder.prismaObject('SourceText', {
  description: 'A listed text item from a source, e.g. a free-text example (fritextsvar).',
  fields: (t) => ({
    position: t.exposeInt('position', { description: 'Order in the list.' }),
    textSv: t.exposeString('textSv', { description: 'The text as printed.' }),
    table: t.exposeString('locator', { description: 'Where in the source.' }),
    source: t.field({ type: SourceRef, description: 'The document.', resolve: (s, _args, ctx) => sourceOf(ctx, s.sourceCode) }),
  }),
});

builder.queryFields((t) => ({
  intervention: t.prismaField({
    type: 'Intervention',
    description: 'One intervention by code; unknown codes get suggestions.',
    args: { code: t.arg.string({ required: true, description: 'Intervention code, `<area>:<slug>`, e.g. `socialpsykiatri:boendestod`.' }) },
    resolve: async (query, _root, args, ctx) => {
      const intervention = await requireIntervention(ctx, args.code);
      return snapshotRowOr(query, () => intervention, () => ctx.prisma.intervention.findUniqueOrThrow({ ...query, where: { code: args.code } }));
    },
  }),
  interventions: t.prismaConnection({
    type: 'Intervention',
    cursor: 'code',
    description: 'Search the catalogue by name (accents and case ignored), area and category.',
    ...pageSize,
    args: {
      search: t.arg.string({ required: false, description: 'Part of the name, e.g. "ips" or "vald".' }),
      area: t.arg.string({ required: false, description: 'Area code.' }),
      category: t.arg.string({ required: false, description: 'Category code.' }),
    },
    totalCount: async (_c, args, ctx) => {
      checkPageSize(args);
      return ctx.prisma.intervention.count({ where: await interventionWhereOnce(ctx, args) });
    },
    resolve: async (query, _root, args, ctx) => {
      checkPageSize(args);
      return ctx.prisma.intervention.findMany({ ...query, where: await interventionWhereOnce(ctx, args), orderBy: [{ areaCode: 'asc' }, { nameSv: 'asc' }, { code: 'asc' }] });
    },
  }),
}));

export async function requireIntervention(ctx: Context, code: string) {
  const [intervention] = await ctx.lookups.require((l) => l.interventions, [code], (missing, l) =>
    unknownError('UNKNOWN_INTERVENTION', 'intervention', missing, [...l.interventions.keys()].map((key) => ({ key, label: '' })), 'Search with `interventions(search: ...)`.'));
  return intervention!;
}

/** The checked filter, once per request (`totalCount` and the rows both need it). */
const interventionWhereOnce = (ctx: Context, args: Parameters<typeof interventionWhere>[1]) => perRequestMemo(ctx, `interventions:${JSON.stringify([args.search, args.area, args.category])}`, () => interventionWhere(ctx, args));

async function interventionWhere(ctx: Context, args: { search?: string | null; area?: string | null; category?: string | null }): Promise<Prisma.InterventionWhereInput> {
  if (args.area) {
    const area = await requireArea(ctx, args.area);
    // The catalogue covers SKR's six areas; a report area (lss, ...) would list nothing, silently.
    if (area.kind !== 'SKR_AREA') {
      const skr = ctx.lookups.current.skrAreas;
      throw new InsynError('INVALID_FILTER', `Area ${args.area} is an Öppna jämförelser report area; SKR's catalogue of interventions covers only ${skr.map((a) => a.code).join(', ')}.`, { input: args.area, suggestions: skr.map((a) => a.code) });
    }
  }
  if (args.category) {
    await ctx.lookups.require((l) => l.categories, [args.category], (missing, l) =>
      unknownError('INVALID_FILTER', 'intervention category', missing, [...l.categories.values()].map((c) => ({ key: c.code, label: c.nameSv })), 'List codes with `areas { categories { code nameSv } }`.'));
  }
  return {
    ...(args.area ? { areaCode: args.area } : {}),
    ...(args.category ? { categoryCode: args.category } : {}),
    ...(args.search ? { searchName: { contains: escapeLike(searchKey(args.search)) } } : {}),
  };
}

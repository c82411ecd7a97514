import { builder, missingNodeIsNull, pageSize } from '../../builder.js';
import type { Context } from '../../context.js';
import { unknownError } from '../../errors.js';
import { AreaKind } from '../enums.js';
import { snapshotRowOr } from '../../lookup/lookups.js';

export async function requireArea(ctx: Context, code: string) {
  const [area] = await ctx.lookups.require((l) => l.areas, [code], (missing, l) =>
    unknownError('UNKNOWN_AREA', 'area', missing, [...l.areas.values()].map((a) => ({ key: a.code, label: a.nameSv }))));
  return area!;
}

/** An area by code, from the lookup snapshot. */
export const areaOf = (ctx: Context, code: string) => ctx.lookups.referenced((l) => l.areas, code);

export const AreaRef = builder.prismaNode('Area', {
  // Include mode (every column, all short): no per-field plan lookup per row, as Observation.
  id: { field: 'code' },
  ...missingNodeIsNull,
  description: 'An area of social services (verksamhetsområde): SKR\'s six areas and Öppna jämförelser\'s report areas.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code, e.g. `socialpsykiatri`.' }),
    nameSv: t.exposeString('nameSv', { description: 'Swedish name as published.' }),
    nameEn: t.exposeString('nameEn', { description: 'English name.' }),
    kind: t.expose('kind', { type: AreaKind, description: 'SKR area or report area.' }),
    catalogueSize: t.exposeInt('catalogueSize', { nullable: true, description: 'Number of interventions in SKR\'s catalogue for the area (antal kartlagda insatser), as published (e.g. 75 for äldre).' }),
    namedInterventionCount: t.int({ resolve: (a, _args, ctx) => ctx.lookups.current.interventionCountOfArea.get(a.code) ?? 0, description: 'How many of the catalogue\'s interventions the report\'s tables name (the rest are only counted; free-text examples are not interventions).' }),
    // `categories`, from the lookup snapshot: interventions/interventions.ts, beside the catalogue's types.
    interventions: t.relatedConnection('interventions', { description: 'Named interventions of the area, by name.', cursor: 'code', totalCount: true, ...pageSize, query: { orderBy: [{ nameSv: 'asc' }, { code: 'asc' }] } }),
    indicators: t.relation('indicators', { description: 'Indicators and survey figures of the area (Öppna jämförelser, SKR, Mind, Stockholm).', query: { orderBy: { code: 'asc' } } }),
    mostCommon: t.relation('highlights', { description: 'The most common interventions per form, provider and decision (SKR\'s "vanligaste insatsen" rows).', query: { orderBy: [{ memberId: 'asc' }, { rank: 'asc' }, { id: 'asc' }] } }),
    examplesWantedWithoutDecision: t.relation('texts', { description: 'Examples of interventions municipalities want to offer without a decision, as the report quotes them from the survey\'s free-text answers ("I fritextsvaren i enkäten återfinns följande exempel"), with their locator. What municipalities wrote, not interventions of the catalogue: they are not in `interventions`, have no offerings and are not counted in `namedInterventionCount`.', query: { where: { topic: 'wanted_without_decision' }, orderBy: [{ position: 'asc' }, { id: 'asc' }] } }),
  }),
});

builder.queryFields((t) => ({
  areas: t.prismaField({
    type: ['Area'],
    description: 'Every area, SKR\'s six first.',
    resolve: (query, _root, _args, ctx) => snapshotRowOr(query, () => ctx.lookups.current.areasInOrder, () => ctx.prisma.area.findMany({ ...query, orderBy: [{ position: 'asc' }, { code: 'asc' }] })),
  }),
  area: t.prismaField({
    type: 'Area',
    description: 'One area by code (e.g. `socialpsykiatri`); unknown codes get suggestions.',
    args: { code: t.arg.string({ required: true, description: 'Area code, e.g. `socialpsykiatri`.' }) },
    resolve: async (query, _root, args, ctx) => {
      const area = await requireArea(ctx, args.code);
      return snapshotRowOr(query, () => area, () => ctx.prisma.area.findUniqueOrThrow({ ...query, where: { code: args.code } }));
    },
  }),
}));

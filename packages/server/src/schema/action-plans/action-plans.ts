import { builder, missingNodeIsNull } from '../../builder.js';
import { ActionPlanItemKind as ItemKind } from '../enums.js';
import { RegionRef, regionOf } from '../regions/regions.js';
import { SourceRef, sourceOf } from '../sources/sources.js';
import { IndicatorRef, indicatorOf } from '../indicators/indicators.js';


builder.prismaNode('ActionPlan', {
  id: { field: 'code' },
  ...missingNodeIsNull,
  description: 'A local action plan (handlingsplan), e.g. Stockholm\'s 2013 plan after its inventory of the social psychiatry target group.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code.' }),
    title: t.exposeString('title', { description: 'Swedish title.' }),
    year: t.exposeInt('year', { description: 'Year of the plan.' }),
    region: t.field({ type: RegionRef, description: 'Whose plan it is.', resolve: (p, _args, ctx) => regionOf(ctx, p.regionCode) }),
    source: t.field({ type: SourceRef, description: 'The document.', resolve: (p, _args, ctx) => sourceOf(ctx, p.sourceCode) }),
    focusAreas: t.relation('focusAreas', { description: 'Focus areas (fokusområden), in order.', query: { orderBy: [{ position: 'asc' }, { code: 'asc' }] } }),
  }),
});

builder.prismaObject('ActionPlanFocusArea', {
  description: 'A focus area of an action plan, with its findings and activities.',
  fields: (t) => ({
    position: t.exposeInt('position', { description: 'Order in the plan.' }),
    titleSv: t.exposeString('titleSv', { description: 'Swedish heading as printed.' }),
    descriptionSv: t.exposeString('descriptionSv', { nullable: true, description: 'Introductory text.' }),
    table: t.exposeString('locator', { description: 'Where in the document.' }),
    items: t.relation('items', { description: 'Findings, then activities, in order.', query: { orderBy: [{ kind: 'desc' }, { position: 'asc' }, { id: 'asc' }] } }),
  }),
});

builder.prismaObject('ActionPlanItem', {
  description: 'A finding or activity of an action plan.',
  fields: (t) => ({
    kind: t.expose('kind', { type: ItemKind, description: 'Finding or activity.' }),
    position: t.exposeInt('position', { description: 'Order within its kind.' }),
    textSv: t.exposeString('textSv', { description: 'The text as printed.' }),
    deadline: t.exposeString('deadline', { nullable: true, description: 'Deadline as printed (tidplan), e.g. "december 2014".' }),
    responsible: t.exposeString('responsible', { nullable: true, description: 'Who is responsible, where named.' }),
    indicator: t.field({ type: IndicatorRef, nullable: true, description: 'An indicator that measures the same thing.', resolve: (i, _args, ctx) => (i.indicatorCode ? indicatorOf(ctx, i.indicatorCode) : null) }),
    focusArea: t.relation('focusArea', { description: 'The focus area.' }),
  }),
});

builder.queryFields((t) => ({
  actionPlans: t.prismaField({
    type: ['ActionPlan'],
    description: 'Every action plan.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.actionPlan.findMany({ ...query, orderBy: { code: 'asc' } }),
  }),
}));

builder.prismaObjectField('Region', 'actionPlans', (t) =>
  t.relation('actionPlans', { description: 'Action plans of this region.', query: { orderBy: { code: 'asc' } } }));

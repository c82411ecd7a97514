import { builder, checkPageSize, pageSize } from '../../builder.js';
import type { Context } from '../../context.js';
import { InsynError } from '../../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { InterventionRef, interventionOf, requireIntervention } from '../interventions/interventions.js';
import { perRequestMemo } from '../batch.js';
import { inGroup, requireGroup, requireRegion } from '../regions/lookup.js';
import { RegionRef, regionOf } from '../regions/regions.js';
import { OfferingDecision, OfferingForm, OfferingProvider, ReachBand } from '../enums.js';
import { DATASET_ARG_DESCRIPTION, markSynthetic, requireDataset } from './dataset.js';

/** Who offers an intervention: the Offering type, its filter and the `offerings` connection. */

builder.prismaObject('Offering', {
  // As Observation: the columns every question reads selected for the type, with plain fields;
  // `reachBand` and `updatedAt` (a Date per row) exposed, so read only when asked for.
  select: { regionCode: true, interventionCode: true, round: true, datasetCode: true, offered: true, form: true, provider: true, decision: true },
  description: 'A municipality\'s answer about one intervention in one survey round. In the default install these are SYNTHETIC demo records (see `dataset`), calibrated to SKR\'s published aggregates, not real answers.',
  fields: (t) => ({
    round: t.int({ resolve: (o) => o.round, description: 'Survey round (year).' }),
    offered: t.boolean({ resolve: (o) => o.offered, description: 'Whether the municipality offers it (erbjuder insatsen).' }),
    form: t.field({ type: OfferingForm, resolve: (o) => o.form, nullable: true, description: 'Form, when offered.' }),
    provider: t.field({ type: OfferingProvider, resolve: (o) => o.provider, nullable: true, description: 'Provider, when offered.' }),
    decision: t.field({ type: OfferingDecision, resolve: (o) => o.decision, nullable: true, description: 'Decision, when offered.' }),
    reachBand: t.expose('reachBand', { type: ReachBand, nullable: true, description: 'Persons reached, banded.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When this answer last changed (a load, an import or a partner\'s write that changed it).' }),
    region: t.field({ type: RegionRef, description: 'The municipality (or Stockholm district) answering.', resolve: (o, _args, ctx) => regionOf(ctx, o.regionCode) }),
    intervention: t.field({ type: InterventionRef, description: 'The intervention.', resolve: (o, _args, ctx) => interventionOf(ctx, o.interventionCode) }),
    dataset: t.relation('dataset', { description: 'The data set; `synthetic: true` for demo data.' }),
    synthetic: t.boolean({
      description: 'True when this record is synthetic demo data, not a real answer.',
      select: { datasetCode: true, dataset: { select: { synthetic: true } } },
      resolve: (o, _a, ctx) => {
        if (o.dataset.synthetic) markSynthetic(ctx, o.datasetCode);
        return o.dataset.synthetic;
      },
    }),
  }),
});

export const OfferingFilter = builder.inputType('OfferingFilter', {
  description: 'Narrows who offers an intervention; fields combine with AND.',
  fields: (t) => ({
    county: t.string({ required: false, description: 'SCB county code (Stockholm\'s districts count to 01).' }),
    group: t.string({ required: false, description: 'SKR municipality group (A1..C9) or main group (A, B, C).' }),
    form: t.field({ type: OfferingForm, required: false, description: 'Only offerings given in this form.' }),
    provider: t.field({ type: OfferingProvider, required: false, description: 'Only offerings with this provider.' }),
    decision: t.field({ type: OfferingDecision, required: false, description: 'Only offerings with this decision requirement.' }),
    offered: t.boolean({ required: false, defaultValue: true, description: 'true (default): those offering it; false: those answering that they do not.' }),
  }),
});

export type OfferingFilterInput = { county?: string | null; group?: string | null; form?: string | null; provider?: string | null; decision?: string | null; offered?: boolean | null };

export async function offeringWhere(ctx: Context, intervention: string, f: OfferingFilterInput, dataset: string): Promise<Prisma.OfferingWhereInput> {
  await requireIntervention(ctx, intervention);
  if (f.county) {
    const county = await requireRegion(ctx, f.county);
    if (county.level !== 'COUNTY') throw new InsynError('INVALID_FILTER', `county: ${f.county} is a ${county.level.toLowerCase()}, not a county. Use a two-digit SCB county code, e.g. 01.`);
  }
  if (f.group) await requireGroup(ctx, f.group);
  return {
    interventionCode: intervention,
    datasetCode: dataset,
    offered: f.offered ?? true,
    ...(f.form ? { form: f.form as never } : {}),
    ...(f.provider ? { provider: f.provider as never } : {}),
    ...(f.decision ? { decision: f.decision as never } : {}),
    // A county's units (municipalities and Stockholm's districts) from the lookup snapshot: the
    // statement names them instead of joining the region tree twice.
    ...(f.county ? { regionCode: { in: ctx.lookups.current.unitsOfCounty.get(f.county) ?? [] } } : {}),
    // Stockholm's districts answer for Stockholm, so they share its group.
    ...(f.group ? { region: { OR: [inGroup(f.group), { parent: inGroup(f.group) }] } } : {}),
  };
}

/** The checked filter, once per request (`totalCount` and the rows both need it). */
const offeringWhereOnce = (ctx: Context, intervention: string, f: OfferingFilterInput, dataset: string) =>
  perRequestMemo(ctx, `offerings:${JSON.stringify([intervention, f, dataset])}`, () => offeringWhere(ctx, intervention, f, dataset));

builder.queryFields((t) => ({
  offerings: t.prismaConnection({
    type: 'Offering',
    cursor: 'regionCode_interventionCode_round_datasetCode',
    description: 'Who offers an intervention, filterable by county, group, form, provider and decision, from one data set (`dataset`). SYNTHETIC in the default install (see `synthetic`).',
    ...pageSize,
    args: {
      intervention: t.arg.string({ required: true, description: 'Intervention code.' }),
      filter: t.arg({ type: OfferingFilter, required: false, description: 'Narrow by county, group, form, provider or decision.' }),
      dataset: t.arg.string({ required: false, description: DATASET_ARG_DESCRIPTION }),
    },
    totalCount: async (_c, args, ctx) => {
      checkPageSize(args);
      const dataset = await requireDataset(ctx, args.dataset);
      return ctx.prisma.offering.count({ where: await offeringWhereOnce(ctx, args.intervention, args.filter ?? {}, dataset.code) });
    },
    resolve: async (query, _root, args, ctx) => {
      checkPageSize(args);
      const dataset = await requireDataset(ctx, args.dataset);
      const where = await offeringWhereOnce(ctx, args.intervention, args.filter ?? {}, dataset.code);
      const rows = await ctx.prisma.offering.findMany({ ...query, where, orderBy: [{ regionCode: 'asc' }, { interventionCode: 'asc' }, { round: 'asc' }, { datasetCode: 'asc' }] });
      if (dataset.synthetic && rows.length) markSynthetic(ctx, dataset.code);
      return rows;
    },
  }),
}));

import { builder, checkPageSize, pageSize } from '../../builder.js';
import type { Context } from '../../context.js';
import { InsynError, unknownError } from '../../errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import { requireArea, requireIntervention } from '../interventions/interventions.js';
import { perRequestBatch, perRequestMemo } from '../batch.js';
import { inGroup, requireGroup, requireRegion } from '../regions/lookup.js';
import { SYNTHETIC_DATASET } from '../../loader/synthetic.js';
import { fromSnapshot } from '../../lookup/lookups.js';
import type { SurveyStatus as SurveyStatusValue } from '../../generated/prisma/enums.js';
import { describedEnum, OfferingDecision, OfferingForm, OfferingProvider, ReachBand, SurveyStatus } from '../enums.js';


/** Records that a response carries synthetic data, so the response says so (see yoga.ts). */
function markSynthetic(ctx: Context, dataset: string) {
  ctx.synthetic.add(dataset);
}

const DATASET_ARG_DESCRIPTION = `Data set to read (see \`datasets\`): default \`${SYNTHETIC_DATASET}\`, the SYNTHETIC demo set; imported real answers (npm run import) have their own code.`;

/**
 * The data set a query reads, checked once per request: an unknown code is an error with
 * suggestions, not an empty answer. Without a `dataset` argument the synthetic set is read,
 * as before the argument existed.
 */
export async function requireDataset(ctx: Context, code: string | null | undefined): Promise<{ code: string; synthetic: boolean; rounds: number[] }> {
  const [dataset] = await ctx.lookups.require((l) => l.datasets, [code ?? SYNTHETIC_DATASET], (missing, l) =>
    unknownError('UNKNOWN_DATASET', 'data set', missing, [...l.datasets.values()].map((d) => ({ key: d.code, label: d.title })), 'List them with `datasets { code title synthetic }`.'));
  return dataset!;
}

builder.prismaObject('Offering', {
  select: {},
  description: 'A municipality\'s answer about one intervention in one survey round. In the default install these are SYNTHETIC demo records (see `dataset`), calibrated to SKR\'s published aggregates, not real answers.',
  fields: (t) => ({
    round: t.exposeInt('round', { description: 'Survey round (year).' }),
    offered: t.exposeBoolean('offered', { description: 'Whether the municipality offers it (erbjuder insatsen).' }),
    form: t.expose('form', { type: OfferingForm, nullable: true, description: 'Form, when offered.' }),
    provider: t.expose('provider', { type: OfferingProvider, nullable: true, description: 'Provider, when offered.' }),
    decision: t.expose('decision', { type: OfferingDecision, nullable: true, description: 'Decision, when offered.' }),
    reachBand: t.expose('reachBand', { type: ReachBand, nullable: true, description: 'Persons reached, banded.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When this answer last changed (a load, an import or a partner\'s write that changed it).' }),
    region: t.relation('region', { description: 'The municipality (or Stockholm district) answering.' }),
    intervention: t.relation('intervention', { description: 'The intervention.' }),
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
    region: {
      AND: [
        f.county ? { OR: [{ parentCode: f.county }, { parent: { parentCode: f.county } }] } : {},
        // Stockholm's districts answer for Stockholm, so they share its group.
        f.group ? { OR: [inGroup(f.group), { parent: inGroup(f.group) }] } : {},
      ],
    },
  };
}

/**
 * A survey round the data set does not hold is an error naming the rounds it does, not an
 * answer of empty groups or null counts. Asked only when a query found nothing, so answers
 * with rows cost no extra SQL. A data set with no rounds at all (e.g. `published`) passes.
 */
async function requireRound(ctx: Context, dataset: string, round: number | null | undefined): Promise<void> {
  const absent = (rounds: number[]) => rounds.length > 0 && (round == null || !rounds.includes(round));
  const rounds = await ctx.lookups.withFresh((l) => l.datasets.get(dataset)?.rounds ?? [], (held) => !absent(held));
  if (absent(rounds)) {
    throw new InsynError('PERIOD_OUT_OF_RANGE', `round: data set ${dataset} holds no survey round ${round}; it holds ${rounds.join(', ')}. Use one of those.`, { min: rounds[0], max: rounds.at(-1), rounds });
  }
}

/** The checked filter, once per request (`totalCount` and the rows both need it). */
const offeringWhereOnce = (ctx: Context, intervention: string, f: OfferingFilterInput, dataset: string) =>
  perRequestMemo(ctx, `offerings:${JSON.stringify([intervention, f, dataset])}`, () => offeringWhere(ctx, intervention, f, dataset));

// ---- A municipality's offerings per area -------------------------------------

interface AreaSummary {
  areaCode: string; regionCode: string; surveyStatus: SurveyStatusValue | null; offeredCount: number | null; answeredCount: number;
  catalogueSize: number | null; namedCount: number; county: string | null; groupCode: string | null; round: number; datasetCode: string;
  /** The data set's flag (null: no such data set). */
  datasetSynthetic: boolean | null;
}

interface Mean { mean: number | null; units: number }

/** The means of a summary's county and group, computed only when a client asks for them. */
async function meansOf(ctx: Context, s: AreaSummary): Promise<{ county: Mean; group: Mean }> {
  const batch = JSON.stringify([s.round, s.datasetCode]);
  const [county, group] = await Promise.all([
    s.county ? loadMeans(ctx, batch, `county:${s.county}`) : undefined,
    s.groupCode ? loadMeans(ctx, batch, `group:${s.groupCode}`) : undefined,
  ]);
  const none = { mean: null, units: 0 };
  return { county: county?.get(s.areaCode) ?? none, group: group?.get(s.areaCode) ?? none };
}

/** A summary row draws on the data set only where the unit, its county or its group answered. */
async function summarySynthetic(ctx: Context, s: AreaSummary): Promise<boolean> {
  if (s.datasetSynthetic !== true) return false;
  if (s.answeredCount > 0 || s.surveyStatus !== null) return true;
  const { county, group } = await meansOf(ctx, s);
  return county.units > 0 || group.units > 0;
}

/** Marks the response synthetic when a mean that drew on a synthetic data set is sent. */
function meanField(ctx: Context, s: AreaSummary, m: Mean) {
  if (m.units > 0 && s.datasetSynthetic === true) markSynthetic(ctx, s.datasetCode);
  return m;
}

const AreaOfferingSummary = builder.objectRef<AreaSummary>('AreaOfferingSummary').implement({
  description: 'How many of an area\'s interventions a municipality offers, against the catalogue size, its county\'s mean and its municipality group\'s mean. Computed from the offerings data set: SYNTHETIC in the default install.',
  fields: (t) => ({
    area: t.prismaField({ type: 'Area', description: 'The area.', resolve: (query, s, _a, ctx) => fromSnapshot(query, ctx.lookups.current.areas.get(s.areaCode), () => ctx.prisma.area.findUniqueOrThrow({ ...query, where: { code: s.areaCode } })) }),
    surveyStatus: t.expose('surveyStatus', { type: SurveyStatus, nullable: true, description: 'How far the unit got with the survey for this area (null when it has no answer).' }),
    offeredCount: t.exposeInt('offeredCount', { nullable: true, description: 'Named interventions it offers (null when it did not answer).' }),
    answeredCount: t.exposeInt('answeredCount', { description: 'Named interventions it answered about.' }),
    namedInterventionCount: t.exposeInt('namedCount', { description: 'Interventions of the area that the report names (what offerings can be about).' }),
    catalogueSize: t.exposeInt('catalogueSize', { nullable: true, description: 'Published catalogue size of the area.' }),
    countyMean: t.float({ nullable: true, description: 'Mean offeredCount of the answering units in the same county.', resolve: async (s, _a, ctx) => meanField(ctx, s, (await meansOf(ctx, s)).county).mean }),
    countyUnits: t.int({ description: 'How many units the county mean is over.', resolve: async (s, _a, ctx) => meanField(ctx, s, (await meansOf(ctx, s)).county).units }),
    groupMean: t.float({ nullable: true, description: 'Mean offeredCount of the answering units in the same SKR municipality group.', resolve: async (s, _a, ctx) => meanField(ctx, s, (await meansOf(ctx, s)).group).mean }),
    groupUnits: t.int({ description: 'How many units the group mean is over.', resolve: async (s, _a, ctx) => meanField(ctx, s, (await meansOf(ctx, s)).group).units }),
    group: t.prismaField({ type: 'MunicipalityGroup', nullable: true, description: 'The municipality group used.', resolve: (query, s, _a, ctx) => (s.groupCode ? fromSnapshot(query, ctx.lookups.current.groups.get(s.groupCode), () => ctx.prisma.municipalityGroup.findUniqueOrThrow({ ...query, where: { code: s.groupCode! } })) : (void { ...query }, null)) }),
    synthetic: t.boolean({
      description: 'True when computed from synthetic demo data.',
      resolve: async (s, _a, ctx) => {
        const synthetic = await summarySynthetic(ctx, s);
        if (synthetic) markSynthetic(ctx, s.datasetCode);
        return synthetic;
      },
    }),
  }),
});

/**
 * One SQL statement for every region of a list (e.g. all municipalities of a county), per
 * round and data set: what each answered per area. Catalogue sizes, named interventions, the
 * unit's county and group come from the lookup layer.
 */
const loadOfferingSummaries = perRequestBatch<string, AreaSummary[]>(async (codes, batchKey, ctx) => {
  const [round, dataset] = JSON.parse(batchKey) as [number, string];
  const lookups = (ctx as Context).lookups.current;
  const rows = await (ctx as Context).prisma.$queryRaw<{ regionCode: string; areaCode: string; offered: number | null; answered: number | null; status: SurveyStatusValue | null }[]>`
    SELECT coalesce(c.region_code, sr.region_code) AS "regionCode", coalesce(c.area_code, sr.area_code) AS "areaCode",
           c.offered, c.answered, sr.status::text AS status
    FROM (
      SELECT o.region_code, i.area_code, count(*) FILTER (WHERE o.offered)::int AS offered, count(*)::int AS answered
      FROM offering o JOIN intervention i ON i.code = o.intervention_code
      WHERE o.region_code = ANY(${codes}::text[]) AND o.round = ${round} AND o.dataset_code = ${dataset}
      GROUP BY o.region_code, i.area_code
    ) c FULL JOIN (
      SELECT region_code, area_code, status FROM survey_response
      WHERE region_code = ANY(${codes}::text[]) AND round = ${round} AND dataset_code = ${dataset}
    ) sr ON sr.region_code = c.region_code AND sr.area_code = c.area_code`;
  const found = new Map(rows.map((r) => [`${r.regionCode}|${r.areaCode}`, r]));
  const areas = skrAreas(lookups);
  const named = new Map<string, number>();
  for (const i of lookups.interventions.values()) named.set(i.areaCode, (named.get(i.areaCode) ?? 0) + 1);
  const datasetSynthetic = lookups.datasets.get(dataset)?.synthetic ?? null;
  return new Map(codes.map((code) => {
    const unit = lookups.units.get(code);
    // Only municipalities and districts answer: a county or Riket has no summary.
    if (!unit) return [code, []];
    return [code, areas.map((a): AreaSummary => {
      const r = found.get(`${code}|${a.code}`);
      return {
        areaCode: a.code, regionCode: code, surveyStatus: r?.status ?? null, offeredCount: r?.offered ?? null, answeredCount: r?.answered ?? 0,
        catalogueSize: a.catalogueSize, namedCount: named.get(a.code) ?? 0, county: unit.county, groupCode: unit.groupCode,
        round, datasetCode: dataset, datasetSynthetic,
      };
    })];
  }));
});

/** SKR's six areas, in the report's order. */
const skrAreas = (lookups: Context['lookups']['current']) => [...lookups.areas.values()].filter((a) => a.kind === 'SKR_AREA').sort((a, b) => a.position - b.position || (a.code < b.code ? -1 : 1));

/**
 * The mean offeredCount per area of the answering units of counties and groups (keys
 * `county:<code>`, `group:<code>`), in one statement for every county and group a response
 * asks about. Which units are in a county or group comes from the lookup layer.
 */
const loadMeans = perRequestBatch<string, Map<string, Mean>>(async (scopes, batchKey, ctx) => {
  const [round, dataset] = JSON.parse(batchKey) as [number, string];
  const wanted = new Set(scopes);
  const unitCodes: string[] = [];
  const unitScopes: string[] = [];
  for (const u of (ctx as Context).lookups.current.units.values()) {
    for (const scope of [`county:${u.county}`, u.groupCode ? `group:${u.groupCode}` : undefined]) {
      if (scope && wanted.has(scope)) {
        unitCodes.push(u.code);
        unitScopes.push(scope);
      }
    }
  }
  const rows = await (ctx as Context).prisma.$queryRaw<{ scope: string; areaCode: string; mean: number; units: number }[]>`
    WITH per_unit AS (
      SELECT o.region_code, i.area_code, count(*) FILTER (WHERE o.offered) AS offered
      FROM offering o JOIN intervention i ON i.code = o.intervention_code
      WHERE o.region_code = ANY(${[...new Set(unitCodes)]}::text[]) AND o.round = ${round} AND o.dataset_code = ${dataset}
      GROUP BY o.region_code, i.area_code
    )
    SELECT s.scope, p.area_code AS "areaCode", round(avg(p.offered), 2)::float AS mean, count(*)::int AS units
    FROM per_unit p JOIN unnest(${unitCodes}::text[], ${unitScopes}::text[]) AS s(code, scope) ON s.code = p.region_code
    GROUP BY s.scope, p.area_code`;
  const byScope = new Map<string, Map<string, Mean>>(scopes.map((s) => [s, new Map()]));
  for (const r of rows) byScope.get(r.scope)?.set(r.areaCode, { mean: r.mean, units: r.units });
  return byScope;
});

builder.prismaObjectField('Region', 'offeringSummary', (t) =>
  t.field({
    type: [AreaOfferingSummary],
    description: 'Offerings per SKR area against the catalogue, county and group. SYNTHETIC in the default install. Stockholm answered per district: ask a district (e.g. `0180-bromma`).',
    args: {
      round: t.arg.int({ required: false, defaultValue: 2022, description: 'Survey round.' }),
      dataset: t.arg.string({ required: false, description: DATASET_ARG_DESCRIPTION }),
    },
    select: { code: true },
    resolve: async (region, args, ctx) => {
      // A named data set is checked (once per request); the default one is known to the batch's SQL.
      if (args.dataset != null) await requireDataset(ctx, args.dataset);
      const rows = (await loadOfferingSummaries(ctx, JSON.stringify([args.round, args.dataset ?? SYNTHETIC_DATASET]), region.code)) ?? [];
      // The notice goes on the response even when the client does not select `synthetic`
      // (the means mark it themselves when they are sent).
      for (const row of rows) if (row.datasetSynthetic === true && (row.answeredCount > 0 || row.surveyStatus !== null)) markSynthetic(ctx, row.datasetCode);
      if (!rows.some((r) => r.answeredCount > 0 || r.surveyStatus !== null)) await requireRound(ctx, args.dataset ?? SYNTHETIC_DATASET, args.round);
      return rows;
    },
  }));

// ---- Distributions ----------------------------------------------------------

const OfferingDimension = describedEnum('OfferingDimension', 'Which attribute of offerings to distribute.', {
  FORM: 'Form: physical, digital or both (fysisk/digital form).',
  PROVIDER: 'Provider: municipal, private or both (kommunal/enskild regi).',
  DECISION: 'With or without a needs-assessment decision (biståndsbeslut).',
});
const DistributionGrouping = describedEnum('DistributionGrouping', 'What to group a distribution by.', {
  COUNTRY: 'One group: Riket.',
  COUNTY: 'Per county (Stockholm\'s districts count to 01).',
  MUNICIPALITY_GROUP: 'Per SKR municipality group (A1..C9).',
});

interface Bucket { member: string; count: number; share: number; publishedShare: number | null }
interface DistributionGroupShape { key: string; name: string; total: number; buckets: Bucket[]; datasetCode: string; synthetic: boolean }

const DistributionBucket = builder.objectRef<Bucket>('DistributionBucket').implement({
  description: 'One value of the distributed attribute.',
  fields: (t) => ({
    member: t.exposeString('member', { description: 'The value, e.g. DIGITAL_ONLY.' }),
    count: t.exposeInt('count', { description: 'Offerings with this value.' }),
    share: t.exposeFloat('share', { description: 'Percent of the group\'s offerings (0-100).' }),
    publishedShare: t.exposeFloat('publishedShare', { nullable: true, description: 'The share SKR published for the same area and county or Riket, for comparison (null where none).' }),
  }),
});

const DistributionGroup = builder.objectRef<DistributionGroupShape>('DistributionGroup').implement({
  description: 'The distribution within one county, group or Riket. Computed in SQL from the offerings data set: SYNTHETIC in the default install.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'SCB county code, group code, or 00.' }),
    name: t.exposeString('name', { description: 'Name of the county or group.' }),
    total: t.exposeInt('total', { description: 'Offerings counted.' }),
    buckets: t.field({ type: [DistributionBucket], description: 'Counts and shares per value.', resolve: (g) => g.buckets }),
    synthetic: t.boolean({
      description: 'True when computed from synthetic demo data.',
      resolve: (g, _a, ctx) => {
        if (g.synthetic) markSynthetic(ctx, g.datasetCode);
        return g.synthetic;
      },
    }),
  }),
});

const COLUMN = { FORM: 'form', PROVIDER: 'provider', DECISION: 'decision' } as const;

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
  offeringDistribution: t.field({
    type: [DistributionGroup],
    description: 'Offerings of an area distributed by form, provider or decision, per Riket, county or municipality group, computed in SQL, with SKR\'s published shares beside. SYNTHETIC in the default install.',
    args: {
      area: t.arg.string({ required: true, description: 'Area code, e.g. `aldre`.' }),
      dimension: t.arg({ type: OfferingDimension, required: true, description: 'Which attribute to count: FORM, PROVIDER or DECISION.' }),
      groupBy: t.arg({ type: DistributionGrouping, required: true, description: 'One distribution per county, per municipality group or for the whole country.' }),
      round: t.arg.int({ required: false, defaultValue: 2022, description: 'Survey round (year); SKR\'s survey is 2022.' }),
      dataset: t.arg.string({ required: false, description: DATASET_ARG_DESCRIPTION }),
    },
    resolve: async (_root, args, ctx) => {
      // A named data set is checked; the default one is known to the query below.
      if (args.dataset != null) await requireDataset(ctx, args.dataset);
      const dataset = args.dataset ?? SYNTHETIC_DATASET;
      const area = await requireArea(ctx, args.area);
      if (area.kind !== 'SKR_AREA') throw new InsynError('INVALID_FILTER', `Area ${args.area} is not one of SKR's six areas; offerings exist only for those.`);
      const column = Prisma.raw(`o."${COLUMN[args.dimension]}"`);
      const dimension = COLUMN[args.dimension];
      const groupKey = Prisma.raw(
        args.groupBy === 'COUNTRY' ? `'00'` : args.groupBy === 'COUNTY' ? `CASE WHEN r.level = 'DISTRICT' THEN left(r.parent_code, 2) ELSE r.parent_code END`
          : `(SELECT m.group_code FROM municipality_group_membership m WHERE m.region_code = CASE WHEN r.level = 'DISTRICT' THEN r.parent_code ELSE r.code END ORDER BY m.revision DESC, m.group_code LIMIT 1)`);
      const rows = await ctx.prisma.$queryRaw<{ key: string; name: string; member: string; count: number; total: number; synthetic: boolean; published: number | null }[]>`
        WITH o AS (
          SELECT ${groupKey} AS key, ${column}::text AS member
          FROM offering o JOIN intervention i ON i.code = o.intervention_code JOIN region r ON r.code = o.region_code
          WHERE o.offered AND i.area_code = ${args.area} AND o.round = ${args.round} AND o.dataset_code = ${dataset}
        ), c AS (
          SELECT key, member, count(*)::int AS count, sum(count(*)) OVER (PARTITION BY key)::int AS total FROM o GROUP BY key, member
        )
        SELECT c.key, coalesce(rg.short_name, g.name, c.key) AS name, c.member, c.count, c.total,
               (SELECT d.synthetic FROM dataset d WHERE d.code = ${dataset}) AS synthetic,
               (SELECT ob.value FROM observation ob
                 WHERE ob.indicator_code = ${`skr-${dimension}-share`} AND ob.region_code = c.key AND ob.status = 'PUBLISHED'
                   AND ob.dimension_key = ${`area=${args.area};${dimension}=`} || lower(c.member)) AS published
        FROM c LEFT JOIN region rg ON rg.code = c.key LEFT JOIN municipality_group g ON g.code = c.key
        ORDER BY c.key, c.member`;
      const groups = new Map<string, DistributionGroupShape>();
      for (const r of rows) {
        const g = groups.get(r.key) ?? { key: r.key, name: r.name, total: r.total, buckets: [], datasetCode: dataset, synthetic: r.synthetic === true };
        g.buckets.push({ member: r.member, count: r.count, share: Math.round((1000 * r.count) / r.total) / 10, publishedShare: r.published });
        groups.set(r.key, g);
        if (g.synthetic) markSynthetic(ctx, dataset);
      }
      if (!groups.size) await requireRound(ctx, dataset, args.round);
      return [...groups.values()];
    },
  }),
}));

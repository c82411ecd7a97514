import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import type { SurveyStatus as SurveyStatusValue } from '../../generated/prisma/enums.js';
import { SYNTHETIC_DATASET } from '../../load/synthetic.js';
import { perRequestBatch } from '../batch.js';
import { SurveyStatus } from '../enums.js';
import { AreaRef, areaOf } from '../areas/areas.js';
import { MunicipalityGroupRef } from '../regions/regions.js';
import { DATASET_ARG_DESCRIPTION, markSynthetic, requireDataset, requireRound } from './dataset.js';

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
    area: t.field({ type: AreaRef, description: 'The area.', resolve: (s, _a, ctx) => areaOf(ctx, s.areaCode) }),
    surveyStatus: t.expose('surveyStatus', { type: SurveyStatus, nullable: true, description: 'How far the unit got with the survey for this area (null when it has no answer).' }),
    offeredCount: t.exposeInt('offeredCount', { nullable: true, description: 'Named interventions it offers (null when it did not answer).' }),
    answeredCount: t.exposeInt('answeredCount', { description: 'Named interventions it answered about.' }),
    namedInterventionCount: t.exposeInt('namedCount', { description: 'Interventions of the area that the report names (what offerings can be about).' }),
    catalogueSize: t.exposeInt('catalogueSize', { nullable: true, description: 'Published catalogue size of the area.' }),
    countyMean: t.float({ nullable: true, description: 'Mean offeredCount of the answering units in the same county.', resolve: async (s, _a, ctx) => meanField(ctx, s, (await meansOf(ctx, s)).county).mean }),
    countyUnits: t.int({ description: 'How many units the county mean is over.', resolve: async (s, _a, ctx) => meanField(ctx, s, (await meansOf(ctx, s)).county).units }),
    groupMean: t.float({ nullable: true, description: 'Mean offeredCount of the answering units in the same SKR municipality group.', resolve: async (s, _a, ctx) => meanField(ctx, s, (await meansOf(ctx, s)).group).mean }),
    groupUnits: t.int({ description: 'How many units the group mean is over.', resolve: async (s, _a, ctx) => meanField(ctx, s, (await meansOf(ctx, s)).group).units }),
    group: t.field({ type: MunicipalityGroupRef, nullable: true, description: 'The municipality group used.', resolve: (s, _a, ctx) => (s.groupCode ? ctx.lookups.referenced((l) => l.groups, s.groupCode) : null) }),
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
 * round and data set: what each answered per area, from the counts PostgreSQL keeps beside
 * the offerings (insyn_derived.offering_area_count, migration 20261202100000). Catalogue sizes,
 * named interventions, the unit's county and group come from the lookup layer.
 */
const loadOfferingSummaries = perRequestBatch<string, AreaSummary[]>(async (codes, batchKey, ctx) => {
  const [round, dataset] = JSON.parse(batchKey) as [number, string];
  const lookups = (ctx as Context).lookups.current;
  const rows = await (ctx as Context).prisma.$queryRaw<{ regionCode: string; areaCode: string; offered: number | null; answered: number | null; status: SurveyStatusValue | null }[]>`
    SELECT coalesce(c.region_code, sr.region_code) AS "regionCode", coalesce(c.area_code, sr.area_code) AS "areaCode",
           c.offered, c.answered, sr.status::text AS status
    FROM (
      SELECT region_code, area_code, offered, answered FROM insyn_derived.offering_area_count
      WHERE region_code = ANY(${codes}::text[]) AND round = ${round} AND dataset_code = ${dataset}
    ) c FULL JOIN (
      SELECT region_code, area_code, status FROM survey_response
      WHERE region_code = ANY(${codes}::text[]) AND round = ${round} AND dataset_code = ${dataset}
    ) sr ON sr.region_code = c.region_code AND sr.area_code = c.area_code`;
  const found = new Map(rows.map((r) => [`${r.regionCode}|${r.areaCode}`, r]));
  const areas = lookups.skrAreas;
  const named = lookups.interventionCountOfArea;
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

/**
 * The mean offeredCount per area of the answering units of counties and groups (keys
 * `county:<code>`, `group:<code>`), in one statement for every county and group a response
 * asks about, over the same kept counts. Which units are in a county or group comes from the
 * lookup layer.
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
    SELECT s.scope, p.area_code AS "areaCode", round(avg(p.offered), 2)::float AS mean, count(*)::int AS units
    FROM insyn_derived.offering_area_count p JOIN unnest(${unitCodes}::text[], ${unitScopes}::text[]) AS s(code, scope) ON s.code = p.region_code
    WHERE p.round = ${round} AND p.dataset_code = ${dataset}
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

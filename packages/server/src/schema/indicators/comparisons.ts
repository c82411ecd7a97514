import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { InsynError } from '../../errors.js';
import { describedEnum, ObservationStatus, RegionLevel } from '../enums.js';
import { requireRegion } from '../regions/lookup.js';
import { checkMembersFitIndicators, checkPeriodOfIndicator, observationWhere, seriesKeys } from './filter.js';
import { indicatorOf, requireIndicator } from './indicators.js';
import { regionOf } from '../regions/regions.js';
import { snapshotRowOr } from '../../lookup/lookups.js';
import { noteImported } from './observations.js';
import { compare, rank, type ComparisonEntry as ComparisonEntryShape, type Point as FigurePoint, type RankEntry } from './compare.js';
import { byIdOnce } from '../batch.js';

type Level = 'COUNTRY' | 'COUNTY' | 'MUNICIPALITY' | 'DISTRICT';
interface Point extends FigurePoint { dimensionKey: string; datasetCode: string }

/** An entry's figure, with the entries of its list in one statement (`byIdOnce`). */
const entryObservation = byIdOnce((ctx, query, ids) => (ctx as Context).prisma.observation.findMany({ ...query, where: { id: { in: ids } } }));

/** Observations of one series (one dimension combination); several combinations is an error that names them. */
async function seriesPoints(ctx: Context, args: { indicator: string; period: number; members?: string[] | null; regions?: string[]; level?: Level }): Promise<Point[]> {
  const where = await observationWhere(ctx, { indicators: [args.indicator], periodFrom: args.period, periodTo: args.period, members: args.members, regions: args.regions, level: args.level });
  let points = await ctx.prisma.observation.findMany({ where, select: { id: true, regionCode: true, value: true, status: true, statusReason: true, dimensionKey: true, datasetCode: true } });
  noteImported(ctx, points);
  if (!points.length) {
    await checkMembersFitIndicators(ctx, [args.indicator], args.members);
    checkPeriodOfIndicator(ctx, args.indicator, args.period);
  }
  let keys = [...new Set(points.map((p) => p.dimensionKey))].sort();
  // The series that exactly the members name is the one meant, when there is one: asked for
  // ["area:socialpsykiatri", "provider:municipal_only"], Riket's national share, not the county
  // minimum and maximum printed beside it; asked without members, the series without dimensions
  // (LSS 2021: Riket's 82 %, not the county maximum and minimum).
  const exact = seriesKeys(args.members ?? []);
  if (keys.length > 1 && exact.length === 1 && keys.includes(exact[0]!)) {
    points = points.filter((p) => p.dimensionKey === exact[0]);
    keys = exact;
  }
  if (keys.length > 1) {
    const example = keys.find((k) => k !== '')!;
    throw new InsynError('AMBIGUOUS_SERIES', `Indicator ${args.indicator} has ${keys.length} series for ${args.period} here (${keys.slice(0, 6).map((k) => k || '(no dimensions)').join(' | ')}${keys.length > 6 ? ' | ...' : ''}). Pick one with \`members\`, e.g. ["${example.split(';').map((p) => p.replace('=', ':')).join('", "')}"].`, { series: keys });
  }
  return points;
}

/** Answers without a query (nothing to load); reading `query` tells Pothos it was not forgotten. */
function skipQuery<T>(query: object, value: T): T {
  void { ...query };
  return value;
}

// ---- Ranking ----------------------------------------------------------------

interface RankingShape {
  indicatorCode: string;
  period: number;
  level: Level;
  ascending: boolean;
  dimensionKey: string | null;
  entries: RankEntry[];
  withheldIds: string[];
  missingRegionCodes: string[];
}

const RankingEntry = builder.objectRef<RankingShape['entries'][number]>('RankingEntry').implement({
  description: 'A region\'s place in a ranking. Equal values share a rank (1, 2, 2, 4).',
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: 'Place, 1 = first; ties share the place.' }),
    tied: t.exposeBoolean('tied', { description: 'True when another region has the same value.' }),
    value: t.exposeFloat('value', { description: 'The published value.' }),
    region: t.prismaField({ type: 'Region', description: 'The region.', resolve: (query, e, _a, ctx) => snapshotRowOr(query, () => regionOf(ctx, e.regionCode), () => ctx.prisma.region.findUniqueOrThrow({ ...query, where: { code: e.regionCode } })) }),
    observation: t.prismaField({ type: 'Observation', description: 'The figure with its source.', resolve: (query, e, _a, ctx) => entryObservation(ctx, query, e.observationId) }),
  }),
});

const RankingOrder = describedEnum('RankingOrder', 'Which way a ranking runs.', {
  DESCENDING: 'Highest value first (a higher value is better, or the measure has no direction).',
  ASCENDING: 'Lowest value first (a lower value is better).',
});

const Ranking = builder.objectRef<RankingShape>('Ranking').implement({
  description: 'Regions of one level ranked on an indicator in one year. Suppressed and missing figures are listed apart, never dropped silently.',
  fields: (t) => ({
    indicator: t.prismaField({ type: 'Indicator', description: 'What is ranked.', resolve: (query, r, _a, ctx) => snapshotRowOr(query, () => indicatorOf(ctx, r.indicatorCode), () => ctx.prisma.indicator.findUniqueOrThrow({ ...query, where: { code: r.indicatorCode } })) }),
    period: t.exposeInt('period', { description: 'Year.' }),
    level: t.field({ type: RegionLevel, description: 'Level ranked.', resolve: (r) => r.level }),
    dimensionKey: t.exposeString('dimensionKey', { nullable: true, description: 'The series ranked (dimension members).' }),
    order: t.field({ type: RankingOrder, description: 'Which way the entries run, from the indicator\'s direction; measures without direction rank highest first.', resolve: (r) => (r.ascending ? 'ASCENDING' : 'DESCENDING') }),
    entries: t.field({ type: [RankingEntry], description: 'Ranked regions with published values, best first.', resolve: (r) => r.entries }),
    withheld: t.prismaField({
      type: ['Observation'],
      description: 'Regions whose figure is suppressed, missing or published only as a chart whose value Insyn does not have (CHART_ONLY), with `status` and `statusReason`.',
      resolve: (query, r, _a, ctx) => (r.withheldIds.length ? ctx.prisma.observation.findMany({ ...query, where: { id: { in: r.withheldIds } }, orderBy: [{ regionCode: 'asc' }, { id: 'asc' }] }) : skipQuery(query, [])),
    }),
    regionsWithoutFigure: t.prismaField({
      type: ['Region'],
      description: 'Regions of the level for which the sources publish no figure at all (not even in a chart).',
      resolve: (query, r, _a, ctx) => (r.missingRegionCodes.length ? ctx.prisma.region.findMany({ ...query, where: { code: { in: r.missingRegionCodes } }, orderBy: { code: 'asc' } }) : skipQuery(query, [])),
    }),
  }),
});

// ---- Comparison -------------------------------------------------------------

const ComparisonRole = describedEnum('ComparisonRole', 'What an entry of a comparison stands for.', {
  REGION: 'The region asked about.',
  COUNTY: 'Its county (län).',
  COUNTRY: 'Riket.',
  MUNICIPALITY_GROUP: 'The mean of the municipalities in its SKR municipality group that have a published figure.',
});

interface ComparisonShape { indicatorCode: string; period: number; regionCode: string; dimensionKey: string | null; entries: ComparisonEntryShape[] }

const ComparisonEntry = builder.objectRef<ComparisonEntryShape>('ComparisonEntry').implement({
  description: 'One side of a comparison: the region, its county, Riket or its municipality group.',
  fields: (t) => ({
    role: t.field({ type: ComparisonRole, description: 'What this entry stands for.', resolve: (e) => e.role }),
    region: t.prismaField({ type: 'Region', nullable: true, description: 'The region (null for the municipality group).', resolve: (query, e, _a, ctx) => (e.regionCode ? snapshotRowOr(query, () => regionOf(ctx, e.regionCode!), () => ctx.prisma.region.findUniqueOrThrow({ ...query, where: { code: e.regionCode! } })) : skipQuery(query, null)) }),
    group: t.prismaField({ type: 'MunicipalityGroup', nullable: true, description: 'The municipality group (for MUNICIPALITY_GROUP).', resolve: (query, e, _a, ctx) => (e.groupCode ? snapshotRowOr(query, () => ctx.lookups.referenced((l) => l.groups, e.groupCode!), () => ctx.prisma.municipalityGroup.findUniqueOrThrow({ ...query, where: { code: e.groupCode! } })) : skipQuery(query, null)) }),
    value: t.exposeFloat('value', { nullable: true, description: 'The value, or null when suppressed or missing.' }),
    status: t.field({ type: ObservationStatus, description: 'Status of the figure (MISSING when the sources give none).', resolve: (e) => e.status }),
    statusReason: t.exposeString('statusReason', { nullable: true, description: 'Why there is no value: the source\'s words for a suppressed or missing figure, or that the sources give no figure for this region and year at all (or, for the group mean, that no member has a published one).' }),
    differenceFromRegion: t.exposeFloat('difference', { nullable: true, description: 'This value minus the region\'s value (percentage points for percentages); null when either is missing.' }),
    municipalitiesCounted: t.exposeInt('municipalitiesCounted', { nullable: true, description: 'For the group mean: how many municipalities had a published figure.' }),
    observation: t.prismaField({ type: 'Observation', nullable: true, description: 'The figure with its source (null for a group mean or when there is none).', resolve: (query, e, _a, ctx) => (e.observationId ? entryObservation(ctx, query, e.observationId) : skipQuery(query, null)) }),
  }),
});

const Comparison = builder.objectRef<ComparisonShape>('Comparison').implement({
  description: 'A region against its county, Riket and its municipality group for one indicator and year, with differences.',
  fields: (t) => ({
    indicator: t.prismaField({ type: 'Indicator', description: 'What is compared.', resolve: (query, c, _a, ctx) => snapshotRowOr(query, () => indicatorOf(ctx, c.indicatorCode), () => ctx.prisma.indicator.findUniqueOrThrow({ ...query, where: { code: c.indicatorCode } })) }),
    period: t.exposeInt('period', { description: 'Year.' }),
    dimensionKey: t.exposeString('dimensionKey', { nullable: true, description: 'The series compared (dimension members).' }),
    entries: t.field({ type: [ComparisonEntry], description: 'The region first, then county, Riket and group where they apply.', resolve: (c) => c.entries }),
  }),
});

builder.queryFields((t) => ({
  ranking: t.field({
    type: Ranking,
    description: 'Ranks the regions of a level on an indicator in one year. Ties share a rank; suppressed, missing and absent regions are listed apart.',
    args: {
      indicator: t.arg.string({ required: true, description: 'Indicator code.' }),
      period: t.arg.int({ required: true, description: 'Year.' }),
      level: t.arg({ type: RegionLevel, required: true, description: 'Level to rank, e.g. COUNTY.' }),
      members: t.arg.stringList({ required: false, description: 'Dimension members that pick one series, e.g. `["area:aldre", "form:digital_only"]`.' }),
    },
    resolve: async (_root, args, ctx) => {
      const indicator = await requireIndicator(ctx, args.indicator);
      if (indicator.unit === 'YES_NO') {
        throw new InsynError('INVALID_ARGUMENT', `${args.indicator} is a yes/no measure (Ja/Nej): its figures are answers, not values to rank. List them with crossSection(indicator: "${args.indicator}", period: ${args.period}, level: ${args.level}) { region { code } answer printed }.`);
      }
      const points = await seriesPoints(ctx, { indicator: args.indicator, period: args.period, members: args.members, level: args.level });
      const ascending = indicator.direction === 'LOWER_IS_BETTER';
      const entries = rank(points, ascending);
      const all = ctx.lookups.current.regionsByLevel.get(args.level) ?? [];
      const withFigure = new Set(points.map((p) => p.regionCode));
      return {
        indicatorCode: args.indicator, period: args.period, level: args.level, ascending, dimensionKey: points[0]?.dimensionKey ?? null, entries,
        withheldIds: points.filter((p) => p.status !== 'PUBLISHED').map((p) => p.id),
        missingRegionCodes: all.map((r) => r.code).filter((c) => !withFigure.has(c)),
      };
    },
  }),
  comparison: t.field({
    type: Comparison,
    description: 'Compares a region with its county, Riket and its municipality group on one indicator and year.',
    args: {
      indicator: t.arg.string({ required: true, description: 'Indicator code.' }),
      region: t.arg.string({ required: true, description: 'SCB code of the region.' }),
      period: t.arg.int({ required: true, description: 'Year.' }),
      members: t.arg.stringList({ required: false, description: 'Dimension members that pick one series.' }),
    },
    resolve: async (_root, args, ctx) => {
      await requireIndicator(ctx, args.indicator);
      const region = await requireRegion(ctx, args.region);
      const chain = [region.code];
      // A district's municipality (fetched, not shown), then the unit's county (lookup/units.ts).
      if (region.level === 'DISTRICT' && region.parentCode) chain.push(region.parentCode);
      const county = ctx.lookups.current.units.get(region.code)?.county;
      if (county) chain.push(county);
      if (region.code !== '00') chain.push('00');
      const { latestGroupOf, groupMembers: membersOf } = ctx.lookups.current;
      const membership = region.level === 'MUNICIPALITY' ? latestGroupOf.get(region.code) : undefined;
      const groupMembers = membership ? membersOf.get(`${membership.groupCode}|${membership.revision}`) ?? [] : [];
      const points = await seriesPoints(ctx, { indicator: args.indicator, period: args.period, members: args.members, regions: [...new Set([...chain, ...groupMembers])] });
      const dimensionKey = points[0]?.dimensionKey ?? null;
      const group = membership ? { code: membership.groupCode, members: groupMembers } : undefined;
      const entries = compare({ regionCode: region.code, period: args.period, chain, group, points, dimensionKey });
      return { indicatorCode: args.indicator, period: args.period, regionCode: region.code, dimensionKey, entries };
    },
  }),
}));

import { builder } from '../../builder.js';
import { InsynError } from '../../errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import { SYNTHETIC_DATASET } from '../../load/synthetic.js';
import { requireArea } from '../areas/areas.js';
import { describedEnum } from '../enums.js';
import { DATASET_ARG_DESCRIPTION, markSynthetic, requireDataset, requireRound } from './dataset.js';

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
      const dimension = COLUMN[args.dimension];
      // Per unit, the offered interventions with each value, as PostgreSQL keeps them beside the
      // offerings (insyn_derived.offering_member_count, migration 20261202110000).
      // Each unit's county or group from the lookup layer (lookup/units.ts), joined as two arrays:
      // no SQL decides it again, and no per-row lookup of the group.
      const units = [...ctx.lookups.current.units.values()];
      const keyOf = Prisma.sql`JOIN unnest(${units.map((u) => u.code)}::text[], ${units.map((u) => (args.groupBy === 'COUNTY' ? u.county : u.groupCode))}::text[]) AS u(code, key) ON u.code = o.region_code`;
      const groupKey = args.groupBy === 'COUNTRY' ? Prisma.sql`'00'` : Prisma.sql`u.key`;
      const rows = await ctx.prisma.$queryRaw<{ key: string; name: string; member: string; count: number; total: number; synthetic: boolean; published: number | null }[]>`
        WITH o AS (
          SELECT ${groupKey} AS key, o.member, o.offered
          FROM insyn_derived.offering_member_count o ${args.groupBy === 'COUNTRY' ? Prisma.empty : keyOf}
          WHERE o.dimension = ${dimension} AND o.area_code = ${args.area} AND o.round = ${args.round} AND o.dataset_code = ${dataset}
        ), c AS (
          SELECT key, member, sum(offered)::int AS count, sum(sum(offered)) OVER (PARTITION BY key)::int AS total FROM o GROUP BY key, member
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

import { builder, checkPageSize, missingNodeIsNull, pageSize } from '../../builder.js';
import type { Context } from '../../context.js';
import { perRequestMemo } from '../batch.js';
import { RegionLevel } from '../enums.js';
import { inGroup, requireGroup, requireKoladaRegion, requireOneOf, requireRegion } from './lookup.js';
import { escapeLike } from '../like.js';
import { searchKey } from '../../lookup/search-key.js';
import { snapshotRowOr } from '../../lookup/lookups.js';


export const RegionRef = builder.prismaNode('Region', {
  // Include mode (every column: ten short ones), so a region from the lookup snapshot, a whole
  // row, answers every scalar field without a load. Data rows refer to their region through
  // `regionOf` (the snapshot), not a join, and so do `parent` and `children` (below); only
  // `groups` and `observations` read SQL.
  id: { field: 'code' },
  ...missingNodeIsNull,
  description: 'Riket, a county (län), a municipality (kommun) or a city district (stadsdelsområde, socialförvaltning), identified by its SCB code.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'SCB code: `00` Riket, `01` a county, `0180` a municipality; districts `0180-<name>`.' }),
    level: t.expose('level', { type: RegionLevel, description: 'Level in the hierarchy riket → län → kommun → stadsdel.' }),
    name: t.exposeString('name', { description: 'Official name, e.g. "Stockholms län", "Upplands Väsby kommun".' }),
    shortName: t.exposeString('shortName', { description: 'Short name, e.g. "Stockholm", "Upplands Väsby".' }),
    koladaId: t.exposeString('koladaId', { nullable: true, description: "Kolada's id for the same region (`0000`, `00NN`, `NNNN`): the crosswalk to Kolada." }),
    validFrom: t.expose('validFrom', { type: 'DateTime', nullable: true, description: 'For districts: since when the unit exists in this form (giltig från).' }),
    note: t.exposeString('note', { nullable: true, description: 'Notes on the unit, e.g. mergers.' }),
    groups: t.relation('groupMembership', { description: "The municipality's SKR municipality groups (kommungrupper), with the revision of the grouping." }),
    observations: t.relatedConnection('observations', {
      description: 'Published figures for this region, newest first.',
      cursor: 'id',
      totalCount: true,
      ...pageSize,
      args: { indicator: t.arg.string({ required: false, description: 'Only this indicator code.' }) },
      query: (args) => ({ where: args.indicator ? { indicatorCode: args.indicator } : {}, orderBy: [{ period: 'desc' }, { id: 'asc' }] }),
    }),
  }),
});

/** The region a data row points at, from the lookup snapshot: no join, no statement. */
export const regionOf = (ctx: Context, code: string) => ctx.lookups.referenced((l) => l.regions, code);

builder.prismaObjectFields(RegionRef, (t) => ({
  parent: t.field({ type: RegionRef, nullable: true, description: 'The region one level up (null for Riket).', resolve: (r, _args, ctx) => (r.parentCode ? regionOf(ctx, r.parentCode) : null) }),
  children: t.field({ type: [RegionRef], description: 'Regions one level down, by code.', resolve: (r, _args, ctx) => ctx.lookups.current.childrenOf.get(r.code) ?? [] }),
}));

builder.prismaObject('MunicipalityGroupMembership', {
  description: "A municipality's membership of an SKR municipality group in one revision of the grouping.",
  fields: (t) => ({
    group: t.relation('group', { description: 'The group (e.g. A1 Storstäder).' }),
    revision: t.exposeString('revision', { description: 'Which revision of SKR\'s grouping (kommungruppsindelning) this membership is from.' }),
  }),
});

export const MunicipalityGroupRef = builder.prismaNode('MunicipalityGroup', {
  // Include mode (every column), so a group from the lookup snapshot answers every scalar field.
  id: { field: 'code' },
  ...missingNodeIsNull,
  description: "SKR's municipality groups (kommungruppsindelning): main groups A, B, C and groups A1..C9. Källa: Kolada.",
  fields: (t) => ({
    code: t.exposeString('code', { description: 'A, B, C or A1..C9.' }),
    name: t.exposeString('name', { description: 'Swedish name, e.g. "Storstäder".' }),
    koladaId: t.exposeString('koladaId', { nullable: true, description: "Kolada's group id (G92786..G92794)." }),
    mainGroup: t.relation('mainGroup', { nullable: true, description: 'The main group (huvudgrupp) of a group.' }),
    subGroups: t.relation('subGroups', { description: 'Groups in a main group.', query: { orderBy: { code: 'asc' } } }),
    municipalities: t.field({
      type: [RegionRef],
      description: 'Member municipalities (of a group, or of all groups in a main group), by code.',
      // Loaded with the group itself (its memberships, or its subgroups' memberships): no query per group.
      select: (_args, _ctx, nestedSelection) => {
        const memberships = { select: { region: nestedSelection(true) } };
        return { memberships, subGroups: { select: { memberships } } };
      },
      resolve: (group) => {
        const all = [...group.memberships, ...group.subGroups.flatMap((g) => g.memberships)].map((m) => m.region);
        // A municipality may be listed under several revisions of the grouping.
        return [...new Map(all.map((r) => [r.code, r])).values()].sort((a, b) => a.code.localeCompare(b.code));
      },
    }),
  }),
});

builder.queryFields((t) => ({
  region: t.prismaField({
    type: 'Region',
    description: 'One region by SCB code or by Kolada id. An unknown code is an error with the nearest codes as suggestions, never an empty answer.',
    args: {
      code: t.arg.string({ required: false, description: 'SCB code, e.g. `0180`.' }),
      koladaId: t.arg.string({ required: false, description: 'Kolada id, e.g. `0001` for Stockholms län.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const region = requireOneOf(args, ['code', 'koladaId']) === 'code' ? await requireRegion(ctx, args.code!) : await requireKoladaRegion(ctx, args.koladaId!);
      return snapshotRowOr(query, () => region, () => ctx.prisma.region.findUniqueOrThrow({ ...query, where: { code: region.code } }));
    },
  }),
  regions: t.prismaConnection({
    type: 'Region',
    cursor: 'code',
    description: 'Regions by level, parent or name. Name search ignores case and å/ä/ö (so "malmo" finds Malmö).',
    ...pageSize,
    args: {
      level: t.arg({ type: RegionLevel, required: false, description: 'Only this level.' }),
      parent: t.arg.string({ required: false, description: 'Only children of this SCB code.' }),
      search: t.arg.string({ required: false, description: 'Part of the name; accents and case ignored.' }),
      group: t.arg.string({ required: false, description: 'Only municipalities in this SKR group (A1..C9) or main group (A, B, C).' }),
    },
    // Both check `parent` and `group` (once per request): a query selecting only totalCount
    // must not answer 0 for a misspelt code.
    totalCount: async (_conn, args, ctx) => {
      checkPageSize(args);
      return ctx.prisma.region.count({ where: await checkedRegionWhere(ctx, args) });
    },
    resolve: async (query, _root, args, ctx) => {
      checkPageSize(args);
      return ctx.prisma.region.findMany({ ...query, where: await checkedRegionWhere(ctx, args), orderBy: { code: 'asc' } });
    },
  }),
  municipalityGroups: t.prismaField({
    type: ['MunicipalityGroup'],
    description: "SKR's main groups and groups, by code.",
    resolve: (query, _root, _args, ctx) => ctx.prisma.municipalityGroup.findMany({ ...query, orderBy: { code: 'asc' } }),
  }),
}));

type RegionArgs = { level?: string | null; parent?: string | null; search?: string | null; group?: string | null };

/** The where clause after checking `parent` and `group`, once per request. */
function checkedRegionWhere(ctx: Context, args: RegionArgs) {
  return perRequestMemo(ctx, `regions:${JSON.stringify([args.level, args.parent, args.search, args.group])}`, async () => {
    if (args.parent) await requireRegion(ctx, args.parent);
    if (args.group) await requireGroup(ctx, args.group);
    return regionWhere(args);
  });
}

function regionWhere(args: { level?: string | null; parent?: string | null; search?: string | null; group?: string | null }) {
  return {
    ...(args.level ? { level: args.level as never } : {}),
    ...(args.parent ? { parentCode: args.parent } : {}),
    ...(args.search ? { searchName: { contains: escapeLike(searchKey(args.search)) } } : {}),
    ...(args.group ? inGroup(args.group) : {}),
  };
}

import type { Context } from '../../context.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { InsynError, unknownError } from '../../errors.js';

/** Resolves SCB codes to regions, or fails with the nearest codes as suggestions. */
export function requireRegions(ctx: Context, codes: string[]) {
  return ctx.lookups.require((l) => l.regions, [...new Set(codes)], (missing, l) =>
    unknownError('UNKNOWN_REGION', 'region with SCB code', missing, [...l.regions.values()].map((r) => ({ key: r.code, label: r.shortName })),
      'Regions use SCB codes: 00 Riket, 2-digit counties (01), 4-digit municipalities (0180); Kolada ids go in `koladaId`.'));
}

/** Resolves a Kolada id (`0000`, `0001`, `0180`) to its region, or fails with the nearest ids. */
export async function requireKoladaRegion(ctx: Context, koladaId: string) {
  const [region] = await ctx.lookups.require((l) => l.regionsByKoladaId, [koladaId], (missing, l) =>
    unknownError('UNKNOWN_REGION', 'region with Kolada id', missing, [...l.regionsByKoladaId.values()].map((r) => ({ key: r.koladaId!, label: r.shortName }))));
  return region!;
}

export async function requireRegion(ctx: Context, code: string) {
  return (await requireRegions(ctx, [code]))[0]!;
}

export function requireOneOf(args: Record<string, unknown>, keys: string[]) {
  const given = keys.filter((k) => args[k] != null);
  if (given.length !== 1) throw new InsynError('INVALID_FILTER', `Give exactly one of ${keys.join(', ')}.`);
  return given[0]!;
}

/** Fails with the nearest group codes unless `code` is an SKR group (A1..C9) or main group (A, B, C). */
export async function requireGroup(ctx: Context, code: string) {
  const [group] = await ctx.lookups.require((l) => l.groups, [code], (missing, l) =>
    unknownError('UNKNOWN_GROUP', 'municipality group', missing, [...l.groups.values()].map((g) => ({ key: g.code, label: g.name }))));
  return group!;
}

/** Regions in a group, or in any group of a main group. */
export const inGroup = (code: string): Prisma.RegionWhereInput => ({ groupMembership: { some: { OR: [{ groupCode: code }, { group: { mainGroupCode: code } }] } } });

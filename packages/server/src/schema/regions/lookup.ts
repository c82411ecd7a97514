import type { Context } from '../../context.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { InsynError, unknownError } from '../../errors.js';

/** Resolves SCB codes to regions, or fails with the nearest codes as suggestions. */
export async function requireRegions(ctx: Context, codes: string[]) {
  const unique = [...new Set(codes)];
  const found = await ctx.prisma.region.findMany({ where: { code: { in: unique } } });
  if (found.length === unique.length) return found;
  const missing = unique.find((c) => !found.some((r) => r.code === c))!;
  const all = await ctx.prisma.region.findMany({ select: { code: true, shortName: true } });
  throw unknownError('UNKNOWN_REGION', 'region with SCB code', missing, all.map((r) => ({ key: r.code, label: r.shortName })),
    'Regions use SCB codes: 00 Riket, 2-digit counties (01), 4-digit municipalities (0180); Kolada ids go in `koladaId`.');
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
  const group = await ctx.prisma.municipalityGroup.findUnique({ where: { code } });
  if (group) return group;
  const all = await ctx.prisma.municipalityGroup.findMany();
  throw unknownError('UNKNOWN_GROUP', 'municipality group', code, all.map((g) => ({ key: g.code, label: g.name })));
}

/** Regions in a group, or in any group of a main group. */
export const inGroup = (code: string): Prisma.RegionWhereInput => ({ groupMembership: { some: { OR: [{ groupCode: code }, { group: { mainGroupCode: code } }] } } });

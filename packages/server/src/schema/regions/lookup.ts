import type { Context } from '../../context.js';
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

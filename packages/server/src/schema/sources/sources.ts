import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { unknownError } from '../../errors.js';

export const SourceRef = builder.prismaObject('Source', {
  // Include mode (every column), so a source from the lookup snapshot answers every field;
  // data rows refer to their source through `sourceOf` (the snapshot), not a join.
  description: 'A published document the figures come from (källa): publisher, title, year and how to attribute it.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code, e.g. `oj-2022-socialpsykiatri`.' }),
    publisher: t.exposeString('publisher', { description: 'Publisher (utgivare), e.g. Socialstyrelsen.' }),
    title: t.exposeString('title', { description: 'Title as published (titel), in Swedish.' }),
    year: t.exposeInt('year', { description: 'Year of publication (publiceringsår).' }),
    url: t.exposeString('url', { nullable: true, description: 'Where the document is published.' }),
    licence: t.exposeString('licence', { description: 'Terms of reuse (villkor för återanvändning).' }),
    attribution: t.exposeString('attribution', { description: 'The credit line to show with any figure from this source (källhänvisning).' }),
  }),
});

/** The source a data row points at, from the lookup snapshot: no join, no statement. */
export const sourceOf = (ctx: Context, code: string) => ctx.lookups.referenced((l) => l.sources, code);

builder.queryFields((t) => ({
  sources: t.prismaField({
    type: ['Source'],
    description: 'Every source document, with its attribution.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.source.findMany({ ...query, orderBy: { code: 'asc' } }),
  }),
}));

/** Checks that every code names a source (INVALID_FILTER with the nearest codes); returns the distinct codes. */
export async function requireSources(ctx: Context, codes: string[]) {
  const unique = [...new Set(codes)];
  await ctx.lookups.require((l) => l.sources, unique, (missing, l) =>
    unknownError('INVALID_FILTER', 'source', missing, [...l.sources.keys()].map((code) => ({ key: code, label: '' })), 'List codes with `sources { code title }`.'));
  return unique;
}

import { DatasetKind } from '../enums.js';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { unknownError } from '../../errors.js';

export const SourceRef = builder.prismaObject('Source', {
  // Select mode: a query reads the columns its fields need, not every column of the row.
  select: {},
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

export const DatasetRef = builder.prismaObject('Dataset', {
  select: {},
  description: 'Which data set a record belongs to: the published figures, or a SYNTHETIC demo set (syntetiska data) that is not real.',
  fields: (t) => ({
    code: t.exposeString('code', { description: '`published` or e.g. `synthetic-offerings-2022`.' }),
    title: t.exposeString('title', { description: 'Name of the data set.' }),
    synthetic: t.exposeBoolean('synthetic', { description: 'True when the records are generated demo data, not real answers. Show this to your users.' }),
    kind: t.expose('kind', { type: DatasetKind, description: 'Published, synthetic or imported.' }),
    description: t.exposeString('description', { description: 'How the data set was made.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the data set\'s own record (title, description) last changed; its answers carry their own `updatedAt`.' }),
  }),
});

export const DimensionRef = builder.prismaObject('Dimension', {
  select: {},
  description: 'A dimension observations are broken down by (dimension), e.g. form, provider, gender, age group.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code, e.g. `form`.' }),
    labelSv: t.exposeString('labelSv', { description: 'Swedish label as in the source.' }),
    labelEn: t.exposeString('labelEn', { nullable: true, description: 'English label.' }),
    members: t.relation('members', { description: 'The members of the dimension, in the source order.', query: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } }),
  }),
});

export const DimensionMemberRef = builder.prismaObject('DimensionMember', {
  select: {},
  description: 'One member of a dimension (e.g. form `digital_only`, "Enbart digital form").',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Dimension and member, `<dimension>:<member>`, e.g. `form:digital_only`; use it in `ObservationFilter.members`.' }),
    dimension: t.relation('dimension', { description: 'The dimension this member belongs to.' }),
    code: t.exposeString('code', { description: 'Member code within its dimension.' }),
    labelSv: t.exposeString('labelSv', { description: 'Swedish label as in the source.' }),
    labelEn: t.exposeString('labelEn', { nullable: true, description: 'English label.' }),
    descriptionSv: t.exposeString('descriptionSv', { nullable: true, description: 'The source\'s own longer text for the member, as printed (e.g. an IPS principle); null where it gives none.' }),
    descriptionEn: t.exposeString('descriptionEn', { nullable: true, description: 'Insyn\'s description of the member, in English; not the source\'s words.' }),
  }),
});

builder.queryFields((t) => ({
  sources: t.prismaField({
    type: ['Source'],
    description: 'Every source document, with its attribution.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.source.findMany({ ...query, orderBy: { code: 'asc' } }),
  }),
  datasets: t.prismaField({
    type: ['Dataset'],
    description: 'The data sets: published figures and synthetic demo sets.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.dataset.findMany({ ...query, orderBy: { code: 'asc' } }),
  }),
  dimensions: t.prismaField({
    type: ['Dimension'],
    description: 'Every dimension and its members.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.dimension.findMany({ ...query, orderBy: { code: 'asc' } }),
  }),
}));

/** Checks that every code names a source (INVALID_FILTER with the nearest codes); returns the distinct codes. */
export async function requireSources(ctx: Context, codes: string[]) {
  const unique = [...new Set(codes)];
  await ctx.lookups.require((l) => l.sources, unique, (missing, l) =>
    unknownError('INVALID_FILTER', 'source', missing, [...l.sources.keys()].map((code) => ({ key: code, label: '' })), 'List codes with `sources { code title }`.'));
  return unique;
}

import { builder } from '../../builder.js';
import type { Context } from '../../context.js';

export const DimensionRef = builder.prismaObject('Dimension', {
  // Include mode (every column, all short): no per-field plan lookup per row, as Observation.
  description: 'A dimension observations are broken down by (dimension), e.g. form, provider, gender, age group.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code, e.g. `form`.' }),
    labelSv: t.exposeString('labelSv', { description: 'Swedish label as in the source.' }),
    labelEn: t.exposeString('labelEn', { nullable: true, description: 'English label.' }),
    members: t.relation('members', { description: 'The members of the dimension, in the source order.', query: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } }),
  }),
});

/** A member by id, from the lookup snapshot (as a figure's region, source and indicator). */
export const memberOf = (ctx: Context, id: string) => ctx.lookups.referenced((l) => l.members, id);

export const DimensionMemberRef = builder.prismaObject('DimensionMember', {
  // Include mode (every column, all short): no per-field plan lookup per row, as Observation.
  description: 'One member of a dimension (e.g. form `digital_only`, "Enbart digital form").',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Dimension and member, `<dimension>:<member>`, e.g. `form:digital_only`; use it in `ObservationFilter.members`.' }),
    dimension: t.field({ type: DimensionRef, description: 'The dimension this member belongs to.', resolve: (m, _args, ctx) => ctx.lookups.referenced((l) => l.dimensions, m.dimensionCode) }),
    code: t.exposeString('code', { description: 'Member code within its dimension.' }),
    labelSv: t.exposeString('labelSv', { description: 'Swedish label as in the source.' }),
    labelEn: t.exposeString('labelEn', { nullable: true, description: 'English label.' }),
    descriptionSv: t.exposeString('descriptionSv', { nullable: true, description: 'The source\'s own longer text for the member, as printed (e.g. an IPS principle); null where it gives none.' }),
    descriptionEn: t.exposeString('descriptionEn', { nullable: true, description: 'Insyn\'s description of the member, in English; not the source\'s words.' }),
  }),
});

builder.queryFields((t) => ({
  dimensions: t.prismaField({
    type: ['Dimension'],
    description: 'Every dimension and its members.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.dimension.findMany({ ...query, orderBy: { code: 'asc' } }),
  }),
}));

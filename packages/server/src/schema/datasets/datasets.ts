import { DatasetKind } from '../enums.js';
import { builder } from '../../builder.js';

export const DatasetRef = builder.prismaObject('Dataset', {
  // Include mode (every column), so a data set from the lookup snapshot answers every field.
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

builder.queryFields((t) => ({
  datasets: t.prismaField({
    type: ['Dataset'],
    description: 'The data sets: published figures and synthetic demo sets.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.dataset.findMany({ ...query, orderBy: { code: 'asc' } }),
  }),
}));

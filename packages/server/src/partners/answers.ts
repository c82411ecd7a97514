import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { InsynError } from '../errors.js';
import { lookupStoreFor } from '../lookup/lookups.js';
import { databaseUrlOf } from '../db/prisma.js';
import { OfferingDecision, OfferingForm, OfferingProvider, ReachBand, SurveyStatus } from '../schema/enums.js';
import { authenticate, type Grant } from './keys.js';
import { DatasetRef } from '../schema/datasets/datasets.js';
import { RegionRef, regionOf } from '../schema/regions/regions.js';
import { deleteDataset, forbidden, type UnitAnswers, type WriteResult, writePool, writeUnitAnswers } from './write.js';

/** Partners' writes in the schema: `setUnitAnswers`, `deleteDataset` and the owner's audit trail (`answerChanges`); the write path is write.ts. */

/** The request's database and the grant of its API key (UNAUTHENTICATED without a valid one). */
async function writer(ctx: Context): Promise<{ url: string; grant: Grant }> {
  const url = databaseUrlOf(ctx.prisma)!;
  return { url, grant: await authenticate(writePool(url), ctx.authorization) };
}

const OfferingAnswerInput = builder.inputType('OfferingAnswerInput', {
  description: 'A unit\'s answer about one intervention: offered or not, and how.',
  fields: (t) => ({
    intervention: t.string({ required: true, description: 'Intervention code, e.g. `socialpsykiatri:boendestod`; must be of the area it is listed under.' }),
    offered: t.boolean({ required: true, description: 'Whether the unit offers it (erbjuder insatsen).' }),
    form: t.field({ type: OfferingForm, required: false, description: 'Form, when offered.' }),
    provider: t.field({ type: OfferingProvider, required: false, description: 'Provider, when offered.' }),
    decision: t.field({ type: OfferingDecision, required: false, description: 'Decision requirement, when offered.' }),
    reachBand: t.field({ type: ReachBand, required: false, description: 'Persons reached, banded, when offered.' }),
  }),
});

const AreaAnswerInput = builder.inputType('AreaAnswerInput', {
  description: 'A unit\'s whole answer for one SKR area: interventions of the area not listed are no longer answered.',
  fields: (t) => ({
    area: t.string({ required: true, description: 'One of SKR\'s six areas, e.g. `socialpsykiatri`.' }),
    status: t.field({ type: SurveyStatus, required: true, description: 'How far the unit got with the survey for this area.' }),
    wantsWithoutDecision: t.boolean({ required: false, description: 'Whether it wants to offer interventions without a needs-assessment decision.' }),
    offerings: t.field({ type: [OfferingAnswerInput], required: true, description: 'Its answer per intervention of the area.' }),
  }),
});

const UnitAnswersInput = builder.inputType('UnitAnswersInput', {
  description: 'One unit\'s answers in one data set and survey round.',
  fields: (t) => ({
    dataset: t.string({ required: true, description: 'An imported data set the key may write (see `datasets`).' }),
    round: t.int({ required: true, description: 'Survey round (year), e.g. 2022.' }),
    region: t.string({ required: true, description: 'The answering unit: a municipality (e.g. 0380) or a district (e.g. 0180-bromma).' }),
    areas: t.field({ type: [AreaAnswerInput], required: true, description: 'The answer of each area given; areas not given stay as they are.' }),
  }),
});

const UnitAnswersPayload = builder.objectRef<WriteResult>('UnitAnswersPayload').implement({
  description: 'What a write changed. Read the answers back with `region(code:) { offeringSummary(dataset:) }` or `offerings(dataset:)`: reads see a write at once.',
  fields: (t) => ({
    dataset: t.field({ type: DatasetRef, description: 'The data set written.', resolve: (r, _a, ctx) => ctx.lookups.referenced((l) => l.datasets, r.dataset) }),
    region: t.field({ type: RegionRef, description: 'The unit written.', resolve: (r, _a, ctx) => regionOf(ctx, r.region) }),
    round: t.exposeInt('round', { description: 'The survey round.' }),
    inserted: t.exposeInt('inserted', { description: 'Rows (area statuses and intervention answers) added.' }),
    updated: t.exposeInt('updated', { description: 'Rows changed.' }),
    deleted: t.exposeInt('deleted', { description: 'Rows removed (interventions of an answered area no longer listed).' }),
    changed: t.int({ description: 'Rows added, changed or removed: 0 when the same answer is written again.', resolve: (r) => r.inserted + r.updated + r.deleted }),
  }),
});

const DeleteDatasetPayload = builder.objectRef<{ code: string; deleted: number }>('DeleteDatasetPayload').implement({
  description: 'What deleting a data set removed.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The data set deleted.' }),
    deleted: t.exposeInt('deleted', { description: 'Answers removed with it (offerings and survey statuses).' }),
  }),
});

interface AnswerChangeRow { id: string; keyId: string; keyName: string; at: Date; region: string; round: number; table: string; key: unknown; old: unknown; new: unknown }

const AnswerChange = builder.objectRef<AnswerChangeRow>('AnswerChange').implement({
  description: 'One row a partner\'s write changed, in the audit trail of a data set.',
  fields: (t) => ({
    cursor: t.exposeString('id', { description: 'Pass as `after` for the changes after this one.' }),
    key: t.exposeString('keyId', { description: 'The id of the API key that wrote it.' }),
    keyName: t.exposeString('keyName', { description: 'The name the key was made with.' }),
    at: t.field({ type: 'DateTime', description: 'When.', resolve: (c) => c.at }),
    region: t.exposeString('region', { description: 'The unit (empty for the deletion of the data set).' }),
    round: t.exposeInt('round', { description: 'The survey round (0 for the deletion of the data set).' }),
    table: t.exposeString('table', { description: '`offering`, `survey_response`, or `dataset` for its deletion.' }),
    rowKey: t.field({ type: 'JSON', description: 'The row\'s primary key, its columns in order.', resolve: (c) => c.key }),
    old: t.field({ type: 'JSON', nullable: true, description: 'The row before (null: it was added).', resolve: (c) => c.old }),
    new: t.field({ type: 'JSON', nullable: true, description: 'The row after (null: it was removed).', resolve: (c) => c.new }),
  }),
});

builder.queryFields((t) => ({
  answerChanges: t.field({
    type: [AnswerChange],
    description: 'The audit trail of an imported data set: every row partners\' writes changed, oldest first, with the key, the time, old and new. Only for the data set\'s owner (an API key with `write:dataset:<code>` and no unit scopes); UNAUTHENTICATED or FORBIDDEN otherwise.',
    args: {
      dataset: t.arg.string({ required: true, description: 'The data set.' }),
      after: t.arg.string({ required: false, description: 'A `cursor`: only the changes after it.' }),
      first: t.arg.int({ required: false, defaultValue: 100, description: 'How many (1-1000).' }),
    },
    resolve: async (_root, args, ctx) => {
      const { url, grant } = await writer(ctx);
      if (!grant.datasets.includes(args.dataset) || grant.units.length) throw forbidden(`Key ${grant.keyId} ("${grant.name}") does not own data set ${args.dataset}: its audit trail is for a key with write:dataset:${args.dataset} and no unit scopes.`, grant);
      const first = args.first ?? 100;
      if (first < 1 || first > 1000) throw new InsynError('PAGE_TOO_LARGE', `first: ${first} is outside 1..1000. Page on with the last cursor.`, { max: 1000 });
      if (args.after != null && !/^\d{1,19}$/.test(args.after)) throw new InsynError('INVALID_CURSOR', `after: "${args.after.slice(0, 40)}" is not a cursor of the audit trail; pass back a \`cursor\` as the API returned it.`, { http: { status: 400 } });
      const { rows } = await writePool(url).query<AnswerChangeRow>(
        `SELECT c.id::text AS id, c.key_id AS "keyId", k.name AS "keyName", c.at, c.region_code AS region, c.round, c.table_name AS table, c.row_key AS key, c.old, c.new
         FROM insyn_partner.answer_change c JOIN insyn_partner.api_key k ON k.id = c.key_id
         WHERE c.dataset_code = $1 AND c.id > $2 ORDER BY c.id LIMIT $3`, [args.dataset, args.after ?? '0', first]);
      return rows;
    },
  }),
}));

builder.mutationFields((t) => ({
  deleteDataset: t.field({
    type: DeleteDatasetPayload,
    description: 'Deletes an imported data set and all its answers. Only its owner may: a key with `write:dataset:<code>` and no unit scopes (FORBIDDEN otherwise).',
    args: { code: t.arg.string({ required: true, description: 'The data set.' }) },
    resolve: async (_root, { code }, ctx) => {
      const { url, grant } = await writer(ctx);
      const result = await deleteDataset(url, grant, code, await ctx.lookups.fresh());
      ctx.lookups.current = await lookupStoreFor(ctx.prisma).refresh();
      return result;
    },
  }),
  setUnitAnswers: t.field({
    type: UnitAnswersPayload,
    description: 'Writes one unit\'s answers (survey status and offerings per area) in an imported data set and round. Needs an API key (`Authorization: Bearer`) whose scopes cover the data set and the unit: without one UNAUTHENTICATED, outside them FORBIDDEN, invalid answers INVALID_ANSWERS listing every problem; in each case nothing is written.',
    args: { input: t.arg({ type: UnitAnswersInput, required: true, description: 'The answers.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { url, grant } = await writer(ctx);
      const lookups = await ctx.lookups.fresh();
      const { versions, ...result } = await writeUnitAnswers(url, grant, input as UnitAnswers, lookups);
      // Of the snapshot a unit's answers change only the rounds of their data set (the round
      // written now holds at least the area statuses given); reads after this see it.
      ctx.lookups.current = await lookupStoreFor(ctx.prisma).wrote(versions.before, versions.after, (l) => {
        const datasets = new Map(l.datasets);
        const dataset = datasets.get(result.dataset)!;
        datasets.set(result.dataset, { ...dataset, rounds: [...new Set([...dataset.rounds, result.round])].sort((a, b) => a - b) });
        return { datasets };
      });
      return result;
    },
  }),
}));

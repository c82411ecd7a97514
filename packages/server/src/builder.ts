import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from './context.js';
import type GeneratedPrismaTypes from './generated/pothos-types.js';
import { getDatamodel } from './generated/pothos-types.js';
import { InsynError } from './errors.js';

/** Largest page any connection returns; asking for more is an error, not a silent cut. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;
/**
 * Depth, breadth (fields selected) and estimated cost a single operation may have, checked by
 * http/limits.ts once per document and variables (page sizes, aliases, introspection, SQL per
 * field). Pothos' complexity plugin checked them again on every request, with a cruder estimate.
 */
export const COMPLEXITY_LIMIT = { complexity: 50_000, depth: 12, breadth: 150 };

/** On every `prismaNode`: `node(id:)` of a well-formed id whose row does not exist answers null (Relay), not an internal error. */
export const missingNodeIsNull = { nullable: true } as const;

/** Pothos' view of the rows: an observation is read without `tables`, which the client omits (db/prisma.ts). */
type PrismaTypes = Omit<GeneratedPrismaTypes, 'Observation'> & {
  Observation: Omit<GeneratedPrismaTypes['Observation'], 'Shape'> & { Shape: Omit<GeneratedPrismaTypes['Observation']['Shape'], 'tables'> };
};

/** Settings and plugins only: types live in schema/<domain>/. */
export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  Scalars: { DateTime: { Input: Date; Output: Date }; JSON: { Input: unknown; Output: unknown } };
  DefaultFieldNullability: false;
}>({
  plugins: [RelayPlugin, PrismaPlugin],
  defaultFieldNullability: false,
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    // Tests fail on a resolver that ignores `query` (the selection would be fetched again, N+1); a dev server warns.
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : process.env.NODE_ENV === 'test' ? 'error' : 'warn',
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeTypeOptions: { description: 'An object with a stable global id.' },
    pageInfoTypeOptions: { description: 'Where a page of a connection starts and ends (Relay).' },
    nodeQueryOptions: { description: 'Fetches any object by its global id (Relay `node`); null when no such object exists.', args: { id: { description: 'A global id from any `id` field.' } } },
    nodesQueryOptions: { description: 'Fetches several objects by their global ids (Relay `nodes`).', args: { ids: { description: 'Global ids from `id` fields.' } } },
    idFieldOptions: { description: 'Global id (Relay), stable across releases; use with `node(id:)`. The domain code is in `code`.' },
    defaultConnectionTypeOptions: { description: 'A page of results (Relay connection); follow `pageInfo.endCursor` for the next page.' },
    defaultEdgeTypeOptions: { description: 'One result and its cursor.' },
    edgesFieldOptions: { description: 'The results on this page.' },
    nodeFieldOptions: { description: 'The result.' },
    cursorFieldOptions: { description: 'Opaque cursor of this result: pass it as `after` or `before`.' },
    pageInfoFieldOptions: { description: 'Where this page starts and ends.' },
    hasNextPageFieldOptions: { description: 'True when there are more results after this page.' },
    hasPreviousPageFieldOptions: { description: 'True when there are results before this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first result on this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last result on this page: pass it as `after` for the next page.' },
    firstArgOptions: { description: `Return the first n results (at most ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}).` },
    lastArgOptions: { description: `Return the last n results (at most ${MAX_PAGE_SIZE}).` },
    afterArgOptions: { description: 'Return results after this cursor.' },
    beforeArgOptions: { description: 'Return results before this cursor.' },
  },
});

/** Refuses a page larger than MAX_PAGE_SIZE instead of silently returning fewer rows. */
export function checkPageSize(args: { first?: number | null; last?: number | null }) {
  for (const key of ['first', 'last'] as const) {
    const size = args[key];
    if (size != null && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw new InsynError('PAGE_TOO_LARGE', `${key}: ${size} is outside 0..${MAX_PAGE_SIZE}. Ask for at most ${MAX_PAGE_SIZE} rows per page and follow pageInfo.endCursor, or use the CSV export for bulk downloads.`, { max: MAX_PAGE_SIZE });
    }
  }
}

/**
 * `maxSize` for every connection: Pothos would silently clamp `first: 10000` to the maximum;
 * this refuses it instead (PAGE_TOO_LARGE), also on nested connections such as
 * `region { observations(first:) }`.
 */
export const pageSize = {
  maxSize: (args: { first?: number | null; last?: number | null }) => {
    checkPageSize(args);
    return MAX_PAGE_SIZE;
  },
  defaultSize: DEFAULT_PAGE_SIZE,
};

builder.queryType({ description: 'The root of every read: regions, indicators and observations, the intervention catalogue, offerings, comparisons and rankings.' });
builder.mutationType({ description: 'Writes, for partners with an API key (docs/partners.md): a unit\'s own answers to a survey.' });
builder.scalarType('DateTime', {
  description: 'A point in time, ISO 8601 with time zone (e.g. 2026-11-25T12:00:00.000Z).',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new InsynError('INVALID_FILTER', `"${String(value)}" is not an ISO 8601 date-time, e.g. 2026-01-01T00:00:00Z.`);
    return date;
  },
});

import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { coerceInputValue, GraphQLError, isInputObjectType } from 'graphql';
import { PothosValidationError } from '@pothos/core';
import type { Context } from './context.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { InsynError } from './errors.js';
import { schema } from './schema/index.js';
import { EXPORT_PATH, exportObservationsCsv } from './schema/indicators/export.js';
import { EXAMPLE_QUERIES } from './examples.js';
import { responseCachePlugins } from './cache/response-cache.js';
import type { ResponseCacheStore } from './cache/store.js';
import { graphiqlAssets, renderGraphiQL } from './http/graphiql.js';
import { lookupStoreFor, type LookupStore } from './lookup/lookups.js';
import { persistedOptionsFromEnv, persistedPlugins, readPersistedDocuments, type PersistedOptions } from './persisted.js';

export interface ServerContext { prisma: PrismaClient }

/** Adds `extensions.synthetic` to any response that returned synthetic records. */
const syntheticNotice: Plugin<Context> = {
  onExecute() {
    return {
      onExecuteDone({ args, result, setResult }) {
        const ctx = args.contextValue as Context;
        if (!ctx.synthetic?.size || !result || Symbol.asyncIterator in result) return;
        setResult({
          ...result,
          extensions: {
            ...result.extensions,
            synthetic: { datasets: [...ctx.synthetic].sort(), notice: 'This response contains SYNTHETIC demo data (generated, calibrated to published aggregates), not real municipal answers.' },
          },
        });
      },
    };
  },
};

/**
 * graphql-js refuses a variable of the wrong type ("County" for RegionLevel, "2022x" for Int,
 * a required one left out) before any resolver runs, without a code: give it INVALID_ARGUMENT
 * so clients (and the SDK's InsynApiError.code) can branch on it like on every other error.
 */
const variableErrorCodes: Plugin<Context> = {
  onExecute() {
    return {
      onExecuteDone({ result, setResult }) {
        if (!result || Symbol.asyncIterator in result || !result.errors?.length) return;
        const isVariableError = (e: GraphQLError) => e.extensions?.code == null && !e.path && /^Variable "\$/.test(e.message);
        if (!result.errors.some(isVariableError)) return;
        setResult({
          ...result,
          errors: result.errors.map((e) => (isVariableError(e) ? new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, extensions: { ...e.extensions, code: 'INVALID_ARGUMENT' } }) : e)),
        });
      },
    };
  },
};

/** Serves GET /export/observations.csv?filter=<ObservationFilter as JSON>. */
function csvExport(prisma: PrismaClient, lookups: LookupStore): Plugin<Context> {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== EXPORT_PATH) return;
      const ctx: Context = { prisma, synthetic: new Set(), baseUrl: url.origin, lookups: await lookups.forRequest(), authorization: null };
      const error = (status: number, code: string, message: string, details: Record<string, unknown> = {}) =>
        endResponse(new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { ...details, code } }] }), { status, headers: { 'content-type': 'application/json' } }));
      if (request.method !== 'GET') return error(405, 'METHOD_NOT_ALLOWED', 'Use GET.');
      let filter: unknown;
      try {
        filter = JSON.parse(url.searchParams.get('filter') ?? '{}');
      } catch {
        return error(400, 'INVALID_FILTER', 'filter must be an ObservationFilter as JSON, e.g. {"indicators":["oj-ibic-utredning"]}.');
      }
      if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) return error(400, 'INVALID_FILTER', 'filter must be a JSON object.');
      // Checked against the schema's ObservationFilter exactly as a GraphQL variable would be:
      // an unknown field, a string for a year or a lower-case enum is a 400 that says so.
      const problems: { message: string; code: string }[] = [];
      const filterType = schema.getType('ObservationFilter');
      if (!isInputObjectType(filterType)) throw new Error('ObservationFilter is missing from the schema');
      const coerced = coerceInputValue(filter, filterType, (path, _value, e) => {
        const at = path.length ? `filter.${path.join('.')}` : 'filter';
        problems.push({ message: `${at}: ${e.message}${/[.?!]$/.test(e.message) ? '' : '.'}`, code: typeof e.extensions?.code === 'string' ? e.extensions.code : 'INVALID_FILTER' });
      });
      if (problems.length) {
        return error(400, problems[0]!.code, `${problems.map((p) => p.message).join(' ')} The filter is an ObservationFilter as JSON, e.g. {"indicators":["oj-ibic-utredning"],"level":"COUNTY"}.`);
      }
      try {
        const { csv } = await exportObservationsCsv(ctx, coerced as never);
        endResponse(new fetchAPI.Response(csv, { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="insyn-observations.csv"' } }));
      } catch (e) {
        if (e instanceof InsynError) return error(400, String(e.extensions.code), e.message, e.extensions);
        console.error(e);
        return error(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      }
    },
  };
}

export interface ServerOptions {
  logging?: boolean;
  /** A response cache shared by every server process (docs/scaling.md); none by default. */
  responseCache?: ResponseCacheStore;
  /** The code version in the cache keys; the hash of the server's source by default (tests vary it). */
  codeVersion?: string;
  /** Persisted queries; by default the SDK's manifest, INSYN_PERSISTED_ONLY and INSYN_CDN_MAX_AGE. */
  persisted?: Partial<PersistedOptions>;
}

export function createServer(prisma: PrismaClient, options: ServerOptions = {}): YogaServerInstance<ServerContext, Context> {
  const persisted: PersistedOptions = { ...persistedOptionsFromEnv(), ...options.persisted, documents: options.persisted?.documents ?? readPersistedDocuments() };
  const lookups = lookupStoreFor(prisma);
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    context: async ({ request }) => ({ prisma, synthetic: new Set<string>(), baseUrl: new URL(request.url).origin, lookups: await lookups.forRequest(), authorization: request.headers.get('authorization') }),
    // Expected failures are GraphQLErrors (InsynError, validation) and pass through;
    // anything else becomes "Unexpected error." and is logged with its stack.
    maskedErrors: {
      maskError(error, message) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        // Pothos refuses bad arguments (a malformed cursor or global id) without a code.
        if (error instanceof GraphQLError && original instanceof PothosValidationError) {
          const hint = /cursor|global id/i.test(error.message) ? '. Pass back a cursor or id exactly as the API returned it.' : '';
          return new GraphQLError(`${error.message}${hint}`, { nodes: error.nodes, path: error.path, extensions: { ...error.extensions, code: 'INVALID_ARGUMENT' } });
        }
        if (error instanceof GraphQLError && (!original || original instanceof GraphQLError)) return error;
        console.error('[insyn] unexpected error:', original ?? error);
        return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      },
    },
    graphiql: {
      title: 'Insyn – GraphiQL',
      defaultQuery: EXAMPLE_QUERIES[0]!.query,
      defaultTabs: EXAMPLE_QUERIES.map((q) => ({ query: `# ${q.title}\n${q.query}` })),
    },
    renderGraphiQL,
    logging: options.logging ?? false,
    // GraphQL over HTTP's persisted documents name the operation `documentId`.
    extraParamNames: ['documentId'],
    // Order matters: the cache stores the result after the synthetic notice is added, and
    // looks up the document a persisted hash stands for.
    plugins: [graphiqlAssets, syntheticNotice, variableErrorCodes, csvExport(prisma, lookups), ...persistedPlugins(persisted), ...(options.responseCache ? responseCachePlugins(options.responseCache, { codeVersion: options.codeVersion, lookups }) : [])],
  });
}

import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { PothosValidationError } from '@pothos/core';
import type { Context } from '../context.js';
import type { Db } from '../db/prisma.js';
import { clientGone, databaseFault } from '../errors.js';
import { argumentChecks, requestChecks } from './input-checks.js';
import { boundedDocumentCache, limitPlugins } from './limits.js';
import { publicBaseUrl, serverSettings, type ServerSettings } from './settings.js';
import { schema } from '../schema/index.js';
import { EXAMPLE_QUERIES } from './examples.js';
import { responseCachePlugins } from '../plugins/response-cache.js';
import type { ResponseCacheStore } from '../plugins/response-cache-store.js';
import { graphiqlAssets, renderGraphiQL } from './graphiql.js';
import { lookupStoreFor } from '../lookup/lookups.js';
import { fileExports } from '../export/routes.js';
import { conditionalRequests } from '../plugins/conditional-requests.js';
import { introspectionOff, securityHeaders, withoutInternals } from '../plugins/security.js';
import { syntheticNotice } from '../plugins/synthetic-notice.js';
import { variableErrorCodes } from '../plugins/variable-error-codes.js';
import { persistedOptionsFromEnv, persistedPlugins, readPersistedDocuments, type PersistedOptions } from '../plugins/persisted.js';

export interface ServerContext { prisma: Db }

export interface ServerOptions {
  logging?: boolean;
  /** A response cache shared by every server process (docs/scaling.md); none by default. */
  responseCache?: ResponseCacheStore;
  /** The code version in the cache keys; the hash of the server's source by default (tests vary it). */
  codeVersion?: string;
  /** Persisted queries; by default the SDK's manifest, INSYN_PERSISTED_ONLY and INSYN_CDN_MAX_AGE. */
  persisted?: Partial<PersistedOptions>;
  /** PUBLIC_URL, trusted proxies, GraphiQL, introspection (http/settings.ts); from the environment by default. */
  settings?: Partial<ServerSettings>;
}

export function createServer(prisma: Db, options: ServerOptions = {}): YogaServerInstance<ServerContext, Context> {
  const persisted: PersistedOptions = { ...persistedOptionsFromEnv(), ...options.persisted, documents: options.persisted?.documents ?? readPersistedDocuments() };
  const lookups = lookupStoreFor(prisma);
  const settings: ServerSettings = serverSettings(options.settings);
  const baseUrl = (request: Request, serverContext?: unknown) => publicBaseUrl(settings, request, serverContext);
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    context: async ({ request, ...serverContext }) => {
      try {
        return { prisma, synthetic: new Set<string>(), baseUrl: baseUrl(request, serverContext), lookups: await lookups.forRequest(), authorization: request.headers.get('authorization') };
      } catch (error) {
        throw databaseFault(error) ?? error;
      }
    },
    // Open data: any origin may read, never with credentials (no cookies, no auth reflected).
    cors: { origin: '*', credentials: false, methods: ['GET', 'POST', 'OPTIONS'], allowedHeaders: ['content-type', 'accept', 'if-none-match', 'authorization'], exposedHeaders: ['etag', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-policy'] },
    // Expected failures are GraphQLErrors (InsynError, validation) and pass through;
    // anything else becomes "Unexpected error." and is logged with its stack.
    maskedErrors: {
      // Never the original error's message or stack in an answer, whatever NODE_ENV says.
      isDev: false,
      maskError(error, message) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        const fault = databaseFault(original ?? error);
        if (fault) return fault;
        // Pothos refuses bad arguments (a malformed cursor or global id) without a code.
        if (error instanceof GraphQLError && original instanceof PothosValidationError) {
          const code = /cursor/i.test(error.message) ? 'INVALID_CURSOR' : /global id|has not been implemented/i.test(error.message) ? 'INVALID_ID' : 'INVALID_ARGUMENT';
          const hint = code === 'INVALID_ARGUMENT' ? '' : '. Pass back a cursor or id exactly as the API returned it.';
          return new GraphQLError(`${error.message}${hint}`, { nodes: error.nodes, path: error.path, extensions: { ...error.extensions, code } });
        }
        // `node(id:)` of a well-formed id naming a type that is not a node: Pothos' plain Error.
        if (error instanceof GraphQLError && original instanceof Error && /has not been implemented$/.test(original.message)) {
          return new GraphQLError('Not a global id of this API. Pass an `id` exactly as the API returned it.', { nodes: error.nodes, path: error.path, extensions: { code: 'INVALID_ID' } });
        }
        if (error instanceof GraphQLError && (!original || original instanceof GraphQLError)) return error;
        if (clientGone(original ?? error)) return new GraphQLError('The client closed the connection before the answer.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
        console.error('[insyn] unexpected error:', original ?? error);
        return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      },
    },
    graphiql: settings.graphiql ? {
      title: 'Insyn – GraphiQL',
      defaultQuery: EXAMPLE_QUERIES[0]!.query,
      defaultTabs: EXAMPLE_QUERIES.map((q) => ({ query: `# ${q.title}\n${q.query}` })),
    } : false,
    renderGraphiQL,
    logging: options.logging ?? false,
    // Bodies are bounded by http/server.ts (over HTTP) and requestChecks (in process), not by
    // Yoga's limit, which piped every body through a stream to count it.
    maxRequestBodySize: false,
    // Parsed documents are cached up to 4 kB each and 500 kB in all (http/limits.ts): big ones filled memory.
    parserAndValidationCache: { documentCache: boundedDocumentCache(), errorCache: boundedDocumentCache() },
    // GraphQL over HTTP's persisted documents name the operation `documentId`.
    extraParamNames: ['documentId'],
    // Order matters: the cache stores the result after the synthetic notice is added, and
    // looks up the document a persisted hash stands for.
    // The request checks come first (a body over the limit, bad GET parameters never reach the
    // parser); the cost limits and argument checks run before any resolver.
    plugins: [
      requestChecks, securityHeaders, withoutInternals, ...(settings.graphiql ? [graphiqlAssets] : []), syntheticNotice, variableErrorCodes, fileExports(prisma, lookups, baseUrl),
      ...(settings.introspection ? [] : [introspectionOff]),
      ...limitPlugins(), argumentChecks, ...persistedPlugins(persisted), conditionalRequests(),
      ...(options.responseCache ? responseCachePlugins(options.responseCache, { codeVersion: options.codeVersion, lookups }) : []),
    ],
  });
}

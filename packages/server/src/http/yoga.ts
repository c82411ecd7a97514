import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { coerceInputValue, GraphQLError, parse, isInputObjectType, type FieldNode, type ValidationContext } from 'graphql';
import { PothosValidationError } from '@pothos/core';
import type { Context } from '../context.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { clientGone, databaseFault, InsynError } from '../errors.js';
import { MAX_BODY_BYTES, SECURITY_HEADERS } from './guards.js';
import { argumentChecks, badRequest, checkArguments, requestChecks } from './input-checks.js';
import { boundedDocumentCache, limitPlugins } from './limits.js';
import { publicBaseUrl, serverSettings, type ServerSettings } from './settings.js';
import { schema } from '../schema/index.js';
import { exportObservations } from '../schema/indicators/export.js';
import { exportOfferings } from '../schema/offerings/export.js';
import { CONTENT_TYPES, contentDisposition, type ExportFormat } from '../export/formats.js';
import { EXAMPLE_QUERIES } from './examples.js';
import { responseCachePlugins } from '../plugins/response-cache.js';
import type { ResponseCacheStore } from '../plugins/response-cache-store.js';
import { graphiqlAssets, renderGraphiQL } from './graphiql.js';
import { lookupStoreFor, type LookupStore } from '../lookup/lookups.js';
import { persistedOptionsFromEnv, persistedPlugins, readPersistedDocuments, type PersistedOptions } from '../plugins/persisted.js';

export interface ServerContext { prisma: PrismaClient }

/**
 * Adds `extensions.synthetic` to any response that returned synthetic records, and
 * `extensions.imported` to any that returned figures of an imported data set (Kolada's), naming it.
 */
const syntheticNotice: Plugin<Context> = {
  onExecute() {
    return {
      onExecuteDone({ args, result, setResult }) {
        const ctx = args.contextValue as Context;
        if ((!ctx.synthetic?.size && !ctx.imported?.size) || !result || Symbol.asyncIterator in result) return;
        const imported = [...(ctx.imported ?? [])].sort().map((code) => ({ code, title: ctx.lookups.current.datasets.get(code)?.title ?? code }));
        setResult({
          ...result,
          extensions: {
            ...result.extensions,
            ...(ctx.synthetic?.size ? { synthetic: { datasets: [...ctx.synthetic].sort(), notice: 'This response contains SYNTHETIC demo data (generated, calibrated to published aggregates), not real municipal answers.' } } : {}),
            ...(imported.length ? { imported: { datasets: imported, notice: `This response contains figures from ${imported.map((d) => `${d.code} (${d.title})`).join(', ')}, not from the printed reports; each figure's \`source\` and \`dataset\` say where it comes from.` } } : {}),
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

const EXPORT_ROUTE = /^\/export\/(observations|offerings)\.(csv|json|xlsx)$/;

/**
 * Serves the bulk exports, each in CSV, JSON-stat 2.0 (`.json`) and Excel (`.xlsx`):
 * GET /export/observations.<format>?filter=<ObservationFilter as JSON> and
 * GET /export/offerings.<format>?intervention=<code>[&filter=<OfferingFilter as JSON>][&dataset=<code>];
 * `bom=1` puts a UTF-8 byte order mark before a CSV. Arguments are checked exactly as the
 * GraphQL fields `observationExport` and `offeringExport` check them.
 */
function fileExports(prisma: PrismaClient, lookups: LookupStore, baseUrl: (request: Request) => string): Plugin<Context> {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const route = EXPORT_ROUTE.exec(url.pathname);
      if (!route) {
        if (url.pathname.startsWith('/export/')) {
          endResponse(new fetchAPI.Response(JSON.stringify({ errors: [{ message: 'No such export. There are /export/observations.<csv|json|xlsx>?filter=… and /export/offerings.<csv|json|xlsx>?intervention=….', extensions: { code: 'NOT_FOUND' } }] }), { status: 404, headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS } }));
        }
        return;
      }
      const what = route[1] as 'observations' | 'offerings';
      const format = route[2] as ExportFormat;
      const error = (status: number, code: string, message: string, details: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
        endResponse(new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { ...details, code } }] }), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers } }));
      const fault = (e: unknown) => {
        const known = databaseFault(e);
        if (!known) return false;
        const { http, ...extensions } = known.extensions as { http: { status: number; headers: Record<string, string> }; code: string };
        error(http.status, String(extensions.code), known.message, extensions, http.headers);
        return true;
      };
      if (request.method !== 'GET') return error(405, 'METHOD_NOT_ALLOWED', 'Use GET.');
      const bom = url.searchParams.get('bom');
      if (bom !== null && !['0', '1', 'true', 'false'].includes(bom)) return error(400, 'INVALID_ARGUMENT', 'bom must be 1 (a UTF-8 byte order mark before the CSV, for Excel on Windows) or 0.');
      let ctx: Context;
      try {
        ctx = { prisma, synthetic: new Set(), baseUrl: baseUrl(request), lookups: await lookups.forRequest(), authorization: null };
      } catch (e) {
        if (fault(e)) return;
        throw e;
      }
      const filterType = what === 'observations' ? 'ObservationFilter' : 'OfferingFilter';
      const example = what === 'observations' ? '{"indicators":["oj-ibic-utredning"],"level":"COUNTY"}' : '{"county":"01"}';
      const raw = url.searchParams.get('filter');
      let filter: unknown;
      try {
        filter = JSON.parse(raw ?? '{}');
      } catch {
        return error(400, 'INVALID_FILTER', `filter must be an ${filterType} as JSON, e.g. ${example}.`);
      }
      if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) return error(400, 'INVALID_FILTER', 'filter must be a JSON object.');
      const texts = [JSON.stringify(filter), url.searchParams.get('intervention') ?? '', url.searchParams.get('dataset') ?? ''];
      if (texts.some((t) => t.includes('\\u0000') || t.includes('\u0000'))) return error(400, 'INVALID_STRING', 'The request contains a NUL character (\\u0000), which no code, name or text holds. Remove it.');
      // Checked against the schema's input type exactly as a GraphQL variable would be:
      // an unknown field, a string for a year or a lower-case enum is a 400 that says so.
      const problems: { message: string; code: string }[] = [];
      const inputType = schema.getType(filterType);
      if (!isInputObjectType(inputType)) throw new Error(`${filterType} is missing from the schema`);
      const coerced = coerceInputValue(filter, inputType, (path, _value, e) => {
        const at = path.length ? `filter.${path.join('.')}` : 'filter';
        problems.push({ message: `${at}: ${e.message}${/[.?!]$/.test(e.message) ? '' : '.'}`, code: typeof e.extensions?.code === 'string' ? e.extensions.code : 'INVALID_FILTER' });
      });
      if (problems.length) {
        return error(400, problems[0]!.code, `${problems.map((p) => p.message).join(' ')} The filter is an ${filterType} as JSON, e.g. ${example}.`);
      }
      const intervention = url.searchParams.get('intervention');
      const dataset = url.searchParams.get('dataset') || null;
      if (what === 'offerings' && !intervention) return error(400, 'INVALID_ARGUMENT', 'intervention is required: an intervention code, e.g. intervention=socialpsykiatri:boendestod (see `interventions`).');
      try {
        // The same checks as for a GraphQL argument: list lengths, search texts.
        if (what === 'observations') checkArguments(schema, observationExportDocument, { filter: coerced });
        else checkArguments(schema, offeringExportDocument, { intervention, filter: coerced, dataset });
      } catch (e) {
        if (e instanceof GraphQLError) return error(400, String(e.extensions.code), e.message);
        throw e;
      }
      try {
        const options = { bom: bom === '1' || bom === 'true' };
        const file = what === 'observations'
          ? await exportObservations(ctx, coerced as never, format, options)
          : await exportOfferings(ctx, { intervention: intervention!, filter: coerced as never, dataset }, format, options);
        endResponse(new fetchAPI.Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), { status: 200, headers: { 'content-type': CONTENT_TYPES[format], 'content-disposition': contentDisposition(file.fileName) } }));
      } catch (e) {
        if (e instanceof InsynError) return error(400, String(e.extensions.code), e.message, e.extensions);
        if (fault(e)) return;
        console.error('[insyn] export failed:', e);
        return error(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      }
    },
  };
}

/** The exports' arguments checked as those of `observationExport` and `offeringExport` would be. */
const observationExportDocument = parse('query ($filter: ObservationFilter!) { observationExport(filter: $filter) { rowCount } }');
const offeringExportDocument = parse('query ($intervention: String!, $filter: OfferingFilter, $dataset: String) { offeringExport(intervention: $intervention, filter: $filter, dataset: $dataset) { rowCount } }');

/**
 * A conditional request (If-None-Match) is answered 304 only when the ETag is the one of this
 * very request. The response cache plugin answered 304 for any ETag it had stored, so query B
 * sent with query A's ETag got "not modified" (and the client kept A's answer for B).
 */
function conditionalRequests(): Plugin<Context> {
  const wanted = new WeakMap<Request, string>();
  return {
    onRequest({ request }) {
      const tag = request.headers.get('if-none-match');
      if (!tag) return;
      wanted.set(request, tag);
      request.headers.delete('if-none-match');
    },
    onResponse({ request, response, setResponse, fetchAPI }) {
      const tag = wanted.get(request);
      const etag = response.headers.get('etag');
      if (!tag || !etag || response.status !== 200) return;
      if (!tag.split(',').map((t) => t.trim().replace(/^W\//, '')).includes(etag)) return;
      const headers = new fetchAPI.Headers();
      for (const name of ['etag', 'last-modified', 'cache-control', 'vary', ...Object.keys(SECURITY_HEADERS)]) {
        const value = response.headers.get(name);
        if (value) headers.set(name, value);
      }
      setResponse(new fetchAPI.Response(null, { status: 304, headers }));
    },
  };
}

/**
 * Nothing of the server's internals or of the request body in any answer: Yoga's JSON parser
 * puts the parser's message (which quotes the body) into `extensions.originalError`.
 */
const INTERNAL_EXTENSIONS = ['originalError', 'stack', 'exception'];
const withoutInternals: Plugin<Context> = {
  onResultProcess({ result, setResult }) {
    const clean = (r: unknown) => {
      const errors = (r as { errors?: GraphQLError[] } | null)?.errors;
      if (!errors?.some((e) => INTERNAL_EXTENSIONS.some((k) => e.extensions && k in e.extensions))) return r;
      return {
        ...(r as object),
        errors: errors.map((e) => {
          const extensions: Record<string, unknown> = Object.fromEntries(Object.entries(e.extensions ?? {}).filter(([k]) => !INTERNAL_EXTENSIONS.includes(k)));
          // A body that is not JSON is a 400 whatever the Accept header (Yoga marks it `spec`, which made it a 200 for application/json).
          const http = extensions.http as { status?: number } | undefined;
          if (http?.status) extensions.http = { status: http.status };
          return new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, extensions });
        }),
      };
    };
    if (Symbol.asyncIterator in (result as object)) return;
    setResult((Array.isArray(result) ? result.map(clean) : clean(result)) as never);
  },
};

/** Security headers on every answer Yoga gives (GraphQL, GraphiQL and its files, the export). */
const securityHeaders: Plugin<Context> = {
  onResponse({ response }) {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!response.headers.has(name)) response.headers.set(name, value);
    // Yoga's CORS echoes the request's Origin for `origin: '*'`; open data needs no echo: `*`, never with credentials.
    if (response.headers.has('access-control-allow-origin')) response.headers.set('access-control-allow-origin', '*');
    response.headers.delete('access-control-allow-credentials');
  },
};

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

/** INSYN_INTROSPECTION=off: `__schema` and `__type` are refused (GraphQL validation, with a code). */
const introspectionOff: Plugin<Context> = {
  onValidate({ addValidationRule }) {
    addValidationRule((context: ValidationContext) => ({
      Field(node: FieldNode) {
        if (node.name.value === '__schema' || node.name.value === '__type') {
          context.reportError(badRequest('INTROSPECTION_DISABLED', 'Introspection is turned off on this server (INSYN_INTROSPECTION=off): use the published schema.graphql or the SDK\'s types.'));
        }
      },
    }));
  },
};

export function createServer(prisma: PrismaClient, options: ServerOptions = {}): YogaServerInstance<ServerContext, Context> {
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
    // Yoga's own limit, for bodies it reads itself (in-process `yoga.fetch`); http.ts enforces the same before.
    maxRequestBodySize: MAX_BODY_BYTES,
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

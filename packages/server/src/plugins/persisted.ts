import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Context } from '../context.js';
import { repoRoot } from '../db/paths.js';

/**
 * The persisted documents: graphql-codegen writes every SDK operation with its sha256 hash to
 * this file on `npm run generate` (codegen.ts, `persistedDocuments`). Generated, so not in git;
 * INSYN_PERSISTED_DOCUMENTS names another file (e.g. one shipped with a deployment).
 */
export const PERSISTED_DOCUMENTS_FILE = process.env.INSYN_PERSISTED_DOCUMENTS ?? path.join(repoRoot, 'packages', 'sdk', 'src', 'gql', 'persisted-documents.json');

/** How long a CDN may keep a successful persisted GET response (INSYN_CDN_MAX_AGE, seconds). */
export const DEFAULT_CDN_MAX_AGE = 60;

export type PersistedDocuments = ReadonlyMap<string, string>;

/** Reads a manifest `{ "sha256:<hex>": "<document>" }`; an absent file is an empty manifest. */
export function readPersistedDocuments(file = PERSISTED_DOCUMENTS_FILE): PersistedDocuments {
  if (!existsSync(file)) {
    console.warn(`[insyn] no persisted documents at ${file} (run npm run generate); persisted queries will fall back to full queries.`);
    return new Map();
  }
  return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>));
}

/** `sha256:<hex>` for either spelling: APQ sends bare hex, GraphQL over HTTP `sha256:<hex>`. */
const normalise = (id: string) => (/^[0-9a-f]{64}$/i.test(id) ? `sha256:${id.toLowerCase()}` : id);

/**
 * The operation's id: APQ's `extensions.persistedQuery.sha256Hash` (the plugin's default, what
 * urql's persistedExchange sends), or `documentId` (GraphQL over HTTP's persisted documents
 * appendix) in a POST body or the GET query string.
 */
function persistedId(params: { extensions?: Record<string, unknown>; documentId?: unknown }, request: Request): string | null {
  const apq = params.extensions?.persistedQuery as { version?: unknown; sha256Hash?: unknown } | undefined;
  if (apq && apq.version === 1 && typeof apq.sha256Hash === 'string') return apq.sha256Hash;
  if (typeof params.documentId === 'string') return params.documentId;
  if (request.method === 'GET') return new URL(request.url).searchParams.get('documentId');
  return null;
}

export interface PersistedOptions {
  documents: PersistedDocuments;
  /** Refuse anything but persisted operations (INSYN_PERSISTED_ONLY=true in production). */
  only: boolean;
  /** `Cache-Control: public, max-age=<this>` on successful persisted GET responses. */
  maxAge: number;
}

/** From the environment: INSYN_PERSISTED_ONLY, INSYN_CDN_MAX_AGE. */
export function persistedOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Omit<PersistedOptions, 'documents'> {
  const maxAge = Number(env.INSYN_CDN_MAX_AGE ?? DEFAULT_CDN_MAX_AGE);
  return { only: env.INSYN_PERSISTED_ONLY === 'true', maxAge: Number.isFinite(maxAge) && maxAge >= 0 ? maxAge : DEFAULT_CDN_MAX_AGE };
}

/**
 * Persisted operations as an addition: a request with a known hash runs that document; any
 * other query runs as before (GraphiQL, researchers, the graphql-http audit), unless `only`.
 */
export function persistedPlugins(options: PersistedOptions): Plugin<Context>[] {
  // Requests that named a hash, those whose hash was known, and those answered without errors.
  const attempted = new WeakSet<Request>();
  const persistedRequests = new WeakSet<Request>();
  const cacheable = new WeakSet<Request>();
  const inner = usePersistedOperations<Context>({
    allowArbitraryOperations: !options.only,
    extractPersistedOperationId: (params, request) => {
      const id = persistedId(params as never, request);
      if (id != null) attempted.add(request);
      return id;
    },
    getPersistedOperation(id, request) {
      const document = options.documents.get(normalise(id)) ?? null;
      if (document) persistedRequests.add(request);
      return document;
    },
    customErrors: {
      // The message is the APQ protocol's: clients (urql's persistedExchange) retry with the full query on it.
      notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', hint: 'This server does not know that hash: send the full query (with the hash, if you like) instead.' } },
      persistedQueryOnly: {
        message: 'This server only runs persisted queries: send the hash of an @insyn/sdk operation (extensions.persistedQuery.sha256Hash or documentId), not a query.',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
      },
      keyNotFound: { message: 'Send a query, or the hash of a persisted query.', extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED', http: { status: 400 } } },
    },
  });
  return [
    {
      ...inner,
      onParams(payload) {
        // Neither a query nor an id: leave it to yoga's own "Must provide query string." (400).
        if (!payload.params.query && persistedId(payload.params as never, payload.request) == null) {
          if (!options.only) return;
        }
        return inner.onParams!(payload);
      },
    },
    {
      onResultProcess({ request, result }) {
        const results = Array.isArray(result) ? result : [result];
        const ok = results.every((r) => r && typeof r === 'object' && 'data' in r && !(r as { errors?: unknown[] }).errors?.length);
        if (ok && request.method === 'GET' && persistedRequests.has(request)) cacheable.add(request);
      },
      onResponse({ request, response }) {
        if (!attempted.has(request) || request.method !== 'GET') return;
        // An error (an unknown hash, a bad variable) must not stick in a CDN.
        if (cacheable.has(request) && response.status === 200) {
          response.headers.set('cache-control', `public, max-age=${options.maxAge}`);
          // The body's content type follows the Accept header.
          response.headers.append('vary', 'Accept');
        } else {
          response.headers.set('cache-control', 'no-store');
        }
      },
    },
  ];
}

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { hashSHA256, useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import type { Context } from '../context.js';
import type { LookupStore } from '../lookup/lookups.js';
import { createPgResponseCacheStore, type ResponseCacheStore } from './response-cache-store.js';

/** How long an entry lives at most; the data version, not this, is what keeps answers fresh. */
export const DEFAULT_TTL_MS = 60 * 60 * 1000;

/**
 * The response cache for `npm start`: on by default (the servers and every writer share the
 * database, and triggers bump the data version on any change), off with
 * INSYN_RESPONSE_CACHE=off. In-process test servers (`createServer` without a store) run
 * without it, so their SQL statement counts stay per request.
 */
export function responseCacheFromEnv(url: string, env: NodeJS.ProcessEnv = process.env): ResponseCacheStore | undefined {
  const setting = (env.INSYN_RESPONSE_CACHE ?? 'on').toLowerCase();
  if (['off', 'false', '0', 'no'].includes(setting)) return undefined;
  return createPgResponseCacheStore(url);
}

/**
 * Fields whose answer depends on the request, not only on the data: never cached. The key is
 * the document and variables, shared by every client, so a link built from a forged Host
 * header (`ObservationExport.url`, from `ctx.baseUrl`) would otherwise be served to everybody, and
 * a data set's audit trail (`Query.answerChanges`) is for its owner's key only.
 */
export const NOT_CACHED: Record<string, number> = { 'ObservationExport.url': 0, 'Query.answerChanges': 0 };

let codeVersionMemo: string | undefined;

/**
 * A hash of the server's own source, read once, when a cache is first set up: part of every
 * key, so answers cached by one version of the code are never served by another (a deploy that
 * changes a resolver starts with an empty cache for itself; servers on the old code keep theirs).
 */
export function serverCodeVersion(): string {
  if (codeVersionMemo) return codeVersionMemo;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => /\.(ts|js)$/.test(f) && !f.includes('.test.') && !f.split(path.sep).includes('generated'))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readFileSync(path.join(root, file))).update('\0');
  codeVersionMemo = hash.digest('hex').slice(0, 16);
  return codeVersionMemo;
}

/** The key yoga's plugin sees: `v<data version>:<hash of document, operation, variables>`. */
const VERSIONED_KEY = /^v(\d+):(.+)$/;

/**
 * The yoga Cache interface on a ResponseCacheStore. Failures of the store never fail a
 * request: a lookup that fails is a miss, a write that fails is logged.
 */
function storeAsCache(store: ResponseCacheStore): Cache {
  // The yoga plugin looks a key up once when the request arrives and, on a miss, once more
  // just before executing. The second lookup would only repeat the first, so a miss is
  // remembered for one lookup (correct either way: a remembered miss only means executing).
  const recentMisses = new Map<string, number>();
  return {
    async get(key) {
      const match = VERSIONED_KEY.exec(key);
      if (!match) return undefined;
      const seen = recentMisses.get(key);
      if (seen !== undefined) {
        recentMisses.delete(key);
        if (Date.now() - seen < 1_000) return undefined;
      }
      try {
        const result = await store.get(match[1]!, match[2]!);
        if (!result) {
          if (recentMisses.size > 10_000) recentMisses.clear();
          recentMisses.set(key, Date.now());
        }
        return result;
      } catch (error) {
        console.error('[insyn] response cache: lookup failed:', error);
        return undefined;
      }
    },
    set(key, result, _entities, ttl) {
      const match = VERSIONED_KEY.exec(key);
      if (!match) return;
      // Not awaited by the plugin: catch here, so a failed write is never an unhandled rejection.
      store.set(match[1]!, match[2]!, result as ExecutionResult, ttl).catch((error: unknown) => {
        console.error('[insyn] response cache: write failed:', error);
      });
    },
    // There are no mutations; the data changes through the loader or an import, which bump
    // the data version instead.
    invalidate() {},
  };
}

/**
 * The response cache plugins, in order: put them after the plugins whose `onExecuteDone`
 * shapes the result (the synthetic notice), so the cached result is the one sent, extensions
 * included, and after the persisted-operations plugin, so a hash and its full text share an
 * entry. Results with errors are not cached; introspection is not cached.
 */
export function responseCachePlugins(store: ResponseCacheStore, options: { ttlMs?: number; codeVersion?: string; lookups?: LookupStore } = {}): Plugin<Context>[] {
  const codeVersion = options.codeVersion ?? serverCodeVersion();
  return [
    keepDocumentAsSent,
    // The plugin is typed for yoga's bare context; ours only adds to it.
    useResponseCache({
      cache: storeAsCache(store),
      // Everything the API serves anonymously is public: one entry per document, operation and
      // variables. A request with an API key may read what only its key may (the audit trail):
      // it is never answered from the cache, nor stored in it.
      session: () => null,
      enabled: (request) => !request.headers.get('authorization'),
      ttl: options.ttlMs ?? DEFAULT_TTL_MS,
      // No entity-level invalidation (the data version covers it), so no id fields added.
      idFields: [],
      ttlPerSchemaCoordinate: NOT_CACHED,
      invalidateViaMutation: false,
      // Responses stay byte for byte what an uncached server sends.
      includeExtensionMetadata: false,
      async buildResponseCacheKey(params) {
        let version: string;
        try {
          version = await store.dataVersion();
        } catch (error) {
          // Without the version nothing may be served from or written to the cache.
          console.error('[insyn] response cache: reading the data version failed:', error);
          return `unversioned:${Math.random()}`;
        }
        // Reference rows and checks come from the lookup layer's snapshot (yoga builds the key
        // before the request's context): renew it to at least this version first, so no answer
        // is filed under a newer data version than the one it was computed on.
        try {
          await options.lookups?.atLeast(version);
        } catch (error) {
          console.error('[insyn] response cache: renewing the lookup layer failed:', error);
          return `unversioned:${Math.random()}`;
        }
        const hash = await hashSHA256([codeVersion, params.documentString, params.operationName ?? '', stableJson(params.variableValues ?? {})].join('|'));
        return `v${version}:${hash}`;
      },
    }) as Plugin<Context>,
  ];
}

/**
 * The response cache plugin adds `__typename` to every selection set of the document it
 * executes (to learn which entities a result holds). The complexity limits are computed on the
 * executed document, so that would make a query cost more with the cache than without; and we
 * do not need the entities. This runs the document exactly as the client sent it.
 */
const keepDocumentAsSent: Plugin<Context> = {
  onExecute({ args, executeFn, setExecuteFn }) {
    const document = args.document;
    setExecuteFn((executeArgs) => executeFn({ ...executeArgs, document }));
  },
};

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` as variables share an entry. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

import type { Db } from './db/prisma.js';
import type { RequestLookups } from './lookup/lookups.js';

export interface Context {
  prisma: Db;
  /** Set by any resolver that returns synthetic records; the response then says so in `extensions`. */
  synthetic: Set<string>;
  /** Set by resolvers that return figures of an IMPORTED data set (e.g. `kolada`); the response then names them in `extensions.imported`. */
  imported?: Set<string>;
  /** Base URL of this server (from the request), for links (CSV export). A field that returns it must be listed in NOT_CACHED (plugins/response-cache.ts). */
  baseUrl: string;
  /** Codes, labels and ranges to check against, in memory (lookup/lookups.ts). */
  lookups: RequestLookups;
  /** The request's Authorization header: a partner's API key, checked only by writes (partners/keys.ts). */
  authorization: string | null;
}

import { GraphQLError } from 'graphql';
import { closest, distance } from 'fastest-levenshtein';
import { searchKey } from './lookup/search-key.js';

/**
 * Every code the API puts in `extensions.code`: the one list (docs/api.md explains each;
 * `npm run generate` writes it into the SDK as the type of `InsynApiError.code`).
 */
export const ERROR_CODES = [
  'UNKNOWN_REGION',
  'UNKNOWN_INDICATOR',
  'UNKNOWN_AREA',
  'UNKNOWN_INTERVENTION',
  'UNKNOWN_GROUP',
  'UNKNOWN_DIMENSION_MEMBER',
  'UNKNOWN_DATASET',
  'INVALID_FILTER',
  'PERIOD_OUT_OF_RANGE',
  'PAGE_TOO_LARGE',
  'AMBIGUOUS_SERIES',
  'QUERY_TOO_COMPLEX',
  'INVALID_ARGUMENT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_ANSWERS',
  // Refused before anything runs (http/input-checks.ts, http/limits.ts, http/guards.ts; docs/hardening.md).
  'INVALID_STRING',
  'INVALID_CURSOR',
  'INVALID_ID',
  'LIST_TOO_LONG',
  'INVALID_VARIABLES',
  'INVALID_EXTENSIONS',
  'INVALID_HOST',
  'BODY_TOO_LARGE',
  'BAD_REQUEST',
  'METHOD_NOT_ALLOWED',
  'NOT_FOUND',
  'INTROSPECTION_DISABLED',
  // graphql-yoga's own, for a document that does not parse or validate.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  // Persisted queries (plugins/persisted.ts).
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_ONLY',
  'PERSISTED_QUERY_ID_REQUIRED',
  // Faults (databaseFault), HTTP 503 with Retry-After.
  'DATABASE_UNAVAILABLE',
  'QUERY_TIMEOUT',
  'SERVER_BUSY',
  // Rate limits (http/rate-limit.ts), HTTP 429 with Retry-After.
  'RATE_LIMITED',
  // Anything unexpected: "Unexpected error.", the cause logged, never sent.
  'INTERNAL_SERVER_ERROR',
] as const;

/** Codes of the failures a client can handle. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An expected failure: shown to the client with a code, a message that says what to do,
 * and details (e.g. suggestions). Yoga passes GraphQLErrors through its masking; anything
 * else is masked as "Unexpected error." and logged.
 */
export class InsynError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

/** No code or name is this long; edit distance costs input length x candidate length, so a huge input gets no suggestions. */
const MAX_SUGGEST_INPUT = 200;

/** The candidates nearest to `input` (by edit distance, accents and case ignored), best first. */
export function suggest(input: string, candidates: { key: string; label: string }[], limit = 3): string[] {
  if (input.length > MAX_SUGGEST_INPUT) return [];
  const target = searchKey(input);
  return candidates
    .map((c) => {
      const key = searchKey(c.key);
      const label = searchKey(c.label);
      // A code typed short ("socialpsykiatri:personligt-ombud") comes before codes merely close in spelling.
      const contains = key.includes(target) || (label !== '' && label.includes(target)) ? 0 : 1;
      return { c, contains, d: Math.min(distance(target, key), label ? distance(target, label) : Infinity) };
    })
    .sort((a, b) => a.contains - b.contains || a.d - b.d || a.c.key.localeCompare(b.c.key))
    .slice(0, limit)
    .map(({ c }) => (c.label && c.label !== c.key ? `${c.key} (${c.label})` : c.key));
}

export function unknownError(code: ErrorCode, what: string, input: string, candidates: { key: string; label: string }[], hint = '') {
  const suggestions = suggest(input, candidates);
  // Echo a long input only in part: the message is for people, `input` keeps it whole.
  const shown = input.length > 80 ? `${input.slice(0, 80)}…` : input;
  return new InsynError(
    code,
    `No ${what} "${shown}".${suggestions.length ? ` Did you mean ${suggestions.join(', ')}?` : ''}${hint ? ` ${hint}` : ''}`,
    { input, suggestions: suggestions.map((s) => s.split(' (')[0]) },
  );
}

/** Most codes one list argument may hold: enough for every municipality, not a way to flood the server. */
export const MAX_LIST_LENGTH = 1_000;

/** Refuses list arguments longer than MAX_LIST_LENGTH, naming the argument. */
export function checkListLengths(lists: Record<string, readonly unknown[] | null | undefined>) {
  for (const [name, list] of Object.entries(lists)) {
    if (list && list.length > MAX_LIST_LENGTH) {
      throw new InsynError('INVALID_FILTER', `${name}: ${list.length} values is more than ${MAX_LIST_LENGTH}. Filter by level or county instead, or split the request.`, { max: MAX_LIST_LENGTH });
    }
  }
}

/** Seconds a client should wait before retrying when the database is down. */
export const RETRY_AFTER_SECONDS = 5;

/** Every code, kind and message along an error's causes (Prisma wraps the pg driver's errors in several layers). */
function errorFacts(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== 'object' || depth > 6) return [];
  const e = error as Record<string, unknown>;
  const own = ['code', 'originalCode', 'kind', 'message', 'originalMessage', 'errorCode'].map((k) => e[k]).filter((v): v is string => typeof v === 'string');
  const meta = e.meta as Record<string, unknown> | undefined;
  return [...own, ...errorFacts(e.cause, depth + 1), ...errorFacts(meta?.driverAdapterError, depth + 1), ...errorFacts(meta, depth + 1), ...errorFacts(e.originalError, depth + 1)];
}

/** PostgreSQL cannot be reached, is shutting down, or dropped the connection. */
const UNAVAILABLE = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|EPIPE|57P01|57P02|57P03|08000|08001|08003|08004|08006|53300|P1001|P1002|P1017|DatabaseNotReachable|ConnectionClosed|TooManyConnections)$|Connection terminated|connect ECONNREFUSED|Can't reach database|the database system is (starting up|shutting down)|timeout exceeded when trying to connect|Server has closed the connection/;
/** A statement that ran into the per-statement timeout (prisma.ts). */
const TIMED_OUT = /^57014$|canceling statement due to statement timeout/;

/** A statement stopped because its request's client went away (db/cancellation.ts): nobody to answer, nothing to log. */
export const clientGone = (error: unknown) => errorFacts(error).some((f) => f.includes('canceling statement due to user request'));

/**
 * One place that maps faults of the database to what the client sees: PostgreSQL unreachable
 * is 503 DATABASE_UNAVAILABLE with Retry-After (the request may simply be sent again), a
 * statement over the timeout 503 QUERY_TIMEOUT. Anything else is null (masked as internal).
 */
export function databaseFault(error: unknown): GraphQLError | null {
  const facts = errorFacts(error);
  if (facts.some((f) => TIMED_OUT.test(f))) {
    return new GraphQLError('The query took longer than the server allows for one statement. Ask for less (a smaller page, fewer regions or years), or use the CSV export for bulk data.', { extensions: { code: 'QUERY_TIMEOUT', http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } } } });
  }
  if (facts.some((f) => UNAVAILABLE.test(f))) {
    return new GraphQLError(`The database is unavailable right now. Try again in ${RETRY_AFTER_SECONDS} seconds.`, { extensions: { code: 'DATABASE_UNAVAILABLE', http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } } } });
  }
  return null;
}

import { GraphQLError } from 'graphql';
import { closest, distance } from 'fastest-levenshtein';

/** Codes of the expected failures a client can handle; listed in docs/api.md. */
export type ErrorCode =
  | 'UNKNOWN_REGION'
  | 'UNKNOWN_INDICATOR'
  | 'UNKNOWN_AREA'
  | 'UNKNOWN_INTERVENTION'
  | 'UNKNOWN_GROUP'
  | 'UNKNOWN_DIMENSION_MEMBER'
  | 'UNKNOWN_DATASET'
  | 'INVALID_FILTER'
  | 'PERIOD_OUT_OF_RANGE'
  | 'PAGE_TOO_LARGE'
  | 'AMBIGUOUS_SERIES'
  | 'QUERY_TOO_COMPLEX'
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'INVALID_ANSWERS';

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
  const norm = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
  const target = norm(input);
  return candidates
    .map((c) => {
      const key = norm(c.key);
      const label = norm(c.label);
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

export { closest };

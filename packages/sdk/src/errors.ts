import type { CombinedError } from '@urql/core';
import type { ApiErrorCode } from './generated/error-codes.js';

export { API_ERROR_CODES, type ApiErrorCode } from './generated/error-codes.js';

/**
 * Codes the SDK itself gives: the server could not be reached (`NETWORK_ERROR`), the call ran
 * past its `timeout` (`TIMEOUT`) or its `signal` aborted it (`ABORTED`), the answer held neither
 * data nor errors (`NO_DATA`), or an error came without a code (`GRAPHQL_ERROR`).
 */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'ABORTED' | 'NO_DATA' | 'GRAPHQL_ERROR';

/** Every code an `InsynApiError` can have: the API's (generated from the server's list) and the SDK's own. */
export type InsynErrorCode = ApiErrorCode | ClientErrorCode;

/** What the server says when a response contains synthetic demo data (`extensions.synthetic`). */
export interface SyntheticNotice {
  /** Codes of the synthetic data sets the response touched, e.g. `synthetic-offerings-2022`. */
  datasets: string[];
  /** A sentence to show your users. */
  notice: string;
}

/** One GraphQL error as the server sent it. */
export interface InsynErrorDetail {
  message: string;
  code: InsynErrorCode;
  path?: readonly (string | number)[];
  extensions: Record<string, unknown>;
}

/**
 * Thrown by every SDK call that did not get clean data: a GraphQL error (the code is the
 * server's `extensions.code`, e.g. `UNKNOWN_REGION`, with `suggestions` where the server
 * has them) or a network error (code `NETWORK_ERROR`).
 */
export class InsynApiError extends Error {
  override readonly name = 'InsynApiError';
  /** `extensions.code` of the first error (one of the API's codes), or the SDK's own (`NETWORK_ERROR`, `TIMEOUT`, `ABORTED`, …). */
  readonly code: InsynErrorCode;
  /** The nearest valid codes, for an unknown region, indicator, area, ... */
  readonly suggestions?: string[];
  /** Where in the response the first error happened. */
  readonly path?: readonly (string | number)[];
  /** Set when the (partial) response also contained synthetic data. */
  readonly synthetic?: SyntheticNotice;
  /** Every error of the response (the first one gives `code` and `message`). */
  readonly errors: InsynErrorDetail[];
  /** Whatever data came with the errors (GraphQL can answer partly). */
  readonly data?: unknown;

  constructor(
    code: InsynErrorCode,
    message: string,
    init: { suggestions?: string[]; path?: readonly (string | number)[]; synthetic?: SyntheticNotice; errors?: InsynErrorDetail[]; data?: unknown; cause?: unknown } = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    if (init.suggestions) this.suggestions = init.suggestions;
    if (init.path) this.path = init.path;
    if (init.synthetic) this.synthetic = init.synthetic;
    this.errors = init.errors ?? [{ message, code, extensions: { code } }];
    if (init.data !== undefined && init.data !== null) this.data = init.data;
  }

  /** Builds the error from urql's CombinedError (GraphQL errors win over a network error). */
  static fromCombined(error: CombinedError, extras: { synthetic?: SyntheticNotice; data?: unknown; networkCode?: ClientErrorCode } = {}): InsynApiError {
    const { networkCode, ...rest } = extras;
    const errors: InsynErrorDetail[] = error.graphQLErrors.map((e) => {
      const extensions = (e.extensions ?? {}) as Record<string, unknown>;
      return {
        message: e.message,
        code: typeof extensions.code === 'string' ? (extensions.code as InsynErrorCode) : 'GRAPHQL_ERROR',
        ...(e.path ? { path: e.path } : {}),
        extensions,
      };
    });
    const first = errors[0];
    if (first) {
      const suggestions = first.extensions.suggestions;
      return new InsynApiError(first.code, first.message, {
        ...(Array.isArray(suggestions) ? { suggestions: suggestions.map(String) } : {}),
        ...(first.path ? { path: first.path } : {}),
        ...rest,
        errors,
        cause: error,
      });
    }
    const network = error.networkError;
    return new InsynApiError(networkCode ?? 'NETWORK_ERROR', network?.message ?? error.message, { ...rest, cause: network ?? error });
  }
}

/** Reads `extensions.synthetic` of a response, if the server set it. */
export function syntheticNotice(extensions: Record<string, unknown> | undefined): SyntheticNotice | null {
  const value = extensions?.synthetic as Partial<SyntheticNotice> | undefined;
  if (!value || typeof value !== 'object') return null;
  return {
    datasets: Array.isArray(value.datasets) ? value.datasets.map(String) : [],
    notice: typeof value.notice === 'string' ? value.notice : 'This response contains synthetic demo data.',
  };
}

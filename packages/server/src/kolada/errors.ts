export type KoladaErrorCode =
  | 'INVALID_ARGUMENT'
  | 'UNKNOWN_KPI'
  | 'KOLADA_UNAVAILABLE'
  | 'KOLADA_REQUEST_REFUSED'
  | 'KOLADA_MALFORMED_RESPONSE'
  | 'KOLADA_MALFORMED_ROW'
  | 'DATABASE_NOT_LOADED';

/** A sync refused or failed before writing: nothing was written (the run is one transaction). */
export class KoladaError extends Error {
  constructor(readonly code: KoladaErrorCode, message: string) {
    super(message);
    this.name = 'KoladaError';
  }
}

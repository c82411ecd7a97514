import { KoladaError } from './errors.js';

/**
 * A small client for Kolada API v3 over Node's fetch: one request at a time, at most one
 * started per `minIntervalMs` (a polite rate), retries with exponential backoff on network
 * errors, 429 (waiting what Retry-After says) and 5xx, and paging by `next_url`. A library
 * (p-retry, bottleneck) would add a dependency for what these few lines do; the wait is
 * injectable so tests check the waits asked for without waiting them.
 */

export const DEFAULT_BASE_URL = 'https://api.kolada.se';
/** Kolada's page size cap (rows per page); larger pages are refused or cut. */
export const PER_PAGE = 5000;

export interface KoladaClientOptions {
  baseUrl?: string;
  /** Least time between the starts of two requests (default 500 ms: at most 2 requests a second). */
  minIntervalMs?: number;
  /** Attempts after the first (default 5). */
  retries?: number;
  /** First backoff (default 1 s), doubled per attempt up to `maxBackoffMs` (default 30 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How to wait (tests pass one that records and returns at once). */
  sleep?: (ms: number) => Promise<void>;
  /** The clock the rate is kept by (tests pass a still one). */
  clock?: () => number;
  /** Told about every response and every retry, for progress. */
  onEvent?: (event: { kind: 'response' | 'retry'; url: string; status: number | null; waitMs?: number; requests: number }) => void;
}

/** Kolada v3's envelope. */
interface Envelope { count: number; values: unknown[]; next_url?: string | null }

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class KoladaClient {
  readonly baseUrl: string;
  requests = 0;
  retries = 0;
  private nextStart = 0;
  private readonly options: Required<Omit<KoladaClientOptions, 'onEvent' | 'baseUrl'>> & Pick<KoladaClientOptions, 'onEvent'>;

  constructor(options: KoladaClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/.test(this.baseUrl)) throw new KoladaError('INVALID_ARGUMENT', `base URL "${this.baseUrl}" is not an http(s) URL, e.g. ${DEFAULT_BASE_URL}`);
    this.options = { minIntervalMs: 500, retries: 5, backoffMs: 1000, maxBackoffMs: 30_000, sleep: wait, clock: Date.now, ...options };
  }

  /** Every value of a listing, following `next_url` page by page; `where` names it in errors. */
  async getAll(path: string): Promise<{ values: unknown[]; pages: number }> {
    const values: unknown[] = [];
    const seen = new Set<string>();
    let url: string | null = new URL(path, `${this.baseUrl}/`).toString();
    let pages = 0;
    while (url) {
      if (seen.has(url)) throw new KoladaError('KOLADA_MALFORMED_RESPONSE', `Kolada's next_url repeats a page (${url}); stopped. Nothing was written.`);
      seen.add(url);
      const page = await this.getEnvelope(url);
      pages++;
      values.push(...page.values);
      url = page.next_url ? new URL(page.next_url, `${this.baseUrl}/`).toString() : null;
    }
    return { values, pages };
  }

  private async getEnvelope(url: string): Promise<Envelope> {
    const body = await this.getJson(url);
    const e = body as Partial<Envelope>;
    if (!e || typeof e !== 'object' || !Array.isArray(e.values) || typeof e.count !== 'number' || (e.next_url != null && typeof e.next_url !== 'string')) {
      throw new KoladaError('KOLADA_MALFORMED_RESPONSE', `${url}: not Kolada v3's envelope {count, values, next_url}: ${JSON.stringify(body).slice(0, 200)}. Nothing was written.`);
    }
    return e as Envelope;
  }

  private async getJson(url: string): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const delay = this.nextStart - this.options.clock();
      if (delay > 0) await this.options.sleep(delay);
      this.nextStart = this.options.clock() + this.options.minIntervalMs;
      this.requests++;
      let response: Response | null = null;
      let failure: string;
      try {
        response = await fetch(url, { headers: { accept: 'application/json' } });
        failure = `HTTP ${response.status}`;
      } catch (error) {
        failure = `network error: ${(error as Error).message}`;
      }
      const status = response?.status ?? null;
      this.options.onEvent?.({ kind: 'response', url, status, requests: this.requests });
      if (response?.ok) {
        const text = await response.text();
        try {
          return JSON.parse(text);
        } catch {
          throw new KoladaError('KOLADA_MALFORMED_RESPONSE', `${url}: the answer is not JSON: ${text.slice(0, 200)}. Nothing was written.`);
        }
      }
      const retryable = response === null || status === 429 || status! >= 500;
      if (!retryable) {
        const text = await response!.text().catch(() => '');
        throw new KoladaError('KOLADA_REQUEST_REFUSED', `${url}: Kolada answered ${status}${text ? `: ${text.slice(0, 200)}` : ''}. Nothing was written.`);
      }
      await response?.body?.cancel().catch(() => {});
      if (attempt >= this.options.retries) {
        throw new KoladaError('KOLADA_UNAVAILABLE', `${url}: ${failure} after ${attempt + 1} attempts; nothing was written. Try again later (or with --base-url for a mirror).`);
      }
      const waitMs = (status === 429 ? retryAfterMs(response!.headers.get('retry-after')) : null) ?? Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** attempt);
      this.retries++;
      this.options.onEvent?.({ kind: 'retry', url, status, waitMs, requests: this.requests });
      await this.options.sleep(waitMs);
    }
  }
}

/** Retry-After as seconds ("120") or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '../errors.js';

/** Largest request body accepted (POST /graphql); the largest SDK operation with variables is a few kB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A Host header as RFC 3986 allows it: a name or IPv4 address, or an IPv6 literal in brackets, and an optional port. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

export const isValidHost = (host: string | undefined): boolean => host === undefined || HOST.test(host);

/**
 * Headers every answer carries (GraphQL, GraphiQL, the CSV export, the docs site). The data is
 * open, so any origin may read it, but without credentials: `*` is never combined with
 * `Access-Control-Allow-Credentials`. The CSP allows only our own origin (GraphiQL's Monaco
 * editor needs `unsafe-eval`-free workers from blob: and inline styles; the docs site inline styles).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': [
    "default-src 'self'",
    // GraphiQL's page boots from two small inline scripts; VitePress' pages from one (dark mode).
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
};

/** Answers a request refused before it reaches Yoga: JSON like every other error, nothing of the request echoed. */
export function refuse(res: ServerResponse, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}) {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close', ...headers });
  res.end(body);
}

/**
 * Reads a request body of at most MAX_BODY_BYTES (whatever Content-Length says, or chunked):
 * resolves with the bytes, or answers 413 itself and resolves null. The body is then handed to
 * Yoga as `req.body` (whatwg-node takes a Buffer there), so the limit holds for every parser.
 */
/** What a client is told when its body is over the limit (over HTTP here, in process by requestChecks). */
export const bodyTooLargeMessage = (limit = MAX_BODY_BYTES) =>
  `The request body is larger than ${limit} bytes. Send a smaller query (persisted queries send only a hash), or use GET /export/observations.csv for bulk data.`;

export function readBoundedBody(req: IncomingMessage, res: ServerResponse, limit = MAX_BODY_BYTES): Promise<Buffer | null> {
  const tooLarge = () => refuse(res, 413, 'BODY_TOO_LARGE', bodyTooLargeMessage(limit));
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    tooLarge();
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        tooLarge();
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', () => {
      if (!done) {
        done = true;
        resolve(null);
        res.destroy();
      }
    });
  });
}

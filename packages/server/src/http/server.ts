import { createServer as createHttpServer, type Server } from 'node:http';
import type { Db } from '../db/prisma.js';
import { serveDocs } from './docs-site.js';
import { isValidHost, readBoundedBody, refuse, SECURITY_HEADERS } from './guards.js';
import { createPgRateCountStore, createRateLimiter, rateLimit } from './rate-limit.js';
import { serverSettings } from './settings.js';
import { databaseUrlOf } from '../db/prisma.js';
import { whileClientWaits } from '../db/cancellation.js';
import { createServer, type ServerOptions } from './yoga.js';

/**
 * The whole HTTP service: GraphQL (+ GraphiQL) at /graphql, CSV export under /export/,
 * and the built docs site (apps/docs/dist) everywhere else. Used by main.ts and by tests
 * that need a real port (browser tests, the graphql-http audit, the benchmark).
 *
 * Before anything else (docs/hardening.md): a Host header that is no host name is a 400 (the
 * fetch adapter builds the request URL from it and failed with a 500 and a stack trace), a body
 * over MAX_BODY_BYTES a 413, and whatever still fails unexpectedly a bare 500 without details.
 * Requests to /graphql and /export/ count against their rate limit first (http/rate-limit.ts).
 */
export function createHttpApp(prisma: Db, options: ServerOptions & { docsRoot?: string } = {}): Server {
  const settings = serverSettings(options.settings);
  const yoga = createServer(prisma, { ...options, settings });
  const docs = serveDocs(options.docsRoot);
  const limits = settings.rateLimits;
  const url = databaseUrlOf(prisma);
  const limiter = limits && url ? createRateLimiter(createPgRateCountStore(url), limits) : null;
  const server = createHttpServer(async (req, res) => {
    try {
      if (!isValidHost(req.headers.host)) return refuse(res, 400, 'INVALID_HOST', 'The Host header is not a host name (with an optional port).');
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      if (docs && !req.url?.startsWith('/graphql') && !req.url?.startsWith('/export/')) {
        if (docs(req, res)) return;
      }
      if (limiter && limits && req.method !== 'OPTIONS' && !(await rateLimit(limiter, limits, settings, req, res))) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const body = await readBoundedBody(req, res);
        if (body === null) return;
        // whatwg-node reads a Buffer in `req.body` instead of the (now consumed) stream.
        if (body.length) (req as { body?: unknown }).body = body;
      }
      // A client that leaves before its answer stops the request's SQL (db/cancellation.ts).
      const left = new AbortController();
      res.once('close', () => res.writableFinished || left.abort());
      await whileClientWaits(left.signal, () => yoga(req, res));
    } catch (error) {
      console.error('[insyn] request failed:', error);
      refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
    }
  });
  if (limiter) server.on('close', () => void limiter.close().catch(() => {}));
  return server;
}

/** Listens on `port` (0 = any free port) and resolves with the base URL. */
export function listen(server: Server, port = 0): Promise<string> {
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://localhost:${typeof address === 'object' && address ? address.port : port}`);
    });
  });
}

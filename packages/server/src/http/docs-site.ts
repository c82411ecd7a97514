import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { repoRoot } from '../db/paths.js';

/** Content-hashed assets may be cached for good; pages must not. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built docs site (apps/docs/dist, VitePress with clean URLs) if it has been built:
 * `/guide/partners` → guide/partners.html, `/reference/` → reference/index.html, unknown
 * paths → 404.html with status 404. Returns null when there is no build. sirv serves only the
 * files it found in the folder at start (so nothing outside it), with their MIME types.
 */
export function serveDocs(root = path.join(repoRoot, 'apps', 'docs', 'dist')) {
  root = path.resolve(root);
  if (!existsSync(path.join(root, 'index.html'))) return null;
  const notFound = path.join(root, '404.html');
  const files = sirv(root, {
    dev: false,
    setHeaders: (res, pathname) => {
      res.setHeader('cache-control', pathname.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
      res.setHeader('x-content-type-options', 'nosniff');
    },
  });
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    // sirv answers at once, or calls `next` at once when it has no such file.
    let found = true;
    files(req, res, () => {
      found = false;
    });
    if (found) return true;
    if (!existsSync(notFound)) return false;
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(notFound));
    return true;
  };
}

import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { repoRoot } from '../db/paths.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

/** The docs site's built files: content-hashed assets may be cached for good, pages must not. */
function cacheControl(file: string, root: string): string {
  return file.startsWith(path.join(root, 'assets') + path.sep) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

/**
 * Serves the built docs site (apps/docs/dist, VitePress with clean URLs) if it has been built:
 * `/guide/partners` → guide/partners.html, `/reference/` → reference/index.html, unknown
 * paths → 404.html with status 404. Returns null when there is no build.
 */
export function serveDocs(root = path.join(repoRoot, 'apps', 'docs', 'dist')) {
  root = path.resolve(root);
  if (!existsSync(path.join(root, 'index.html'))) return null;
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return false;
    }
    const base = path.normalize(path.join(root, pathname));
    if (base !== root && !base.startsWith(root + path.sep)) return false;
    const candidates = pathname.endsWith('/') ? [path.join(base, 'index.html')] : [base, `${base}.html`, path.join(base, 'index.html')];
    let file = candidates.find(isFile);
    let status = 200;
    if (!file) {
      file = path.join(root, '404.html');
      status = 404;
      if (!isFile(file)) return false;
    }
    res.writeHead(status, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': cacheControl(file, root), 'x-content-type-options': 'nosniff' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
    return true;
  };
}

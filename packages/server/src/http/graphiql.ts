import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import * as graphiql from '@graphql-yoga/render-graphiql/graphiql';

/**
 * GraphiQL from our own origin. Yoga's default page loads its scripts from a public CDN (blank
 * without outside network, and third-party code on our origin where it is reachable);
 * @graphql-yoga/render-graphiql ships the same build inside the npm package, but inlines all
 * 9 MB of it into every page. Here the page is small and its script, style sheet, Monaco's
 * workers and the icon are files under a versioned path, cached for good and gzipped once.
 */
const { version } = createRequire(import.meta.url)('@graphql-yoga/render-graphiql/package.json') as { version: string };
export const GRAPHIQL_ASSETS = `/graphql/graphiql-${version}/`;

const JS = 'text/javascript; charset=utf-8';
const ASSETS: Record<string, { type: string; body: () => Buffer }> = {
  'graphiql.js': { type: JS, body: () => Buffer.from(graphiql.js) },
  'graphiql.css': { type: 'text/css; charset=utf-8', body: () => Buffer.from(graphiql.css) },
  'editor.worker.js': { type: JS, body: () => Buffer.from(graphiql.editorWorkerService) },
  'json.worker.js': { type: JS, body: () => Buffer.from(graphiql.jsonWorker) },
  'graphql.worker.js': { type: JS, body: () => Buffer.from(graphiql.graphqlWorker) },
  'favicon.ico': { type: 'image/x-icon', body: () => Buffer.from(graphiql.favicon.slice(graphiql.favicon.indexOf(',') + 1), 'base64') },
};
/** Each file as it is and gzipped, made on first request (gzip of the 5 MB script takes ~0.2 s). */
const built = new Map<string, { plain: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer> }>();
function asset(name: string) {
  let files = built.get(name);
  if (!files) {
    const plain = ASSETS[name]!.body();
    files = { plain: new Uint8Array(plain), gzip: new Uint8Array(gzipSync(plain)) };
    built.set(name, files);
  }
  return files;
}

/** Serves GET/HEAD under GRAPHIQL_ASSETS; everything else goes on to Yoga. */
export const graphiqlAssets: Plugin = {
  onRequest({ request, url, endResponse, fetchAPI }) {
    if (!url.pathname.startsWith(GRAPHIQL_ASSETS)) return;
    const name = url.pathname.slice(GRAPHIQL_ASSETS.length);
    if (!Object.hasOwn(ASSETS, name) || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return endResponse(new fetchAPI.Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
    }
    const files = asset(name);
    const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
    const body = gzip ? files.gzip : files.plain;
    const headers: Record<string, string> = {
      'content-type': ASSETS[name]!.type,
      'content-length': String(body.length),
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      vary: 'accept-encoding',
    };
    if (gzip) headers['content-encoding'] = 'gzip';
    endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
  },
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside a <script>: `<` escaped, so no option can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** Yoga's `renderGraphiQL`: the page render-graphiql would give, with its files linked, not inlined. */
export function renderGraphiQL(options: GraphiQLOptions): string {
  const workers = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title ?? 'GraphiQL')}</title>
    <link rel="icon" href="${GRAPHIQL_ASSETS}favicon.ico" />
    <link rel="stylesheet" href="${GRAPHIQL_ASSETS}graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script>
      const workers = ${scriptJson(Object.fromEntries(Object.entries(workers).map(([label, file]) => [label, GRAPHIQL_ASSETS + file])))};
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (moduleId, label) => workers[label] };
    </script>
    <script src="${GRAPHIQL_ASSETS}graphiql.js"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${scriptJson(options)});
    </script>
  </body>
</html>
`;
}

import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { SECURITY_HEADERS } from '../http/guards.js';

/**
 * A conditional request (If-None-Match) is answered 304 only when the ETag is the one of this
 * very request. The response cache plugin answered 304 for any ETag it had stored, so query B
 * sent with query A's ETag got "not modified" (and the client kept A's answer for B).
 */
export function conditionalRequests(): Plugin<Context> {
  const wanted = new WeakMap<Request, string>();
  return {
    onRequest({ request }) {
      const tag = request.headers.get('if-none-match');
      if (!tag) return;
      wanted.set(request, tag);
      request.headers.delete('if-none-match');
    },
    onResponse({ request, response, setResponse, fetchAPI }) {
      const tag = wanted.get(request);
      const etag = response.headers.get('etag');
      if (!tag || !etag || response.status !== 200) return;
      if (!tag.split(',').map((t) => t.trim().replace(/^W\//, '')).includes(etag)) return;
      const headers = new fetchAPI.Headers();
      for (const name of ['etag', 'last-modified', 'cache-control', 'vary', ...Object.keys(SECURITY_HEADERS)]) {
        const value = response.headers.get(name);
        if (value) headers.set(name, value);
      }
      setResponse(new fetchAPI.Response(null, { status: 304, headers }));
    },
  };
}

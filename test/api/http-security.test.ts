import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ResponseCacheStore } from '../../packages/server/src/plugins/response-cache-store.js';
import { createHttpApp, listen } from '../../packages/server/src/http/server.js';
import { createPrisma } from '../../packages/server/src/db/prisma.js';
import { createServer } from '../../packages/server/src/http/yoga.js';

/**
 * The HTTP layer over a real port (docs/hardening.md): malformed Host headers, bodies over the
 * limit, security headers on every surface, CORS without credentials, links built from the
 * configured public URL, conditional requests, GraphiQL and introspection as settings.
 */
const prisma = createPrisma(inject('databaseUrl'));
const docsRoot = mkdtempSync(path.join(tmpdir(), 'insyn-docs-'));
writeFileSync(path.join(docsRoot, 'index.html'), '<!doctype html><title>Insyn</title>');
const cleanup: (() => unknown)[] = [() => prisma.$disconnect(), () => rmSync(docsRoot, { recursive: true, force: true })];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

async function start(options: Parameters<typeof createHttpApp>[1] = {}) {
  const server = createHttpApp(prisma, { docsRoot, ...options });
  const url = await listen(server);
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  return { url, port: Number(new URL(url).port) };
}

/** A raw HTTP/1.1 request, so headers fetch would refuse (a Host with a space) can be sent. */
function raw(port: number, lines: string[], body = ''): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`${lines.join('\r\n')}\r\nConnection: close\r\n\r\n${body}`));
    let out = '';
    socket.on('data', (d) => (out += d));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', ...rest] = out.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), head, body: rest.join('\r\n\r\n') });
    });
  });
}

const NO_INTERNALS = /\bat \S+ \(|node_modules|\/work\/|TypeError|Invalid URL|\.ts:\d/;

describe('malformed Host headers', () => {
  let port: number;
  beforeAll(async () => ({ port } = await start()));

  it.each(['a b', '[::1', '%', 'x'.repeat(300)])('Host "%s" is 400 INVALID_HOST on /graphql and /export, without a stack', async (host) => {
    for (const target of ['/graphql?query=%7B__typename%7D', '/export/observations.csv']) {
      const answer = await raw(port, [`GET ${target} HTTP/1.1`, `Host: ${host}`]);
      expect(answer.status, answer.body).toBe(400);
      expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('INVALID_HOST');
      expect(answer.body).not.toMatch(NO_INTERNALS);
    }
  });

  it('ordinary hosts still work: a name with a port, an IPv6 literal', async () => {
    for (const host of [`localhost:${port}`, `[::1]:${port}`, 'insyn.example']) {
      const answer = await raw(port, ['GET /graphql?query=%7B__typename%7D HTTP/1.1', `Host: ${host}`, 'Accept: application/json']);
      expect(answer.status, answer.body).toBe(200);
    }
  });
});

describe('request bodies', () => {
  let port: number;
  beforeAll(async () => ({ port } = await start()));

  it('a chunked body over 1 MB (no Content-Length) is 413 BODY_TOO_LARGE', async () => {
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      const chunk = 'a'.repeat(64 * 1024);
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end();
    });
    expect(status.status).toBe(413);
    expect(JSON.parse(status.body).errors[0].extensions.code).toBe('BODY_TOO_LARGE');
  });

  it('a body just under the limit is read and answered', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'a'.repeat(900_000) } }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('security headers and CORS', () => {
  let url: string;
  beforeAll(async () => ({ url } = await start()));

  it('GraphQL, GraphiQL, the export and the docs site send CSP with frame-ancestors, X-Frame-Options, Referrer-Policy and nosniff', async () => {
    const answers = {
      graphql: await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }),
      graphiql: await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } }),
      export: await fetch(`${url}/export/observations.csv?filter=${encodeURIComponent('{"indicators":["oj-ibic-utredning"]}')}`),
      exportError: await fetch(`${url}/export/observations.csv?filter=notjson`),
      docs: await fetch(`${url}/`),
    };
    for (const [name, response] of Object.entries(answers)) {
      expect(response.status, name).toBeLessThan(500);
      expect(response.headers.get('content-security-policy'), name).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('x-frame-options'), name).toBe('DENY');
      expect(response.headers.get('referrer-policy'), name).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff');
    }
  });

  it('CORS lets any origin read, never with credentials (no reflected Origin)', async () => {
    const origin = 'https://evil.example';
    const simple = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(simple.headers.get('access-control-allow-origin')).toBe('*');
    expect(simple.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await fetch(`${url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const csv = await fetch(`${url}/export/observations.csv?filter=${encodeURIComponent('{"indicators":["oj-ibic-utredning"]}')}`, { headers: { origin } });
    expect(csv.headers.get('access-control-allow-origin')).not.toBe(origin);
    expect(csv.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('links in answers', () => {
  const exportUrl = async (base: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ observationExport(filter: { indicators: ["oj-ibic-utredning"] }) { url } }' }) });
    return ((await response.json()) as { data: { observationExport: { url: string } } }).data.observationExport.url;
  };

  it('are built from PUBLIC_URL, never from a forged Host', async () => {
    const { port } = await start({ settings: { publicUrl: 'https://insyn.example' } });
    const body = JSON.stringify({ query: '{ observationExport(filter: { indicators: ["oj-ibic-utredning"] }) { url } }' });
    const answer = await raw(port, ['POST /graphql HTTP/1.1', 'Host: evil.example', 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`], body);
    expect(answer.body).toContain('https://insyn.example/export/observations.csv?filter=');
    expect(answer.body).not.toContain('evil.example');
  });

  it('without PUBLIC_URL point at this machine; X-Forwarded-Host counts only from a trusted proxy', async () => {
    const plain = await start({ settings: { publicUrl: null, defaultUrl: 'http://localhost:4000' } });
    expect(await exportUrl(plain.url, { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' })).toMatch(/^http:\/\/localhost:4000\/export\//);
    const proxied = await start({ settings: { publicUrl: null, trustedProxies: ['127.0.0.1'] } });
    expect(await exportUrl(proxied.url, { 'x-forwarded-host': 'insyn.example', 'x-forwarded-proto': 'https' })).toMatch(/^https:\/\/insyn\.example\/export\//);
  });
});

describe('conditional requests (ETag)', () => {
  const entries = new Map<string, ExecutionResult>();
  const store: ResponseCacheStore = {
    dataVersion: async () => '1',
    get: async (version, key) => entries.get(`${version}:${key}`),
    set: async (version, key, result) => void entries.set(`${version}:${key}`, JSON.parse(JSON.stringify(result)) as ExecutionResult),
    settled: async () => {},
    close: async () => {},
  };
  const yoga = createServer(prisma, { responseCache: store, codeVersion: 'etag-test' });
  const ask = (query: string, etag?: string) => yoga.fetch(`http://yoga/graphql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json', ...(etag ? { 'if-none-match': etag } : {}) } });
  const A = '{ region(code: "01") { name } }';
  const B = '{ region(code: "0180") { name } }';

  it("query B sent with query A's ETag gets B's answer, not 304; A with its own ETag gets 304", async () => {
    const first = await ask(A);
    await first.text();
    const again = await ask(A); // now served from the cache, with its ETag
    const etag = again.headers.get('etag');
    expect(etag).toBeTruthy();
    await again.text();
    const b = await ask(B, etag!);
    expect(b.status).toBe(200);
    expect(await b.json()).toEqual(await (await ask(B)).json());
    const a = await ask(A, etag!);
    expect(a.status).toBe(304);
  });
});

describe('GraphiQL and introspection as settings', () => {
  it('INSYN_GRAPHIQL=off: GET /graphql for a browser is no GraphiQL page', async () => {
    const yoga = createServer(prisma, { settings: { graphiql: false } });
    const response = await yoga.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await response.text()).not.toMatch(/GraphiQL/);
  });

  it('INSYN_INTROSPECTION=off: __schema is 400 INTROSPECTION_DISABLED; queries still run', async () => {
    const yoga = createServer(prisma, { settings: { introspection: false } });
    const post = (query: string) => yoga.fetch('http://yoga/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query }) });
    const refused = await post('{ __schema { types { name } } }');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as ExecutionResult).errors?.[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
    const ok = await post('{ region(code: "01") { name } }');
    expect(await ok.json()).toEqual({ data: { region: { name: 'Stockholms län' } } });
  });
});

import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { DocumentNode } from 'graphql';
import { createClient, InsynApiError } from '../../packages/sdk/src/index.js';
import * as sdk from '../../packages/sdk/src/index.js';
import { createHttpApp, listen } from '../../packages/server/src/http/server.js';
import { readPersistedDocuments } from '../../packages/server/src/plugins/persisted.js';
import { createPrisma } from '../../packages/server/src/db/prisma.js';
import type { ServerOptions } from '../../packages/server/src/http/yoga.js';

/**
 * Persisted queries: the SDK's operations by their sha256 hash, over GET, cacheable by a CDN;
 * an addition to arbitrary queries, or (INSYN_PERSISTED_ONLY=true) the only thing a server runs.
 */
const { TimeSeriesDocument } = sdk;
const hashOf = (document: unknown) => (document as { __meta__: { hash: string } }).__meta__.hash;
const IBIC_VARIABLES = { indicator: 'oj-ibic-utredning', region: '00', members: ['area:socialpsykiatri'] };
type Body = { data?: { timeSeries: { period: number; value: number }[] }; errors?: { message: string; extensions: { code: string } }[] };
const ibic2022 = (body: Body) => body.data?.timeSeries.find((p) => p.period === 2022)?.value;

const cleanup: (() => Promise<unknown>)[] = [];
async function start(options: ServerOptions = {}) {
  const prisma = createPrisma(inject('databaseUrl'));
  const server = createHttpApp(prisma, options);
  const url = await listen(server);
  cleanup.push(() => prisma.$disconnect(), () => new Promise((resolve) => server.close(resolve)));
  return `${url}/graphql`;
}
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

/** A fetch that records each request's method and URL (and body), for the SDK's options. */
function recordingFetch() {
  const requests: { method: string; url: string; body: string }[] = [];
  const record: typeof fetch = async (input, init) => {
    requests.push({ method: init?.method ?? 'GET', url: String(input), body: typeof init?.body === 'string' ? init.body : '' });
    return fetch(input, init);
  };
  return { fetch: record, requests };
}

const apq = (hash: string) => JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } });

describe('persisted queries', () => {
  let endpoint: string;
  beforeAll(async () => {
    endpoint = await start();
  });

  it('every SDK operation has a sha256 hash, and the manifest the server reads holds each', () => {
    const manifest = readPersistedDocuments();
    // Every query document the SDK exports (the manifest's text of each starts with its fragments or `query `).
    const isQuery = (document: unknown) => (document as DocumentNode).definitions.some((d) => d.kind === 'OperationDefinition' && d.operation === 'query');
    const documents = Object.entries(sdk).filter(([name, document]) => name.endsWith('Document') && isQuery(document));
    expect(documents.length).toBeGreaterThanOrEqual(10);
    for (const [name, document] of documents) {
      expect(hashOf(document), name).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(manifest.get(hashOf(document)), name).toContain('query ');
    }
    expect(manifest.get(hashOf(TimeSeriesDocument))).toMatch(/^(fragment .*)?query TimeSeries\(/);
  });

  it('GET with the hash (APQ extensions) answers an SDK operation, with Cache-Control for a CDN', async () => {
    const url = `${endpoint}?extensions=${encodeURIComponent(apq(hashOf(TimeSeriesDocument)))}&variables=${encodeURIComponent(JSON.stringify(IBIC_VARIABLES))}`;
    const response = await fetch(url, { headers: { accept: 'application/graphql-response+json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    // Öppna jämförelser 2022, Tabell 2: IBIC in socialpsykiatri investigations 53 % in 2022.
    expect(ibic2022((await response.json()) as Body)).toBe(53);
  });

  it('GET with documentId=sha256:… (GraphQL over HTTP) answers the same', async () => {
    const url = `${endpoint}?documentId=${encodeURIComponent(hashOf(TimeSeriesDocument))}&variables=${encodeURIComponent(JSON.stringify(IBIC_VARIABLES))}`;
    const response = await fetch(url);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(ibic2022((await response.json()) as Body)).toBe(53);
  });

  it('a persisted GET that fails is not cacheable; an ordinary GET gets no Cache-Control', async () => {
    const bad = `${endpoint}?documentId=${encodeURIComponent(hashOf(TimeSeriesDocument))}&variables=${encodeURIComponent(JSON.stringify({ ...IBIC_VARIABLES, region: '0108' }))}`;
    const response = await fetch(bad);
    expect(((await response.json()) as Body).errors?.[0]?.extensions.code).toBe('UNKNOWN_REGION');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const plain = await fetch(`${endpoint}?query=${encodeURIComponent('{ timeSeries(indicator: "oj-ibic-utredning", region: "00", members: ["area:socialpsykiatri"]) { period value } }')}`);
    expect(ibic2022((await plain.json()) as Body)).toBe(53);
    expect(plain.headers.get('cache-control')).toBeNull();
  });

  it('an unknown hash is a PersistedQueryNotFound error with a code, not an empty answer', async () => {
    const response = await fetch(`${endpoint}?extensions=${encodeURIComponent(apq('0'.repeat(64)))}`, { headers: { accept: 'application/graphql-response+json' } });
    const body = (await response.json()) as Body;
    expect(body.data).toBeUndefined();
    expect(body.errors?.map((e) => [e.message, e.extensions.code])).toEqual([['PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND']]);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('arbitrary queries keep working beside them (POST, as GraphiQL sends them)', async () => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query($r: String!) { timeSeries(indicator: "oj-ibic-utredning", region: $r, members: ["area:socialpsykiatri"]) { period value } }', variables: { r: '00' } }),
    });
    expect(ibic2022((await response.json()) as Body)).toBe(53);
  });

  it('the SDK with persisted: true sends only the hash, as GET, and gets the figure', async () => {
    const recorder = recordingFetch();
    const insyn = createClient({ url: endpoint, persisted: true, fetch: recorder.fetch });
    const { timeSeries } = await insyn.timeSeries(IBIC_VARIABLES);
    expect(timeSeries.find((p) => p.period === 2022)?.value).toBe(53);
    expect(recorder.requests).toHaveLength(1);
    expect(recorder.requests[0]!.method).toBe('GET');
    const sent = new URL(recorder.requests[0]!.url).searchParams;
    expect(sent.get('query')).toBeNull();
    expect(JSON.parse(sent.get('extensions')!)).toEqual({ persistedQuery: { version: 1, sha256Hash: hashOf(TimeSeriesDocument).slice('sha256:'.length) } });
  });

  it('the SDK falls back to the full query when the server does not know the hash', async () => {
    const unaware = await start({ persisted: { documents: new Map() } });
    const recorder = recordingFetch();
    const insyn = createClient({ url: unaware, persisted: true, fetch: recorder.fetch });
    const { timeSeries } = await insyn.timeSeries(IBIC_VARIABLES);
    expect(timeSeries.find((p) => p.period === 2022)?.value).toBe(53);
    const queries = recorder.requests.map((r) => new URL(r.url).searchParams.get('query') ?? (JSON.parse(r.body || '{}') as { query?: string }).query ?? null);
    expect(queries).toHaveLength(2);
    expect(queries[0]).toBeNull();
    expect(queries[1]).toMatch(/query TimeSeries/);
  });
});

describe('INSYN_PERSISTED_ONLY=true', () => {
  let endpoint: string;
  beforeAll(async () => {
    vi.stubEnv('INSYN_PERSISTED_ONLY', 'true');
    try {
      endpoint = await start();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('refuses an arbitrary query with a clear error', async () => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ timeSeries(indicator: "oj-ibic-utredning", region: "00", members: ["area:socialpsykiatri"]) { period value } }' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Body;
    expect(body.data).toBeUndefined();
    expect(body.errors?.map((e) => e.extensions.code)).toEqual(['PERSISTED_QUERY_ONLY']);
    expect(body.errors?.[0]?.message).toMatch(/only runs persisted queries/);
  });

  it('still answers the SDK by hash, and an SDK without persisted gets the error as an InsynApiError', async () => {
    const insyn = createClient({ url: endpoint, persisted: true });
    expect((await insyn.timeSeries(IBIC_VARIABLES)).timeSeries.find((p) => p.period === 2022)?.value).toBe(53);
    const error = await createClient({ url: endpoint }).timeSeries(IBIC_VARIABLES).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InsynApiError);
    expect((error as InsynApiError).code).toBe('PERSISTED_QUERY_ONLY');
  });
});

import net from 'node:net';
import { rng } from '../load/synthetic.js';

/**
 * Malformed and hostile requests of every kind docs/hardening.md names, sent to a server on
 * this machine (never elsewhere): each must be answered with a 4xx and a code, or a 200, never
 * a 5xx or INTERNAL_SERVER_ERROR, and within 2 s. Bounded in count and time.
 */
export interface FuzzOptions {
  /** Base URL of the server, e.g. http://localhost:4000; loopback only. */
  url: string;
  requests: number;
  /** Stops sending after this long, whatever the count. */
  seconds: number;
  concurrency: number;
  /** The seed of the deterministic generator (the same seed sends the same requests). */
  seed?: number;
}

export interface FuzzResult {
  requests: number;
  serverErrors: number;
  internalErrors: number;
  slow: number;
  /** A few examples of what failed, for the report. */
  failures: string[];
  /** The slowest answers over 2 s (kind and time): reported, a figure of the machine as much as of the server. */
  slowest: string[];
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function assertLoopback(url: string) {
  const { hostname } = new URL(url);
  if (!LOOPBACK.has(hostname)) throw new Error(`fuzz sends only to this machine (localhost, 127.0.0.1, ::1), not ${hostname}`);
}

/** A small deterministic PRNG, so a failure can be replayed with its seed. */
const random = rng;

type Sent =
  | { kind: string; method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; body?: string; headers?: Record<string, string> }
  | { kind: string; raw: string };

const b64 = (s: string) => Buffer.from(s).toString('base64');
const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
const gql = (kind: string, query: string, variables?: unknown, headers: Record<string, string> = {}): Sent =>
  ({ kind, method: 'POST', path: '/graphql', body: JSON.stringify({ query, variables }), headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers } });

/** The generators: each returns one malformed request of its kind, varied by `r`. */
function generators(r: () => number): (() => Sent)[] {
  const pick = <T>(items: T[]) => items[Math.floor(r() * items.length)]!;
  const junk = (n: number) => Array.from({ length: n }, () => String.fromCharCode(Math.floor(r() * 0x3000))).join('');
  const nul = () => pick(['\u0000', 'a\u0000', '0180\u0000', '\u0000\u0000x', 'oj-ibic-utredning\u0000']);
  const cursor = () => pick([
    b64(`GPC:N:${pick(['abc', 'NaN', '1e400', '-', ''])}`), b64(`GPC:D:${pick(['abc', '99999999999999999999', ''])}`), b64(`GPC:J:${pick(['{', '{"a":1}', '[1,2', 'null'])}`),
    b64(`GPC:T:${pick(['[', '["S:a"]', '[1,2,3]', '["N:x","S:y","N:1","S:z"]', '{}'])}`), b64(`GPC:S:${nul()}`), b64('GPC:'), b64(junk(8)), junk(12), '====', b64('GPC:O:{"a":'), b64('GPC:B:!!'), b64('GPC:I:1.5'),
  ]);
  const id = () => pick([b64('Foo:bar'), b64(`Region:${nul()}`), b64('Region:'), b64(':0180'), b64('Observation:abc'), '%%%', junk(10), b64(junk(6)), b64('Indicator:' + 'x'.repeat(2000))]);
  const huge = (n: number) => Array.from({ length: n }, () => pick(['PUBLISHED', 'SUPPRESSED', 'MISSING']));
  return [
    () => gql('nul-variable', pick(['query ($c: String) { region(code: $c) { name } }', 'query ($c: String) { indicator(code: $c) { titleSv } }', 'query ($c: String) { regions(search: $c) { totalCount } }']), { c: nul() }),
    () => gql('nul-literal', pick(['{ regions(search: "a\\u0000") { totalCount } }', '{ observations(filter: { regions: ["0180\\u0000"] }) { totalCount } }', '{ indicators(filter: { search: "x\\u0000" }) { totalCount } }'])),
    () => gql('nul-filter', 'query ($f: ObservationFilter!) { observations(filter: $f) { totalCount } }', { f: pick([{ regions: [nul()] }, { indicators: [nul()] }, { members: [nul()] }, { tables: [nul()] }]) }),
    () => gql('cursor', 'query ($a: String) { regions(first: 3, after: $a) { edges { node { code } } } }', { a: cursor() }),
    () => gql('cursor-nested', 'query ($a: String) { region(code: "0180") { observations(first: 3, after: $a) { totalCount } } }', { a: cursor() }),
    () => gql('cursor-offerings', 'query ($a: String) { offerings(intervention: "socialpsykiatri:personligt-ombud", first: 2, after: $a) { edges { cursor } } }', { a: cursor() }),
    () => gql('global-id', pick(['query ($id: ID!) { node(id: $id) { id } }', 'query ($id: ID!) { nodes(ids: [$id]) { id } }']), { id: id() }),
    () => ({ kind: 'get-bad-json', method: 'GET', path: `/graphql?query=${encodeURIComponent('{ __typename }')}&${pick(['variables', 'extensions'])}=${encodeURIComponent(pick(['{bad', '[1]', '"x"', '{"a":', junk(5)]))}` }),
    () => ({ kind: 'persisted-bad-variables', method: 'GET', path: `/graphql?documentId=sha256:${'0'.repeat(64)}&variables=${encodeURIComponent(pick(['not-json', '[]', '{"', '1']))}` }),
    () => ({ kind: 'persisted-bad-id', method: 'GET', path: `/graphql?documentId=${encodeURIComponent(pick(['sha256:', 'x', junk(20), '\u0000']))}` }),
    () => gql('huge-list', 'query ($s: [ObservationStatus!]) { observations(filter: { statuses: $s }) { totalCount } }', { s: huge(1_000 + Math.floor(r() * 20_000)) }),
    () => gql('huge-code-list', 'query ($r: [String!]) { observations(filter: { regions: $r }) { totalCount } }', { r: Array.from({ length: 1_001 + Math.floor(r() * 5_000) }, (_, i) => String(i)) }),
    () => gql('deep-nesting', pick([`{${'a{'.repeat(2_000 + Math.floor(r() * 5_000))}b}`, `{ regions(after: ${'['.repeat(5_000)}${']'.repeat(5_000)}) { totalCount } }`, `{ region(code: "01") { ${'parent { '.repeat(30)}code${' }'.repeat(30)} } }`])),
    () => gql('long-search', 'query ($s: String) { indicators(filter: { search: $s }) { totalCount } }', { s: pick(['a'.repeat(10_000), 'ord '.repeat(500), junk(300)]) }),
    () => gql('like-wildcards', pick(['{ regions(search: "%") { totalCount } }', '{ regions(search: "_") { totalCount } }', '{ interventions(search: "%_%") { totalCount } }', '{ regions(search: "\\\\") { totalCount } }'])),
    () => gql('typename-aliases', `{ ${aliases(150 + Math.floor(r() * 3_000), '__typename')} }`),
    () => gql('schema-aliases', `{ ${aliases(2 + Math.floor(r() * 50), '__schema { types { name fields { name } } }')} }`),
    () => gql('summary-aliases', `{ regions(first: 500) { edges { node { ${Array.from({ length: 10 + Math.floor(r() * 70) }, (_, i) => `s${i}: offeringSummary(round: ${2000 + i}) { offeredCount }`).join(' ')} } } } }`),
    () => gql('page-multiplication', `{ regions(first: 500) { edges { node { children { observations(first: 500) { edges { node { value } } } } } } } }`),
    () => gql('wrong-types', pick(['{ region(code: 1) { name } }', '{ regions(first: "x") { totalCount } }', '{ regions(first: -5) { totalCount } }', '{ regions(first: 100000) { totalCount } }', 'query ($f: Int) { regions(first: $f) { totalCount } }']), pick([{ f: 'x' }, { f: 2 ** 40 }, undefined])),
    () => gql('syntax', pick(['{', '}', '{ region(code: "01") { name ', 'query { ...X }', 'subscription { a }', 'mutation { a }', junk(40), '{ a } { b }'])),
    () => ({ kind: 'invalid-body', method: 'POST', path: '/graphql', body: pick(['{"query": "secret', 'null', '[]', '[1,2]', '"x"', junk(200), '{"query": 5}', '{"query":"{__typename}","variables":"x"}', '{"query":"{__typename}","extensions":[1]}']), headers: { 'content-type': pick(['application/json', 'text/plain', 'application/graphql', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) } }),
    () => ({ kind: 'big-body', method: 'POST', path: '/graphql', body: JSON.stringify({ query: '{ __typename }', variables: { x: 'a'.repeat(1_100_000) } }), headers: { 'content-type': 'application/json' } }),
    () => ({ kind: 'export', method: 'GET', path: `/export/observations.csv?filter=${encodeURIComponent(pick([JSON.stringify({ regions: ['0180\u0000'] }), '{bad', '[]', JSON.stringify({ regions: Array.from({ length: 2_000 }, (_, i) => String(i)) }), JSON.stringify({ indicators: ['x'.repeat(5_000)] }), JSON.stringify({ level: 'county' }), JSON.stringify({ years: { from: 'x' } }), '%', junk(10)]))}` }),
    () => ({ kind: 'methods', method: pick(['PUT', 'DELETE'] as const), path: pick(['/graphql', '/export/observations.csv']) }),
    () => ({ kind: 'bad-host', raw: `GET ${pick(['/graphql?query=%7B__typename%7D', '/export/observations.csv', '/'])} HTTP/1.1\r\nHost: ${pick(['a b', '[::1', '%', 'x'.repeat(500), '', 'ä.example', 'a:b:c'])}\r\nConnection: close\r\n\r\n` }),
    () => ({ kind: 'bad-path', method: 'GET', path: pick(['/graphql/%', '/export/%zz', '/%00', '/graphql?query=%', '/graphql?query=' + encodeURIComponent('{ __typename }') + '&operationName=%00']) }),
  ];
}

interface Answer { status: number; body: string; ms: number }

async function send(base: URL, sent: Sent): Promise<Answer> {
  const started = performance.now();
  if ('raw' in sent) {
    const out = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(base.port), base.hostname.replace(/^\[|\]$/g, ''), () => socket.write(sent.raw));
      let data = '';
      socket.setTimeout(10_000, () => socket.destroy());
      socket.on('data', (d) => (data += d));
      socket.on('error', () => resolve(data));
      socket.on('close', () => resolve(data));
    });
    const [head = '', ...rest] = out.split('\r\n\r\n');
    return { status: Number(head.split(' ')[1] ?? 0), body: rest.join('\r\n\r\n'), ms: performance.now() - started };
  }
  try {
    const response = await fetch(new URL(sent.path, base), { method: sent.method, headers: sent.headers, body: sent.body, signal: AbortSignal.timeout(30_000) });
    const body = await response.text();
    return { status: response.status, body, ms: performance.now() - started };
  } catch (error) {
    return { status: 0, body: String(error), ms: performance.now() - started };
  }
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  assertLoopback(options.url);
  const base = new URL(options.url);
  const r = random(options.seed ?? 20261201);
  const kinds = generators(r);
  const result: FuzzResult = { requests: 0, serverErrors: 0, internalErrors: 0, slow: 0, failures: [], slowest: [] };
  const deadline = Date.now() + options.seconds * 1000;
  let next = 0;
  const note = (what: string) => result.failures.length < 20 && result.failures.push(what);
  const worker = async () => {
    while (next < options.requests && Date.now() < deadline) {
      const i = next++;
      // Each kind in turn, so a short run covers every kind; big bodies are rarer (they are heavy).
      let sent = kinds[i % kinds.length]!();
      if (sent.kind === 'big-body' && Math.floor(i / kinds.length) % 20 !== 0) sent = kinds[0]!();
      const answer = await send(base, sent);
      result.requests++;
      if (answer.status >= 500 || answer.status === 0) {
        result.serverErrors++;
        note(`${sent.kind}: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
      }
      if (answer.body.includes('INTERNAL_SERVER_ERROR')) {
        result.internalErrors++;
        note(`${sent.kind}: INTERNAL_SERVER_ERROR`);
      }
      if (answer.ms > 2_000) {
        result.slow++;
        if (result.slowest.length < 20) result.slowest.push(`${sent.kind}: ${Math.round(answer.ms)} ms`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return result;
}

/** The line `npm run fuzz` prints. */
export const fuzzLine = (r: FuzzResult, rssBefore: number, rssAfter: number) =>
  `fuzz: ${r.requests} requests, ${r.serverErrors} 5xx, ${r.internalErrors} INTERNAL_SERVER_ERROR, ${r.slow} over 2 s, RSS ${rssBefore}→${rssAfter} MB`;

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, createClient, InsynApiError, OPERATIONS, type InsynClient } from '../../packages/sdk/src/index.js';
import { ERROR_CODES } from '../../packages/server/src/errors.js';
import { liveServer } from './live-server.js';

/** The SDK's surface: a method per root field, paging, per-call headers, cancellation, typed codes. */
const server = liveServer();
let client: InsynClient | undefined;
const insyn = () => (client ??= createClient({ url: server.endpoint() }));
const root = path.resolve(import.meta.dirname, '../..');

async function apiError(call: Promise<unknown>): Promise<InsynApiError> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(InsynApiError);
  return error as InsynApiError;
}

describe('the SDK covers the API', () => {
  it('has a method whose operation selects each root field of schema.graphql (Query and Mutation)', () => {
    const schema = buildSchema(readFileSync(path.join(root, 'schema.graphql'), 'utf8'));
    const rootFields = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())];
    const covered = new Set(Object.values(OPERATIONS).flatMap((doc) => doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION).flatMap((d) => d.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])))));
    expect(rootFields.filter((f) => !covered.has(f))).toEqual([]);
    expect(rootFields.length).toBeGreaterThanOrEqual(29);
  });

  it("types InsynApiError.code from the server's one list of codes (generated, not copied)", () => {
    expect([...API_ERROR_CODES]).toEqual([...ERROR_CODES]);
  });
});

describe('the methods added for outside teams', () => {
  it('observations: the IBIC figures for Riket, each with its source, page by page with `all`', async () => {
    const figures = [];
    for await (const o of insyn().all('observations', { filter: { indicators: ['oj-ibic-utredning'], regions: ['00'], members: ['area:socialpsykiatri'] }, first: 4 })) figures.push(o);
    expect(figures.map((o) => [o.period, o.value])).toEqual([[2017, 8], [2018, 13], [2019, 22], [2020, 37], [2021, 43], [2022, 53]]);
    expect(figures.at(-1)?.source.attribution).toBe('Källa: Socialstyrelsen, Öppna jämförelser 2022, socialpsykiatri');
  });

  it('pages: every municipality (290) in pages of 100, the last one short', async () => {
    const sizes = [];
    for await (const page of insyn().pages('regions', { level: 'MUNICIPALITY', first: 100 })) sizes.push(page.edges.length);
    expect(sizes).toEqual([100, 100, 90]);
  });

  it('observationExport: CSV, JSON-stat and Excel links with the row count and credit line', async () => {
    const { observationExport } = await insyn().observationExport({ filter: { indicators: ['oj-ibic-utredning'], members: ['area:socialpsykiatri'] } });
    expect(observationExport.rowCount).toBe(6);
    expect(observationExport.attributions).toEqual(['Källa: Socialstyrelsen, Öppna jämförelser 2022, socialpsykiatri']);
    // The links name the server's public URL; here the test's own port answers them.
    const link = new URL(observationExport.jsonStatUrl);
    const json = await (await fetch(new URL(link.pathname + link.search, server.endpoint()))).json();
    expect(Object.values(json.value)).toEqual([8, 13, 22, 37, 43, 53]);
    expect(observationExport.xlsxUrl).toMatch(/\/export\/observations\.xlsx\?filter=/);
  });

  it('offeringDistribution with a dataset: the synthetic set, flagged synthetic', async () => {
    const { data, synthetic } = await insyn().withMeta.offeringDistribution({ area: 'aldre', dimension: 'PROVIDER', groupBy: 'COUNTY', dataset: 'synthetic-offerings-2022' });
    expect(data.offeringDistribution).toHaveLength(21);
    expect(data.offeringDistribution.every((g) => g.synthetic)).toBe(true);
    // SKR's published share for Stockholms län beside the computed one (Tabell 7: 39 % municipal only).
    expect(data.offeringDistribution.find((g) => g.key === '01')?.buckets.find((b) => b.member === 'MUNICIPAL_ONLY')?.publishedShare).toBe(39);
    expect(synthetic?.datasets).toEqual(['synthetic-offerings-2022']);
    const error = await apiError(insyn().offeringDistribution({ area: 'aldre', dimension: 'PROVIDER', groupBy: 'COUNTY', dataset: 'synthetic-offerings-2023' }));
    expect(error.code).toBe('UNKNOWN_DATASET');
  });

  it('datasets, node and nodes: a region found again by its global id', async () => {
    const { datasets } = await insyn().datasets();
    expect(datasets.map((d) => [d.code, d.synthetic])).toContainEqual(['synthetic-offerings-2022', true]);
    const { region } = await insyn().municipalityProfile({ code: '0180', observations: 0 });
    const { node } = await insyn().node({ id: region.id });
    expect(node).toMatchObject({ __typename: 'Region', id: region.id, code: '0180', name: 'Stockholms kommun' });
    const { nodes } = await insyn().nodes({ ids: [region.id] });
    expect(nodes).toEqual([node]);
  });

  it('changes and changeCursor: the feed from the start, page by page with changePages', async () => {
    const first = await insyn().changes({ first: 3 });
    expect(first.changes.changes).toHaveLength(3);
    expect(first.changes.hasMore).toBe(true);
    let seen = 0;
    for await (const page of insyn().changePages({ first: 1000, tables: ['dataset'] })) seen += page.changes.length;
    const { datasets } = await insyn().datasets();
    expect(seen).toBeGreaterThanOrEqual(datasets.length);
    const { changeCursor } = await insyn().changeCursor();
    expect((await insyn().changes({ after: changeCursor })).changes).toMatchObject({ changes: [], hasMore: false, endCursor: changeCursor });
  });

  it('indicator, area, intervention, dimensions, sources, municipalityGroups, actionPlans', async () => {
    expect((await insyn().indicator({ code: 'oj-ibic-utredning' })).indicator).toMatchObject({ code: 'oj-ibic-utredning', unit: 'PERCENT', source: { publisher: 'Socialstyrelsen' } });
    expect((await insyn().area({ code: 'aldre' })).area).toMatchObject({ code: 'aldre', catalogueSize: 75 });
    expect((await insyn().intervention({ code: 'aldre:hemtjanst' })).intervention).toMatchObject({ code: 'aldre:hemtjanst', nameSv: 'Hemtjänst' });
    expect((await insyn().dimensions()).dimensions.map((d) => d.code)).toContain('area');
    expect((await insyn().sources()).sources.length).toBeGreaterThan(0);
    expect((await insyn().municipalityGroups()).municipalityGroups.find((g) => g.code === 'A1')?.municipalities.map((m) => m.code).sort()).toEqual(['0180', '1280', '1480']);
    expect((await insyn().actionPlans()).actionPlans[0]?.region.code).toBe('0180');
  });

  it('the partner calls refuse a write without a key (UNAUTHENTICATED) and the audit trail without one', async () => {
    const input = { dataset: 'no-such-set', region: '0180', round: 2022, areas: [] };
    const write = await apiError(insyn().setUnitAnswers({ input }));
    expect(write.code).toBe('UNAUTHENTICATED');
    expect(write.message).toMatch(/^This request has no API key\./);
    expect((await apiError(insyn().deleteDataset({ code: 'no-such-set' }))).code).toBe('UNAUTHENTICATED');
    expect((await apiError(insyn().answerChanges({ dataset: 'synthetic-offerings-2022' }))).code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
  });
});

describe('per-call options', () => {
  it("sends the client's headers and the call's own (the call's win), and only on that call", async () => {
    const seen: Headers[] = [];
    const recording = createClient({ url: server.endpoint(), headers: { 'x-app': 'outside', authorization: 'Bearer client-wide' }, fetch: (input, init) => (seen.push(new Headers(init?.headers)), fetch(input, init)) });
    const key = `Bearer insyn_000000000000_${'A'.repeat(43)}`;
    const error = await apiError(recording.setUnitAnswers({ input: { dataset: 'x', region: '0180', round: 2022, areas: [] } }, { headers: { authorization: key } }));
    expect(error.message).toMatch(/^This API key is not valid\./);
    await recording.areas();
    expect(seen.map((h) => [h.get('x-app'), h.get('authorization')])).toEqual([['outside', key], ['outside', 'Bearer client-wide']]);
  });

  it('an AbortSignal cancels a call in flight: code ABORTED', async () => {
    let entered!: () => void;
    const inFlight = new Promise<void>((resolve) => (entered = resolve));
    // A server that never answers: the request is under way until the signal ends it.
    const hanging = createClient({ url: server.endpoint(), fetch: (_input, init) => new Promise((_resolve, reject) => { init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)); entered(); }) });
    const controller = new AbortController();
    const call = hanging.areas({ signal: controller.signal });
    await inFlight;
    controller.abort();
    expect((await apiError(call)).code).toBe('ABORTED');
  });

  it('a timeout ends a call that gets no answer: code TIMEOUT, the message naming the timeout', async () => {
    const silent = createClient({ url: server.endpoint(), fetch: (_input, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))) });
    const error = await apiError(silent.areas({ timeout: 50 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe('No answer within 50 ms (the call\'s timeout).');
  });
});

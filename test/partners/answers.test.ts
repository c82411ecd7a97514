import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { LookupStore, lookupStoreFor } from '../../packages/server/src/lookup/lookups.js';
import { createKey, revokeKey } from '../../packages/server/src/partners/keys.js';
import { createPrisma } from '../../packages/server/src/db/prisma.js';
import { servedDatabase, type ServedDatabase } from '@test/support/served-database.js';

/**
 * Partners write their own unit's answers through the API, over real HTTP, on a real
 * PostgreSQL, with the shared response cache on (reads must see a write at once).
 */
const DATASET = 'partner-answers-2022';
const SET = `mutation Set($input: UnitAnswersInput!) { setUnitAnswers(input: $input) { round inserted updated deleted changed region { code } dataset { code synthetic } } }`;
const SUMMARY = `query Summary($code: String!, $dataset: String) { region(code: $code) { offeringSummary(dataset: $dataset) { area { code } surveyStatus offeredCount answeredCount synthetic } } }`;

interface Response { status: number; body: { data?: any; errors?: { message: string; extensions: Record<string, any> }[]; extensions?: Record<string, unknown> } }

describe('partners write their own answers', () => {
  let db: ServedDatabase['db'];
  let client: pg.Client;
  let url: string;
  let uppsala: string;
  let interventions: string[];

  const served = servedDatabase('insyn_test_partners', { responseCache: true, prepare: async (client) => {
    await client.query(`INSERT INTO dataset (code, title, synthetic, kind, description) VALUES ($1, 'Partners test', false, 'IMPORTED', 'Written by the partners test.')`, [DATASET]);
    interventions = (await client.query<{ code: string }>(`SELECT code FROM intervention WHERE area_code = 'socialpsykiatri' ORDER BY code LIMIT 3`)).rows.map((r) => r.code);
    uppsala = (await createKey(client, { name: 'Uppsala kommun', scopes: [`write:dataset:${DATASET}`, 'write:unit:0380'] })).token;
  } });
  beforeAll(() => void ({ db, client, url } = served));

  async function ask(query: string, variables: Record<string, unknown>, token?: string | null, header?: string): Promise<Response> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(header ? { authorization: header } : token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: await response.json() };
  }

  const answer = (region: string, offered: boolean[], status = 'COMPLETED') => ({
    dataset: DATASET, round: 2022, region,
    areas: [{ area: 'socialpsykiatri', status, wantsWithoutDecision: false, offerings: offered.map((o, i) => ({ intervention: interventions[i], offered: o, ...(o ? { form: 'PHYSICAL_ONLY', provider: 'MUNICIPAL_ONLY', decision: 'WITH_DECISION_ONLY' } : {}) })) }],
  });

  /** Every row the data set holds, to prove that a refused write changed nothing. */
  const digest = async () => (await client.query(`SELECT (SELECT coalesce(json_agg(o ORDER BY o.region_code, o.intervention_code), '[]') FROM offering o WHERE o.dataset_code = $1)::text || (SELECT coalesce(json_agg(s ORDER BY s.region_code, s.area_code), '[]') FROM survey_response s WHERE s.dataset_code = $1)::text AS d`, [DATASET])).rows[0].d as string;
  const psykiatri = (r: Response) => r.body.data.region.offeringSummary.find((s: { area: { code: string } }) => s.area.code === 'socialpsykiatri');

  it("a key scoped to 0380 writes 0380's answers, and every read sees them at once, without a synthetic notice", async () => {
    // Read first, so the response cache holds the empty answer.
    expect(psykiatri(await ask(SUMMARY, { code: '0380', dataset: DATASET }))).toMatchObject({ surveyStatus: null, offeredCount: null });
    const written = await ask(SET, { input: answer('0380', [true, true, false]) }, uppsala);
    expect(written.body.errors).toBeUndefined();
    expect(written.body.data.setUnitAnswers).toEqual({ round: 2022, inserted: 4, updated: 0, deleted: 0, changed: 4, region: { code: '0380' }, dataset: { code: DATASET, synthetic: false } });
    const read = await ask(SUMMARY, { code: '0380', dataset: DATASET });
    expect(psykiatri(read)).toEqual({ area: { code: 'socialpsykiatri' }, surveyStatus: 'COMPLETED', offeredCount: 2, answeredCount: 3, synthetic: false });
    expect(read.body.extensions?.synthetic).toBeUndefined();
  });

  it('the same answer twice changes nothing; a changed one is in the audit trail, old and new', async () => {
    const audit = async () => (await client.query('SELECT count(*)::int AS n FROM insyn_partner.answer_change WHERE dataset_code = $1', [DATASET])).rows[0].n as number;
    const before = await audit();
    const stamps = async () => Object.fromEntries((await client.query<{ intervention_code: string; updated_at: Date }>(`SELECT intervention_code, updated_at FROM offering WHERE dataset_code = $1 AND region_code = '0380'`, [DATASET])).rows.map((r) => [r.intervention_code, r.updated_at.getTime()]));
    const first = await stamps();
    expect((await ask(SET, { input: answer('0380', [true, true, false]) }, uppsala)).body.data.setUnitAnswers.changed).toBe(0);
    expect(await audit()).toBe(before);
    expect(await stamps()).toEqual(first);
    // Leaving an intervention out of the area's answer removes it.
    const changed = await ask(SET, { input: answer('0380', [false, true]) }, uppsala);
    expect(changed.body.data.setUnitAnswers).toMatchObject({ inserted: 0, updated: 1, deleted: 1, changed: 2 });
    const rows = (await client.query(`SELECT key_id, row_key, old, new FROM insyn_partner.answer_change WHERE dataset_code = $1 ORDER BY id DESC LIMIT 2`, [DATASET])).rows;
    expect(rows.map((r) => r.row_key[1]).sort()).toEqual([interventions[0], interventions[2]].sort());
    const removed = rows.find((r) => r.row_key[1] === interventions[2])!;
    expect(removed.new).toBeNull();
    expect(removed.old).toMatchObject({ offered: false, region_code: '0380' });
    const updated = rows.find((r) => r.row_key[1] === interventions[0])!;
    expect([updated.old.offered, updated.new.offered]).toEqual([true, false]);
    expect(updated.new.form).toBeNull();
    // updatedAt moves for the changed answer only.
    const after = await stamps();
    expect(after[interventions[0]!]).toBeGreaterThan(first[interventions[0]!]!);
    expect(after[interventions[1]!]).toBe(first[interventions[1]!]);
  });

  it("the same key writing 1280's answers is FORBIDDEN, and nothing is written", async () => {
    const before = await digest();
    const refused = await ask(SET, { input: answer('1280', [true]) }, uppsala);
    expect(refused.status).toBe(403);
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', units: ['0380'] });
    expect(refused.body.errors![0]!.message).toMatch(/may not write the answers of 1280/);
    // Nor a data set it holds no scope for, nor the synthetic set.
    expect((await ask(SET, { input: { ...answer('0380', [true]), dataset: 'synthetic-offerings-2022' } }, uppsala)).body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect(await digest()).toBe(before);
  });

  it('no key, a malformed, unknown, revoked or expired key: UNAUTHENTICATED, nothing written', async () => {
    const before = await digest();
    const revoked = await createKey(client, { name: 'Revoked', scopes: [`write:dataset:${DATASET}`] });
    await revokeKey(client, revoked.key.id);
    const expired = await createKey(client, { name: 'Expired', scopes: [`write:dataset:${DATASET}`], expiresAt: new Date(Date.now() - 1000) });
    const cases: [string, string | null | undefined, string | undefined, RegExp][] = [
      ['none', null, undefined, /has no API key/],
      ['malformed', undefined, 'Basic dXNlcjpwYXNz', /holds no Insyn API key/],
      ['wrong secret', `${uppsala.slice(0, -4)}AAAA`, undefined, /not valid/],
      ['revoked', revoked.token, undefined, /was revoked/],
      ['expired', expired.token, undefined, /expired/],
    ];
    for (const [what, token, header, message] of cases) {
      const refused = await ask(SET, { input: answer('0380', [true, true, true]) }, token, header);
      expect({ what, status: refused.status, code: refused.body.errors?.[0]?.extensions.code }).toEqual({ what, status: 401, code: 'UNAUTHENTICATED' });
      expect(refused.body.errors![0]!.message).toMatch(message);
    }
    expect(await digest()).toBe(before);
    // Reads need no key.
    expect((await ask(SUMMARY, { code: '0380', dataset: DATASET })).status).toBe(200);
  });

  it('invalid answers are refused with every problem, its path and suggestions, and nothing is written', async () => {
    const before = await digest();
    const input = answer('0380', [true, false]);
    input.areas[0]!.offerings[0]!.intervention = `${interventions[0]}x`;
    Object.assign(input.areas[0]!.offerings[1]!, { form: 'DIGITAL_ONLY' });
    input.areas[0]!.offerings.push({ intervention: (await client.query(`SELECT code FROM intervention WHERE area_code = 'aldre' LIMIT 1`)).rows[0].code, offered: false });
    const refused = await ask(SET, { input }, uppsala);
    expect(refused.status).toBe(400);
    const error = refused.body.errors![0]!;
    expect(error.extensions.code).toBe('INVALID_ANSWERS');
    expect(error.extensions.problems.map((p: { path: string; field: string }) => `${p.path} ${p.field}`)).toEqual([
      'areas[0].offerings[0] intervention',
      'areas[0].offerings[1] form',
      'areas[0].offerings[2] intervention',
    ]);
    expect(error.extensions.problems[0].suggestions[0]).toBe(interventions[0]);
    expect(await digest()).toBe(before);
  });

  it('20 partners writing different units at once lose nothing; two writing one unit leave one answer, whole', async () => {
    const units = (await client.query<{ code: string }>(`SELECT code FROM region WHERE level = 'MUNICIPALITY' AND code <> '0380' ORDER BY code LIMIT 20`)).rows.map((r) => r.code);
    const keys: { token: string }[] = [];
    for (const u of units) keys.push(await createKey(client, { name: `Kommun ${u}`, scopes: [`write:dataset:${DATASET}`, `write:unit:${u}`] }));
    const results = await Promise.all(units.map((u, i) => ask(SET, { input: answer(u, [true, i % 2 === 0, false]) }, keys[i]!.token)));
    expect(results.map((r) => r.body.errors?.[0]?.message ?? r.body.data.setUnitAnswers.changed)).toEqual(units.map(() => 4));
    for (const [i, u] of units.entries()) expect(psykiatri(await ask(SUMMARY, { code: u, dataset: DATASET }))).toMatchObject({ offeredCount: i % 2 === 0 ? 2 : 1, answeredCount: 3 });

    const owner = (await createKey(client, { name: 'Data set owner', scopes: [`write:dataset:${DATASET}`] })).token;
    const one = answer('0380', [true, true, true]);
    const other = answer('0380', [false], 'STARTED');
    await Promise.all([ask(SET, { input: one }, owner), ask(SET, { input: other }, uppsala)]);
    const final = psykiatri(await ask(SUMMARY, { code: '0380', dataset: DATASET }));
    expect([{ surveyStatus: 'COMPLETED', offeredCount: 3, answeredCount: 3 }, { surveyStatus: 'STARTED', offeredCount: 0, answeredCount: 1 }]).toContainEqual({ surveyStatus: final.surveyStatus, offeredCount: final.offeredCount, answeredCount: final.answeredCount });
  });

  it('npm run keys makes a key (shown once, kept hashed), lists it and revokes it at once', async () => {
    const keys = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', path.resolve('packages/server/src/scripts/keys.ts'), ...args], { env: { ...process.env, DATABASE_URL: db.url } }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }));
    const made = await keys('create', '--name', 'Region Uppsala', '--scope', 'write:dataset:partner-cli-2022', '--scope', 'write:unit:0380', '--rate-limit', '120', '--dataset-title', 'Region Uppsala 2022');
    expect(made.code, made.out).toBe(0);
    const token = /Bearer (insyn_\S+)/.exec(made.out)![1]!;
    // insyn_<id>_<secret>: the id is hex, the secret base64url (which may itself hold "_").
    const [, id = '', secret = ''] = /^insyn_([0-9a-f]+)_(.+)$/.exec(token)!;
    const stored = (await client.query('SELECT secret_sha256, scopes, rate_limit FROM insyn_partner.api_key WHERE id = $1', [id])).rows[0];
    expect(stored.scopes).toEqual(['write:dataset:partner-cli-2022', 'write:unit:0380']);
    expect(stored.rate_limit).toBe(120);
    expect(made.out).toContain('120 requests per minute');
    expect(stored.secret_sha256).not.toContain(secret);
    expect(stored.secret_sha256).toMatch(/^[0-9a-f]{64}$/);
    const written = await ask(SET, { input: { ...answer('0380', [true]), dataset: 'partner-cli-2022' } }, token);
    expect(written.body.data?.setUnitAnswers.changed, JSON.stringify(written.body.errors)).toBe(2);
    expect((await keys('list')).out).toContain(id);
    expect((await keys('revoke', id)).code).toBe(0);
    expect((await ask(SET, { input: { ...answer('0380', [false]), dataset: 'partner-cli-2022' } }, token)).status).toBe(401);
    // A scope that is not one is refused before anything is made.
    const bad = await keys('create', '--name', 'X', '--scope', 'write:everything');
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/"write:everything" is not a scope/);
  });

  it("the data set's owner reads the audit trail; a contributor's key and no key may not", async () => {
    const AUDIT = 'query Audit($dataset: String!, $after: String) { answerChanges(dataset: $dataset, after: $after, first: 1000) { cursor key keyName region table rowKey old new } }';
    const owner = (await createKey(client, { name: 'Audit owner', scopes: [`write:dataset:${DATASET}`] })).token;
    const trail = (await ask(AUDIT, { dataset: DATASET }, owner)).body.data.answerChanges as { cursor: string; keyName: string; region: string; table: string; old: unknown; new: unknown }[];
    const stored = (await client.query('SELECT count(*)::int AS n FROM insyn_partner.answer_change WHERE dataset_code = $1', [DATASET])).rows[0].n;
    expect(trail).toHaveLength(stored);
    expect(trail[0]).toMatchObject({ keyName: 'Uppsala kommun', region: '0380', table: 'survey_response', old: null });
    expect((await ask(AUDIT, { dataset: DATASET, after: trail[1]!.cursor }, owner)).body.data.answerChanges).toHaveLength(stored - 2);
    expect((await ask(AUDIT, { dataset: DATASET }, uppsala)).body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await ask(AUDIT, { dataset: DATASET })).body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it("a data set is deleted by its owner only, with all its answers", async () => {
    const DELETE = 'mutation Delete($code: String!) { deleteDataset(code: $code) { code deleted } }';
    await client.query(`INSERT INTO dataset (code, title, synthetic, kind, description) VALUES ('partner-doomed', 'To delete', false, 'IMPORTED', 'x')`);
    const owner = (await createKey(client, { name: 'Owner', scopes: ['write:dataset:partner-doomed'] })).token;
    const contributor = (await createKey(client, { name: 'Contributor', scopes: ['write:dataset:partner-doomed', 'write:unit:0380'] })).token;
    expect((await ask(SET, { input: { ...answer('0380', [true, false]), dataset: 'partner-doomed' } }, contributor)).body.data.setUnitAnswers.changed).toBe(3);
    const refused = await ask(DELETE, { code: 'partner-doomed' }, contributor);
    expect(refused.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await ask(DELETE, { code: 'synthetic-offerings-2022' }, owner)).body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await ask(DELETE, { code: 'partner-doomed' }, owner)).body.data.deleteDataset).toEqual({ code: 'partner-doomed', deleted: 3 });
    expect((await client.query(`SELECT count(*)::int AS n FROM dataset WHERE code = 'partner-doomed'`)).rows[0].n).toBe(0);
    expect((await ask(SUMMARY, { code: '0380', dataset: 'partner-doomed' })).body.errors![0]!.extensions.code).toBe('UNKNOWN_DATASET');
  });

  it("after a write the server's lookup snapshot is the one a full reload gives, without reloading when nobody else wrote", async () => {
    const prisma = createPrisma(db.url);
    const fresh = new LookupStore(createPrisma(db.url));
    try {
      const store = lookupStoreFor(prisma); // the server's own store (one per database)
      const held = await store.refresh();
      // A new round: the data set's rounds change, and nothing else of the snapshot.
      const written = await ask(SET, { input: { ...answer('0380', [true]), round: 2023 } }, uppsala);
      expect(written.body.data.setUnitAnswers.inserted).toBe(2);
      const patched = await store.get();
      expect(patched.regions).toBe(held.regions);
      expect(held.datasets.get(DATASET)!.rounds).not.toContain(2023);
      expect(patched.datasets.get(DATASET)!.rounds).toContain(2023);
      expect(patched).toEqual(await fresh.refresh());
      // Someone else wrote between (another process, a load): the next write reloads in full.
      await client.query(`INSERT INTO dataset (code, title, synthetic, kind, description) VALUES ('partner-between', 'Between', false, 'IMPORTED', 'x')`);
      await ask(SET, { input: { ...answer('0380', [false]), round: 2023 } }, uppsala);
      const reloaded = await store.get();
      expect(reloaded.regions).not.toBe(held.regions);
      expect(reloaded.datasets.has('partner-between')).toBe(true);
      expect(reloaded).toEqual(await fresh.refresh());
    } finally {
      await client.query(`DELETE FROM offering WHERE dataset_code = $1 AND round = 2023`, [DATASET]);
      await client.query(`DELETE FROM survey_response WHERE dataset_code = $1 AND round = 2023`, [DATASET]);
      await client.query(`DELETE FROM dataset WHERE code = 'partner-between'`);
      await fresh.close();
      await prisma.$disconnect();
    }
  });

  it("one unit's full answer for an area (every intervention of social psychiatry) is written whole, time reported", async () => {
    const all = (await client.query<{ code: string }>(`SELECT code FROM intervention WHERE area_code = 'socialpsykiatri' ORDER BY code`)).rows.map((r) => r.code);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const input = { dataset: DATASET, round: 2022, region: '0380', areas: [{ area: 'socialpsykiatri', status: 'COMPLETED', wantsWithoutDecision: i % 2 === 0, offerings: all.map((code, j) => ({ intervention: code, offered: (i + j) % 3 !== 0 })) }] };
      const start = performance.now();
      const written = await ask(SET, { input }, uppsala);
      times.push(performance.now() - start);
      expect(written.body.errors).toBeUndefined();
    }
    times.sort((a, b) => a - b);
    console.log(`partners: one area's full answer (${all.length} interventions) written in p50 ${times[10]!.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms (20 writes)`);
    const psykiatri = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM offering o JOIN intervention i ON i.code = o.intervention_code WHERE o.dataset_code = $1 AND o.region_code = '0380' AND i.area_code = 'socialpsykiatri'`, [DATASET])).rows[0]!.n;
    expect(psykiatri).toBe(all.length);
  });
});

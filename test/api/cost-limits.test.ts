import { getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { HEAVY_AT_ONCE, heavyOperations, LIST_SIZE, PER_PARENT_COST, STATEMENT_FIELDS } from '../../packages/server/src/http/limits.js';
import { schema } from '../../packages/server/src/schema/index.js';
import { testServer } from '@test/support/server.js';

/**
 * The cost estimate follows what the server really does (packages/server/src/http/limits.ts):
 * aliases and `__typename` count, introspection counts, page sizes multiply through nested
 * lists, fields that run SQL per parent cost accordingly. Each query below was accepted before
 * and took seconds (or returned 45 MB); now it is a 400 QUERY_TOO_COMPLEX before any SQL.
 */
const { execute } = testServer();

const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');

async function expectTooComplex(query: string, kind: string) {
  const result = await execute(query);
  expect({ status: result.status, code: result.errors?.[0]?.extensions?.code, kind: result.errors?.[0]?.extensions?.kind }, JSON.stringify(result.errors)).toEqual({ status: 400, code: 'QUERY_TOO_COMPLEX', kind });
  expect(result.statements).toEqual([]);
  return result.errors![0]!;
}

describe('cost limits', () => {
  it('10,000 __typename aliases are refused (they once all ran, past the breadth limit)', async () => {
    await expectTooComplex(`{ ${aliases(10_000, '__typename')} }`, 'TOKENS');
    await expectTooComplex(`{ ${aliases(300, '__typename')} }`, 'ALIASES');
    await expectTooComplex(`{ ${aliases(151, '__typename')} }`, 'BREADTH');
  });

  it('__schema aliases are refused: introspection counts (1,000 of them returned 45 MB)', async () => {
    await expectTooComplex(`{ ${aliases(6, '__schema { types { name } }')} }`, 'INTROSPECTION');
  });

  it("one full introspection (GraphiQL's) is still answered", async () => {
    const result = await execute(getIntrospectionQuery());
    expect(result.errors).toBeUndefined();
    expect((result.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(50);
  });

  it('page sizes multiply through nested lists: 100 fields under regions(first: 500) are refused, under first: 5 answered', async () => {
    const error = await expectTooComplex(`{ regions(first: 500) { edges { node { ${aliases(100, 'code')} } } } }`, 'COMPLEXITY');
    expect(error.extensions?.complexity as number).toBeGreaterThan(50_000);
    const small = await execute(`{ regions(first: 5) { edges { node { ${aliases(100, 'code')} } } } }`);
    expect(small.errors).toBeUndefined();
  });

  it('73 offeringSummary aliases under regions(first: 500) are refused (2.8–3.8 s before): each runs SQL per parent', async () => {
    const summaries = Array.from({ length: 73 }, (_, i) => `s${i}: offeringSummary(round: 2022) { offeredCount }`).join(' ');
    await expectTooComplex(`{ regions(first: 500) { edges { node { ${summaries} } } } }`, 'COMPLEXITY');
    // Even one summary for every region costs more than the limit; a county's municipalities do not.
    await expectTooComplex('{ regions(first: 500) { edges { node { offeringSummary { offeredCount } } } } }', 'COMPLEXITY');
    const county = await execute('{ regions(parent: "01", first: 50) { edges { node { offeringSummary { offeredCount } } } } }');
    expect(county.errors).toBeUndefined();
  });

  it('every field the estimate weighs exists in the schema (a rename must not silently drop its cost)', () => {
    for (const coordinate of Object.keys({ ...LIST_SIZE, ...PER_PARENT_COST, ...STATEMENT_FIELDS })) {
      const [type, field] = coordinate.split('.');
      const named = schema.getType(type!);
      expect(named && 'getFields' in named ? Object.keys(named.getFields()) : [], coordinate).toContain(field);
    }
  });

  it('a document over 5,000 tokens is refused while parsing', async () => {
    await expectTooComplex(`{ region(code: "01") { ${'code '.repeat(6_000)} } }`, 'TOKENS');
  });

  it('the most expensive query accepted is just below a refused one, and costs two statements whatever its size (its time is reported, not asserted)', async () => {
    // Just under the limit (50,000): 55 municipalities with their offering summaries.
    const query = '{ regions(level: MUNICIPALITY, first: 55) { edges { node { code name offeringSummary { offeredCount answeredCount area { code } } } } } }';
    const over = await execute(query.replace('first: 55', 'first: 60'));
    expect(over.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    await execute(query); // warm: lookups and the query plan
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const result = await execute(query);
      times.push(performance.now() - started);
      expect(result.errors).toBeUndefined();
      // The 55 municipalities, then their answers: no statement per region.
      expect(result.statements, result.statements.join('\n')).toHaveLength(2);
    }
    console.log(`cost limits: the most expensive accepted query answered in ${times.map((t) => t.toFixed(0)).join(', ')} ms (3 runs)`);
  });

  it('ten clients sending the most expensive accepted query: heavy queries take turns, a simple query never waits behind them', async () => {
    // No timing here (latency belongs to npm run bench): the mechanism is checked instead.
    const heavy = '{ regions(level: MUNICIPALITY, first: 55) { edges { node { code name offeringSummary { offeredCount answeredCount area { code } } } } } }';
    const simple = '{ region(code: "0180") { name parent { name } } }';
    let stop = false;
    const clients = Array.from({ length: 10 }, async () => {
      while (!stop) expect((await execute(heavy)).errors).toBeUndefined();
    });
    // Simple queries answered while heavy ones were queued: they did not wait in that queue.
    let answeredWhileQueued = 0;
    for (let i = 0; i < 200 && answeredWhileQueued < 10; i++) {
      const result = await execute(simple);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ region: { name: 'Stockholms kommun', parent: { name: 'Stockholms län' } } });
      if (heavyOperations().waiting > 0) answeredWhileQueued++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    stop = true;
    await Promise.all(clients);
    expect(answeredWhileQueued).toBe(10);
    expect(heavyOperations().mostRunning).toBe(HEAVY_AT_ONCE);
    expect(heavyOperations()).toMatchObject({ running: 0, waiting: 0 });
  }, 120_000);
});

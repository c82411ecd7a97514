import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { COMPLEXITY_LIMIT, MAX_PAGE_SIZE } from '../../packages/server/src/builder.js';
import { createPrisma } from '../../packages/server/src/db/prisma.js';
import { createServer } from '../../packages/server/src/http/yoga.js';
import { graphql } from '@test/gql/index.js';
import { expectGraphQLError, expectNoGraphQLErrors, testServer } from '@test/support/server.js';

/** What protects the server: depth, breadth and cost limits, page sizes, masked internal errors. */
const { execute, yoga } = testServer();

const nest = (levels: number) => `{ region(code: "01") { ${'parent { children { '.repeat(levels)}code${' } }'.repeat(levels)} } }`;

describe('query limits', () => {
  it(`refuses a query nested deeper than ${COMPLEXITY_LIMIT.depth} levels, before touching the database`, async () => {
    const result = await execute(nest(7));
    const error = expectGraphQLError(result, 'QUERY_TOO_COMPLEX');
    expect(error.message).toMatch(/nests 16 levels deep \(max 12\)\. Split it into smaller queries/);
    expect(error.extensions).toMatchObject({ kind: 'DEPTH', depth: 16, maxDepth: 12 });
    expect(result.statements).toEqual([]);
  });

  it('accepts the same shape within the depth limit', async () => {
    const data = expectNoGraphQLErrors(await execute(nest(2)));
    expect(data).toBeTruthy();
  });

  it(`refuses a query whose estimated cost is over ${COMPLEXITY_LIMIT.complexity}`, async () => {
    const costly = `{ regions(first: ${MAX_PAGE_SIZE}) { edges { node { children { children { observations(first: ${MAX_PAGE_SIZE}) { edges { node { value region { name } } } } } } } } } }`;
    const result = await execute(costly);
    const error = expectGraphQLError(result, 'QUERY_TOO_COMPLEX');
    expect(error.extensions).toMatchObject({ kind: 'COMPLEXITY', maxComplexity: COMPLEXITY_LIMIT.complexity });
    expect(error.extensions?.complexity as number).toBeGreaterThan(COMPLEXITY_LIMIT.complexity);
    expect(result.statements).toEqual([]);
  });

  it(`refuses more than ${COMPLEXITY_LIMIT.breadth} fields in one query (e.g. 200 aliases)`, async () => {
    const wide = `{ ${Array.from({ length: 200 }, (_, i) => `r${i}: region(code: "01") { code }`).join(' ')} }`;
    const error = expectGraphQLError(await execute(wide), 'QUERY_TOO_COMPLEX');
    expect(error.extensions).toMatchObject({ kind: 'BREADTH', maxBreadth: COMPLEXITY_LIMIT.breadth });
  });

  it('refuses an oversized page on a nested connection instead of cutting it silently', async () => {
    const error = expectGraphQLError(await execute('{ region(code: "0180") { observations(first: 10000) { edges { node { value } } } } }'), 'PAGE_TOO_LARGE');
    expect(error.message).toMatch(/first: 10000 is outside 0\.\.500/);
    const negative = expectGraphQLError(await execute('{ regions(last: -1) { edges { node { code } } } }'), 'INVALID_ARGUMENT');
    expect(negative.message).toMatch(/"last" must be a non-negative integer/);
  });

  it('refuses a malformed cursor with INVALID_CURSOR (400)', async () => {
    const result = await execute('{ regions(first: 5, after: "garbage") { edges { node { code } } } }');
    const error = expectGraphQLError(result, 'INVALID_CURSOR');
    expect(error.message).toMatch(/not a cursor this API handed out/);
    expect(result.status).toBe(400);
  });

  it('answers a syntax error with status 400 and a code', async () => {
    const result = await execute('{ region(code: "01") { code ');
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers a misspelt field with a suggestion (GraphQL validation)', async () => {
    const result = await execute('{ region(code: "01") { nmae } }');
    expect(result.errors?.[0]?.message).toMatch(/Did you mean "name"/);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('unexpected errors', () => {
  const RegionName = graphql(`
    query LimitsTestRegionName { region(code: "01") { name } }
  `);
  // A server whose database is gone: every query fails inside Prisma.
  const url = new URL(inject('databaseUrl'));
  url.pathname = '/insyn_no_such_database';
  const brokenPrisma = createPrisma(url.toString());
  const broken = createServer(brokenPrisma);
  afterAll(() => brokenPrisma.$disconnect());

  it('are masked as "Unexpected error." with INTERNAL_SERVER_ERROR, and logged with the cause', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const response = await broken.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: '{ region(code: "01") { name } }' }),
      });
      const body = (await response.json()) as { data: unknown; errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors).toEqual([expect.objectContaining({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
      // Nothing of the cause (database name, SQL, stack) reaches the client.
      expect(JSON.stringify(body)).not.toMatch(/insyn_no_such_database|prisma|stack/i);
      expect(log).toHaveBeenCalledWith('[insyn] unexpected error:', expect.anything());
    } finally {
      log.mockRestore();
    }
  });

  it('do not hide expected errors of the same request shape on a healthy server', async () => {
    const data = expectNoGraphQLErrors(await execute(RegionName));
    expect(data.region.name).toBe('Stockholms län');
  });
});

describe('GraphiQL', () => {
  it('is served at /graphql to browsers, with the example queries as tabs', async () => {
    const response = await yoga.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/Insyn/);
    expect(html).toMatch(/ibicSeries/);
    expect(html).toMatch(/countyOverview/);
  });
});

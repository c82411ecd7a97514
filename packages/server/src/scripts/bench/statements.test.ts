/**
 * What the benchmark's six questions cost in SQL statements, held here so a regression shows in
 * `npm test` (the benchmark itself only reports): each question in the statements it takes today
 * (at most two, the performance issue's bound), the same number for few rows as for many. Counted per request through the request's own
 * Prisma client (test/support/server.ts); the lookup layer's reads belong to no request.
 */
import { describe, expect, it } from 'vitest';
import { expectNoGraphQLErrors, testServer } from '@test/support/server.js';
import { QUESTIONS } from './questions.js';

const { execute } = testServer();

/** Each question as the benchmark asks it, and variants of it that give fewer and more rows. */
const VARIANTS: Record<string, { from: string; to: string[]; statements: number }> = {
  observationsPage: { from: 'first: 50', to: ['first: 1', 'first: 500'], statements: 1 },
  riketSeries: { from: 'region: "00"', to: ['region: "0180"'], statements: 1 },
  // Gotland has one municipality, Västra Götaland 49. The region and its children come from
  // the lookup snapshot; the one statement is the summaries'.
  countyMunicipalities: { from: 'region(code: "03")', to: ['region(code: "09")', 'region(code: "14")'], statements: 1 },
  // The catalogue is reference data in the snapshot.
  areaCatalogue: { from: 'area(code: "socialpsykiatri")', to: ['area(code: "aldre")', 'area(code: "vald-i-nara-relationer")'], statements: 0 },
  offeredInCounty: { from: 'filter: { county: "01" }, first: 50', to: ['filter: { county: "09" }, first: 50', 'filter: { county: "01" }, first: 1', 'filter: {}, first: 500'], statements: 1 },
  countyCrossSection: { from: 'level: COUNTY', to: ['level: MUNICIPALITY'], statements: 1 },
};

/** Rows in an answer: the longest list anywhere in it. */
function rows(value: unknown): number {
  if (Array.isArray(value)) return Math.max(value.length, ...value.map(rows));
  if (value && typeof value === 'object') return Math.max(0, ...Object.values(value).map(rows));
  return 0;
}

describe('the six benchmark questions in SQL statements', () => {
  for (const question of QUESTIONS) {
    const variant = VARIANTS[question.name]!;
    it(`${question.name}: ${variant.statements} statement(s) (at most 2), as many for few rows as for many`, async () => {
      expect(variant.statements).toBeLessThanOrEqual(2);
      expect(question.insyn.query).toContain(variant.from);
      const runs: { query: string; rows: number; statements: string[] }[] = [];
      for (const query of [question.insyn.query, ...variant.to.map((to) => question.insyn.query.replace(variant.from, to))]) {
        const result = await execute(query);
        runs.push({ query, rows: rows(expectNoGraphQLErrors(result)), statements: result.statements });
      }
      for (const run of runs) expect(run.statements.length, `${run.query}\n${run.statements.join('\n')}`).toBe(variant.statements);
      // The variants do differ in size (otherwise they would prove nothing).
      expect(new Set(runs.map((r) => r.rows)).size).toBeGreaterThan(1);
    });
  }
});

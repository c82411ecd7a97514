/**
 * The benchmark compares like with like: on the suite's loaded database, Insyn, PostGraphile,
 * the Yoga floor and the raw-SQL floor give the same rows for each of the six questions (bench/questions.ts),
 * through the very servers and comparison `npm run bench` uses (child processes, HTTP). No
 * timing here, ever: the figures belong to `npm run bench` on a quiet machine.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {} from '@test/support/global-setup.js';
import { answer, differences, type Answer } from './check.js';
import { QUESTIONS } from './questions.js';
import { serveCommand, startSystem, type RunningSystem } from './systems.js';

let systems: RunningSystem[] = [];

beforeAll(async () => {
  const url = inject('databaseUrl');
  const started = await Promise.allSettled((['insyn', 'postgraphile', 'yoga', 'raw'] as const).map((key) => startSystem(key, url)));
  systems = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = started.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
}, 120_000);

afterAll(async () => {
  await Promise.all(systems.map((s) => s.stop()));
});

const ask = (name: string) => Promise.all(systems.map((s) => answer(s, QUESTIONS.find((q) => q.name === name)!)));

describe('the six benchmark questions', () => {
  for (const question of QUESTIONS) {
    it(`${question.name}: Insyn, PostGraphile, the Yoga floor and raw SQL give the same ${question.expectedRows} rows`, async () => {
      const answers = await ask(question.name);
      expect(answers.map((a) => a.system)).toEqual(['Insyn', 'PostGraphile', 'Yoga floor', 'raw SQL']);
      expect(differences(answers)).toEqual([]);
      for (const a of answers) expect(a.rows, a.system).toHaveLength(question.expectedRows);
    });
  }

  it('Insyn runs as `npm run serve` starts it (NODE_ENV=production, --max-semi-space-size=32), the others in production with node\'s default flags', () => {
    expect(serveCommand()).toEqual({ env: { NODE_ENV: 'production' }, flags: ['--max-semi-space-size=32'] });
    expect(systems.find((s) => s.key === 'insyn')?.info).toMatch(/node --max-semi-space-size=32, NODE_ENV=production$/);
    for (const s of systems) expect(s.info, s.label).toMatch(/NODE_ENV=production$/);
  });

  it("riketSeries is IBIC in social psychiatry investigations, Riket 2017-2022, 53 % in 2022", async () => {
    const [insyn] = await ask('riketSeries');
    expect(insyn!.rows!.map((r) => r.period)).toEqual([2017, 2018, 2019, 2020, 2021, 2022]);
    expect(insyn!.rows!.at(-1)).toMatchObject({ period: 2022, value: 53 });
  });

  it('one changed value, one missing row or one error is a difference', async () => {
    const answers = await ask('offeredInCounty');
    const perturb = (change: (a: Answer) => Answer): Answer[] => answers.map((a, i) => (i === 1 ? change(a) : a));
    expect(differences(answers)).toEqual([]);
    const changed = perturb((a) => ({ ...a, rows: a.rows!.map((r, i) => (i === 5 ? { ...r, form: 'DIGITAL_ONLY' === r.form ? 'PHYSICAL_ONLY' : 'DIGITAL_ONLY' } : r)) }));
    expect(differences(changed).join('\n')).toMatch(/^row 6 differs/);
    expect(differences(perturb((a) => ({ ...a, rows: a.rows!.slice(1) }))).join('\n')).toMatch(/PostGraphile: 26 rows, Insyn: 27/);
    expect(differences(perturb((a) => ({ system: a.system, error: 'HTTP 500' })))).toEqual(['PostGraphile: HTTP 500']);
    // A null is not a 0 (offeredCount of an area a municipality did not answer about).
    expect(differences([{ system: 'a', rows: [{ offered: null }] }, { system: 'b', rows: [{ offered: 0 }] }])).toHaveLength(1);
  });
});

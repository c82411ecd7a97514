/**
 * The synthetic offerings: calibrated to SKR 2022's published aggregates, marked synthetic on
 * every record, and the same on every build.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { calibrationReport, countyTolerancePp, NATIONAL_TOLERANCE_PP, type CalibrationRow } from '../../packages/server/src/load/calibration.js';
import { buildPlan } from '../../packages/server/src/load/load.js';
import { SYNTHETIC_DATASET } from '../../packages/server/src/load/synthetic.js';
import { loadedDatabase } from '@test/support/sql.js';

const { rows, client } = loadedDatabase();

describe('published counts are met exactly', () => {
  it('every intervention with published counts is offered by exactly that many of exactly that many answering', async () => {
    const interventions = await rows<{ code: string; published_offering_count: number; published_answering_count: number; offering: number; answering: number }>(`
      SELECT i.code, i.published_offering_count, i.published_answering_count,
             count(o.*) FILTER (WHERE o.offered)::int AS offering, count(o.*)::int AS answering
      FROM intervention i LEFT JOIN offering o ON o.intervention_code = i.code AND o.dataset_code = $1
      WHERE i.published_answering_count IS NOT NULL GROUP BY i.code ORDER BY i.code`, [SYNTHETIC_DATASET]);
    // 10 top + 10 bottom in each of six areas, plus those the running text gives counts for.
    expect(interventions.length).toBeGreaterThanOrEqual(120);
    const mismatches = interventions.filter((i) => i.offering !== i.published_offering_count || i.answering !== i.published_answering_count);
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['barn-och-unga', 'Familjehem', 233, 234], // Tabell 10
    ['socialpsykiatri', 'Psykodynamisk psykoterapi (PDT)', 0, 210], // Tabell 35
    ['vald-i-nara-relationer', 'Skyddat boende för våldsutsatta kvinnor', 230, 239], // Tabell 42
  ] as const)('%s: %s is offered by %i of %i answering units', async (area, name, offering, answering) => {
    const [counts] = await rows<{ offering: number; answering: number }>(`
      SELECT count(*) FILTER (WHERE o.offered)::int AS offering, count(*)::int AS answering
      FROM offering o JOIN intervention i ON i.code = o.intervention_code WHERE i.area_code = $1 AND i.name_sv = $2`, [area, name]);
    expect(counts).toEqual({ offering, answering });
  });

  it('the survey status per area is SKR Tabell 1 (completed / started / not started, 302 units)', async () => {
    const status = await rows<{ area_code: string; completed: number; started: number; not_started: number }>(`
      SELECT area_code, count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed, count(*) FILTER (WHERE status = 'STARTED')::int AS started,
             count(*) FILTER (WHERE status = 'NOT_STARTED')::int AS not_started
      FROM survey_response WHERE dataset_code = $1 GROUP BY area_code ORDER BY area_code`, [SYNTHETIC_DATASET]);
    expect(status.map((s) => [s.area_code, s.completed, s.started, s.not_started])).toEqual([
      ['aldre', 232, 23, 47],
      ['barn-och-unga', 219, 23, 60],
      ['funktionshinder', 199, 34, 69],
      ['missbruk-och-beroende', 221, 24, 57],
      ['socialpsykiatri', 207, 23, 72],
      ['vald-i-nara-relationer', 222, 26, 54],
    ]);
  });

  it('the share wanting to offer interventions without a decision matches the published share among that many answering', async () => {
    const want = await rows<{ area_code: string; asked: number; yes: number }>(`
      SELECT area_code, count(wants_without_decision)::int AS asked, count(*) FILTER (WHERE wants_without_decision)::int AS yes
      FROM survey_response WHERE dataset_code = $1 GROUP BY area_code ORDER BY area_code`, [SYNTHETIC_DATASET]);
    // Published: äldre 58 % of 235, barn och unga 81 % of 231, ... (text: Önskemål om att ge insatser utan biståndsbeslut)
    const published: Record<string, [number, number]> = {
      aldre: [58, 235], 'barn-och-unga': [81, 231], funktionshinder: [45, 204], 'missbruk-och-beroende': [73, 233], socialpsykiatri: [56, 210], 'vald-i-nara-relationer': [67, 234],
    };
    for (const w of want) {
      const [share, n] = published[w.area_code]!;
      expect(w.asked, w.area_code).toBe(n);
      expect(w.yes, w.area_code).toBe(Math.round((share / 100) * n));
    }
  });
});

describe('shares by form / provider / decision', () => {
  let report: Awaited<ReturnType<typeof calibrationReport>>;
  beforeAll(async () => {
    report = await calibrationReport(client());
  });

  it('compares every area, dimension and member nationally and in all 21 counties', () => {
    const scopes = new Set(report.rows.map((r) => `${r.area}/${r.dimension}/${r.region}`));
    // 6 areas x 3 dimensions x (Riket + 21 counties); Örebro's socialpsykiatri provider row with its misprint read.
    expect(scopes.size).toBe(6 * 3 * 22);
    expect(scopes.has('socialpsykiatri/provider/18')).toBe(true);
    expect(report.exactCounts).toBe(true);
  });

  it(`national shares are within ${NATIONAL_TOLERANCE_PP} percentage points of the published national tables`, () => {
    const national = report.rows.filter((r) => r.region === '00');
    expect(national).toHaveLength(6 * 3 * 4);
    const outside = national.filter((r) => r.deviation > NATIONAL_TOLERANCE_PP);
    expect(outside).toEqual([]);
    expect(report.maxNational.deviation).toBeLessThanOrEqual(NATIONAL_TOLERANCE_PP);
  });

  it('county shares miss the published county tables by less than one offering (100 / offered points)', () => {
    const county = report.rows.filter((r) => r.region !== '00');
    const outside = county.filter((r: CalibrationRow) => r.offered === 0 || r.deviation > countyTolerancePp(r.offered) + 0.005);
    expect(outside).toEqual([]);
    expect(report.withinTolerance).toBe(true);
  });

  it('äldre nationally: 68 % physical only, 22 % both, 3 % digital only (Tabell 4)', () => {
    const aldre = Object.fromEntries(report.rows.filter((r) => r.area === 'aldre' && r.region === '00' && r.dimension === 'form').map((r) => [r.member, r]));
    expect(aldre.physical_only!.published).toBe(68);
    expect(aldre.physical_and_digital!.published).toBe(22);
    expect(aldre.digital_only!.published).toBe(3);
    for (const r of Object.values(aldre)) expect(Math.abs(r.synthetic - r.published)).toBeLessThanOrEqual(NATIONAL_TOLERANCE_PP);
  });

  it('a misprint enters as its reading: Örebro\'s socialpsykiatri providers follow "875" read as 87 % kommunal regi (Tabell 39)', async () => {
    const [orebro] = await rows<{ n: number; municipal_only: number }>(`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE o.provider = 'MUNICIPAL_ONLY')::int AS municipal_only
      FROM offering o JOIN intervention i ON i.code = o.intervention_code JOIN region r ON r.code = o.region_code
      WHERE o.offered AND i.area_code = 'socialpsykiatri' AND r.parent_code = '18'`);
    expect(orebro!.n).toBeGreaterThan(0);
    // Tabell 39, Örebro: 875 (read 87) + 1 + 12 + 0 = 100; the national Tabell 38 says 78 %.
    expect(Math.abs((100 * orebro!.municipal_only) / orebro!.n - 87)).toBeLessThan(100 / orebro!.n + 0.5);
  });

  it('every offered row has a form, provider, decision and reach band; rows not offered have none', async () => {
    const [bad] = await rows<{ n: number }>(`
      SELECT count(*)::int AS n FROM offering
      WHERE (offered AND (form IS NULL OR provider IS NULL OR decision IS NULL OR reach_band IS NULL))
         OR (NOT offered AND (form IS NOT NULL OR provider IS NOT NULL OR decision IS NOT NULL OR reach_band IS NOT NULL))`);
    expect(bad!.n).toBe(0);
  });
});

describe('marked synthetic', () => {
  it('every offering and survey answer belongs to a dataset marked synthetic; every published figure to one that is not', async () => {
    const datasets = await rows<{ code: string; synthetic: boolean; title: string }>(`SELECT code, synthetic, title FROM dataset ORDER BY code`);
    expect(datasets.map((d) => [d.code, d.synthetic])).toEqual([['published', false], [SYNTHETIC_DATASET, true]]);
    expect(datasets.find((d) => d.synthetic)!.title).toMatch(/^SYNTHETIC/);
    const usage = await rows<{ t: string; synthetic: boolean; n: number }>(`
      SELECT 'offering' AS t, d.synthetic, count(*)::int AS n FROM offering o JOIN dataset d ON d.code = o.dataset_code GROUP BY 1, 2
      UNION ALL SELECT 'survey_response', d.synthetic, count(*)::int FROM survey_response s JOIN dataset d ON d.code = s.dataset_code GROUP BY 1, 2
      UNION ALL SELECT 'observation', d.synthetic, count(*)::int FROM observation o JOIN dataset d ON d.code = o.dataset_code GROUP BY 1, 2
      ORDER BY 1, 2`);
    expect(usage.map((u) => [u.t, u.synthetic])).toEqual([['observation', false], ['offering', true], ['survey_response', true]]);
  });

  it('synthetic answers cover only the 289 municipalities and Stockholm\'s 13 districts the report counts as units', async () => {
    const units = await rows<{ level: string; n: number }>(`
      SELECT r.level::text, count(DISTINCT r.code)::int AS n FROM survey_response s JOIN region r ON r.code = s.region_code GROUP BY 1 ORDER BY 1`);
    expect(units).toEqual([{ level: 'DISTRICT', n: 13 }, { level: 'MUNICIPALITY', n: 289 }]);
  });
});

describe('deterministic', () => {
  it('two builds of the plan give identical synthetic rows, and the database holds exactly those rows', async () => {
    const a = buildPlan();
    const b = buildPlan();
    expect(a.offering!.length).toBeGreaterThan(35_000);
    expect(b.offering).toEqual(a.offering);
    expect(b.survey_response).toEqual(a.survey_response);

    const key = (r: Record<string, unknown>) => [r.region_code, r.intervention_code, r.round, r.offered, r.form, r.provider, r.decision, r.reach_band, r.dataset_code].join('|');
    const loaded = await rows<Record<string, unknown>>(`SELECT region_code, intervention_code, round, offered, form::text, provider::text, decision::text, reach_band::text, dataset_code FROM offering`);
    expect(new Set(loaded.map(key))).toEqual(new Set(a.offering!.map(key)));
    expect(loaded).toHaveLength(a.offering!.length);
  });
});

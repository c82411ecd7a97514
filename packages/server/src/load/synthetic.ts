import { OfferingDecision, OfferingForm, OfferingProvider, ReachBand, SurveyStatus } from '../generated/prisma/enums.js';
import { unitOf } from '../lookup/units.js';
import type { Plan, Row } from './plan.js';

/**
 * The seeds publish no per-municipality answers, so the default install carries a
 * deterministic synthetic set, calibrated to the published aggregates and marked synthetic
 * in every row (dataset_code) and every API response that touches it.
 *
 * Units are the report's own: 289 municipalities plus Stockholm's 13 stadsdelsområden
 * (the report counts each district as a municipality: 232 + 23 + 47 = 302 for äldre).
 */
export const SYNTHETIC_DATASET = 'synthetic-offerings-2022';
export const SYNTHETIC_SEED = 20220401;
export const SURVEY_ROUND = 2022;

/** mulberry32: small, fast, deterministic (also the fuzz's, so a failure replays from its seed). */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Splits n into integer counts proportional to weights (largest remainder). */
export function apportion(n: number, weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) return weights.map((_, i) => (i === weights.length - 1 ? n : 0));
  const exact = weights.map((w) => (w / total) * n);
  const counts = exact.map(Math.floor);
  let rest = n - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

// The columns' values (prisma/schema.prisma); the published shares' members are their lower case (`form=digital_only`).
const REACH = Object.values(ReachBand);

export function generateSynthetic(plan: Plan): Pick<Plan, 'dataset' | 'survey_response' | 'offering'> {
  const random = rng(SYNTHETIC_SEED);
  const regions = new Map(plan.region!.map((r) => [r.code as string, { code: r.code as string, level: r.level as string, parentCode: r.parent_code as string | null }]));
  const units = plan.region!
    .filter((r) => (r.level === 'MUNICIPALITY' && r.code !== '0180') || (r.level === 'DISTRICT' && r.parent_code === '0180'))
    .map((r) => ({ code: r.code as string, county: unitOf(regions.get(r.code as string)!, (code) => regions.get(code))!.county }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const published = (indicator: string, region: string, key: string) =>
    plan.observation!.find((o) => o.indicator_code === indicator && o.region_code === region && o.dimension_key === key && o.status === 'PUBLISHED');
  const skrAreas = plan.area!.filter((a) => a.kind === 'SKR_AREA').map((a) => a.code as string);

  const surveyResponses: Row[] = [];
  const offerings: Row[] = [];
  for (const area of skrAreas) {
    const key = `area=${area}`;
    const completed = Number(published('skr-survey-completed', '00', key)?.value ?? 0);
    const started = Number(published('skr-survey-started', '00', key)?.value ?? 0);
    const order = shuffle(units, random);
    const respondents = order.slice(0, Math.min(order.length, completed + started));
    const status = new Map(order.map((u, i) => [u.code, i < completed ? SurveyStatus.COMPLETED : i < completed + started ? SurveyStatus.STARTED : SurveyStatus.NOT_STARTED]));
    const want = published('skr-want-without-decision', '00', key);
    const wantN = want?.base_n ? Math.min(Number(want.base_n), respondents.length) : 0;
    const askedWant = new Set(shuffle(respondents, random).slice(0, wantN).map((u) => u.code));
    const yes = new Set([...askedWant].slice(0, Math.round((Number(want?.value ?? 0) / 100) * wantN)));
    for (const u of units) {
      surveyResponses.push({
        region_code: u.code, area_code: area, round: SURVEY_ROUND, status: status.get(u.code)!,
        wants_without_decision: askedWant.has(u.code) ? yes.has(u.code) : null, dataset_code: SYNTHETIC_DATASET,
      });
    }

    // Which units offer which intervention: exact where the report gives counts.
    const catalogueSize = Number(plan.area!.find((a) => a.code === area)?.catalogue_size ?? 0);
    const meanOffered = Number(published('skr-mean-offered', '00', key)?.value ?? 0);
    const baseShare = catalogueSize > 0 ? meanOffered / catalogueSize : 0.5;
    const offeredRows: Row[] = [];
    const areaInterventions = plan.intervention!.filter((i) => i.area_code === area).sort((a, b) => String(a.code).localeCompare(String(b.code)));
    for (const intervention of areaInterventions) {
      const answering = intervention.published_answering_count === null
        ? respondents.length
        : Math.min(Number(intervention.published_answering_count), respondents.length);
      const offeringCount = intervention.published_offering_count === null
        ? Math.round(baseShare * answering)
        : Number(intervention.published_offering_count);
      const asked = shuffle(respondents, random).slice(0, answering);
      asked.forEach((u, i) => {
        const row: Row = {
          region_code: u.code, intervention_code: intervention.code as string, round: SURVEY_ROUND, offered: i < offeringCount,
          form: null, provider: null, decision: null, reach_band: null, dataset_code: SYNTHETIC_DATASET, _county: u.county,
        };
        offerings.push(row);
        if (row.offered) offeredRows.push(row);
      });
    }

    // Form / provider / decision: per county, exact quotas from the county tables.
    const byCounty = new Map<string, Row[]>();
    for (const row of offeredRows) byCounty.set(row._county as string, [...(byCounty.get(row._county as string) ?? []), row]);
    const assign = (column: 'form' | 'provider' | 'decision', indicator: string, dimension: string, values: readonly string[]) => {
      for (const [county, rows] of byCounty) {
        const members = values.map((v) => v.toLowerCase());
        const share = (region: string) => members.map((m) => Number(published(indicator, region, `area=${area};${dimension}=${m}`)?.value ?? 0));
        let shares = share(county);
        // A county row with no figures at all follows the national shares instead. Shares are
        // 0-100: the loader refuses others, and a misprint enters as its reading (SKR Tabell 39
        // prints 875 for Örebro's kommunal regi, read as 87).
        if (shares.every((s) => s === 0)) shares = share('00');
        const counts = apportion(rows.length, shares);
        let i = 0;
        shuffle(rows, random).forEach((row) => {
          while (counts[i] === 0 && i < counts.length - 1) i++;
          row[column] = values[i]!;
          counts[i]!--;
        });
      }
    };
    assign('form', 'skr-form-share', 'form', Object.values(OfferingForm));
    assign('provider', 'skr-provider-share', 'provider', Object.values(OfferingProvider));
    assign('decision', 'skr-decision-share', 'decision', Object.values(OfferingDecision));
    for (const row of offeredRows) row.reach_band = REACH[Math.floor(random() * REACH.length)]!;
  }
  for (const row of offerings) delete row._county;
  return {
    dataset: [{
      code: SYNTHETIC_DATASET, title: 'SYNTHETIC demo offerings (SKR survey 2022 shape)', synthetic: true, kind: 'SYNTHETIC',
      description: `Synthetic, not real answers: generated with fixed seed ${SYNTHETIC_SEED}, calibrated to the published aggregates of SKR's Kartläggning av socialtjänstens insatser (2022). Per intervention with published counts exactly that many units offer it among that many answering; form, provider and decision follow each county's published shares. Replace it by importing the real answers.`,
    }],
    survey_response: surveyResponses,
    offering: offerings,
  };
}

import type pg from 'pg';
import { SYNTHETIC_DATASET } from './synthetic.js';

export interface CalibrationRow {
  area: string;
  region: string;
  dimension: 'form' | 'provider' | 'decision';
  member: string;
  /** The published share, normalised so the printed row sums to 100. */
  published: number;
  synthetic: number;
  deviation: number;
  /** Synthetic offerings (offered = true) in this area and scope: the base of `synthetic`. */
  offered: number;
  /** The largest deviation allowed for this row, in percentage points (see below). */
  tolerance: number;
}

/**
 * National shares are sums of county quotas, so they follow the county tables rather than
 * the national table; where the two printings disagree (e.g. funktionshinder, kommunal regi
 * 70 % nationally) the national share lands a few points off. Allowed: 5 percentage points.
 */
export const NATIONAL_TOLERANCE_PP = 5;
/**
 * County shares are exact quotas (largest remainder) of the county's offered rows, so each
 * misses the published share by less than one offering: 100 / offered percentage points
 * (Gotland, one municipality with 20 offerings in an area, can be 5 points off).
 */
export const countyTolerancePp = (offered: number) => (offered > 0 ? 100 / offered : 100);

/**
 * Compares the synthetic offerings' shares by form / provider / decision with the published
 * national and county tables (percentage points). A unit's county is the SQL function
 * answering_unit()'s (Stockholm's districts count to 01).
 */
export async function calibrationReport(client: pg.ClientBase): Promise<{ rows: CalibrationRow[]; exactCounts: boolean; withinTolerance: boolean; maxNational: CalibrationRow; maxCounty: CalibrationRow }> {
  const { rows } = await client.query<CalibrationRow>(`
    WITH offered AS (
      SELECT i.area_code, u.county_code AS county,
             lower(o.form::text) AS form, lower(o.provider::text) AS provider, lower(o.decision::text) AS decision
      FROM offering o JOIN intervention i ON i.code = o.intervention_code JOIN answering_unit() u ON u.code = o.region_code
      WHERE o.offered AND o.dataset_code = $1
    ), shares AS (
      SELECT area_code, scope, dimension, member, 100.0 * count(*) / sum(count(*)) OVER (PARTITION BY area_code, scope, dimension) AS share,
             sum(count(*)) OVER (PARTITION BY area_code, scope, dimension) AS offered
      FROM offered,
           LATERAL (VALUES ('00', 'form', form), ('00', 'provider', provider), ('00', 'decision', decision),
                           (county, 'form', form), (county, 'provider', provider), (county, 'decision', decision)) AS v(scope, dimension, member)
      GROUP BY area_code, scope, dimension, member
    ), published AS (
      SELECT ob.region_code, a.member_id AS area_member, d.member_id, ob.value
      FROM observation ob
      JOIN observation_member a ON a.observation_id = ob.id AND a.member_id LIKE 'area:%'
      JOIN observation_member d ON d.observation_id = ob.id AND split_part(d.member_id, ':', 1) IN ('form', 'provider', 'decision')
      WHERE ob.indicator_code IN ('skr-form-share', 'skr-provider-share', 'skr-decision-share') AND ob.status = 'PUBLISHED'
        AND NOT EXISTS (SELECT 1 FROM observation_member s WHERE s.observation_id = ob.id AND s.member_id LIKE 'statistic:%')
    )
    , normalised AS (
      -- Printed rows that do not sum to 100 (e.g. 119 %) are compared as normalised shares.
      -- Values are 0-100 (a misprint enters as its reading, observation.reading).
      SELECT p.*, 100.0 * p.value / sum(p.value) OVER w AS target
      FROM published p
      WINDOW w AS (PARTITION BY p.region_code, p.area_member, split_part(p.member_id, ':', 1))
    )
    SELECT split_part(p.area_member, ':', 2) AS area, p.region_code AS region, split_part(p.member_id, ':', 1) AS dimension,
           split_part(p.member_id, ':', 2) AS member, round(p.target::numeric, 2)::float AS published, round(coalesce(s.share, 0)::numeric, 2)::float AS synthetic,
           round(abs(coalesce(s.share, 0) - p.target)::numeric, 2)::float AS deviation,
           coalesce(max(s.offered) OVER (PARTITION BY p.area_member, p.region_code, split_part(p.member_id, ':', 1)), 0)::int AS offered
    FROM normalised p
    LEFT JOIN shares s ON s.area_code = split_part(p.area_member, ':', 2) AND s.scope = p.region_code
      AND s.dimension = split_part(p.member_id, ':', 1) AND s.member = split_part(p.member_id, ':', 2)
    ORDER BY deviation DESC, area, region, dimension, member`, [SYNTHETIC_DATASET]);
  const counts = await client.query<{ mismatches: number }>(`
    SELECT count(*)::int AS mismatches FROM (
      SELECT i.code FROM intervention i JOIN offering o ON o.intervention_code = i.code AND o.dataset_code = $1
      WHERE i.published_answering_count IS NOT NULL
      GROUP BY i.code, i.published_offering_count, i.published_answering_count
      HAVING count(*) FILTER (WHERE o.offered) <> i.published_offering_count OR count(*) <> i.published_answering_count) m`, [SYNTHETIC_DATASET]);
  for (const row of rows) row.tolerance = Math.round((row.region === '00' ? NATIONAL_TOLERANCE_PP : countyTolerancePp(row.offered)) * 100) / 100;
  return {
    rows,
    exactCounts: counts.rows[0]!.mismatches === 0,
    // Compared unrounded: a county with 30 offerings may be 3.33 points off, not 3.34.
    withinTolerance: rows.every((r) => r.deviation <= (r.region === '00' ? NATIONAL_TOLERANCE_PP : countyTolerancePp(r.offered)) + 0.005),
    maxNational: rows.find((r) => r.region === '00')!,
    maxCounty: rows.find((r) => r.region !== '00')!,
  };
}

/**
 * insyn_derived.offering_area_count (migration 20261202100000) holds, per data set, round, unit
 * and area, how many interventions the unit answered and offers: the counts every offering
 * summary and every county's and group's mean read instead of counting `offering` per request.
 * insyn_derived.offering_member_count (20261202110000) holds the offered ones per value of form,
 * provider and decision, for `offeringDistribution`.
 * PostgreSQL keeps it with triggers; whatever a statement does to `offering` (or to an
 * intervention's area), the kept counts must equal counting the offerings again.
 *
 * The writes run in one transaction on the shared loaded database and are rolled back.
 */
import { describe, expect, it } from 'vitest';
import { loadedDatabase } from '../support/sql.js';

const { rows, client } = loadedDatabase();

type Count = { dataset: string; round: number; region: string; area: string; offered: number; answered: number };
const counted = () => rows<Count>(`
  SELECT o.dataset_code AS dataset, o.round, o.region_code AS region, i.area_code AS area,
         count(*) FILTER (WHERE o.offered)::int AS offered, count(*)::int AS answered
  FROM offering o JOIN intervention i ON i.code = o.intervention_code
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`);
const kept = () => rows<Count>(`
  SELECT dataset_code AS dataset, round, region_code AS region, area_code AS area, offered, answered
  FROM insyn_derived.offering_area_count ORDER BY 1, 2, 3, 4`);
type MemberCount = { dataset: string; round: number; region: string; area: string; dimension: string; member: string | null; offered: number };
const countedMembers = () => rows<MemberCount>(`
  SELECT o.dataset_code AS dataset, o.round, o.region_code AS region, i.area_code AS area, d.dimension, d.member, count(*)::int AS offered
  FROM offering o JOIN intervention i ON i.code = o.intervention_code
  CROSS JOIN LATERAL (VALUES ('form', o.form::text), ('provider', o.provider::text), ('decision', o.decision::text)) AS d(dimension, member)
  WHERE o.offered
  GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`);
const keptMembers = () => rows<MemberCount>(`
  SELECT dataset_code AS dataset, round, region_code AS region, area_code AS area, dimension, member, offered
  FROM insyn_derived.offering_member_count ORDER BY 1, 2, 3, 4, 5, 6`);
/** Both kept tables equal counting the offerings again. */
const expectKept = async () => {
  expect(await kept()).toEqual(await counted());
  expect(await keptMembers()).toEqual(await countedMembers());
};
const keptFor = async (region: string, area: string, round = 2022) =>
  (await kept()).find((c) => c.dataset === SYNTHETIC && c.round === round && c.region === region && c.area === area);

const SYNTHETIC = 'synthetic-offerings-2022';

describe('the offering counts PostgreSQL keeps', () => {
  it('equal counting the loaded offerings: every unit, area and data set, and every value of form, provider and decision', async () => {
    expect((await counted()).length).toBeGreaterThan(1000);
    const members = await countedMembers();
    expect(new Set(members.map((m) => m.dimension))).toEqual(new Set(['form', 'provider', 'decision']));
    await expectKept();
  });

  it('follow every kind of write to the offerings and to an intervention\'s area', async () => {
    const db = client();
    await db.query('BEGIN');
    try {
      const before = (await keptFor('0380', 'socialpsykiatri'))!;
      const three = (await rows<{ code: string; offered: boolean }>(`
        SELECT o.intervention_code AS code, o.offered FROM offering o JOIN intervention i ON i.code = o.intervention_code
        WHERE o.region_code = '0380' AND o.dataset_code = $1 AND i.area_code = 'socialpsykiatri' ORDER BY 1 LIMIT 3`, [SYNTHETIC]));
      expect(three).toHaveLength(3);
      const delta = three.reduce((d, o) => d + (o.offered ? -1 : 1), 0);

      // An update of three answers of one unit.
      await db.query(`UPDATE offering SET offered = NOT offered WHERE region_code = '0380' AND dataset_code = $1 AND intervention_code = ANY($2)`, [SYNTHETIC, three.map((o) => o.code)]);
      expect(await keptFor('0380', 'socialpsykiatri')).toEqual({ ...before, offered: before.offered + delta });
      await expectKept();

      // A delete of one unit's area, and the rows inserted back.
      await db.query(`CREATE TEMP TABLE gone ON COMMIT DROP AS SELECT o.* FROM offering o JOIN intervention i ON i.code = o.intervention_code WHERE o.region_code = '0380' AND i.area_code = 'aldre'`);
      await db.query(`DELETE FROM offering o USING gone g WHERE (o.region_code, o.intervention_code, o.round, o.dataset_code) = (g.region_code, g.intervention_code, g.round, g.dataset_code)`);
      expect(await keptFor('0380', 'aldre')).toBeUndefined();
      await expectKept();
      await db.query('INSERT INTO offering SELECT * FROM gone');
      expect(await keptFor('0380', 'aldre')).toBeDefined();
      await expectKept();

      // An update that moves answers to another key (round): both keys are recounted.
      await db.query(`UPDATE offering SET round = 2099 WHERE region_code = '0380' AND dataset_code = $1 AND intervention_code = ANY($2)`, [SYNTHETIC, three.map((o) => o.code)]);
      expect((await keptFor('0380', 'socialpsykiatri'))!.answered).toBe(before.answered - 3);
      expect((await keptFor('0380', 'socialpsykiatri', 2099))!.answered).toBe(3);
      await expectKept();

      // An intervention moved to another area moves its counts, in every unit that answered it.
      await db.query(`UPDATE intervention SET area_code = 'aldre', name_sv = name_sv || ' (moved)' WHERE code = $1`, [three[0]!.code]);
      await expectKept();

      await db.query('TRUNCATE offering');
      expect(await kept()).toEqual([]);
      expect(await keptMembers()).toEqual([]);
    } finally {
      await db.query('ROLLBACK');
    }
    // Rolled back with the writes.
    await expectKept();
  });
});

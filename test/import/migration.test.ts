/**
 * The migration that keys offerings by data set runs on databases loaded before it (the
 * init migration is applied on people's machines): their data sets get the loader's kinds,
 * their rows stay, and the new keys let an imported answer sit beside a synthetic one.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrationsDir } from '../../packages/server/src/db/paths.js';
import { migrate } from '../../packages/server/src/db/migrate.js';
import { createDatabase } from '@test/support/database.js';

const INIT = '20261125000000_init';

describe('migration 20261126000000_offering_datasets on a database loaded before it', () => {
  let url: string;
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let onlyInit: string;

  beforeAll(async () => {
    // Without migrations: the test applies the init migration alone.
    db = await createDatabase(inject('adminUrl'), 'insyn_test_upgrade', { migrations: false });
    url = db.url;
    onlyInit = mkdtempSync(path.join(tmpdir(), 'insyn-migrations-'));
    cpSync(path.join(migrationsDir, INIT), path.join(onlyInit, INIT), { recursive: true });
  });
  afterAll(async () => {
    await db.drop();
    rmSync(onlyInit, { recursive: true, force: true });
  });

  it('gives the existing data sets their kind, keeps their rows, and lets a second data set answer for the same key', async () => {
    expect(await migrate(url, onlyInit)).toEqual([INIT]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // What the loader wrote before the migration, in miniature.
      await client.query(`INSERT INTO source (code, publisher, title, year, licence, attribution) VALUES ('s', 'SKR', 'Kartläggning', 2022, 'CC BY', 'SKR')`);
      await client.query(`INSERT INTO dataset (code, title, synthetic, description) VALUES ('published', 'Published figures', false, ''), ('synthetic-offerings-2022', 'SYNTHETIC', true, '')`);
      await client.query(`INSERT INTO region (code, level, name, short_name, search_name) VALUES ('0380', 'MUNICIPALITY', 'Uppsala kommun', 'Uppsala', 'uppsala')`);
      await client.query(`INSERT INTO area (code, name_sv, name_en, kind, position) VALUES ('socialpsykiatri', 'Socialpsykiatri', 'Social psychiatry', 'SKR_AREA', 5)`);
      await client.query(`INSERT INTO intervention (code, area_code, name_sv, search_name, locator, source_code) VALUES ('socialpsykiatri:boendestod', 'socialpsykiatri', 'Boendestöd', 'boendestod', 'Tabell 34', 's')`);
      await client.query(`INSERT INTO offering (region_code, intervention_code, round, offered, dataset_code) VALUES ('0380', 'socialpsykiatri:boendestod', 2022, true, 'synthetic-offerings-2022')`);
      await client.query(`INSERT INTO survey_response (region_code, area_code, round, status, dataset_code) VALUES ('0380', 'socialpsykiatri', 2022, 'COMPLETED', 'synthetic-offerings-2022')`);

      const applied = await migrate(url);
      expect(applied).toEqual(readdirSync(migrationsDir).filter((d) => d > INIT && !d.endsWith('.toml')).sort());
      expect(applied[0]).toBe('20261126000000_offering_datasets');

      const datasets = await client.query(`SELECT code, kind::text AS kind FROM dataset ORDER BY code`);
      expect(datasets.rows).toEqual([{ code: 'published', kind: 'PUBLISHED' }, { code: 'synthetic-offerings-2022', kind: 'SYNTHETIC' }]);
      expect((await client.query(`SELECT count(*)::int AS n FROM offering`)).rows[0].n).toBe(1);

      await client.query(`INSERT INTO dataset (code, title, synthetic, kind, description) VALUES ('real-2022', 'Real', false, 'IMPORTED', '')`);
      await client.query(`INSERT INTO offering (region_code, intervention_code, round, offered, dataset_code) VALUES ('0380', 'socialpsykiatri:boendestod', 2022, false, 'real-2022')`);
      await client.query(`INSERT INTO survey_response (region_code, area_code, round, status, dataset_code) VALUES ('0380', 'socialpsykiatri', 2022, 'STARTED', 'real-2022')`);
      const both = await client.query(`SELECT dataset_code, offered FROM offering ORDER BY dataset_code`);
      expect(both.rows).toEqual([{ dataset_code: 'real-2022', offered: false }, { dataset_code: 'synthetic-offerings-2022', offered: true }]);
      // The same key twice in one data set is still refused.
      await expect(client.query(`INSERT INTO offering (region_code, intervention_code, round, offered, dataset_code) VALUES ('0380', 'socialpsykiatri:boendestod', 2022, true, 'real-2022')`)).rejects.toThrow(/offering_pkey/);
    } finally {
      await client.end();
    }
  });
});

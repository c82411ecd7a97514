/**
 * The migrated database matches prisma/schema.prisma: every table, column (type, nullability,
 * default), primary key, unique and plain index, foreign key (with its actions) and enum,
 * by name. `prisma migrate diff` needs the schema engine, which cannot be downloaded here, so
 * the comparison is Prisma's own parse of schema.prisma (DMMF) against PostgreSQL's catalog.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '@test/support/database.js';
import { databaseCatalog, diffCatalogs, expectedCatalog, readDatamodel, type Datamodel } from './support/schema-catalog.js';

let datamodel: Datamodel;
beforeAll(() => {
  datamodel = readDatamodel();
});

describe('migrations vs schema.prisma (no drift)', () => {
  it('the migrated database has exactly the tables, columns, keys, indexes, foreign keys and enums of schema.prisma', async () => {
    const expected = expectedCatalog(datamodel);
    const actual = await databaseCatalog(inject('databaseUrl'));
    expect(diffCatalogs(expected, actual)).toEqual([]);
    // The comparison covers what it claims to: 22 tables and the observation unique key by name.
    expect(expected.filter((l) => l.startsWith('table '))).toHaveLength(22);
    expect(actual).toContain('unique index observation_indicator_code_region_code_period_dimension_key_key observation(indicator_code,region_code,period,dimension_key,dataset_code)');
    expect(actual).toContain('fk observation_member_observation_id_fkey observation_member(observation_id) -> observation(id) on delete CASCADE on update CASCADE');
    expect(actual).toContain('column indicator.discontinued boolean not null default false');
  });

  describe('catches drift', () => {
    let scratch: Awaited<ReturnType<typeof createDatabase>>;
    beforeAll(async () => {
      scratch = await createDatabase(inject('adminUrl'), 'insyn_test_drift');
    });
    afterAll(() => scratch?.drop());

    it('reports a column, index and enum value changed in the database without schema.prisma', async () => {
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      await client.query(`ALTER TABLE "region" ADD COLUMN "population" INTEGER`);
      await client.query(`ALTER TABLE "area" ALTER COLUMN "name_en" DROP NOT NULL`);
      await client.query(`DROP INDEX "observation_period_idx"`);
      await client.query(`ALTER TYPE "ReachBand" ADD VALUE 'REACH_UNKNOWN'`);
      await client.end();
      const diff = diffCatalogs(expectedCatalog(datamodel), await databaseCatalog(scratch.url));
      expect(diff).toEqual(expect.arrayContaining([
        'not in schema.prisma: column region.population integer',
        'missing in database: column area.name_en text not null',
        'not in schema.prisma: column area.name_en text',
        'missing in database: index observation_period_idx observation(period)',
        'missing in database: enum ReachBand: REACH_1_9, REACH_10_49, REACH_50_PLUS',
      ]));
    });

    it('reports a field added to schema.prisma without a migration', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'insyn-drift-'));
      try {
        const schema = readFileSync(new URL('../../prisma/schema.prisma', import.meta.url), 'utf8')
          .replace('  note       String?\n  updatedAt  DateTime    @default(now()) @map("updated_at") @db.Timestamptz(3)\n\n  parent ',
            '  note       String?\n  population Int?\n  updatedAt  DateTime    @default(now()) @map("updated_at") @db.Timestamptz(3)\n\n  parent ');
        expect(schema).toContain('population Int?');
        writeFileSync(path.join(dir, 'schema.prisma'), schema);
        const changed = expectedCatalog(readDatamodel(path.join(dir, 'schema.prisma')));
        expect(diffCatalogs(changed, expectedCatalog(datamodel))).toEqual(['missing in database: column region.population integer']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

// Over 300 lines: every refusal of a broken data file runs on the same scratch copy of the data.
/**
 * The loader on scratch databases: idempotent, one transaction, and a broken data file
 * refused with a DataFileError naming file, row and column before anything is written.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { dataDir } from '../../packages/server/src/db/paths.js';
import { DataFileError } from '../../packages/server/src/load/errors.js';
import { load } from '../../packages/server/src/load/load.js';
import { createDatabase } from '@test/support/database.js';

const TABLES = [
  'source', 'dataset', 'region', 'municipality_group', 'municipality_group_membership', 'area', 'dimension', 'dimension_member',
  'indicator', 'indicator_dimension', 'observation', 'observation_member', 'intervention_category', 'intervention',
  'intervention_highlight', 'source_text', 'action_plan', 'action_plan_focus_area', 'action_plan_item', 'survey_response', 'offering',
];

/** Every table's row count and a digest of all its rows (updated_at included). */
async function snapshot(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, string> = {};
    for (const table of TABLES) {
      const { rows } = await client.query<{ n: number; digest: string | null }>(`SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${table}" t`);
      out[table] = `${rows[0]!.n} ${rows[0]!.digest ?? '-'}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

const emptySnapshot = Object.fromEntries(TABLES.map((t) => [t, '0 -']));

/** A copy of prisma/data to break; `edit` rewrites one file in it. */
function copyOfData() {
  const root = mkdtempSync(path.join(tmpdir(), 'insyn-data-'));
  const dir = path.join(root, 'data');
  cpSync(dataDir, dir, { recursive: true });
  return {
    dir,
    edit(file: string, change: (text: string) => string) {
      const full = path.join(dir, file);
      const before = readFileSync(full, 'utf8');
      const after = change(before);
      expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
      writeFileSync(full, after);
    },
    remove: (file: string) => unlinkSync(path.join(dir, file)),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

async function loadError(url: string, dir: string): Promise<DataFileError> {
  const error = await load(url, { dataDir: dir }).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DataFileError);
  return error as DataFileError;
}

const OBSERVATIONS_5 = path.join('seeds', 'skr-2022-insatser', 'aldre', 'observations', 'tabell-5-form-lan.csv');

describe('loader', () => {
  let empty: Awaited<ReturnType<typeof createDatabase>>;
  let loaded: Awaited<ReturnType<typeof createDatabase>>;
  let firstLoad: Awaited<ReturnType<typeof load>>;

  beforeAll(async () => {
    [empty, loaded] = await Promise.all([createDatabase(inject('adminUrl'), 'insyn_test_empty'), createDatabase(inject('adminUrl'), 'insyn_test_reload')]);
    firstLoad = await load(loaded.url);
  });
  afterAll(async () => {
    await Promise.all([empty?.drop(), loaded?.drop()]);
  });

  describe('idempotence', () => {
    it('the first load into an empty database inserts every planned row', () => {
      for (const [table, counts] of Object.entries(firstLoad.tables)) {
        expect({ table, inserted: counts.inserted, updated: counts.updated, deleted: counts.deleted }).toEqual({ table, inserted: counts.rows, updated: 0, deleted: 0 });
      }
      expect(firstLoad.tables.observation!.rows).toBe(2253);
      expect(firstLoad.tables.offering!.rows).toBeGreaterThan(35_000);
    });

    it('a second load changes nothing: zero inserted, updated or deleted, updated_at untouched', async () => {
      const loadedSnapshot = await snapshot(loaded.url);
      expect(loadedSnapshot.region).toMatch(/^329 /);
      const second = await load(loaded.url);
      expect(second.changed).toBe(0);
      for (const counts of Object.values(second.tables)) expect([counts.inserted, counts.updated, counts.deleted]).toEqual([0, 0, 0]);
      expect(await snapshot(loaded.url)).toEqual(loadedSnapshot);
    });

    it('a changed figure updates that one row and bumps only its updated_at; a removed row is deleted; reloading the real files restores both', async () => {
      const data = copyOfData();
      const lss = path.join('seeds', 'oj-2021-lss', 'observations', 'tabell-2-samverkan-psykiatri-sip.csv');
      const mind = path.join('seeds', 'mind-2025-ips', 'observations', 'text-upplevda-resultat.csv');
      try {
        // Published figures only (the synthetic set follows SKR's tables, so these leave it alone):
        // LSS Tabell 2, BUP agreements 2017 (35) gets a note; Mind's "Den kommun" row goes.
        data.edit(lss, (t) => t.replace('oj-lss-overenskommelse-bup,00,2017,,35,35,published,,,,Tabell 2', 'oj-lss-overenskommelse-bup,00,2017,,35,35,published,,,A note.,Tabell 2'));
        data.edit(mind, (t) => t.replace(/^mind-ips-results-rating-count,00,2024,mind_result_rating=fairly_poor,.*\n/m, ''));
        const client = new pg.Client({ connectionString: loaded.url });
        await client.connect();
        const stamp = async () => (await client.query<{ id: string; updated_at: Date }>(`SELECT id, updated_at FROM observation ORDER BY id`)).rows;
        const before = await stamp();
        const changed = await load(loaded.url, { dataDir: data.dir });
        const after = await stamp();
        await client.end();
        expect(changed.tables.observation).toMatchObject({ inserted: 0, updated: 1, deleted: 1 });
        expect(changed.tables.observation_member).toMatchObject({ inserted: 0, deleted: 1 });
        expect(changed.changed).toBe(3);
        expect(before.map((b) => b.id).filter((id) => !after.some((a) => a.id === id))).toEqual(['mind-ips-results-rating-count|00|2024|mind_result_rating=fairly_poor']);
        const bumped = after.filter((a) => a.updated_at.getTime() !== before.find((b) => b.id === a.id)!.updated_at.getTime());
        expect(bumped.map((b) => b.id)).toEqual(['oj-lss-overenskommelse-bup|00|2017|']);
      } finally {
        data.cleanup();
        const restored = await load(loaded.url);
        expect(restored.tables.observation).toMatchObject({ inserted: 1, updated: 1, deleted: 0 });
        expect(restored.changed).toBe(3);
      }
    });
  });

  describe('one transaction', () => {
    it('a failure inside the database (here on the last table) rolls back every table', async () => {
      const scratch = await createDatabase(inject('adminUrl'), 'insyn_test_rollback');
      try {
        const client = new pg.Client({ connectionString: scratch.url });
        await client.connect();
        await client.query(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$`);
        await client.query(`CREATE TRIGGER refuse BEFORE INSERT ON offering FOR EACH ROW EXECUTE FUNCTION refuse()`);
        await client.end();
        await expect(load(scratch.url)).rejects.toThrow(/refused by test/);
        expect(await snapshot(scratch.url)).toEqual(emptySnapshot);
      } finally {
        await scratch.drop();
      }
    });
  });

  describe('a broken data file is refused, naming file, row and column, and nothing is written', () => {
    let data: ReturnType<typeof copyOfData>;
    let loadedSnapshot: Record<string, string>;
    beforeAll(async () => {
      loadedSnapshot = await snapshot(loaded.url);
    });
    beforeEach(() => {
      data = copyOfData();
    });
    afterEach(() => data?.cleanup());

    /** Loads the broken copy into the empty and the loaded database; both must stay exactly as they were. */
    async function refused(): Promise<DataFileError> {
      const onEmpty = await loadError(empty.url, data.dir);
      expect(await snapshot(empty.url)).toEqual(emptySnapshot);
      const onLoaded = await loadError(loaded.url, data.dir);
      expect(await snapshot(loaded.url)).toEqual(loadedSnapshot);
      expect(onLoaded.message).toBe(onEmpty.message);
      return onEmpty;
    }

    it('a non-numeric value', async () => {
      // Row 3 of Tabell 5 is Blekinge, Digital form 4%.
      data.edit(OBSERVATIONS_5, (t) => t.replace('area=aldre;form=digital_only,4,4%', 'area=aldre;form=digital_only,4 %,4%'));
      const error = await refused();
      expect({ file: error.file, row: error.row, column: error.column }).toEqual({ file: OBSERVATIONS_5, row: 3, column: 'value' });
      expect(error.message).toBe(`${OBSERVATIONS_5}, row 3, column "value": "4 %" is not a number (use a decimal point, no spaces or % signs)`);
    });

    it('a decimal comma in a count', async () => {
      const file = path.join('seeds', 'mind-2025-ips', 'observations', 'text-metod-svarsfrekvens.csv');
      data.edit(file, (t) => t.replace('mind-survey-response-count,00,2024,,156,156,published,,290', 'mind-survey-response-count,00,2024,,156,156,published,,"290,5"'));
      const error = await refused();
      expect([error.file, error.row, error.column]).toEqual([file, 2, 'base_n']);
    });

    it('a bad cell after multi-line fields: the row as a spreadsheet counts it, and the line as an editor does', async () => {
      const file = path.join('seeds', 'sthlm-2013-socialpsykiatri', 'action_plan_focus_areas.csv');
      data.edit(file, (t) => t.replace('\nfa4,4,Barn,', '\nfa4,fyra,Barn,'));
      const error = await refused();
      // Boende and Sysselsättning have descriptions over several lines: Barn is row 5 but line 13.
      expect([error.file, error.row, error.line, error.column]).toEqual([file, 5, 13, 'position']);
      expect(error.message).toBe(`${file}, row 5 (line 13), column "position": "fyra" is not a number (use a decimal point, no spaces or % signs)`);
    });

    it('a header with a misspelt column', async () => {
      data.edit(OBSERVATIONS_5, (t) => t.replace('indicator,region,period,dimensions,value,printed,', 'indicator,region,period,dimensions,valeu,printed,'));
      const error = await refused();
      expect([error.file, error.row, error.column]).toEqual([OBSERVATIONS_5, 1, 'value']);
      expect(error.problem).toMatch(/missing value; unexpected valeu/);
    });

    it('a missing file', async () => {
      const file = path.join('reference', 'municipalities.csv');
      data.remove(file);
      const error = await refused();
      expect([error.file, error.row, error.column, error.problem]).toEqual([file, null, null, 'the file is missing']);
    });

    it('a source whose folder of figures is gone', async () => {
      rmSync(path.join(data.dir, 'seeds', 'mind-2025-ips'), { recursive: true });
      const error = await refused();
      expect([error.file, error.row, error.problem]).toEqual([path.join('seeds', 'mind-2025-ips', 'indicators.csv'), null, 'the file is missing (source mind-2025-ips is in sources.csv)']);
    });

    it('a missing action plan items file next to its focus areas', async () => {
      const file = path.join('seeds', 'sthlm-2013-socialpsykiatri', 'action_plan_items.csv');
      data.remove(file);
      const error = await refused();
      expect([error.file, error.problem]).toEqual([file, 'the file is missing']);
    });

    it('a row with a column too many', async () => {
      data.edit(OBSERVATIONS_5, (t) => t.replace('area=aldre;form=digital_only,4,4%,published,,,,Tabell 5', 'area=aldre;form=digital_only,4,4%,published,,,,Tabell 5,extra'));
      const error = await refused();
      expect([error.file, error.row, error.line]).toEqual([OBSERVATIONS_5, 3, 3]);
      expect(error.problem).toMatch(/not valid CSV/);
    });

    it('a share above 100 % without a reading, and one with its reading removed (Tabell 39\'s "875")', async () => {
      // Blekinge's digital-only share in Tabell 5 printed as 104 %: impossible as a share.
      data.edit(OBSERVATIONS_5, (t) => t.replace('area=aldre;form=digital_only,4,4%', 'area=aldre;form=digital_only,104,104%'));
      const error = await refused();
      expect([error.file, error.row, error.column]).toEqual([OBSERVATIONS_5, 3, 'value']);
      expect(error.problem).toBe('104 is not a share (0-100). If the source prints it so, keep value as printed and give Insyn\'s reading in value_read, with a note.');
    });

    it('a misprint reading without the note that explains it', async () => {
      const file = path.join('seeds', 'skr-2022-insatser', 'socialpsykiatri', 'observations', 'tabell-39-regi-lan.csv');
      data.edit(file, (t) => t.replace(/,"Printed ""875"" without a % sign[^\n]*?",Tabell 39,87/, ',,Tabell 39,87'));
      const error = await refused();
      expect([error.file, error.column, error.problem]).toEqual([file, 'note', 'say in the note why the printed figure is impossible and how it was read']);
    });

    it('a printing of a figure no observations file holds', async () => {
      const file = path.join('seeds', 'skr-2022-insatser', 'funktionshinder', 'printings.csv');
      data.edit(file, (t) => t.replace('skr-provider-share,00,2022,area=funktionshinder;provider=municipal_and_private,19', 'skr-provider-share,00,2021,area=funktionshinder;provider=municipal_and_private,19'));
      const orphan = await refused();
      expect([orphan.file, orphan.row, orphan.problem]).toEqual([file, 2, 'no figure skr-provider-share|00|2021|area=funktionshinder;provider=municipal_and_private in any observations file: a printing is another place a held figure is printed']);
    });

    it('a printing that differs from its figure without a note saying which the figure holds', async () => {
      const file = path.join('seeds', 'skr-2022-insatser', 'funktionshinder', 'printings.csv');
      data.edit(file, (t) => t.replace(/,Tabell 23 \(Nationellt genomsnitt\),".*"\n/, ',Tabell 23 (Nationellt genomsnitt),\n'));
      const error = await refused();
      expect([error.file, error.column, error.problem]).toEqual([file, 'note', 'this printing (19) differs from the figure (20): say which the figure holds and why']);
    });

    it('an unknown region code', async () => {
      data.edit(OBSERVATIONS_5, (t) => t.replace('skr-form-share,10,2022,area=aldre;form=digital_only', 'skr-form-share,99,2022,area=aldre;form=digital_only'));
      const error = await refused();
      expect([error.file, error.row, error.column, error.problem]).toEqual([OBSERVATIONS_5, 3, 'region', 'unknown region "99"']);
    });

    it('a suppressed figure without its reason', async () => {
      const file = path.join('seeds', 'oj-2021-lss', 'observations', 'text-figur-1-handlaggare-socionomexamen.csv');
      data.edit(file, (t) => t.replace(/^(oj-lss-handlaggare-socionomexamen,19,2021,,,,suppressed,)"(?:[^"]|"")*"/m, '$1'));
      const error = await refused();
      expect([error.file, error.column]).toEqual([file, 'status_reason']);
    });

    it('a figure held as only in a chart whose locator names no chart', async () => {
      const file = path.join('seeds', 'oj-2021-lss', 'observations', 'text-figur-1-handlaggare-socionomexamen.csv');
      data.edit(file, (t) => t.replace(/^(oj-lss-handlaggare-socionomexamen,01,2021,,,,chart_only,.*),Figur 1$/m, '$1,text: Årets resultat visar att'));
      const error = await refused();
      expect([error.file, error.column]).toEqual([file, 'locator']);
      expect(error.message).toContain('Figur N');
    });

    it('a background measure given a direction', async () => {
      const file = path.join('seeds', 'oj-2021-lss', 'indicators.csv');
      data.edit(file, (t) => t.replace('lss,BACKGROUND_MEASURE,PERCENT,NONE,', 'lss,BACKGROUND_MEASURE,PERCENT,HIGHER_IS_BETTER,'));
      const error = await refused();
      expect([error.file, error.row, error.column]).toEqual([file, 5, 'direction']);
    });

    it('an intervention whose name differs from another only in punctuation (same code)', async () => {
      const file = path.join('seeds', 'skr-2022-insatser', 'aldre', 'interventions.csv');
      data.edit(file, (t) => `${t}aldre,Hemtjänst och hemtjänstinsatser,Hemtjänst!,,,,,,Tabell 2,\n`);
      const error = await refused();
      expect([error.file, error.column]).toEqual([file, 'name']);
      expect(error.row).toBe(readFileSync(path.join(data.dir, file), 'utf8').trimEnd().split('\n').length);
    });

    it('an intervention named only in the list of free-text examples (as "Inköp" once was)', async () => {
      const file = path.join('seeds', 'skr-2022-insatser', 'funktionshinder', 'interventions.csv');
      data.edit(file, (t) => `${t}funktionshinder,,Inköp,,,,,,text: Önskemål om att ge insatser utan biståndsbeslut i framtiden,\n`);
      const error = await refused();
      expect([error.file, error.column]).toEqual([file, 'locator']);
      expect(error.message).toContain('texts.csv');
    });

    it('an impossible date', async () => {
      const file = path.join('reference', 'city-districts.csv');
      data.edit(file, (t) => t.replace('0180,Bromma,stadsdelsomrade,,', '0180,Bromma,stadsdelsomrade,2020-02-30,'));
      const error = await refused();
      expect([error.file, error.row, error.column]).toEqual([file, 5, 'valid_from']);
    });

    it('a count beyond PostgreSQL\'s integer range', async () => {
      const file = path.join('seeds', 'mind-2025-ips', 'observations', 'text-metod-svarsfrekvens.csv');
      data.edit(file, (t) => t.replace('mind-survey-response-count,00,2024,,156,156,published,,290', 'mind-survey-response-count,00,2024,,156,156,published,,29000000000'));
      const error = await refused();
      expect([error.file, error.row, error.column]).toEqual([file, 2, 'base_n']);
    });

    it('an unbroken copy loads (the breakages above were the only problems)', async () => {
      const result = await load(loaded.url, { dataDir: data.dir });
      expect(result.changed).toBe(0);
    });
  });
});

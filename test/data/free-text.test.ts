/**
 * SKR's free-text examples (issue 9, class 5): in each area the report lists "exempel på insatser
 * ... som kommunerna önskar ge utan biståndsbeslut" from the survey's free-text answers. They are
 * what municipalities wrote, not interventions of the catalogue: held as texts (source_text,
 * `Area.examplesWantedWithoutDecision`) with their locator, never as interventions, so they get
 * no synthetic offerings and do not count as named catalogue interventions. The lists are read
 * from the seed text here, every item of all six.
 */
import { describe, expect, it } from 'vitest';
import { loadedDatabase } from '@test/support/sql.js';
import { readData, seedOf } from './support/seed-text.js';

const { rows } = loadedDatabase();

const AREAS: Record<string, string> = {
  'äldre': 'aldre',
  'barn och unga': 'barn-och-unga',
  funktionshinder: 'funktionshinder',
  'missbruk och beroende': 'missbruk-och-beroende',
  socialpsykiatri: 'socialpsykiatri',
  'våld i nära relationer': 'vald-i-nara-relationer',
};
const LOCATOR = 'text: Önskemål om att ge insatser utan biståndsbeslut i framtiden';

/** Each area's bulleted list after "I fritextsvaren i enkäten återfinns följande exempel", as the seed prints it. */
function freeTextLists(): Map<string, string[]> {
  const raw = seedOf('skr-2022-insatser').raw;
  const lists = new Map<string, string[]>();
  const heading = /I fritextsvaren i enkäten återfinns följande exempel på insatser inom området\s+([\s\S]+?)\s+som kommunerna önskar ge utan biståndsbeslut:\s*\n/g;
  for (const match of raw.matchAll(heading)) {
    const area = AREAS[match[1]!.replace(/\s+/g, ' ')];
    if (!area) throw new Error(`an area the test does not know: ${match[1]}`);
    const items: string[] = [];
    for (const line of raw.slice(match.index! + match[0].length).split('\n')) {
      if (!line.trim()) continue;
      const bullet = /^\s*•\s*(.+?)\s*$/.exec(line);
      if (!bullet) break;
      items.push(bullet[1]!);
    }
    lists.set(area, items);
  }
  return lists;
}

describe('free-text examples are texts, not catalogue interventions', () => {
  const lists = freeTextLists();

  it('the seed prints one list per SKR area, 54 examples in all', () => {
    expect([...lists.keys()]).toEqual(Object.values(AREAS));
    expect([...lists.values()].flat()).toHaveLength(54);
  });

  it('every example is held as a text of its area, in order and as printed, with its locator', async () => {
    const texts = await rows<{ area_code: string; position: number; text_sv: string; locator: string; source_code: string }>(
      `SELECT area_code, position, text_sv, locator, source_code FROM source_text WHERE topic = 'wanted_without_decision' ORDER BY area_code, position`);
    const expected = [...lists].flatMap(([area, items]) => items.map((text, i) => ({ area_code: area, position: i + 1, text_sv: text, locator: LOCATOR, source_code: 'skr-2022-insatser' })));
    expect(texts).toEqual(expected.sort((a, b) => a.area_code.localeCompare(b.area_code) || a.position - b.position));
  });

  it('no intervention is named only in running text or the free-text list: each is named in a table of the report', async () => {
    const interventions = await rows<{ code: string; locator: string }>(`SELECT code, locator FROM intervention ORDER BY code`);
    expect(interventions.filter((i) => !/(^|; )Tabell \d+/.test(i.locator)).map((i) => `${i.code} (${i.locator})`)).toEqual([]);
  });

  it('an example that is no table\'s intervention has no intervention row and no offering (funktionshinder "Inköp" had 86)', async () => {
    const catalogue = await rows<{ area_code: string; name_sv: string }>(`SELECT area_code, name_sv FROM intervention`);
    const onlyExamples = [...lists].flatMap(([area, items]) => items.filter((t) => !catalogue.some((c) => c.area_code === area && c.name_sv === t)).map((t) => [area, t] as const));
    // Of the 54, the ones a table also names as an intervention (Trygghetslarm, Ledsagning, Motiverande samtal (MI), ...) stay in the catalogue.
    expect(onlyExamples.length).toBeGreaterThanOrEqual(40);
    expect(onlyExamples).toContainEqual(['funktionshinder', 'Inköp']);
    const offered = await rows<{ area_code: string; name_sv: string; n: number }>(
      `SELECT i.area_code, i.name_sv, count(o.*)::int AS n FROM intervention i LEFT JOIN offering o ON o.intervention_code = i.code
       WHERE (i.area_code, i.name_sv) IN (SELECT * FROM unnest($1::text[], $2::text[])) GROUP BY 1, 2`,
      [onlyExamples.map(([a]) => a), onlyExamples.map(([, t]) => t)]);
    expect(offered).toEqual([]);
  });

  it('the named interventions are the interventions.csv rows, each area within its published catalogue size (75, 119, 57, 59, 53, 46)', async () => {
    const areas = await rows<{ code: string; catalogue_size: number; named: number; offered: number }>(
      `SELECT a.code, a.catalogue_size, (SELECT count(*)::int FROM intervention i WHERE i.area_code = a.code) AS named,
              (SELECT count(DISTINCT o.intervention_code)::int FROM offering o JOIN intervention i ON i.code = o.intervention_code WHERE i.area_code = a.code) AS offered
       FROM area a WHERE a.kind = 'SKR_AREA' ORDER BY a.position`);
    const files = Object.fromEntries(Object.values(AREAS).map((a) => [a, readData(`seeds/skr-2022-insatser/${a}/interventions.csv`)]));
    expect(areas.map((a) => [a.code, a.catalogue_size, a.named, a.offered])).toEqual(
      Object.values(AREAS).map((a, i) => [a, [75, 119, 57, 59, 53, 46][i], files[a]!.length, files[a]!.length]));
    // No interventions.csv row is one of the free-text-only examples.
    const examples = [...lists].flatMap(([area, items]) => items.map((t) => `${area}|${t}`));
    const rowsNamedOnlyInText = Object.values(files).flat().filter((r) => examples.includes(`${r.area}|${r.name}`) && !/(^|; )Tabell \d+/.test(r.locator!));
    expect(rowsNamedOnlyInText.map((r) => `${r.area}: ${r.name}`)).toEqual([]);
  });
});

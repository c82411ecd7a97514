/**
 * Every Swedish title and label a user sees is printed in the document it comes from: read
 * from the loaded database and searched for in the seed text (test/data/seed-text). The search
 * forgives only what the PDF extraction did (whitespace, line breaks, hyphens at a line end,
 * words broken over a line) plus, where a label is lifted from a sentence, a capital first
 * letter, and sentence case for headings the document sets in capitals (see
 * support/seed-text.ts). English titles live in their own fields and are not searched.
 */
import { describe, expect, it } from 'vitest';
import { loadedDatabase } from '@test/support/sql.js';
import { readData, seedOf, sourceCodes, type FindOptions } from './support/seed-text.js';

const { rows } = loadedDatabase();
const lifted: FindOptions = { capital: true, caps: true };

/**
 * Labels of breakdowns Insyn introduced that no document names: the `statistic` dimension
 * (lowest / highest value of a range the text prints as "mellan 10 och 63 procent" or "noll
 * till fyra procent", or a bound printed as "över 95 procent"), and the two axes of Mind's
 * knowledge figure, which prints its rows ("Bland tjänstepersoner") and columns ("Mycket god")
 * but no name for either. Their members are printed, except the statistic's.
 */
const NOT_PRINTED = [
  'dimension statistic: Statistiskt mått',
  'member statistic.county_min: Lägsta länsvärde',
  'member statistic.county_max: Högsta länsvärde',
  'member statistic.min: Lägsta värde',
  'member statistic.max: Högsta värde',
  'member statistic.lower_bound: Nedre gräns',
  'dimension mind_respondent_group: Grupp vars kunskap om IPS bedöms',
  'dimension mind_knowledge_level: Bedömd kunskapsnivå',
];

/** Which of `labels` ([what, text, the sources it may be printed in]) no source prints. */
function unprinted(labels: [string, string, string[]][], options: FindOptions = {}): string[] {
  return labels.filter(([, text, sources]) => !sources.some((s) => seedOf(s).has(text, options))).map(([what, text]) => `${what}: ${text}`);
}

describe('Swedish titles as printed', () => {
  it('each source has the title its document prints', async () => {
    const sources = await rows<{ code: string; title: string }>(`SELECT code, title FROM source ORDER BY code`);
    expect(sources).toHaveLength(5);
    // Mind's title is its running head, set in capitals ("RIV HINDREN FÖR IPS – 2025").
    expect(unprinted(sources.map((s) => [`source ${s.code}`, s.title, [s.code]]), { caps: true })).toEqual([]);
    // The two that were paraphrased: the LSS fact sheet's heading and the Stockholm plan's running head.
    expect(Object.fromEntries(sources.map((s) => [s.code, s.title]))).toMatchObject({
      'oj-2021-lss': 'Öppna jämförelser 2021 – Stöd till personer med funktionsnedsättning LSS',
      'sthlm-2013-socialpsykiatri': 'Handlingsplan utifrån Inventering av socialpsykiatrins målgrupp',
    });
  });

  it('each indicator title is printed in its own document', async () => {
    const indicators = await rows<{ code: string; title_sv: string; source_code: string }>(`SELECT code, title_sv, source_code FROM indicator ORDER BY code`);
    expect(indicators.length).toBeGreaterThan(80);
    expect(unprinted(indicators.map((i) => [`indicator ${i.code}`, i.title_sv, [i.source_code]]), lifted)).toEqual([]);
  });

  it('an indicator with figures from a table is titled with words of that table (its title or row label)', async () => {
    // Figures whose first locator is a table; a sentence that only refers to one ("text: ...; Tabell 27") does not count.
    const tabled = await rows<{ code: string; title_sv: string; source_code: string; tables: number[] }>(
      `SELECT i.code, i.title_sv, i.source_code,
              array_agg(DISTINCT substring(part FROM '^Tabell (\\d+)')::int) AS tables
       FROM indicator i JOIN observation o ON o.indicator_code = i.code
       CROSS JOIN LATERAL unnest(string_to_array(o.locator, '; ')) AS part
       WHERE o.source_code = i.source_code AND part ~ '^Tabell \\d+' AND o.locator ~ '^Tabell \\d+'
       GROUP BY 1, 2, 3 ORDER BY 1`);
    expect(tabled.map((t) => t.code)).toEqual(expect.arrayContaining(['oj-ibic-utredning', 'oj-lss-sip-rutin-barn', 'skr-form-share', 'skr-survey-completed', 'sthlm-support-gender-age-share']));
    const seed = (t: (typeof tabled)[number]) => seedOf(t.source_code);
    const outside = tabled.filter((t) => !t.tables.some((n) => seed(t).has(t.title_sv, lifted, seed(t).table(n))));
    expect(outside.map((t) => `${t.code}: ${t.title_sv} (Tabell ${t.tables.join(', ')})`)).toEqual([]);
    const titles = Object.fromEntries(tabled.map((t) => [t.code, t.title_sv]));
    expect(titles['oj-ibic-utredning']).toBe('Användande av IBIC vid utredning inom olika socialtjänstområden');
    expect(titles['sthlm-support-gender-age-share']).toBe('Procentuell fördelning över kön och åldersgrupper för respektive insatstyp');
  });

  it('each area is named as a document prints it', async () => {
    const areas = await rows<{ code: string; name_sv: string }>(`SELECT code, name_sv FROM area ORDER BY position`);
    expect(unprinted(areas.map((a) => [`area ${a.code}`, a.name_sv, sourceCodes()]), lifted)).toEqual([]);
    expect(areas.find((a) => a.code === 'socialpsykiatri')!.name_sv).toBe('Socialpsykiatri');
  });

  it('each dimension and member label is printed in a document whose figures it labels (except the breakdowns no document names)', async () => {
    const members = await rows<{ dimension: string; dimension_label: string; member: string; member_label: string; sources: string[] | null }>(
      `SELECT d.code AS dimension, d.label_sv AS dimension_label, m.code AS member, m.label_sv AS member_label,
              (SELECT array_agg(DISTINCT o.source_code) FROM observation_member om JOIN observation o ON o.id = om.observation_id WHERE om.member_id = m.id) AS sources
       FROM dimension_member m JOIN dimension d ON d.code = m.dimension_code ORDER BY d.code, m.position`);
    const labels = new Map<string, [string, string, string[]]>();
    for (const m of members) {
      // A member no figure uses yet (a form's "Vet ej" in an area without it) may be printed in any document.
      const sources = m.sources ?? sourceCodes();
      labels.set(`member ${m.dimension}.${m.member}`, [`member ${m.dimension}.${m.member}`, m.member_label, sources]);
      const dim = labels.get(`dimension ${m.dimension}`);
      labels.set(`dimension ${m.dimension}`, [`dimension ${m.dimension}`, m.dimension_label, [...new Set([...(dim?.[2] ?? []), ...sources])]]);
    }
    const missing = unprinted([...labels.values()], lifted);
    expect(missing.sort()).toEqual(NOT_PRINTED.filter((n) => labels.has(n.split(':')[0]!)).sort());
    // The exceptions are all still in the data and none of them is printed somewhere after all.
    expect(NOT_PRINTED.filter((n) => !labels.has(n.split(':')[0]!))).toEqual([]);
  });
});

describe('Swedish descriptions are the source\'s words', () => {
  it('each indicator and member description in Swedish is printed in its document; Insyn\'s own descriptions are English, in description_en', async () => {
    const indicators = await rows<{ code: string; description_sv: string | null; description_en: string | null; source_code: string }>(`SELECT code, description_sv, description_en, source_code FROM indicator ORDER BY code`);
    const members = await rows<{ id: string; description_sv: string | null; description_en: string | null; sources: string[] | null }>(
      `SELECT m.id, m.description_sv, m.description_en,
              (SELECT array_agg(DISTINCT o.source_code) FROM observation_member om JOIN observation o ON o.id = om.observation_id WHERE om.member_id = m.id) AS sources
       FROM dimension_member m ORDER BY m.id`);
    const swedish: [string, string, string[]][] = [
      ...indicators.filter((i) => i.description_sv).map((i): [string, string, string[]] => [`indicator ${i.code}`, i.description_sv!, [i.source_code]]),
      ...members.filter((m) => m.description_sv).map((m): [string, string, string[]] => [`member ${m.id}`, m.description_sv!, m.sources ?? sourceCodes()]),
    ];
    expect(unprinted(swedish)).toEqual([]);
    // Mind's eight IPS principles are the source's own words; every other description is Insyn's.
    expect(swedish.map(([what]) => what)).toEqual(members.filter((m) => m.id.startsWith('mind_ips_principle:') && m.id !== 'mind_ips_principle:unknown').map((m) => `member ${m.id}`));
    expect(indicators.filter((i) => !i.description_en).map((i) => i.code)).toEqual([]);
  });
});

describe('intervention catalogue and action plan as printed', () => {
  it('each intervention is named as its first table or passage prints it', async () => {
    const interventions = await rows<{ code: string; name_sv: string; locator: string; source_code: string }>(`SELECT code, name_sv, locator, source_code FROM intervention ORDER BY code`);
    expect(interventions).toHaveLength(168);
    const misnamed = interventions.filter((i) => {
      const seed = seedOf(i.source_code);
      const table = /^Tabell (\d+)/.exec(i.locator.split('; ')[0]!);
      return !seed.has(i.name_sv, lifted, table ? seed.table(Number(table[1])) : seed.text);
    });
    expect(misnamed.map((i) => `${i.code}: ${i.name_sv} (${i.locator})`)).toEqual([]);
  });

  it('each intervention row of the data files has its category as its own table prints it (Tabell 18, 35, 42, 43 print one category with and without a comma or colon)', () => {
    const files = ['aldre', 'barn-och-unga', 'funktionshinder', 'missbruk-och-beroende', 'socialpsykiatri', 'vald-i-nara-relationer'].map((a) => `seeds/skr-2022-insatser/${a}/interventions.csv`);
    const rowsWithCategory = files.flatMap((f) => readData(f)).filter((r) => r.category);
    expect(rowsWithCategory).toHaveLength(120);
    const seed = seedOf('skr-2022-insatser');
    // Tabell 27 prints "Individ- och/eller gruppinsatser:" once, in its header, and each row's
    // "- riktade till anhöriga": the category is the two together, as Tabell 26 prints it.
    const printedIn = (category: string, table: string) => {
      const [head, rest] = category.split(': ');
      return seed.has(category, {}, table) || (rest !== undefined && seed.has(`${head}:`, {}, table) && seed.has(`- ${rest}`, {}, table));
    };
    const wrong = rowsWithCategory.filter((r) => !printedIn(r.category!, seed.table(Number(/^Tabell (\d+)/.exec(r.locator!)![1]))));
    expect(wrong.map((r) => `${r.area} ${r.name}: ${r.category} (${r.locator})`)).toEqual([]);
    // Tabell 35 prints the same category both ways; each row keeps its own printing.
    const byName = Object.fromEntries(rowsWithCategory.map((r) => [r.name, r.category]));
    expect(byName['Musikterapi']).toBe('Övriga insatser: riktade till personer med behov av socialpsykiatriskt stöd');
    expect(byName['Bildterapi']).toBe('Övriga insatser riktade till personer med behov av socialpsykiatriskt stöd');
  });

  it('each loaded intervention keeps its category as its own table prints it, also where the category is printed two ways (13 interventions in Tabell 18, 35, 42, 43)', async () => {
    const loaded = await rows<{ area_code: string; name_sv: string; category_printed: string | null; category: string | null; category_code: string | null; locator: string }>(
      `SELECT i.area_code, i.name_sv, i.category_printed, c.name_sv AS category, i.category_code, i.locator FROM intervention i LEFT JOIN intervention_category c ON c.code = i.category_code ORDER BY i.code`);
    // The data files' category for each intervention, as the existing check above finds it printed in its own table.
    const files = ['aldre', 'barn-och-unga', 'funktionshinder', 'missbruk-och-beroende', 'socialpsykiatri', 'vald-i-nara-relationer'].flatMap((a) => readData(`seeds/skr-2022-insatser/${a}/interventions.csv`));
    const expected = new Map(files.map((r) => [`${r.area}|${r.name}`, r.category || null]));
    expect(loaded.map((i) => [i.area_code, i.name_sv, i.category_printed])).toEqual(loaded.map((i) => [i.area_code, i.name_sv, expected.get(`${i.area_code}|${i.name_sv}`)]));
    const seed = seedOf('skr-2022-insatser');
    const printedIn = (category: string, table: string) => {
      const [head, rest] = category.split(': ');
      return seed.has(category, {}, table) || (rest !== undefined && seed.has(`${head}:`, {}, table) && seed.has(`- ${rest}`, {}, table));
    };
    const withCategory = loaded.filter((i) => i.category_printed);
    expect(withCategory).toHaveLength(120);
    expect(withCategory.filter((i) => !printedIn(i.category_printed!, seed.table(Number(/^Tabell (\d+)/.exec(i.locator)![1])))).map((i) => `${i.name_sv}: ${i.category_printed}`)).toEqual([]);
    // Where the category's name (its first printing) differs, only in punctuation: the printings the issue counts.
    const differ = withCategory.filter((i) => i.category_printed !== i.category);
    expect(differ.every((i) => i.category_printed!.replace(/[,:]/g, '') === i.category!.replace(/[,:]/g, ''))).toBe(true);
    expect(differ).toHaveLength(13);
    expect([...new Set(differ.map((i) => /^Tabell \d+/.exec(i.locator)![0]))].sort()).toEqual(['Tabell 18', 'Tabell 35', 'Tabell 42', 'Tabell 43']);
  });

  it('each loaded category name, free-text example and action plan text is printed in its document', async () => {
    const categories = await rows<{ code: string; name_sv: string }>(`SELECT code, name_sv FROM intervention_category ORDER BY code`);
    const texts = await rows<{ id: string; text_sv: string; source_code: string }>(`SELECT id, text_sv, source_code FROM source_text ORDER BY id`);
    const focus = await rows<{ code: string; title_sv: string; description_sv: string; source_code: string }>(
      `SELECT f.code, f.title_sv, f.description_sv, p.source_code FROM action_plan_focus_area f JOIN action_plan p ON p.code = f.plan_code ORDER BY f.code`);
    const items = await rows<{ id: string; text_sv: string; source_code: string }>(
      `SELECT i.id, i.text_sv, p.source_code FROM action_plan_item i JOIN action_plan_focus_area f ON f.code = i.focus_area_code JOIN action_plan p ON p.code = f.plan_code ORDER BY i.id`);
    expect([categories.length, texts.length, focus.length, items.length]).toEqual([32, 54, 7, 61]);
    expect(unprinted([
      ...categories.map((c): [string, string, string[]] => [`category ${c.code}`, c.name_sv, ['skr-2022-insatser']]),
      ...texts.map((t): [string, string, string[]] => [`text ${t.id}`, t.text_sv, [t.source_code]]),
      ...focus.flatMap((f): [string, string, string[]][] => [[`focus area ${f.code}`, f.title_sv, [f.source_code]], [`focus area ${f.code} description`, f.description_sv, [f.source_code]]]),
      ...items.map((i): [string, string, string[]] => [`item ${i.id}`, i.text_sv, [i.source_code]]),
    ], lifted)).toEqual([]);
  });
});

describe('the action plan is titled as its document', () => {
  it('Stockholm\'s plan carries the printed title of its document, "Handlingsplan utifrån Inventering av socialpsykiatrins målgrupp"', async () => {
    const plans = await rows<{ title: string; document: string }>(`SELECT p.title, s.title AS document FROM action_plan p JOIN source s ON s.code = p.source_code`);
    expect(plans).toEqual([{ title: 'Handlingsplan utifrån Inventering av socialpsykiatrins målgrupp', document: 'Handlingsplan utifrån Inventering av socialpsykiatrins målgrupp' }]);
  });
});

/**
 * Notes, in one language policy (docs/data-files.md): the source's words quoted in Swedish, in
 * double quotes, exactly as printed; Insyn's own reading in English. Read from the loaded
 * database (figures and interventions) and checked against the seed text: every quote is
 * printed, no Swedish outside quotes, no note that only repeats another field, and every sum,
 * fraction and county value a note states is true of the data.
 */
import { describe, expect, it } from 'vitest';
import { loadedDatabase } from '@test/support/sql.js';
import { seedOf, sourceCodes } from './support/seed-text.js';

const { rows } = loadedDatabase();

interface Note { what: string; note: string; source: string; locator: string }
async function notes(): Promise<Note[]> {
  const figures = await rows<{ id: string; note: string; status_reason: string | null; source_code: string; locator: string }>(
    `SELECT id, note, status_reason, source_code, locator FROM observation WHERE dataset_code = 'published' AND (note IS NOT NULL OR status_reason IS NOT NULL) ORDER BY id`);
  const interventions = await rows<{ code: string; note: string; source_code: string; locator: string }>(`SELECT code, note, source_code, locator FROM intervention WHERE note IS NOT NULL ORDER BY code`);
  return [
    ...figures.flatMap((f) => [
      ...(f.note ? [{ what: `figure ${f.id}`, note: f.note, source: f.source_code, locator: f.locator }] : []),
      ...(f.status_reason ? [{ what: `status reason of ${f.id}`, note: f.status_reason, source: f.source_code, locator: f.locator }] : []),
    ]),
    ...interventions.map((i) => ({ what: `intervention ${i.code}`, note: i.note, source: i.source_code, locator: i.locator })),
  ];
}

/** The quoted passages of a note ("..." only; an ellipsis inside a quote leaves words out). */
const quotes = (note: string) => [...note.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
const unquoted = (note: string) => note.replace(/"[^"]*"/g, ' ');

/** Swedish words that are not English words: outside quotes they mean an untranslated note. */
const SWEDISH = /(?<![\p{L}])(och|att|som|är|av|för|inte|med|till|på|eller|det|den|de|om|ett|en|vid|har|kan|samt|enbart|både|utan|tryckt|tryckta|texten|raden|värdet|värdena|anges|avser|inga|alla|även|sig|ges|ej|läst|läses|satt|stämmer|summerar)(?![\p{L}])/iu;

describe('notes: the source in Swedish, quoted; Insyn in English', () => {
  it('there are notes on figures, status reasons and interventions to check', async () => {
    const all = await notes();
    expect(all.length).toBeGreaterThan(250);
    expect(new Set(all.map((n) => n.what.split(' ')[0]))).toEqual(new Set(['figure', 'status', 'intervention']));
  });

  it('every quoted passage is printed in the note\'s document, or in a document the note names by its code', async () => {
    const misquoted: string[] = [];
    for (const n of await notes()) {
      const named = sourceCodes().filter((code) => code === n.source || n.note.includes(code));
      for (const quote of quotes(n.note)) {
        for (const piece of quote.split(/\.\.\.|…/).map((p) => p.trim()).filter(Boolean)) {
          if (!named.some((code) => seedOf(code).has(piece, { caps: true }))) misquoted.push(`${n.what}: "${piece}"`);
        }
      }
    }
    expect(misquoted).toEqual([]);
  });

  it('outside quotes a note is English: no Swedish words, and å, ä, ö only in place names', async () => {
    const places = new Set((await rows<{ short_name: string }>(`SELECT short_name FROM region WHERE level IN ('COUNTY', 'MUNICIPALITY')`)).map((r) => r.short_name));
    const swedish = (await notes()).flatMap((n) => {
      const text = unquoted(n.note);
      const word = SWEDISH.exec(text)?.[0];
      const accented = (text.match(/[\p{L}-]*[åäöÅÄÖ][\p{L}-]*/gu) ?? []).filter((w) => !places.has(w));
      return word || accented.length ? [`${n.what}: ${word ?? accented.join(', ')} in "${n.note}"`] : [];
    });
    expect(swedish).toEqual([]);
  });

  it('a note says what no other field says: not the locator again, not "same value" (a figure printed twice alike needs only its locator), not a sentence twice', async () => {
    const filler = /\b(also|named|printed|in|and|the|running|text|same|value|as|of)\b|[\s,.;:()]/gi;
    const duplicated = (await notes()).filter((n) => {
      const rest = n.locator.split('; ').reduce((text, part) => text.split(part).join(' '), n.note).replace(filler, '');
      const sentences = n.note.split(/(?<=\.)\s+/);
      return rest === '' || /\bsame value\b/i.test(n.note) || new Set(sentences).size !== sentences.length;
    });
    expect(duplicated.map((n) => `${n.what}: ${n.note}`)).toEqual([]);
  });
});

describe("Insyn's descriptions: English, the source quoted", () => {
  it('every description_en is English outside quotes, and each quote is printed in its document', async () => {
    const places = new Set((await rows<{ short_name: string }>(`SELECT short_name FROM region WHERE level IN ('COUNTY', 'MUNICIPALITY')`)).map((r) => r.short_name));
    const descriptions = [
      ...(await rows<{ code: string; description_en: string; source_code: string }>(`SELECT code, description_en, source_code FROM indicator WHERE description_en IS NOT NULL`))
        .map((i) => ({ what: `indicator ${i.code}`, text: i.description_en, sources: [i.source_code] })),
      ...(await rows<{ id: string; description_en: string }>(`SELECT id, description_en FROM dimension_member WHERE description_en IS NOT NULL`))
        .map((m) => ({ what: `member ${m.id}`, text: m.description_en, sources: sourceCodes() })),
    ];
    expect(descriptions.length).toBeGreaterThan(100);
    const wrong = descriptions.flatMap((d) => {
      const text = unquoted(d.text);
      const word = SWEDISH.exec(text)?.[0];
      const accented = (text.match(/[\p{L}-]*[åäöÅÄÖ][\p{L}-]*/gu) ?? []).filter((w) => !places.has(w));
      const misquoted = quotes(d.text).filter((q) => !d.sources.some((code) => seedOf(code).has(q, { caps: true })));
      return word || accented.length || misquoted.length ? [`${d.what}: ${word ?? ''} ${accented.join(', ')} ${misquoted.join(', ')} in "${d.text}"`] : [];
    });
    expect(wrong).toEqual([]);
  });
});

describe('notes: what they state is true of the data', () => {
  it('every "a + b + c = n" and "sums to n (a + b + c)" adds up, and the terms are the figures of that row', async () => {
    const figures = await rows<{ id: string; indicator_code: string; region_code: string; period: number; dimension_key: string; value: number | null; note: string | null }>(
      `SELECT id, indicator_code, region_code, period, dimension_key, value, note FROM observation WHERE dataset_code = 'published'`);
    const wrong: string[] = [];
    let checked = 0;
    for (const f of figures.filter((f) => f.note)) {
      for (const m of f.note!.matchAll(/((?:\d+ \+ )+\d+) = (\d+)/g)) {
        checked++;
        const sum = m[1]!.split(' + ').reduce((a, b) => a + Number(b), 0);
        if (sum !== Number(m[2])) wrong.push(`${f.id}: ${m[0]}`);
      }
      for (const m of f.note!.matchAll(/sums? to (\d+)(?: %)? \(((?:\d+ \+ )+\d+)\)/g)) {
        checked++;
        const terms = m[2]!.split(' + ').map(Number);
        if (terms.reduce((a, b) => a + b, 0) !== Number(m[1])) wrong.push(`${f.id}: ${m[0]}`);
        // The row: figures of the same indicator, place and year that differ from this one in one dimension only.
        const pairs = f.dimension_key.split(';');
        const rowOf = (i: number) => figures.filter((o) => o.indicator_code === f.indicator_code && o.region_code === f.region_code && o.period === f.period
          && o.dimension_key.split(';').every((p, j) => j === i ? p.split('=')[0] === pairs[i]!.split('=')[0] && !p.endsWith('=total') : p === pairs[j]));
        const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b).join(' ');
        if (!pairs.some((_, i) => sorted(rowOf(i).map((o) => o.value ?? 0)) === sorted(terms))) wrong.push(`${f.id}: the terms of "${m[0]}" are not the figures of its row`);
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });

  it('every "a/b = x %" is a/b rounded to one decimal', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const n of await notes()) {
      for (const m of n.note.matchAll(/(\d+)\/(\d+) = (\d+(?:\.\d)?) %/g)) {
        checked++;
        if (Math.abs((100 * Number(m[1])) / Number(m[2]) - Number(m[3])) > 0.05) wrong.push(`${n.what}: ${m[0]}`);
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
  });

  it('every county a range note names ("matches Tabell 41 (Gotland 9 %)") has that figure in that table', async () => {
    const figures = await rows<{ id: string; indicator_code: string; region_code: string; period: number; dimension_key: string; value: number; locator: string; note: string | null }>(
      `SELECT id, indicator_code, region_code, period, dimension_key, value, locator, note FROM observation WHERE dataset_code = 'published'`);
    const counties = new Map((await rows<{ code: string; short_name: string }>(`SELECT code, short_name FROM region WHERE level = 'COUNTY'`)).map((c) => [c.short_name, c.code]));
    const wrong: string[] = [];
    let checked = 0;
    for (const f of figures.filter((f) => f.note)) {
      for (const m of f.note!.matchAll(/matches (?:the column "[^"]+" of )?Tabell (\d+) \(([^()]+?) (\d+) %\)/gi)) {
        const key = f.dimension_key.split(';').filter((p) => !p.startsWith('statistic=')).join(';');
        for (const name of m[2]!.split(/, | and /)) {
          checked++;
          const county = figures.find((o) => o.indicator_code === f.indicator_code && o.period === f.period && o.region_code === counties.get(name) && o.dimension_key === key);
          if (!county || county.value !== Number(m[3]) || !county.locator.includes(`Tabell ${m[1]}`)) wrong.push(`${f.id}: ${name} ${m[3]} % in Tabell ${m[1]} (stored: ${county?.value} in ${county?.locator})`);
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });

  it('no note says an indicator lacks a dimension it has', async () => {
    const claims = await rows<{ id: string; note: string; dims: string[] }>(
      `SELECT o.id, o.note, array_agg(d.dimension_code) AS dims FROM observation o JOIN indicator_dimension d ON d.indicator_code = o.indicator_code
       WHERE o.note ~* 'dimensions? lacks? ' GROUP BY 1, 2`);
    const wrong = claims.filter((c) => [...c.note.matchAll(/dimensions? lacks? (\w+)/gi)].some((m) => c.dims.includes(m[1]!)));
    expect(wrong.map((c) => `${c.id}: ${c.note}`)).toEqual([]);
  });
});

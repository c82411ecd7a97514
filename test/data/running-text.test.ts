/**
 * Figures the documents print in running text, checked against the seed text
 * (test/data/seed-text): every figure located in a text passage has its printed words in its
 * document and the value those words state; and the figures that only a sentence holds (no
 * table or figure: ranges over an area's top-ten list, counts in words, "omkring 200",
 * changes in procentenheter, ...) are each listed below with the words around them as printed.
 */
import { describe, expect, it } from 'vitest';
import { loadedDatabase } from '@test/support/sql.js';
import { dimensionKey } from './support/dimension-key.js';
import { printedNumber } from './support/printed-number.js';
import { seedOf } from './support/seed-text.js';

const { rows } = loadedDatabase();

interface Figure { id: string; indicator_code: string; value: number; printed: string; status: string; base_n: number | null; locator: string; source_code: string }
const FIGURE = `SELECT id, indicator_code, value, printed, status::text, base_n, locator, source_code FROM observation`;
const textFigures = () => rows<Figure>(`${FIGURE} WHERE dataset_code = 'published' AND printed IS NOT NULL AND locator ~ '(^|; )text: ' ORDER BY id`);

describe('every figure from a text passage', () => {
  it('has its printed words in its document, as printed', async () => {
    const figures = await textFigures();
    expect(figures.length).toBeGreaterThanOrEqual(300);
    const absent = figures.filter((f) => !seedOf(f.source_code).has(f.printed));
    expect(absent.map((f) => `${f.id}: "${f.printed}"`)).toEqual([]);
  });

  it('has the value its printed words state ("nio" 9, "omkring 200" 200, "minskat med 11 procentenheter" −11, "Samtliga" the whole base)', async () => {
    const figures = await textFigures();
    const misread = figures.filter((f) => {
      const read = printedNumber(f.printed);
      return (read === 'all' ? f.base_n : read) !== f.value;
    });
    expect(misread.map((f) => `${f.id}: "${f.printed}" stored as ${f.value}, reads ${printedNumber(f.printed)}`)).toEqual([]);
  });
});

/**
 * Figures no table or figure holds, with the words around them as the document prints them:
 * [indicator, region, period, dimensions, printed, passage]. The value is read from the
 * printed words (support/printed-number.ts), the printed words from the passage, the passage
 * from the seed.
 */
type OnlyInText = [indicator: string, region: string, period: number, dims: string, printed: string, passage: string];
const ONLY_IN_TEXT: OnlyInText[] = [
  // Öppna jämförelser 2022, socialpsykiatri
  ['oj-sp-forandring-procentenheter', '00', 2022, 'oj_change_of=uppsokande_verksamhet', 'minskat med 11 procentenheter', 'resultatet på riksnivå minskat med 11 procentenheter mellan åren 2017 och 2022'],
  ['oj-sp-forandring-procentenheter', '00', 2022, 'oj_change_of=ibic_utredning', 'en ökning med 10 procentenheter', 'som använder IBIC vid utredningar, en ökning med 10 procentenheter sedan 2021'],
  ['oj-sp-forandring-procentenheter', '00', 2022, 'oj_change_of=ibic_uppfoljning', 'en ökning med 4 procentenheter', 'använder IBIC vid uppföljningar, en ökning med 4 procentenheter under samma period'],
  // Stockholm 2013
  ['sthlm-action-plan-follow-up', '0180', 2013, '', 'senast december 2015', 'Handlingsplanen ska följas upp senast december 2015.'],
  // Mind 2025
  ['mind-ips-review-studies-count', '00', 2025, '', '41 studier', 'En systematisk översikt som behandlar 41 studier visar också att IPS är kostnadseffektivt'],
  ['mind-ips-long-term-benefit-years', '00', 2025, '', '5 år', 'Långtidsstudier visar bestående fördelar under 5 år'],
  // SKR 2022: the survey
  ['skr-survey-answered-count', '00', 2022, '', 'omkring 200', 'Varje enkät har besvarats av omkring 200 kommuner'],
  // SKR 2022: shares of municipalities offering the interventions of a top-ten or bottom-ten list
  ['skr-uptake-list-offering-share', '00', 2022, 'area=aldre;skr_uptake_list=top10;statistic=lower_bound', 'över 95 procent', 'tio vanligaste insatserna genomförs i över 95 procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=aldre;skr_uptake_list=bottom10;statistic=min', '14', 'inom området äldre genomförs i 14 till 23 procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=aldre;skr_uptake_list=bottom10;statistic=max', '23 procent', 'inom området äldre genomförs i 14 till 23 procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=barn-och-unga;skr_uptake_list=top10;statistic=lower_bound', 'över 90 procent', 'inom området barn och unga genomförs i över 90 procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=funktionshinder;skr_uptake_list=top10;statistic=min', '68', 'de tio vanligaste insatserna inom området funktionshinder genomförs i 68 till 88 procent'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=funktionshinder;skr_uptake_list=top10;statistic=max', '88 procent', 'de tio vanligaste insatserna inom området funktionshinder genomförs i 68 till 88 procent'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=funktionshinder;skr_uptake_list=bottom10;statistic=min', 'två', 'inom området funktionshinder genomförs i två till 16 procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=funktionshinder;skr_uptake_list=bottom10;statistic=max', '16 procent', 'inom området funktionshinder genomförs i två till 16 procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=missbruk-och-beroende;skr_uptake_list=top10;statistic=lower_bound', 'minst 75 procent', 'inom området missbruk och beroende genomförs i minst 75 procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=missbruk-och-beroende;skr_uptake_list=top5;statistic=lower_bound', 'över 90 procent', 'De fem vanligaste insatserna, exempelvis hem för vård eller boende och återfallsprevention, genomförs i över 90 procent av kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=missbruk-och-beroende;skr_uptake_list=bottom10;statistic=min', 'noll', 'inom området missbruk och beroende genomförs i noll till fyra procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=missbruk-och-beroende;skr_uptake_list=bottom10;statistic=max', 'fyra procent', 'inom området missbruk och beroende genomförs i noll till fyra procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=socialpsykiatri;skr_uptake_list=top10;statistic=min', '66', 'inom socialpsykiatri genomförs i 66 till 99 procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=socialpsykiatri;skr_uptake_list=top10;statistic=max', '99 procent', 'inom socialpsykiatri genomförs i 66 till 99 procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=socialpsykiatri;skr_uptake_list=bottom10;statistic=min', 'noll', 'inom området socialpsykiatri genomförs i noll till fyra procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=socialpsykiatri;skr_uptake_list=bottom10;statistic=max', 'fyra procent', 'inom området socialpsykiatri genomförs i noll till fyra procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=vald-i-nara-relationer;skr_uptake_list=top10;statistic=min', '82', 'inom området våld i nära relationer i 82 till 96 procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=vald-i-nara-relationer;skr_uptake_list=top10;statistic=max', '96 procent', 'inom området våld i nära relationer i 82 till 96 procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=vald-i-nara-relationer;skr_uptake_list=bottom10;statistic=min', 'noll', 'inom området våld i nära relationer genomförs i noll till sex procent av de svarande kommunerna'],
  ['skr-uptake-list-offering-share', '00', 2022, 'area=vald-i-nara-relationer;skr_uptake_list=bottom10;statistic=max', 'sex procent', 'inom området våld i nära relationer genomförs i noll till sex procent av de svarande kommunerna'],
  // SKR 2022: counts in words
  ['skr-uptake-list-count', '00', 2022, 'area=socialpsykiatri;skr_uptake_list=top10;skr_list_property=kategori_ovriga_socialpsykiatriskt_stod', 'sex', 'Av dessa tillhör sex insatser kategorin övriga insatser riktade till personer med behov av socialpsykiatriskt stöd'],
  ['skr-uptake-list-count', '00', 2022, 'area=vald-i-nara-relationer;skr_uptake_list=top10;skr_list_property=riktar_sig_till_valdsutsatta', 'Samtliga', 'Samtliga av dessa insatser riktar sig till våldsutsatta'],
  ['skr-uptake-list-count', '00', 2022, 'area=vald-i-nara-relationer;skr_uptake_list=bottom10;skr_list_property=riktade_till_valdsutovare', 'Åtta', 'Åtta av dessa insatser är riktade specifikt till våldsutövare'],
  ['skr-catalogue-not-offered', '00', 2022, 'area=missbruk-och-beroende', 'Tre', 'Tre insatser, Social behaviour network therapy (SBNT), Parterapi i form av behavioural couples therapy (BCT) samt Förstärkningsmetod, contingency management (CoM), ges inte i någon av kommunerna'],
  // SKR 2022: municipalities wanting to give a category of interventions without a decision
  ['skr-want-without-decision-category-count', '00', 2022, 'area=funktionshinder;statistic=lower_bound', 'över 50', 'Inom de kartlagda kategorierna vill över 50 av de svarande kommunerna genomföra individ- och eller gruppinsatser, riktade till personer med funktionsnedsättning'],
  ['skr-want-without-decision-category-count', '00', 2022, 'area=missbruk-och-beroende;statistic=lower_bound', 'över 150', 'Inom de kartlagda kategorierna vill över 150 av de svarande kommunerna genomföra individ- och eller gruppinsatser, riktade till personer med missbruk'],
  ['skr-want-without-decision-category-count', '00', 2022, 'area=socialpsykiatri;statistic=lower_bound', 'över 70', 'Inom de kartlagda kategorierna vill över 70 av de svarande kommunerna genomföra individ- och/eller gruppinsatser och övriga insatser riktade till personer med behov av socialpsykiatriskt stöd'],
  ['skr-want-without-decision-category-count', '00', 2022, 'area=vald-i-nara-relationer;statistic=lower_bound', 'över 140', 'Inom de kartlagda kategorierna vill över 140 av de svarande kommunerna genomföra individ- och/eller gruppinsatser både till våldsutsatta vuxna och våldsutövande vuxna'],
];


describe('figures printed only in running text', () => {
  it.each(ONLY_IN_TEXT)('%s %s %i [%s] "%s"', async (indicator, region, period, dims, printed, passage) => {
    const [figure] = await rows<Figure>(`${FIGURE} WHERE indicator_code = $1 AND region_code = $2 AND period = $3 AND dimension_key = $4`,
      [indicator, region, period, dimensionKey(dims)]);
    expect(figure, 'stored').toBeDefined();
    const seed = seedOf(figure!.source_code);
    expect(seed.has(passage), `the passage is printed in ${seed.file}`).toBe(true);
    expect(seed.has(printed, {}, passage), 'the printed words are in the passage').toBe(true);
    const read = printedNumber(printed);
    expect(figure).toMatchObject({ printed, status: 'PUBLISHED', value: read === 'all' ? figure!.base_n : read });
    expect(figure!.locator).toMatch(/^text: /);
  });

  it('a range is two figures, lowest and highest, each with its own printed words ("noll till fyra procent": "noll", "fyra procent")', async () => {
    const ranges = await rows<{ key: string; min: string; max: string }>(
      `SELECT regexp_replace(o.dimension_key, ';?statistic=(min|max)', '') AS key,
              max(o.printed) FILTER (WHERE o.dimension_key ~ 'statistic=min') AS min, max(o.printed) FILTER (WHERE o.dimension_key ~ 'statistic=max') AS max
       FROM observation o WHERE o.indicator_code = 'skr-uptake-list-offering-share' AND o.dimension_key ~ 'statistic=(min|max)' GROUP BY 1 ORDER BY 1`);
    expect(ranges).toHaveLength(8);
    const seed = seedOf('skr-2022-insatser');
    for (const r of ranges) expect(seed.has(`i ${r.min} till ${r.max}`), `${r.key}: "i ${r.min} till ${r.max}"`).toBe(true);
  });
});

import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readCsv, searchKey, slugify, type CsvRow } from './csv.js';
import { dimensionKey, observationId } from './keys.js';
import { locatorTables, parseLocator } from './locator.js';
import { DataFileError } from './errors.js';

/** Rows for each table, keyed by column name as in the database. */
export type Row = Record<string, string | number | boolean | null | string[]>;
export type Plan = Record<string, Row[]>;

export const PUBLISHED_DATASET = 'published';
export const MEMBERSHIP_REVISION = 'SKR 2017, revision 2023 (Kolada G92786-G92794)';

const KINDS = ['INDICATOR', 'BACKGROUND_MEASURE', 'SURVEY_RESULT', 'DESCRIPTIVE_STATISTIC'] as const;
const UNITS = ['PERCENT', 'COUNT', 'NUMBER', 'SEK', 'YES_NO'] as const;
const DIRECTIONS = ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'NONE'] as const;
/**
 * published: the figure, as printed. suppressed: withheld by the publisher (bortfall > 20 %).
 * missing: the source prints no figure ("-"). chart_only: the source publishes it only as a chart
 * (a bar of Figur 1) whose value is not in the text Insyn holds: published, value unknown to us.
 */
const STATUSES = ['published', 'suppressed', 'missing', 'chart_only'] as const;

/** A real calendar date as YYYY-MM-DD (2020-02-30 is not). */
function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * Refuses a second row with the same key: the database would otherwise fail in the middle
 * of the load ("ON CONFLICT DO UPDATE command cannot affect row a second time") without
 * naming the file and row.
 */
function claim(seen: Map<string, string>, key: string, r: CsvRow, column: string | null, what: string) {
  const previous = seen.get(key);
  if (previous) r.fail(column, `${what} is already defined in ${previous}`);
  seen.set(key, `${r.file}, row ${r.row}`);
}

/** Every file under dir (recursively) with the given base name, relative to root, sorted. */
function findFiles(root: string, dir: string, name: (file: string, parent: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (name(entry, path.basename(d))) out.push(path.relative(root, full));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/**
 * Reads and checks every data file, returning the rows to load. Nothing touches the
 * database here: a broken file fails before anything is written.
 */
export function readPlan(dataDir: string): Plan {
  const plan: Plan = {};
  const ref = (f: string) => path.join('reference', f);

  // Sources and datasets
  const sourceSeen = new Map<string, string>();
  plan.source = readCsv(dataDir, 'sources.csv', ['code', 'publisher', 'title', 'year', 'url', 'licence', 'attribution', 'seed_file']).map((r) => ({
    code: (claim(sourceSeen, r.required('code'), r, 'code', `source ${r.required('code')}`), r.required('code')), publisher: r.required('publisher'), title: r.required('title'), year: r.int('year') ?? r.fail('year', 'a year is required'),
    url: r.get('url'), licence: r.required('licence'), attribution: r.required('attribution'), seed_file: r.get('seed_file'),
  }));
  const sources = new Set(plan.source.map((s) => s.code as string));
  // Seed folders are found by listing, so a deleted folder would otherwise just drop its
  // figures: every source must keep its indicators.csv.
  for (const code of sources) {
    const indicatorsFile = path.join('seeds', code, 'indicators.csv');
    if (!existsSync(path.join(dataDir, indicatorsFile))) throw new DataFileError(indicatorsFile, null, null, `the file is missing (source ${code} is in sources.csv)`);
  }
  plan.dataset = [{
    code: PUBLISHED_DATASET, title: 'Published figures', synthetic: false, kind: 'PUBLISHED',
    description: 'Figures as printed in the source documents, each with its document and table or figure.',
  }];

  // Regions: Riket, counties, municipalities, districts, with the Kolada crosswalk
  const kolada = readCsv(dataDir, ref('kolada-areas.csv'), ['id', 'title', 'type']);
  const koladaIds = new Set(kolada.map((r) => r.required('id')));
  const region: Row[] = [{ code: '00', level: 'COUNTRY', name: 'Riket', short_name: 'Riket', search_name: 'riket', parent_code: null, kolada_id: koladaIds.has('0000') ? '0000' : null, valid_from: null, note: null }];
  const regionSeen = new Map<string, string>();
  for (const r of readCsv(dataDir, ref('counties.csv'), ['county_code', 'county_name', 'county_name_short'])) {
    const code = r.required('county_code');
    claim(regionSeen, code, r, 'county_code', `county ${code}`);
    if (!/^\d{2}$/.test(code)) r.fail('county_code', `"${code}" is not a two-digit SCB county code`);
    const name = r.required('county_name');
    region.push({ code, level: 'COUNTY', name, short_name: r.required('county_name_short'), search_name: searchKey(name), parent_code: '00', kolada_id: koladaIds.has(`00${code}`) ? `00${code}` : null, valid_from: null, note: null });
  }
  const counties = new Set(region.filter((r) => r.level === 'COUNTY').map((r) => r.code as string));
  for (const r of readCsv(dataDir, ref('municipalities.csv'), ['municipality_code', 'municipality_name', 'municipality_name_short', 'county_code', 'county_name', 'county_name_short'])) {
    const code = r.required('municipality_code');
    const county = r.required('county_code');
    if (!/^\d{4}$/.test(code) || code.slice(0, 2) !== county) r.fail('municipality_code', `"${code}" is not a four-digit SCB code starting with its county code ${county}`);
    if (!counties.has(county)) r.fail('county_code', `unknown county "${county}"`);
    const short = r.required('municipality_name_short');
    claim(regionSeen, code, r, 'municipality_code', `municipality ${code}`);
    region.push({ code, level: 'MUNICIPALITY', name: r.required('municipality_name'), short_name: short, search_name: searchKey(short), parent_code: county, kolada_id: koladaIds.has(code) ? code : null, valid_from: null, note: null });
  }
  const municipalities = new Set(region.filter((r) => r.level === 'MUNICIPALITY').map((r) => r.code as string));
  for (const r of readCsv(dataDir, ref('city-districts.csv'), ['municipality_code', 'district_name', 'kind', 'valid_from', 'note'])) {
    const parent = r.required('municipality_code');
    if (!municipalities.has(parent)) r.fail('municipality_code', `unknown municipality "${parent}"`);
    const name = r.required('district_name');
    const validFrom = r.get('valid_from');
    if (validFrom && !isDate(validFrom)) r.fail('valid_from', `"${validFrom}" is not a date (YYYY-MM-DD)`);
    claim(regionSeen, `${parent}-${slugify(name)}`, r, 'district_name', `district ${parent}-${slugify(name)}`);
    const kind = r.required('kind') === 'stadsdelsomrade' ? 'stadsdelsområde' : 'socialförvaltning';
    region.push({ code: `${parent}-${slugify(name)}`, level: 'DISTRICT', name: `${name} (${kind})`, short_name: name, search_name: searchKey(name), parent_code: parent, kolada_id: null, valid_from: validFrom, note: r.get('note') });
  }
  plan.region = region;
  const regions = new Set(region.map((r) => r.code as string));

  // SKR municipality groups with their revision
  const groups = new Map<string, Row>();
  plan.municipality_group_membership = [];
  for (const r of readCsv(dataDir, ref('kommungrupper.csv'), ['municipality_code', 'municipality_name', 'kommungrupp_code', 'kommungrupp_name', 'huvudgrupp_code', 'huvudgrupp_name', 'kolada_group_id'])) {
    const muni = r.required('municipality_code');
    if (!municipalities.has(muni)) r.fail('municipality_code', `unknown municipality "${muni}"`);
    const main = r.required('huvudgrupp_code');
    const group = r.required('kommungrupp_code');
    if (!groups.has(main)) groups.set(main, { code: main, name: r.required('huvudgrupp_name'), main_group_code: null, kolada_id: null });
    if (!groups.has(group)) groups.set(group, { code: group, name: r.required('kommungrupp_name'), main_group_code: main, kolada_id: r.get('kolada_group_id') });
    plan.municipality_group_membership.push({ region_code: muni, group_code: group, revision: MEMBERSHIP_REVISION });
  }
  plan.municipality_group = [...groups.values()].sort((a, b) => String(a.code).localeCompare(String(b.code)));

  // Areas and dimensions
  const areaSeen = new Map<string, string>();
  plan.area = readCsv(dataDir, 'areas.csv', ['code', 'name_sv', 'name_en', 'kind', 'position']).map((r) => ({
    code: (claim(areaSeen, r.required('code'), r, 'code', `area ${r.required('code')}`), r.required('code')), name_sv: r.required('name_sv'), name_en: r.required('name_en'), kind: r.oneOf('kind', ['SKR_AREA', 'REPORT_AREA'] as const),
    position: r.int('position') ?? r.fail('position', 'required'), catalogue_size: null,
  }));
  const areas = new Set(plan.area.map((a) => a.code as string));
  const seedsDir = path.join(dataDir, 'seeds');
  const sourceOf = (file: string, row: CsvRow) => {
    const code = file.split(path.sep)[1]!;
    if (!sources.has(code)) row.fail(null, `folder seeds/${code} does not match a source code in sources.csv`);
    return code;
  };

  const dimensions = new Map<string, Row>();
  const members = new Map<string, Row & { _file: string }>();
  const dimensionFiles = ['dimensions.csv', ...findFiles(dataDir, seedsDir, (f) => f === 'dimensions.csv')];
  for (const file of dimensionFiles) {
    // description_sv: the source's own words, as printed; description_en: Insyn's description.
    for (const r of readCsv(dataDir, file, ['dimension', 'dimension_label_sv', 'dimension_label_en', 'member', 'member_label_sv', 'member_label_en', 'position'], ['description_sv', 'description_en'])) {
      const dim = r.required('dimension');
      if (!/^[a-z][a-z0-9_]*$/.test(dim)) r.fail('dimension', `"${dim}" must be lower-case letters, digits and _`);
      const member = r.required('member');
      const id = `${dim}:${member}`;
      if (members.has(id)) r.fail('member', `${id} is already defined in ${members.get(id)!._file}`);
      if (!dimensions.has(dim)) dimensions.set(dim, { code: dim, label_sv: r.required('dimension_label_sv'), label_en: r.get('dimension_label_en') });
      members.set(id, { _file: file, id, dimension_code: dim, code: member, label_sv: r.required('member_label_sv'), label_en: r.get('member_label_en'), description_sv: r.get('description_sv'), description_en: r.get('description_en'), position: r.int('position') ?? 0 });
    }
  }
  plan.dimension = [...dimensions.values()];
  plan.dimension_member = [...members.values()].map(({ _file, ...m }) => m);
  for (const area of areas) if (!members.has(`area:${area}`)) throw new DataFileError('dimensions.csv', null, 'member', `area ${area} has no member in dimension "area"`);

  // Indicators
  const indicators = new Map<string, { dims: string[]; file: string; unit: string }>();
  plan.indicator = [];
  plan.indicator_dimension = [];
  for (const file of findFiles(dataDir, seedsDir, (f) => f === 'indicators.csv')) {
    // description_en: Insyn's description, in English; description_sv only for the source's own words, as printed.
    for (const r of readCsv(dataDir, file, ['code', 'title_sv', 'title_en', 'description_en', 'area', 'kind', 'unit', 'direction', 'dimensions', 'kolada_kpi', 'discontinued'], ['description_sv'])) {
      const code = r.required('code');
      if (!/^[a-z][a-z0-9-]*$/.test(code)) r.fail('code', `"${code}" must be lower-case letters, digits and hyphens`);
      if (indicators.has(code)) r.fail('code', `indicator ${code} is already defined in ${indicators.get(code)!.file}`);
      const area = r.get('area');
      if (area && !areas.has(area)) r.fail('area', `unknown area "${area}"`);
      const kind = r.oneOf('kind', KINDS);
      const direction = r.oneOf('direction', DIRECTIONS);
      if (kind === 'BACKGROUND_MEASURE' && direction !== 'NONE') r.fail('direction', 'a background measure has no direction (NONE)');
      const dims = (r.get('dimensions') ?? '').split(';').map((d) => d.trim()).filter(Boolean);
      dims.forEach((d, i) => {
        if (!dimensions.has(d)) r.fail('dimensions', `unknown dimension "${d}"`);
        plan.indicator_dimension!.push({ indicator_code: code, dimension_code: d, position: i + 1 });
      });
      const unit = r.oneOf('unit', UNITS);
      indicators.set(code, { dims, file, unit });
      plan.indicator.push({
        code, title_sv: r.required('title_sv'), title_en: r.get('title_en'), description_sv: r.get('description_sv'), description_en: r.get('description_en'), area_code: area,
        kind, unit, direction, kolada_kpi_id: r.get('kolada_kpi'), discontinued: r.bool('discontinued'), source_code: sourceOf(file, r),
      });
    }
  }

  // Observations
  plan.observation = [];
  plan.observation_member = [];
  const observationIds = new Map<string, string>();
  for (const file of findFiles(dataDir, seedsDir, (f, parent) => parent === 'observations' && f.endsWith('.csv'))) {
    // value_read: Insyn's reading of a figure impossible as printed (docs/data-files.md).
    for (const r of readCsv(dataDir, file, ['indicator', 'region', 'period', 'dimensions', 'value', 'printed', 'status', 'status_reason', 'base_n', 'note', 'locator'], ['value_read'])) {
      const indicator = r.required('indicator');
      const def = indicators.get(indicator) ?? r.fail('indicator', `unknown indicator "${indicator}" (define it in an indicators.csv)`);
      const regionCode = r.required('region');
      if (!regions.has(regionCode)) r.fail('region', `unknown region "${regionCode}"`);
      const period = r.int('period') ?? r.fail('period', 'a year is required');
      if (period < 1990 || period > 2100) r.fail('period', `${period} is not a plausible year`);
      const pairs = (r.get('dimensions') ?? '').split(';').map((p) => p.trim()).filter(Boolean).map((pair) => {
        const [dim, member] = pair.split('=').map((s) => s?.trim());
        if (!dim || !member) r.fail('dimensions', `"${pair}" is not dimension=member`);
        if (!def.dims.includes(dim!)) r.fail('dimensions', `indicator ${indicator} is not broken down by "${dim}" (it declares ${def.dims.join(', ') || 'no dimensions'})`);
        if (!members.has(`${dim}:${member}`)) r.fail('dimensions', `unknown member "${member}" of dimension "${dim}"`);
        return [dim!, member!] as const;
      }).sort(([a], [b]) => a.localeCompare(b));
      if (new Set(pairs.map(([d]) => d)).size !== pairs.length) r.fail('dimensions', 'a dimension is given twice');
      const key = dimensionKey(pairs);
      const status = r.oneOf('status', STATUSES);
      const value = r.number('value');
      if (status === 'published' && value === null) r.fail('value', 'a published figure needs a value');
      if (status !== 'published' && value !== null) r.fail('value', `a ${status} figure has no value`);
      if (status !== 'published' && !r.get('status_reason')) r.fail('status_reason', `say why the figure is ${status}`);
      if (status === 'chart_only' && !parseLocator(r.required('locator')).some((p) => p.kind === 'FIGURE')) {
        r.fail('locator', 'a chart_only figure is in a chart: name the figure it is drawn in (Figur N)');
      }
      const valueRead = r.number('value_read');
      if (valueRead !== null && value === null) r.fail('value_read', 'a reading is of a printed figure: give the figure as printed in value');
      if (valueRead !== null && valueRead === value) r.fail('value_read', 'the reading equals the printed value: leave value_read empty');
      if (valueRead !== null && !r.get('note')) r.fail('note', 'say in the note why the printed figure is impossible and how it was read');
      // The value every computation uses: no share above 100 % (or below 0) enters a ranking, comparison or mean.
      const used = valueRead ?? value;
      if (def.unit === 'PERCENT' && used !== null && (used < 0 || used > 100)) {
        r.fail(valueRead !== null ? 'value_read' : 'value', `${used} is not a share (0-100). If the source prints it so, keep value as printed and give Insyn's reading in value_read, with a note.`);
      }
      const id = observationId(indicator, regionCode, period, key);
      if (observationIds.has(id)) r.fail(null, `the same figure (${id}) is already in ${observationIds.get(id)}`);
      observationIds.set(id, `${file}, row ${r.row}`);
      plan.observation.push({
        id, indicator_code: indicator, region_code: regionCode, period, dimension_key: key, value: used, printed: r.get('printed'),
        reading: valueRead !== null ? 'MISPRINT_READ' : 'AS_PRINTED',
        status: status.toUpperCase(), status_reason: r.get('status_reason'), answer: null, source_status: null, base_n: r.int('base_n'), note: r.get('note'),
        source_code: sourceOf(file, r), locator: r.required('locator'), tables: locatorTables(r.required('locator')), dataset_code: PUBLISHED_DATASET,
      });
      for (const [d, m] of pairs) plan.observation_member.push({ observation_id: id, member_id: `${d}:${m}` });
    }
  }

  // Other printings of figures held above: another table of the same document, or another
  // document (its folder names the source). The observation's own fields are its first printing.
  plan.observation_printing = [];
  const printingKeys = new Set<string>();
  for (const file of findFiles(dataDir, seedsDir, (f) => f === 'printings.csv')) {
    for (const r of readCsv(dataDir, file, ['indicator', 'region', 'period', 'dimensions', 'value', 'printed', 'locator', 'note'])) {
      const pairs = (r.get('dimensions') ?? '').split(';').map((p) => p.trim()).filter(Boolean).map((pair) => pair.split('=') as [string, string]);
      const id = observationId(r.required('indicator'), r.required('region'), r.int('period') ?? r.fail('period', 'a year is required'), dimensionKey(pairs));
      const figure = plan.observation.find((o) => o.id === id) ?? r.fail(null, `no figure ${id} in any observations file: a printing is another place a held figure is printed`);
      const source = sourceOf(file, r);
      const locator = r.required('locator');
      if (figure.source_code === source && figure.locator === locator) r.fail('locator', `this is the figure's own printing (${source}, ${locator})`);
      if (printingKeys.has(`${id}|${source}|${locator}`)) r.fail('locator', `this printing of ${id} is already listed`);
      printingKeys.add(`${id}|${source}|${locator}`);
      const value = r.number('value');
      if (value === null) r.fail('value', 'a printing has the value it prints');
      if (!r.get('note') && value !== figure.value) r.fail('note', `this printing (${value}) differs from the figure (${String(figure.value)}): say which the figure holds and why`);
      plan.observation_printing.push({ observation_id: id, source_code: source, locator, tables: locatorTables(locator), value, printed: r.required('printed'), note: r.get('note') });
    }
  }

  // Catalogue size per area, from the published figure
  for (const o of plan.observation) {
    if (o.indicator_code === 'skr-catalogue-size' && o.region_code === '00') {
      const areaCode = String(o.dimension_key).replace('area=', '');
      const area = plan.area.find((a) => a.code === areaCode);
      if (area) area.catalogue_size = o.value ?? null;
    }
  }

  // Intervention catalogue
  plan.intervention_category = [];
  plan.intervention = [];
  const interventionsByArea = new Map<string, Map<string, string>>();
  const interventionCodes = new Map<string, string>();
  for (const file of findFiles(dataDir, seedsDir, (f) => f === 'interventions.csv')) {
    for (const r of readCsv(dataDir, file, ['area', 'category', 'name', 'offering_count', 'answering_count', 'printed_share', 'list', 'rank', 'locator', 'note'])) {
      const area = r.required('area');
      if (!areas.has(area)) r.fail('area', `unknown area "${area}"`);
      const name = r.required('name');
      const code = `${area}:${slugify(name)}`;
      const byName = interventionsByArea.get(area) ?? new Map<string, string>();
      interventionsByArea.set(area, byName);
      if (byName.has(searchKey(name))) r.fail('name', `intervention "${name}" is already listed for ${area}`);
      byName.set(searchKey(name), code);
      claim(interventionCodes, code, r, 'name', `intervention code ${code} (names that differ only in punctuation or case get the same code)`);
      const category = r.get('category');
      let categoryCode: string | null = null;
      if (category) {
        categoryCode = `${area}:${slugify(category)}`;
        // The report prints some categories both with and without a comma or colon ("Övriga
        // insatser, riktade till ..."): one category, named as first printed; each intervention
        // keeps its own table's printing (category_printed).
        if (!plan.intervention_category.some((c) => c.code === categoryCode)) {
          plan.intervention_category.push({ code: categoryCode, area_code: area, name_sv: category, position: plan.intervention_category.filter((c) => c.area_code === area).length + 1 });
        }
      }
      const offering = r.int('offering_count');
      const answering = r.int('answering_count');
      if ((offering === null) !== (answering === null)) r.fail('answering_count', 'give both the offering and the answering count, or neither');
      if (offering !== null && answering !== null && offering > answering) r.fail('offering_count', `${offering} offering is more than the ${answering} answering`);
      // The catalogue is what SKR's tables name. A name printed only in running text or in a
      // list of free-text examples ("I fritextsvaren i enkäten återfinns följande exempel") is
      // what municipalities wrote, not a catalogue intervention: it belongs in texts.csv.
      if (!parseLocator(r.required('locator')).some((p) => p.kind === 'TABLE')) {
        r.fail('locator', `"${name}" is named in no table of the report: a catalogue intervention is named in a table (Tabell N); an example from the free-text answers belongs in texts.csv (topic wanted_without_decision)`);
      }
      const list = r.get('list');
      if (list && list !== 'top10' && list !== 'bottom10') r.fail('list', `"${list}" must be top10 or bottom10`);
      plan.intervention.push({
        code, area_code: area, category_code: categoryCode, category_printed: category, name_sv: name, search_name: searchKey(name),
        published_offering_count: offering, published_answering_count: answering, published_share_printed: r.get('printed_share'),
        uptake_list: list === 'top10' ? 'TOP_10' : list === 'bottom10' ? 'BOTTOM_10' : null, uptake_rank: r.int('rank'),
        locator: r.required('locator'), note: r.get('note'), source_code: sourceOf(file, r),
      });
    }
  }

  plan.intervention_highlight = [];
  const highlightIds = new Map<string, string>();
  for (const file of findFiles(dataDir, seedsDir, (f) => f === 'intervention_highlights.csv')) {
    for (const r of readCsv(dataDir, file, ['area', 'dimension', 'member', 'rank', 'intervention', 'locator'])) {
      const area = r.required('area');
      const memberId = `${r.required('dimension')}:${r.required('member')}`;
      if (!members.has(memberId)) r.fail('member', `unknown dimension member ${memberId}`);
      const name = r.required('intervention');
      const code = interventionsByArea.get(area)?.get(searchKey(name)) ?? r.fail('intervention', `"${name}" is not in the ${area} interventions.csv`);
      const rank = r.int('rank') ?? r.fail('rank', 'required');
      claim(highlightIds, `${area}:${memberId}:${rank}`, r, 'rank', `rank ${rank} of ${memberId} in ${area}`);
      plan.intervention_highlight.push({ id: `${area}:${memberId}:${rank}`, area_code: area, member_id: memberId, rank, intervention_code: code, locator: r.required('locator'), source_code: sourceOf(file, r) });
    }
  }

  plan.source_text = [];
  const textIds = new Map<string, string>();
  for (const file of findFiles(dataDir, seedsDir, (f) => f === 'texts.csv')) {
    for (const r of readCsv(dataDir, file, ['topic', 'area', 'position', 'text_sv', 'locator'])) {
      const area = r.get('area');
      if (area && !areas.has(area)) r.fail('area', `unknown area "${area}"`);
      const source = sourceOf(file, r);
      const position = r.int('position') ?? r.fail('position', 'required');
      const topic = r.required('topic');
      claim(textIds, `${source}:${topic}:${area ?? ''}:${position}`, r, 'position', `position ${position} of ${topic}${area ? ` in ${area}` : ''}`);
      plan.source_text.push({ id: `${source}:${topic}:${area ?? ''}:${position}`, source_code: source, topic, area_code: area, position, text_sv: r.required('text_sv'), locator: r.required('locator') });
    }
  }

  // Stockholm's action plan
  plan.action_plan = [];
  plan.action_plan_focus_area = [];
  plan.action_plan_item = [];
  for (const file of findFiles(dataDir, seedsDir, (f) => f === 'action_plan_focus_areas.csv')) {
    const source = file.split(path.sep)[1]!;
    const planCode = `${source}:handlingsplan`;
    // The plan is its document: its title is the document's, as sources.csv has it (as printed).
    const document = plan.source.find((s) => s.code === source);
    if (!document) throw new DataFileError(file, null, null, `source ${source} is not in sources.csv`);
    plan.action_plan.push({ code: planCode, title: document.title ?? null, region_code: '0180', year: document.year ?? null, source_code: source });
    const focusCodes = new Set<string>();
    const focusSeen = new Map<string, string>();
    for (const r of readCsv(dataDir, file, ['code', 'position', 'title_sv', 'description_sv', 'locator'])) {
      const code = `${planCode}:${r.required('code')}`;
      claim(focusSeen, code, r, 'code', `focus area ${r.required('code')}`);
      focusCodes.add(r.required('code'));
      plan.action_plan_focus_area.push({ code, plan_code: planCode, position: r.int('position') ?? r.fail('position', 'required'), title_sv: r.required('title_sv'), description_sv: r.get('description_sv'), locator: r.required('locator') });
    }
    const itemsFile = path.join(path.dirname(file), 'action_plan_items.csv');
    const itemSeen = new Map<string, string>();
    for (const r of readCsv(dataDir, itemsFile, ['focus_area', 'kind', 'position', 'text_sv', 'deadline', 'responsible', 'indicator', 'locator'])) {
      const fa = r.required('focus_area');
      if (!focusCodes.has(fa)) r.fail('focus_area', `unknown focus area "${fa}"`);
      const indicator = r.get('indicator');
      if (indicator && !indicators.has(indicator)) r.fail('indicator', `unknown indicator "${indicator}"`);
      const kind = r.oneOf('kind', ['FINDING', 'ACTIVITY'] as const);
      const position = r.int('position') ?? r.fail('position', 'required');
      claim(itemSeen, `${fa}:${kind}:${position}`, r, 'position', `${kind} ${position} of focus area ${fa}`);
      plan.action_plan_item.push({ id: `${planCode}:${fa}:${kind}:${position}`, focus_area_code: `${planCode}:${fa}`, kind, position, text_sv: r.required('text_sv'), deadline: r.get('deadline'), responsible: r.get('responsible'), indicator_code: indicator, locator: r.required('locator') });
    }
  }
  return plan;
}

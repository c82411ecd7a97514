/** Areas, dimensions, indicators and their figures (observations and other printings of them). */
import { DataFileError } from '../errors.js';
import { dimensionKey, observationId } from '../keys.js';
import { locatorTables, parseLocator } from '../locator.js';
import { claim, parts, PUBLISHED_DATASET, seedFiles, sourceOf, type FileKind } from './kind.js';

const KINDS = ['INDICATOR', 'BACKGROUND_MEASURE', 'SURVEY_RESULT', 'DESCRIPTIVE_STATISTIC'] as const;
const UNITS = ['PERCENT', 'COUNT', 'NUMBER', 'SEK', 'YES_NO'] as const;
const DIRECTIONS = ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'NONE'] as const;
/**
 * published: the figure, as printed. suppressed: withheld by the publisher (bortfall > 20 %).
 * missing: the source prints no figure ("-"). chart_only: the source publishes it only as a chart
 * (a bar of Figur 1) whose value is not in the text Insyn holds: published, value unknown to us.
 */
const STATUSES = ['published', 'suppressed', 'missing', 'chart_only'] as const;

export const areas: FileKind = {
  tables: ['area'],
  files: 'areas.csv',
  columns: ['code', 'name_sv', 'name_en', 'kind', 'position'],
  row: (r, ctx) => {
    const code = r.required('code');
    claim(ctx.seen('area'), code, r, 'code', `area ${code}`);
    ctx.plan.area!.push({ code, name_sv: r.required('name_sv'), name_en: r.required('name_en'), kind: r.oneOf('kind', ['SKR_AREA', 'REPORT_AREA'] as const), position: r.int('position') ?? r.fail('position', 'required'), catalogue_size: null });
    ctx.areas.add(code);
  },
};

export const dimensions: FileKind = {
  tables: ['dimension', 'dimension_member'],
  files: (ctx) => ['dimensions.csv', ...seedFiles((f) => f === 'dimensions.csv')(ctx)],
  // description_sv: the source's own words, as printed; description_en: Insyn's description.
  columns: ['dimension', 'dimension_label_sv', 'dimension_label_en', 'member', 'member_label_sv', 'member_label_en', 'position'],
  optional: ['description_sv', 'description_en'],
  row: (r, ctx, file) => {
    const dim = r.required('dimension');
    if (!/^[a-z][a-z0-9_]*$/.test(dim)) r.fail('dimension', `"${dim}" must be lower-case letters, digits and _`);
    const member = r.required('member');
    const id = `${dim}:${member}`;
    if (ctx.members.has(id)) r.fail('member', `${id} is already defined in ${ctx.members.get(id)!._file}`);
    if (!ctx.dimensions.has(dim)) ctx.dimensions.set(dim, { code: dim, label_sv: r.required('dimension_label_sv'), label_en: r.get('dimension_label_en') });
    ctx.members.set(id, { _file: file, id, dimension_code: dim, code: member, label_sv: r.required('member_label_sv'), label_en: r.get('member_label_en'), description_sv: r.get('description_sv'), description_en: r.get('description_en'), position: r.int('position') ?? 0 });
  },
  done: (ctx) => {
    ctx.plan.dimension!.push(...ctx.dimensions.values());
    ctx.plan.dimension_member!.push(...[...ctx.members.values()].map(({ _file, ...m }) => m));
    for (const area of ctx.areas) if (!ctx.members.has(`area:${area}`)) throw new DataFileError('dimensions.csv', null, 'member', `area ${area} has no member in dimension "area"`);
  },
};

export const indicators: FileKind = {
  tables: ['indicator', 'indicator_dimension'],
  files: seedFiles((f) => f === 'indicators.csv'),
  // description_en: Insyn's description, in English; description_sv only for the source's own words, as printed.
  columns: ['code', 'title_sv', 'title_en', 'description_en', 'area', 'kind', 'unit', 'direction', 'dimensions', 'kolada_kpi', 'discontinued'],
  optional: ['description_sv'],
  row: (r, ctx, file) => {
    const code = r.required('code');
    if (!/^[a-z][a-z0-9-]*$/.test(code)) r.fail('code', `"${code}" must be lower-case letters, digits and hyphens`);
    if (ctx.indicators.has(code)) r.fail('code', `indicator ${code} is already defined in ${ctx.indicators.get(code)!.file}`);
    const area = r.get('area');
    if (area && !ctx.areas.has(area)) r.fail('area', `unknown area "${area}"`);
    const kind = r.oneOf('kind', KINDS);
    const direction = r.oneOf('direction', DIRECTIONS);
    if (kind === 'BACKGROUND_MEASURE' && direction !== 'NONE') r.fail('direction', 'a background measure has no direction (NONE)');
    const dims = parts(r.get('dimensions'));
    dims.forEach((d, i) => {
      if (!ctx.dimensions.has(d)) r.fail('dimensions', `unknown dimension "${d}"`);
      ctx.plan.indicator_dimension!.push({ indicator_code: code, dimension_code: d, position: i + 1 });
    });
    const unit = r.oneOf('unit', UNITS);
    ctx.indicators.set(code, { dims, file, unit });
    ctx.plan.indicator!.push({
      code, title_sv: r.required('title_sv'), title_en: r.get('title_en'), description_sv: r.get('description_sv'), description_en: r.get('description_en'), area_code: area,
      kind, unit, direction, kolada_kpi_id: r.get('kolada_kpi'), discontinued: r.bool('discontinued'), source_code: sourceOf(ctx, file, r),
    });
  },
};

export const observations: FileKind = {
  tables: ['observation', 'observation_member'],
  files: seedFiles((f, parent) => parent === 'observations' && f.endsWith('.csv')),
  // value_read: Insyn's reading of a figure impossible as printed (docs/data-files.md).
  columns: ['indicator', 'region', 'period', 'dimensions', 'value', 'printed', 'status', 'status_reason', 'base_n', 'note', 'locator'],
  optional: ['value_read'],
  row: (r, ctx, file) => {
    const indicator = r.required('indicator');
    const def = ctx.indicators.get(indicator) ?? r.fail('indicator', `unknown indicator "${indicator}" (define it in an indicators.csv)`);
    const regionCode = r.required('region');
    if (!ctx.regions.has(regionCode)) r.fail('region', `unknown region "${regionCode}"`);
    const period = r.int('period') ?? r.fail('period', 'a year is required');
    if (period < 1990 || period > 2100) r.fail('period', `${period} is not a plausible year`);
    const pairs = parts(r.get('dimensions')).map((pair) => {
      const [dim, member] = pair.split('=').map((s) => s?.trim());
      if (!dim || !member) r.fail('dimensions', `"${pair}" is not dimension=member`);
      if (!def.dims.includes(dim!)) r.fail('dimensions', `indicator ${indicator} is not broken down by "${dim}" (it declares ${def.dims.join(', ') || 'no dimensions'})`);
      if (!ctx.members.has(`${dim}:${member}`)) r.fail('dimensions', `unknown member "${member}" of dimension "${dim}"`);
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
    if (ctx.observationIds.has(id)) r.fail(null, `the same figure (${id}) is already in ${ctx.observationIds.get(id)}`);
    ctx.observationIds.set(id, `${file}, row ${r.row}`);
    ctx.plan.observation!.push({
      id, indicator_code: indicator, region_code: regionCode, period, dimension_key: key, value: used, printed: r.get('printed'),
      reading: valueRead !== null ? 'MISPRINT_READ' : 'AS_PRINTED',
      status: status.toUpperCase(), status_reason: r.get('status_reason'), answer: null, source_status: null, base_n: r.int('base_n'), note: r.get('note'),
      source_code: sourceOf(ctx, file, r), locator: r.required('locator'), tables: locatorTables(r.required('locator')), dataset_code: PUBLISHED_DATASET,
    });
    for (const [d, m] of pairs) ctx.plan.observation_member!.push({ observation_id: id, member_id: `${d}:${m}` });
  },
  // Each area's catalogue size is the published figure skr-catalogue-size for Riket.
  done: (ctx) => {
    for (const o of ctx.plan.observation!) {
      if (o.indicator_code !== 'skr-catalogue-size' || o.region_code !== '00') continue;
      const area = ctx.plan.area!.find((a) => a.code === String(o.dimension_key).replace('area=', ''));
      if (area) area.catalogue_size = o.value ?? null;
    }
  },
};

/**
 * Other printings of figures held above: another table of the same document, or another
 * document (its folder names the source). The observation's own fields are its first printing.
 */
export const printings: FileKind = {
  tables: ['observation_printing'],
  files: seedFiles((f) => f === 'printings.csv'),
  columns: ['indicator', 'region', 'period', 'dimensions', 'value', 'printed', 'locator', 'note'],
  row: (r, ctx, file) => {
    const pairs = parts(r.get('dimensions')).map((pair) => pair.split('=') as [string, string]);
    const id = observationId(r.required('indicator'), r.required('region'), r.int('period') ?? r.fail('period', 'a year is required'), dimensionKey(pairs));
    const figure = ctx.plan.observation!.find((o) => o.id === id) ?? r.fail(null, `no figure ${id} in any observations file: a printing is another place a held figure is printed`);
    const source = sourceOf(ctx, file, r);
    const locator = r.required('locator');
    if (figure.source_code === source && figure.locator === locator) r.fail('locator', `this is the figure's own printing (${source}, ${locator})`);
    const listed = ctx.seen('printing');
    if (listed.has(`${id}|${source}|${locator}`)) r.fail('locator', `this printing of ${id} is already listed`);
    listed.set(`${id}|${source}|${locator}`, file);
    const value = r.number('value');
    if (value === null) r.fail('value', 'a printing has the value it prints');
    if (!r.get('note') && value !== figure.value) r.fail('note', `this printing (${value}) differs from the figure (${String(figure.value)}): say which the figure holds and why`);
    ctx.plan.observation_printing!.push({ observation_id: id, source_code: source, locator, tables: locatorTables(locator), value, printed: r.required('printed'), note: r.get('note') });
  },
};

/** Sources, regions (Riket, counties, municipalities, districts) and SKR's municipality groups. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { slugify } from '../csv.js';
import { searchKey } from '../../lookup/search-key.js';
import { DataFileError } from '../errors.js';
import { claim, isDate, MEMBERSHIP_REVISION, PUBLISHED_DATASET, type Context, type FileKind, type Row } from './kind.js';

const ref = (f: string) => path.join('reference', f);

export const sources: FileKind = {
  tables: ['source', 'dataset'],
  files: 'sources.csv',
  columns: ['code', 'publisher', 'title', 'year', 'url', 'licence', 'attribution', 'seed_file'],
  row: (r, ctx) => {
    const code = r.required('code');
    claim(ctx.seen('source'), code, r, 'code', `source ${code}`);
    ctx.plan.source!.push({
      code, publisher: r.required('publisher'), title: r.required('title'), year: r.int('year') ?? r.fail('year', 'a year is required'),
      url: r.get('url'), licence: r.required('licence'), attribution: r.required('attribution'), seed_file: r.get('seed_file'),
    });
    ctx.sources.add(code);
  },
  done: (ctx) => {
    // Seed folders are found by listing, so a deleted folder would otherwise just drop its
    // figures: every source must keep its indicators.csv.
    for (const code of ctx.sources) {
      const indicatorsFile = path.join('seeds', code, 'indicators.csv');
      if (!existsSync(path.join(ctx.dataDir, indicatorsFile))) throw new DataFileError(indicatorsFile, null, null, `the file is missing (source ${code} is in sources.csv)`);
    }
    // Every figure of these files belongs to the published data set (imports add others).
    ctx.plan.dataset!.push({
      code: PUBLISHED_DATASET, title: 'Published figures', synthetic: false, kind: 'PUBLISHED',
      description: 'Figures as printed in the source documents, each with its document and table or figure.',
    });
  },
};

/** The Kolada ids that exist: a region links only to one Kolada has. */
export const koladaAreas: FileKind = {
  tables: [],
  files: ref('kolada-areas.csv'),
  columns: ['id', 'title', 'type'],
  row: (r, ctx) => void ctx.koladaIds.add(r.required('id')),
};

export const counties: FileKind = {
  tables: ['region'],
  files: ref('counties.csv'),
  columns: ['county_code', 'county_name', 'county_name_short'],
  // The country, which no reference file lists.
  start: (ctx) => addRegion(ctx, { code: '00', level: 'COUNTRY', name: 'Riket', short_name: 'Riket', search_name: 'riket', parent_code: null, kolada_id: ctx.koladaIds.has('0000') ? '0000' : null, valid_from: null, note: null }),
  row: (r, ctx) => {
    const code = r.required('county_code');
    claim(ctx.seen('region'), code, r, 'county_code', `county ${code}`);
    if (!/^\d{2}$/.test(code)) r.fail('county_code', `"${code}" is not a two-digit SCB county code`);
    const name = r.required('county_name');
    addRegion(ctx, { code, level: 'COUNTY', name, short_name: r.required('county_name_short'), search_name: searchKey(name), parent_code: '00', kolada_id: ctx.koladaIds.has(`00${code}`) ? `00${code}` : null, valid_from: null, note: null });
    ctx.counties.add(code);
  },
};

export const municipalities: FileKind = {
  tables: ['region'],
  files: ref('municipalities.csv'),
  columns: ['municipality_code', 'municipality_name', 'municipality_name_short', 'county_code', 'county_name', 'county_name_short'],
  row: (r, ctx) => {
    const code = r.required('municipality_code');
    const county = r.required('county_code');
    if (!/^\d{4}$/.test(code) || code.slice(0, 2) !== county) r.fail('municipality_code', `"${code}" is not a four-digit SCB code starting with its county code ${county}`);
    if (!ctx.counties.has(county)) r.fail('county_code', `unknown county "${county}"`);
    const short = r.required('municipality_name_short');
    claim(ctx.seen('region'), code, r, 'municipality_code', `municipality ${code}`);
    addRegion(ctx, { code, level: 'MUNICIPALITY', name: r.required('municipality_name'), short_name: short, search_name: searchKey(short), parent_code: county, kolada_id: ctx.koladaIds.has(code) ? code : null, valid_from: null, note: null });
    ctx.municipalities.add(code);
  },
};

export const districts: FileKind = {
  tables: ['region'],
  files: ref('city-districts.csv'),
  columns: ['municipality_code', 'district_name', 'kind', 'valid_from', 'note'],
  row: (r, ctx) => {
    const parent = r.required('municipality_code');
    if (!ctx.municipalities.has(parent)) r.fail('municipality_code', `unknown municipality "${parent}"`);
    const name = r.required('district_name');
    const validFrom = r.get('valid_from');
    if (validFrom && !isDate(validFrom)) r.fail('valid_from', `"${validFrom}" is not a date (YYYY-MM-DD)`);
    const code = `${parent}-${slugify(name)}`;
    claim(ctx.seen('region'), code, r, 'district_name', `district ${code}`);
    const kind = r.required('kind') === 'stadsdelsomrade' ? 'stadsdelsområde' : 'socialförvaltning';
    addRegion(ctx, { code, level: 'DISTRICT', name: `${name} (${kind})`, short_name: name, search_name: searchKey(name), parent_code: parent, kolada_id: null, valid_from: validFrom, note: r.get('note') });
  },
};

function addRegion(ctx: Context, region: Row) {
  ctx.plan.region!.push(region);
  ctx.regions.add(region.code as string);
}

export const municipalityGroups: FileKind = {
  tables: ['municipality_group', 'municipality_group_membership'],
  files: ref('kommungrupper.csv'),
  columns: ['municipality_code', 'municipality_name', 'kommungrupp_code', 'kommungrupp_name', 'huvudgrupp_code', 'huvudgrupp_name', 'kolada_group_id'],
  row: (r, ctx) => {
    const muni = r.required('municipality_code');
    if (!ctx.municipalities.has(muni)) r.fail('municipality_code', `unknown municipality "${muni}"`);
    const main = r.required('huvudgrupp_code');
    const group = r.required('kommungrupp_code');
    if (!ctx.groups.has(main)) ctx.groups.set(main, { code: main, name: r.required('huvudgrupp_name'), main_group_code: null, kolada_id: null });
    if (!ctx.groups.has(group)) ctx.groups.set(group, { code: group, name: r.required('kommungrupp_name'), main_group_code: main, kolada_id: r.get('kolada_group_id') });
    ctx.plan.municipality_group_membership!.push({ region_code: muni, group_code: group, revision: MEMBERSHIP_REVISION });
  },
  done: (ctx) => void ctx.plan.municipality_group!.push(...[...ctx.groups.values()].sort((a, b) => String(a.code).localeCompare(String(b.code)))),
};

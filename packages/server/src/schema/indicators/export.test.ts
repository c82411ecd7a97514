/// <reference path="../../../../../test/support/jsonstat-toolkit.d.ts" />
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSONstat from 'jsonstat-toolkit';
import { describe, expect, it } from 'vitest';
import { graphql } from '@test/gql/index.js';
import { expectGraphQLError, expectNoGraphQLErrors, testServer } from '@test/support/server.js';
import { CSV_COLUMNS } from './export.js';

const { execute, yoga } = testServer();

const ExportLink = graphql(`
  query ExportTestLink($filter: ObservationFilter!) {
    observationExport(filter: $filter) { url csvUrl jsonStatUrl xlsxUrl rowCount attributions }
  }
`);

async function download(path: string) {
  const response = await yoga.fetch(`http://yoga${path}`);
  return { response, text: await response.text() };
}

const IBIC_FILTER = { indicators: ['oj-ibic-utredning'], members: ['area:socialpsykiatri'] };

describe('CSV export', () => {
  it('gives a link, row count and the attribution of every source in it', async () => {
    const data = expectNoGraphQLErrors(await execute(ExportLink, { filter: IBIC_FILTER }));
    expect(data.observationExport.rowCount).toBe(6);
    expect(data.observationExport.attributions).toEqual(['Källa: Socialstyrelsen, Öppna jämförelser 2022, socialpsykiatri']);
    expect(data.observationExport.url).toMatch(/^http:\/\/yoga\/export\/observations\.csv\?filter=/);
  });

  it('downloads the rows of the filter, each with its source, table and attribution', async () => {
    const { observationExport } = expectNoGraphQLErrors(await execute(ExportLink, { filter: IBIC_FILTER }));
    const url = new URL(observationExport.url);
    const { response, text } = await download(url.pathname + url.search);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // The file name says what it holds: the indicator and the series.
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="insyn-observations_oj-ibic-utredning_area-socialpsykiatri.csv"');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const [header, ...rows] = parse(text) as string[][];
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(observationExport.rowCount);
    const records = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
    // Öppna jämförelser 2022, Tabell 2, Socialpsykiatri.
    expect(records.map((r) => [r.period, r.value])).toEqual([['2017', '8'], ['2018', '13'], ['2019', '22'], ['2020', '37'], ['2021', '43'], ['2022', '53']]);
    for (const r of records) {
      expect(r).toMatchObject({ indicator: 'oj-ibic-utredning', region: '00', region_name: 'Riket', status: 'PUBLISHED', dataset: 'published', synthetic: 'false', attribution: 'Källa: Socialstyrelsen, Öppna jämförelser 2022, socialpsykiatri' });
      expect(r.source_table).toMatch(/^Tabell 2/);
    }
  });

  it('exports suppressed rows with their reason and an empty value', async () => {
    const filter = { indicators: ['oj-lss-handlaggare-socionomexamen'], level: 'COUNTY' };
    const { text } = await download(`/export/observations.csv?filter=${encodeURIComponent(JSON.stringify(filter))}`);
    const [header, ...rows] = parse(text) as string[][];
    const records = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
    const suppressed = records.filter((r) => r.status === 'SUPPRESSED');
    expect(suppressed.map((r) => [r.region_name, r.status, r.value])).toEqual([
      ['Jönköpings län', 'SUPPRESSED', ''], ['Västmanlands län', 'SUPPRESSED', ''], ['Västernorrlands län', 'SUPPRESSED', ''],
    ]);
    expect(suppressed.every((r) => /överstiger 20 procent/.test(r.status_reason!))).toBe(true);
    // The other 18 counties: bars of Figur 1 whose values the text lacks, exported with that status and no value.
    const chartOnly = records.filter((r) => r.status === 'CHART_ONLY');
    expect(chartOnly).toHaveLength(18);
    expect(chartOnly.every((r) => r.value === '' && /Figur 1/.test(r.status_reason!))).toBe(true);
  });

  it('has no page limit: every Tabell 5-7 county row in one file', async () => {
    const filter = { indicators: ['skr-form-share', 'skr-provider-share', 'skr-decision-share'] };
    const { observationExport } = expectNoGraphQLErrors(await execute(ExportLink, { filter }));
    expect(observationExport.rowCount).toBeGreaterThan(500);
    const { text } = await download(`/export/observations.csv?filter=${encodeURIComponent(JSON.stringify(filter))}`);
    expect(parse(text)).toHaveLength(observationExport.rowCount + 1);
  });

  it('answers a bad filter with a code and status 400, not an empty file', async () => {
    const notJson = await download('/export/observations.csv?filter=%7Bnope');
    expect(notJson.response.status).toBe(400);
    expect(JSON.parse(notJson.text).errors[0].extensions.code).toBe('INVALID_FILTER');
    const unknown = await download(`/export/observations.csv?filter=${encodeURIComponent(JSON.stringify({ indicators: ['oj-ibic-utreding'] }))}`);
    expect(unknown.response.status).toBe(400);
    expect(JSON.parse(unknown.text).errors[0]).toMatchObject({ extensions: { code: 'UNKNOWN_INDICATOR' }, message: expect.stringMatching(/Did you mean oj-ibic-utredning/) });
  });

  it('checks the filter of the GraphQL field too', async () => {
    expectGraphQLError(await execute(ExportLink, { filter: { periodFrom: 1800 } }), 'PERIOD_OUT_OF_RANGE');
  });
});

/** The bytes of an export, fetched in process. */
async function bytes(url: string) {
  const { pathname, search } = new URL(url, 'http://yoga');
  const response = await yoga.fetch(`http://yoga${pathname}${search}`);
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

describe('CSV for Excel', () => {
  it('puts a UTF-8 byte order mark before the header with bom=1, and å/ä/ö stay UTF-8', async () => {
    const { observationExport } = expectNoGraphQLErrors(await execute(ExportLink, { filter: IBIC_FILTER }));
    const { response, body } = await bytes(`${observationExport.csvUrl}&bom=1`);
    expect(response.status).toBe(200);
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.subarray(3).toString('utf8');
    expect(text.startsWith('indicator,indicator_title_sv,')).toBe(true);
    expect(text).toContain('Källa: Socialstyrelsen, Öppna jämförelser 2022, socialpsykiatri');
  });

  it('refuses a bom that is neither 1 nor 0 with a code', async () => {
    const { response, body } = await bytes(`/export/observations.csv?bom=yes`);
    expect(response.status).toBe(400);
    expect(JSON.parse(body.toString()).errors[0].extensions.code).toBe('INVALID_ARGUMENT');
  });
});

describe('JSON-stat 2.0 export', () => {
  it('opens with jsonstat-toolkit: IBIC in social psychiatry investigations, Riket 2022 = 53, with the source of the cell', async () => {
    const { observationExport } = expectNoGraphQLErrors(await execute(ExportLink, { filter: { indicators: ['oj-ibic-utredning'] } }));
    expect(observationExport.jsonStatUrl).toMatch(/^http:\/\/yoga\/export\/observations\.json\?filter=/);
    const { response, body } = await bytes(observationExport.jsonStatUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="insyn-observations_oj-ibic-utredning.jsonstat.json"');
    const json = JSON.parse(body.toString('utf8'));
    const ds = JSONstat(json);
    expect(ds.class).toBe('dataset');
    expect(json.version).toBe('2.0');
    expect(ds.id).toEqual(['indicator', 'region', 'period', 'area']);
    const cell = { indicator: 'oj-ibic-utredning', region: '00', period: '2022', area: 'socialpsykiatri' };
    expect(ds.Data(cell)).toMatchObject({ value: 53, status: null });
    expect(ds.Data({ ...cell, period: '2017' })?.value).toBe(8);
    expect(ds.Dimension('area')?.Category('socialpsykiatri')?.label).toBe('Socialpsykiatri');
    // Every figure of the export is a cell with its source, table and dataset in the extension.
    expect(Object.keys(json.value)).toHaveLength(observationExport.rowCount);
    const index = ds.id.reduce((i: number, d: string, k: number) => i * json.size[k] + json.dimension[d].category.index[(cell as Record<string, string>)[d]!], 0);
    const details = json.extension.cells[index];
    expect(details).toMatchObject({ printed: '53', dataset: 'published', synthetic: false });
    expect(details.table).toMatch(/^Tabell 2/);
    expect(json.extension.sources[details.source]).toMatchObject({ publisher: 'Socialstyrelsen', attribution: 'Källa: Socialstyrelsen, Öppna jämförelser 2022, socialpsykiatri' });
    expect(ds.note).toContain('Källa: Socialstyrelsen, Öppna jämförelser 2022, socialpsykiatri');
  });

  it('gives each suppressed cell its status and the reason as the cell note', async () => {
    const filter = { indicators: ['oj-lss-handlaggare-socionomexamen'], level: 'COUNTY' };
    const { body } = await bytes(`/export/observations.json?filter=${encodeURIComponent(JSON.stringify(filter))}`);
    const json = JSON.parse(body.toString('utf8'));
    const ds = JSONstat(json);
    const period = Object.keys(json.dimension.period.category.index)[0]!;
    const at = (region: string) => ({ indicator: 'oj-lss-handlaggare-socionomexamen', region, period, ...Object.fromEntries(ds.id.slice(3).map((d: string) => [d, Object.keys(json.dimension[d].category.index)[0]!])) });
    // Jönköpings län (06), Västmanlands län (19), Västernorrlands län (22) are suppressed in the source.
    for (const county of ['06', '19', '22']) expect(ds.Data(at(county))).toMatchObject({ value: null, status: 'SUPPRESSED' });
    const suppressed = Object.entries(json.status as Record<string, string>).filter(([, s]) => s === 'SUPPRESSED').map(([i]) => json.extension.cells[i]);
    expect(suppressed).toHaveLength(3);
    expect(suppressed.every((c: { statusReason: string }) => /överstiger 20 procent/.test(c.statusReason))).toBe(true);
  });
});

describe('Excel export', () => {
  it('opens with exceljs: the figures on one sheet, and a sources sheet with the source of each figure', async () => {
    const { observationExport } = expectNoGraphQLErrors(await execute(ExportLink, { filter: IBIC_FILTER }));
    const { response, body } = await bytes(observationExport.xlsxUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="insyn-observations_oj-ibic-utredning_area-socialpsykiatri.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['observations', 'sources']);
    const rowsOf = (sheet: ExcelJS.Worksheet) => {
      const values = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
      const [header, ...rows] = values;
      return rows.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i]])));
    };
    const figures = rowsOf(book.getWorksheet('observations')!);
    expect(figures.map((r) => [r.period, r.value])).toEqual([[2017, 8], [2018, 13], [2019, 22], [2020, 37], [2021, 43], [2022, 53]]);
    const sources = rowsOf(book.getWorksheet('sources')!);
    // Every figure's source is on the sources sheet, with its credit line and licence.
    for (const f of figures) expect(sources.map((s) => s.title)).toContain(f.source);
    expect(sources).toEqual([expect.objectContaining({ publisher: 'Socialstyrelsen', attribution: 'Källa: Socialstyrelsen, Öppna jämförelser 2022, socialpsykiatri', figures: 6, licence: expect.any(String) })]);
  });
});

describe('CSV export filter, checked like a GraphQL variable', () => {
  async function csv(filter: unknown) {
    const response = await yoga.fetch(`http://yoga/export/observations.csv?filter=${encodeURIComponent(typeof filter === 'string' ? filter : JSON.stringify(filter))}`);
    const text = await response.text();
    return { status: response.status, text, error: response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text).errors[0] : undefined };
  }

  it('an unknown field is a 400 with the field suggested, not every observation', async () => {
    const r = await csv({ indicatorz: ['oj-ibic-utredning'] });
    expect(r.status).toBe(400);
    expect(r.error.extensions.code).toBe('INVALID_FILTER');
    expect(r.error.message).toMatch(/"indicatorz" is not defined by type "ObservationFilter". Did you mean "indicators"\?/);
  });

  it('a wrong type, a lower-case enum or a bad date is a 400, not "Unexpected error."', async () => {
    for (const filter of [{ periodFrom: '2020' }, { level: 'county' }, { statuses: ['published'] }, { updatedSince: 'yesterday' }]) {
      const r = await csv(filter);
      expect(r.status, JSON.stringify(filter)).toBe(400);
      expect(r.error.extensions.code, JSON.stringify(filter)).toBe('INVALID_FILTER');
      expect(r.error.message, JSON.stringify(filter)).toMatch(/^filter\.\w+/);
    }
    expect((await csv({ level: 'county' })).error.message).toMatch(/Did you mean the enum value "COUNTRY" or "COUNTY"/);
  });

  it('a member of a dimension the indicator lacks is a 400 naming its dimensions, not an empty file', async () => {
    const r = await csv({ indicators: ['oj-ibic-utredning'], members: ['form:digital_only'] });
    expect(r.status).toBe(400);
    expect(r.error.extensions).toMatchObject({ code: 'INVALID_FILTER', input: 'form:digital_only', dimensions: ['area'] });
    expect((await csv({ periodFrom: '2020' })).error.message).toMatch(/^filter\.periodFrom: Int cannot represent non-integer value: "2020"\. /);
  });

  it('an unknown code carries the same details as in GraphQL (input, suggestions)', async () => {
    const r = await csv({ indicators: ['oj-ibic-utreding'] });
    expect(r.status).toBe(400);
    expect(r.error.extensions).toMatchObject({ code: 'UNKNOWN_INDICATOR', input: 'oj-ibic-utreding', suggestions: expect.arrayContaining(['oj-ibic-utredning']) });
  });

  it('a single code where a list is expected is read as a one-element list, as GraphQL does', async () => {
    const r = await csv({ indicators: 'oj-ibic-utredning', members: 'area:socialpsykiatri', updatedSince: '2000-01-01T00:00:00Z' });
    expect(r.status).toBe(200);
    const [header, ...rows] = parse(r.text) as string[][];
    const value = header!.indexOf('value');
    const period = header!.indexOf('period');
    // Öppna jämförelser 2022, Tabell 2: 8, 13, 22, 37, 43, 53.
    expect(rows.map((row) => [row[period], row[value]])).toEqual([['2017', '8'], ['2018', '13'], ['2019', '22'], ['2020', '37'], ['2021', '43'], ['2022', '53']]);
  });
});

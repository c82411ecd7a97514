/// <reference path="../../../../../test/support/jsonstat-toolkit.d.ts" />
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSONstat from 'jsonstat-toolkit';
import { describe, expect, it } from 'vitest';
import { graphql } from '@test/gql/index.js';
import { expectNoGraphQLErrors, testServer } from '@test/support/server.js';
import { OFFERING_COLUMNS } from './export.js';

const { execute, yoga } = testServer();

const ExportLinks = graphql(`
  query OfferingExportTestLinks($intervention: String!, $filter: OfferingFilter) {
    offeringExport(intervention: $intervention, filter: $filter) { csvUrl jsonStatUrl xlsxUrl rowCount synthetic attributions }
    offerings(intervention: $intervention, filter: $filter) { totalCount }
  }
`);

async function download(url: string) {
  const { pathname, search } = new URL(url, 'http://yoga');
  const response = await yoga.fetch(`http://yoga${pathname}${search}`);
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

const HOME_CARE = { intervention: 'aldre:hemtjanst', filter: { county: '01' } };

describe('offerings export (who offers an intervention)', () => {
  it('gives links and the row count of `offerings`, and says the demo records are SYNTHETIC, in the response too', async () => {
    const result = await execute(ExportLinks, HOME_CARE);
    const { offeringExport, offerings } = expectNoGraphQLErrors(result);
    expect(offeringExport.rowCount).toBe(offerings.totalCount);
    expect(offeringExport.rowCount).toBeGreaterThan(0);
    expect(offeringExport.synthetic).toBe(true);
    expect(offeringExport.attributions[0]).toMatch(/SYNTHETIC/);
    expect(result.extensions?.synthetic).toMatchObject({ datasets: ['synthetic-offerings-2022'] });
    expect(offeringExport.csvUrl).toBe('http://yoga/export/offerings.csv?intervention=aldre%3Ahemtjanst&filter=%7B%22county%22%3A%2201%22%2C%22offered%22%3Atrue%7D');
  });

  it('downloads the CSV (no longer 404): every record names its data set and is marked synthetic; the file name says so', async () => {
    const { offeringExport } = expectNoGraphQLErrors(await execute(ExportLinks, HOME_CARE));
    const { response, body } = await download(offeringExport.csvUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="insyn-offerings_synthetic_aldre-hemtjanst_synthetic-offerings-2022_county-01.csv"');
    const [header, ...rows] = parse(body.toString('utf8')) as string[][];
    expect(header).toEqual([...OFFERING_COLUMNS]);
    expect(rows).toHaveLength(offeringExport.rowCount);
    const records = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
    for (const r of records) {
      expect(r).toMatchObject({ intervention: 'aldre:hemtjanst', county: '01', offered: 'true', dataset: 'synthetic-offerings-2022', synthetic: 'true' });
      expect(r.attribution).toMatch(/^SYNTHETIC demo data/);
    }
  });

  it('gives JSON-stat 2.0 that jsonstat-toolkit reads, the same records, with the synthetic notice', async () => {
    const { offeringExport } = expectNoGraphQLErrors(await execute(ExportLinks, HOME_CARE));
    const { response, body } = await download(offeringExport.jsonStatUrl);
    expect(response.status).toBe(200);
    const json = JSON.parse(body.toString('utf8'));
    const ds = JSONstat(json);
    expect(ds.id).toEqual(['region', 'intervention', 'round', 'measure']);
    expect(ds.note?.[0]).toMatch(/^SYNTHETIC demo data/);
    expect(json.extension.synthetic.datasets).toEqual(['synthetic-offerings-2022']);
    const csv = parse((await download(offeringExport.csvUrl)).body.toString('utf8'), { columns: true }) as Record<string, string>[];
    for (const r of csv) {
      const at = { region: r.region!, intervention: 'aldre:hemtjanst', round: r.round! };
      expect(ds.Data({ ...at, measure: 'offered' })?.value).toBe(1);
      expect(ds.Data({ ...at, measure: 'form' })?.value).toBe(r.form || null);
    }
    expect(Object.values(json.extension.cells).every((c) => (c as { synthetic: boolean }).synthetic === true)).toBe(true);
  });

  it('gives an Excel workbook with the notice above the records and a sources sheet naming the data set', async () => {
    const { offeringExport } = expectNoGraphQLErrors(await execute(ExportLinks, HOME_CARE));
    const { body } = await download(offeringExport.xlsxUrl);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['offerings', 'sources']);
    const data = book.getWorksheet('offerings')!;
    expect(String(data.getCell('A1').value)).toMatch(/^SYNTHETIC demo data/);
    expect(data.getRow(2).values).toEqual([undefined, ...OFFERING_COLUMNS]);
    expect(data.actualRowCount).toBe(offeringExport.rowCount + 2);
    const sources = book.getWorksheet('sources')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(sources[1]).toEqual(['synthetic-offerings-2022', 'SYNTHETIC', 'SYNTHETIC demo offerings (SKR survey 2022 shape)', true, expect.stringMatching(/^Synthetic, not real answers/), offeringExport.rowCount]);
  });

  it('answers a missing or unknown intervention and a bad filter with a code and status 400', async () => {
    const missing = await download('/export/offerings.csv');
    expect(missing.response.status).toBe(400);
    expect(JSON.parse(missing.body.toString()).errors[0].extensions.code).toBe('INVALID_ARGUMENT');
    const unknown = await download('/export/offerings.json?intervention=aldre:hemtjanstt');
    expect(unknown.response.status).toBe(400);
    expect(JSON.parse(unknown.body.toString()).errors[0]).toMatchObject({ extensions: { code: 'UNKNOWN_INTERVENTION' }, message: expect.stringMatching(/aldre:hemtjanst/) });
    const badFilter = await download(`/export/offerings.xlsx?intervention=aldre:hemtjanst&filter=${encodeURIComponent('{"form":"digital"}')}`);
    expect(badFilter.response.status).toBe(400);
    expect(JSON.parse(badFilter.body.toString()).errors[0].message).toMatch(/^filter\.form: /);
    const other = await download('/export/regions.csv');
    expect(other.response.status).toBe(404);
    expect(JSON.parse(other.body.toString()).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

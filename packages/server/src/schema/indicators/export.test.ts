import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { graphql } from '../../../../../test/gql/index.js';
import { expectGraphQLError, expectNoGraphQLErrors, testServer } from '../../../../../test/support/server.js';
import { CSV_COLUMNS } from './export.js';

const { execute, yoga } = testServer();

const ExportLink = graphql(`
  query ExportTestLink($filter: ObservationFilter!) {
    observationExport(filter: $filter) { url rowCount attributions }
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
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="insyn-observations\.csv"/);
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

import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { dataDir } from '../../packages/server/src/db/paths.js';
import { readCsv } from '../../packages/server/src/load/csv.js';

/**
 * A local HTTP server answering like Kolada API v3, built only from the reference files:
 * kolada-v3-sample.json (KPI metadata, the envelope), kolada-oj-kpis.csv (the ÖJ KPIs'
 * metadata) and kolada-v3-data-sample.csv (N00945 for Stockholm, Malmö, Göteborg; every figure
 * served is one of those). Nothing is invented: a "change" or a malformed row is one of those
 * rows, marked or broken.
 */

export interface DataRow { kpi: string; municipality: string; period: number; values: { gender: string; count: number; status: string; value: number | null }[]; isdeleted?: boolean }

const reference = path.join(dataDir, 'reference');
const sample = JSON.parse(readFileSync(path.join(reference, 'kolada-v3-sample.json'), 'utf8')) as Record<string, { values: Record<string, unknown>[] }>;

/** The KPI metadata: the JSON sample's (U28500, N00945) and the ÖJ reference file's, as Kolada v3 spells the fields. */
export const kpiMetadata: Map<string, Record<string, unknown>> = (() => {
  const kpis = new Map<string, Record<string, unknown>>();
  const na = (v: string | null) => (v === null || v === 'NA' ? null : v);
  for (const r of readCsv(dataDir, 'reference/kolada-oj-kpis.csv', ['id', 'title', 'description', 'is_divided_by_gender', 'municipality_type', 'auspice', 'operating_area', 'perspective', 'prel_publication_date', 'publication_date', 'publ_period', 'has_ou_data'])) {
    kpis.set(r.required('id'), {
      id: r.required('id'), title: r.required('title'), description: r.required('description'), is_divided_by_gender: r.bool('is_divided_by_gender'),
      municipality_type: r.required('municipality_type'), auspice: r.get('auspice'), operating_area: r.get('operating_area'), perspective: r.get('perspective'),
      prel_publication_date: na(r.get('prel_publication_date')), publication_date: na(r.get('publication_date')), publ_period: na(r.get('publ_period')), has_ou_data: r.bool('has_ou_data'),
    });
  }
  for (const kpi of sample['GET /v3/kpi/U28500,N00945']!.values) kpis.set(kpi.id as string, kpi);
  return kpis;
})();

/** Kolada's areas (Riket, regions, municipalities) from kolada-areas.csv. */
export const areas = readCsv(dataDir, 'reference/kolada-areas.csv', ['id', 'title', 'type']).map((r) => ({ id: r.required('id'), title: r.required('title'), type: r.required('type') }));

/** The data sample's rows in v3's shape: one row per KPI × municipality × year, its values per gender. */
export const dataRows: DataRow[] = readCsv(dataDir, 'reference/kolada-v3-data-sample.csv', ['gender', 'count', 'status', 'value', 'kpi', 'year', 'municipality_id', 'municipality', 'municipality_type']).map((r) => ({
  kpi: r.required('kpi'), municipality: r.required('municipality_id'), period: r.int('year')!,
  values: [{ gender: r.required('gender'), count: r.int('count')!, status: r.get('status') ?? '', value: r.number('value') }],
}));

/** The JSON sample's data rows (to check the CSV's rows are the same figures). */
export const jsonDataRows = sample['GET /v3/data/kpi/N00945/municipality/0180,1280,1480/year/2000']!.values as unknown as DataRow[];

export interface Fault { match: (path: string) => boolean; status: number; headers?: Record<string, string>; times: number }

export interface ReplayOptions {
  /** Rows per page (Kolada's cap is larger; a small one makes the replay page). */
  pageSize: number;
  /** Answers instead of the data: the first `times` requests matching get `status`. */
  faults?: Fault[];
  /** What a `from_date` request answers: these rows (already marked). */
  changes?: DataRow[];
  /** Served instead of the sample's rows (e.g. with one row broken). */
  rows?: unknown[];
}

export interface Replay { url: string; requests: string[]; close(): Promise<void> }

export async function startReplay(options: ReplayOptions): Promise<Replay> {
  const requests: string[] = [];
  const faults = (options.faults ?? []).map((f) => ({ ...f }));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://replay');
    requests.push(`${url.pathname}${url.search}`);
    const fault = faults.find((f) => f.times > 0 && f.match(`${url.pathname}${url.search}`));
    if (fault) {
      fault.times--;
      res.writeHead(fault.status, { 'content-type': 'text/plain', ...fault.headers }).end(`replayed ${fault.status}`);
      return;
    }
    const parts = url.pathname.split('/').filter(Boolean);
    let values: unknown[] | null = null;
    if (parts[0] === 'v3' && parts[1] === 'kpi' && parts.length === 3) values = parts[2]!.split(',').map((id) => kpiMetadata.get(id)).filter(Boolean) as unknown[];
    else if (url.pathname === '/v3/municipality') values = areas;
    else if (parts[0] === 'v3' && parts[1] === 'data' && parts[2] === 'kpi' && parts[4] === 'municipality' && parts[6] === 'year' && parts.length === 8) {
      const ids = new Set(parts[5]!.split(','));
      const years = new Set(parts[7]!.split(',').map(Number));
      const rows = url.searchParams.has('from_date') ? options.changes ?? [] : options.rows ?? dataRows;
      values = (rows as DataRow[]).filter((r) => r.kpi === parts[3] && ids.has(r.municipality) && years.has(r.period));
    }
    if (!values) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not a route of this replay' }));
      return;
    }
    const page = Number(url.searchParams.get('page') ?? '1');
    const slice = values.slice((page - 1) * options.pageSize, page * options.pageSize);
    const next = page * options.pageSize < values.length ? new URL(url) : null;
    next?.searchParams.set('page', String(page + 1));
    const origin = `http://${req.headers.host}`;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count: slice.length, values: slice, next_url: next ? `${origin}${next.pathname}${next.search}` : null, previous_url: null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

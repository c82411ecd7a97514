import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { exportFileName, toCsv, toJsonStat, toXlsx, type ExportFormat, type Table } from '../../export/formats.js';
import { requireDataset } from './dataset.js';
import { OfferingFilter, offeringWhere, type OfferingFilterInput } from './offerings.js';

/** Who offers an intervention in each format: `/export/offerings.<csv|json|xlsx>?intervention=…[&filter=<OfferingFilter as JSON>][&dataset=…]`. */
export const offeringExportPath = (format: ExportFormat) => `/export/offerings.${format}`;

export const OFFERING_COLUMNS = [
  'region', 'region_name', 'county', 'intervention', 'intervention_name_sv', 'area', 'round', 'offered', 'form', 'provider', 'decision', 'reach_band',
  'dataset', 'dataset_title', 'synthetic', 'source', 'attribution',
] as const;

const SOURCE_COLUMNS = ['source', 'kind', 'title', 'synthetic', 'description', 'records'] as const;

export interface OfferingExportArgs { intervention: string; filter?: OfferingFilterInput | null; dataset?: string | null }

async function offeringRows(ctx: Context, args: OfferingExportArgs) {
  const dataset = await requireDataset(ctx, args.dataset);
  const where = await offeringWhere(ctx, args.intervention, args.filter ?? {}, dataset.code);
  const rows = await ctx.prisma.offering.findMany({
    where,
    orderBy: [{ regionCode: 'asc' }, { interventionCode: 'asc' }, { round: 'asc' }, { datasetCode: 'asc' }],
    include: { region: true, intervention: { include: { source: true } }, dataset: true },
  });
  return { dataset, rows };
}
type Row = Awaited<ReturnType<typeof offeringRows>>['rows'][number];

/** What each record says about where it comes from: the data set, and for synthetic ones that they are not real answers. */
const attributionOf = (o: Row) =>
  o.dataset.synthetic
    ? `SYNTHETIC demo data (${o.datasetCode}), not real answers: generated to match ${o.intervention.source.attribution.replace(/^Källa: /, '')}.`
    : `${o.dataset.title} (${o.datasetCode}).`;

const dataTable = (ctx: Context, rows: Row[]): Table => ({
  columns: OFFERING_COLUMNS,
  rows: rows.map((o) => [
    o.regionCode, o.region.name, ctx.lookups.current.units.get(o.regionCode)?.county ?? null, o.interventionCode, o.intervention.nameSv, o.intervention.areaCode, o.round,
    o.offered, o.form, o.provider, o.decision, o.reachBand, o.datasetCode, o.dataset.title, o.dataset.synthetic, o.datasetCode, attributionOf(o),
  ]),
});

const sourcesTable = (rows: Row[]): Table => {
  const datasets = new Map<string, { d: Row['dataset']; records: number }>();
  for (const o of rows) datasets.set(o.datasetCode, { d: o.dataset, records: (datasets.get(o.datasetCode)?.records ?? 0) + 1 });
  const catalogue = new Map(rows.map((o) => [o.intervention.source.code, o.intervention.source]));
  return {
    columns: SOURCE_COLUMNS,
    rows: [
      ...[...datasets.values()].map(({ d, records }) => [d.code, d.kind, d.title, d.synthetic, d.description, records]),
      ...[...catalogue.values()].map((s) => [s.code, 'CATALOGUE', s.title, false, `${s.attribution} (the intervention and its published uptake; ${s.licence})`, null]),
    ],
  };
};

const syntheticNote = (datasets: string[]) => `SYNTHETIC demo data (${datasets.join(', ')}): generated, calibrated to SKR's published aggregates, not real municipal answers.`;

const MEASURES = [
  { id: 'offered', label: 'Erbjuder insatsen (1 = ja, 0 = nej)' },
  { id: 'form', label: 'Form' },
  { id: 'provider', label: 'Regi' },
  { id: 'decision', label: 'Biståndsbeslut' },
  { id: 'reach_band', label: 'Antal individer (band)' },
];

function jsonStat(ctx: Context, rows: Row[], synthetic: string[]) {
  const distinct = <T>(list: T[]) => [...new Set(list)];
  return toJsonStat({
    label: `Insyn: who offers ${distinct(rows.map((o) => o.interventionCode)).join(', ') || 'the intervention'}${synthetic.length ? ' (SYNTHETIC demo data)' : ''}`,
    source: distinct(rows.map((o) => o.dataset.title)).join('; '),
    note: [...(synthetic.length ? [syntheticNote(synthetic)] : []), ...distinct(rows.map((o) => o.intervention.source.attribution))],
    dimensions: [
      { id: 'region', label: 'Region', categories: distinct(rows.map((o) => o.regionCode)).map((code) => ({ id: code, label: rows.find((o) => o.regionCode === code)!.region.name })) },
      { id: 'intervention', label: 'Insats', categories: distinct(rows.map((o) => o.interventionCode)).map((code) => ({ id: code, label: rows.find((o) => o.interventionCode === code)!.intervention.nameSv })) },
      { id: 'round', label: 'Enkätomgång', categories: distinct(rows.map((o) => String(o.round))).sort().map((r) => ({ id: r, label: r })) },
      { id: 'measure', label: 'Uppgift', categories: MEASURES },
    ],
    roles: { geo: ['region'], time: ['round'], metric: ['measure'] },
    cells: rows.flatMap((o) => {
      const details = { dataset: o.datasetCode, synthetic: o.dataset.synthetic, source: o.datasetCode, attribution: attributionOf(o) };
      const at = (m: string) => [o.regionCode, o.interventionCode, String(o.round), m];
      return [
        { at: at('offered'), value: o.offered ? 1 : 0, details },
        { at: at('form'), value: o.form, details },
        { at: at('provider'), value: o.provider, details },
        { at: at('decision'), value: o.decision, details },
        { at: at('reach_band'), value: o.reachBand, details },
      ];
    }),
    extension: { synthetic: synthetic.length ? { datasets: synthetic, notice: syntheticNote(synthetic) } : null },
  });
}

/** Who offers an intervention, in one file; every record names its data set and says whether it is synthetic. */
export async function exportOfferings(ctx: Context, args: OfferingExportArgs, format: ExportFormat, options: { bom?: boolean } = {}) {
  const { dataset, rows } = await offeringRows(ctx, args);
  const f = args.filter ?? {};
  const fileName = exportFileName('offerings', [dataset.synthetic ? 'SYNTHETIC' : null, args.intervention, dataset.code, f.county ? `county-${f.county}` : null, f.group ? `group-${f.group}` : null, f.form, f.provider, f.decision, f.offered === false ? 'not-offered' : null], format);
  const synthetic = dataset.synthetic ? [dataset.code] : [];
  if (format === 'csv') return { fileName, rows: rows.length, synthetic, body: toCsv(dataTable(ctx, rows), options) };
  if (format === 'xlsx') return { fileName, rows: rows.length, synthetic, body: await toXlsx({ dataName: 'offerings', data: dataTable(ctx, rows), sources: sourcesTable(rows), notice: synthetic.length ? syntheticNote(synthetic) : null }) };
  return { fileName, rows: rows.length, synthetic, body: JSON.stringify(jsonStat(ctx, rows, synthetic)) };
}

interface OfferingExportShape { query: string; baseUrl: string; rowCount: number; synthetic: boolean; attributions: string[] }

const OfferingExport = builder.objectRef<OfferingExportShape>('OfferingExport').implement({
  description: 'Download links for who offers an intervention (CSV, JSON-stat 2.0, Excel). SYNTHETIC in the default install: every record says so.',
  fields: (t) => ({
    csvUrl: t.string({ description: 'CSV (UTF-8, header row, RFC 4180). Add `&bom=1` for a byte order mark (Excel on Windows).', resolve: (e) => `${e.baseUrl}${offeringExportPath('csv')}?${e.query}` }),
    jsonStatUrl: t.string({ description: 'JSON-stat 2.0: region × intervention × round × measure (offered, form, provider, decision, reach band).', resolve: (e) => `${e.baseUrl}${offeringExportPath('json')}?${e.query}` }),
    xlsxUrl: t.string({ description: 'Excel workbook: an offerings sheet and a sources sheet.', resolve: (e) => `${e.baseUrl}${offeringExportPath('xlsx')}?${e.query}` }),
    rowCount: t.exposeInt('rowCount', { description: 'Records the export will hold.' }),
    synthetic: t.exposeBoolean('synthetic', { description: 'True when the records are synthetic demo data, not real answers.' }),
    attributions: t.exposeStringList('attributions', { description: 'Where the records come from (the data set, and the catalogue they are about).' }),
  }),
});

/** The export's query string: the same arguments as `offerings`. */
export function offeringExportQuery(args: OfferingExportArgs) {
  const params = new URLSearchParams({ intervention: args.intervention });
  if (args.filter && Object.keys(args.filter).length) params.set('filter', JSON.stringify(args.filter));
  if (args.dataset) params.set('dataset', args.dataset);
  return params.toString();
}

builder.queryField('offeringExport', (t) =>
  t.field({
    type: OfferingExport,
    description: 'Bulk export of who offers an intervention: download links (CSV, JSON-stat 2.0, Excel), no page limit. SYNTHETIC in the default install.',
    args: {
      intervention: t.arg.string({ required: true, description: 'Intervention code.' }),
      filter: t.arg({ type: OfferingFilter, required: false, description: 'Narrow by county, group, form, provider or decision.' }),
      dataset: t.arg.string({ required: false, description: 'Data set to read (see `datasets`); default the SYNTHETIC demo set.' }),
    },
    resolve: async (_root, args, ctx) => {
      const dataset = await requireDataset(ctx, args.dataset);
      const where = await offeringWhere(ctx, args.intervention, args.filter ?? {}, dataset.code);
      const rowCount = await ctx.prisma.offering.count({ where });
      if (dataset.synthetic) ctx.synthetic.add(dataset.code);
      const intervention = ctx.lookups.current.interventions.get(args.intervention);
      const source = intervention ? ctx.lookups.current.sources.get(intervention.sourceCode) : undefined;
      const title = ctx.lookups.current.datasets.get(dataset.code)?.title ?? dataset.code;
      return {
        query: offeringExportQuery(args), baseUrl: ctx.baseUrl, rowCount, synthetic: dataset.synthetic,
        attributions: [dataset.synthetic ? `${title}: SYNTHETIC demo data, not real answers.` : title, ...(source ? [source.attribution] : [])],
      };
    },
  }));

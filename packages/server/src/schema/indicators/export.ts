import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { exportFileName, toCsv, toJsonStat, toXlsx, type ExportFormat, type JsonStatDimension, type Table } from '../../export/formats.js';
import { checkMembersFitIndicators, ObservationFilter, observationOrder, observationWhere, type ObservationFilterInput } from './filter.js';

export const EXPORT_PATH = '/export/observations.csv';
/** The observation export in each format: `/export/observations.<csv|json|xlsx>?filter=<ObservationFilter as JSON>`. */
export const observationExportPath = (format: ExportFormat) => `/export/observations.${format}`;

export const CSV_COLUMNS = [
  'indicator', 'indicator_title_sv', 'unit', 'region', 'region_name', 'period', 'dimensions', 'value', 'printed', 'status',
  'status_reason', 'base_n', 'note', 'source', 'source_table', 'source_year', 'attribution', 'source_url', 'dataset', 'synthetic', 'reading',
  // Added last, so columns read by position keep their place.
  'answer', 'source_status',
] as const;

export const SOURCE_COLUMNS = ['source', 'publisher', 'title', 'year', 'attribution', 'licence', 'url', 'figures'] as const;

/** What the JSON-stat export calls a dimension an observation is not broken down by. */
const NOT_BROKEN_DOWN = '_T';

async function observationRows(ctx: Context, filter: ObservationFilterInput) {
  const where = await observationWhere(ctx, filter);
  const rows = await ctx.prisma.observation.findMany({
    where,
    orderBy: observationOrder,
    include: { indicator: true, region: true, source: true, dataset: true },
  });
  if (!rows.length) await checkMembersFitIndicators(ctx, filter.indicators, filter.members);
  return rows;
}
type Row = Awaited<ReturnType<typeof observationRows>>[number];

const dataTable = (rows: Row[]): Table => ({
  columns: CSV_COLUMNS,
  rows: rows.map((o) => [
    o.indicatorCode, o.indicator.titleSv, o.indicator.unit, o.regionCode, o.region.name, o.period, o.dimensionKey, o.value, o.printed, o.status,
    o.statusReason, o.baseN, o.note, o.source.title, o.locator, o.source.year, o.source.attribution, o.source.url, o.datasetCode, o.dataset.synthetic, o.reading,
    o.answer, o.sourceStatus,
  ]),
});

const sourcesTable = (rows: Row[]): Table => {
  const sources = new Map<string, { source: Row['source']; figures: number }>();
  for (const o of rows) {
    const s = sources.get(o.sourceCode) ?? { source: o.source, figures: 0 };
    s.figures++;
    sources.set(o.sourceCode, s);
  }
  return {
    columns: SOURCE_COLUMNS,
    rows: [...sources.values()].sort((a, b) => a.source.code.localeCompare(b.source.code)).map(({ source: s, figures }) => [s.code, s.publisher, s.title, s.year, s.attribution, s.licence, s.url, figures]),
  };
};

/** `area=socialpsykiatri;provider=municipal_only` → [['area', 'socialpsykiatri'], ['provider', 'municipal_only']]. */
const membersOf = (dimensionKey: string) => (dimensionKey ? dimensionKey.split(';').map((p) => p.split('=') as [string, string]) : []);

/** The observations as one JSON-stat cube: indicator × region × period × each dimension they are broken down by. */
async function jsonStat(ctx: Context, rows: Row[]) {
  const lookups = ctx.lookups.current;
  const dimensionCodes = [...new Set(rows.flatMap((o) => membersOf(o.dimensionKey).map(([d]) => d)))].sort();
  const labels = new Map((dimensionCodes.length ? await ctx.prisma.dimension.findMany({ where: { code: { in: dimensionCodes } } }) : []).map((d) => [d.code, d.labelSv]));
  const distinct = <T>(list: T[]) => [...new Set(list)];
  const dimensions: JsonStatDimension[] = [
    {
      id: 'indicator', label: 'Indikator',
      categories: distinct(rows.map((o) => o.indicatorCode)).map((code) => {
        const i = rows.find((o) => o.indicatorCode === code)!.indicator;
        // As many decimals as the figures have (the sources print whole percentages, mostly).
        const decimals = Math.max(0, ...rows.filter((o) => o.indicatorCode === code && o.value != null).map((o) => String(o.value).split('.')[1]?.length ?? 0));
        return { id: code, label: i.titleSv, unit: { label: i.unit.toLowerCase(), decimals } };
      }),
    },
    { id: 'region', label: 'Region', categories: distinct(rows.map((o) => o.regionCode)).sort().map((code) => ({ id: code, label: rows.find((o) => o.regionCode === code)!.region.name })) },
    { id: 'period', label: 'År', categories: distinct(rows.map((o) => String(o.period))).sort().map((p) => ({ id: p, label: p })) },
    ...dimensionCodes.map((d) => {
      const codes = distinct(rows.map((o) => new Map(membersOf(o.dimensionKey)).get(d) ?? NOT_BROKEN_DOWN));
      return {
        id: d,
        label: labels.get(d) ?? d,
        categories: codes.map((c) => {
          const member = lookups.members.get(`${d}:${c}`);
          return { id: c, label: c === NOT_BROKEN_DOWN ? `(inte uppdelat på ${(labels.get(d) ?? d).toLowerCase()})` : (member?.labelSv ?? c), position: member?.position ?? -1 };
        }).sort((a, b) => a.position - b.position).map(({ position: _p, ...c }) => c),
      };
    }),
  ];
  const sources = new Map(rows.map((o) => [o.sourceCode, o.source]));
  const synthetic = [...new Set(rows.filter((o) => o.dataset.synthetic).map((o) => o.datasetCode))];
  return toJsonStat({
    label: `Insyn: ${rows.length} observations (${dimensions[0]!.categories.map((c) => c.id).join(', ')})`,
    source: [...new Set([...sources.values()].map((s) => s.publisher))].join('; '),
    note: [...[...sources.values()].map((s) => s.attribution), ...(synthetic.length ? [syntheticNote(synthetic)] : [])],
    dimensions,
    roles: { metric: ['indicator'], geo: ['region'], time: ['period'] },
    cells: rows.map((o) => {
      const members = new Map(membersOf(o.dimensionKey));
      return {
        at: [o.indicatorCode, o.regionCode, String(o.period), ...dimensionCodes.map((d) => members.get(d) ?? NOT_BROKEN_DOWN)],
        value: o.value,
        status: o.status === 'PUBLISHED' ? null : o.status,
        details: { printed: o.printed, note: o.note, statusReason: o.statusReason, baseN: o.baseN, source: o.sourceCode, table: o.locator, dataset: o.datasetCode, synthetic: o.dataset.synthetic, reading: o.reading },
      };
    }),
    extension: {
      statusLabels: { SUPPRESSED: 'Withheld by the source (e.g. non-response over 20 %): see statusReason.', MISSING: 'Not published by the source.', CHART_ONLY: 'Published only in a chart whose value the text does not give.' },
      sources: Object.fromEntries([...sources.values()].map((s) => [s.code, { publisher: s.publisher, title: s.title, year: s.year, url: s.url, licence: s.licence, attribution: s.attribution }])),
      synthetic: synthetic.length ? { datasets: synthetic, notice: syntheticNote(synthetic) } : null,
    },
  });
}

const syntheticNote = (datasets: string[]) => `SYNTHETIC demo data (${datasets.join(', ')}): generated, calibrated to published aggregates, not real answers.`;

/** What the file's name says it holds: the indicators, members, level or regions and years of the filter. */
const observationFileParts = (f: ObservationFilterInput) => [
  ...(f.indicators?.length ? f.indicators : ['all-indicators']),
  ...(f.members ?? []),
  f.level ? f.level.toLowerCase() : null,
  ...(f.regions ?? []),
  f.periodFrom != null || f.periodTo != null ? `${f.periodFrom ?? ''}-${f.periodTo ?? ''}` : null,
  ...(f.statuses ?? []),
  ...(f.sources ?? []),
];

/** Every observation matching the filter in one file, each figure with its source and attribution. */
export async function exportObservations(ctx: Context, filter: ObservationFilterInput, format: ExportFormat, options: { bom?: boolean } = {}) {
  const rows = await observationRows(ctx, filter);
  const fileName = exportFileName('observations', observationFileParts(filter), format);
  const synthetic = [...new Set(rows.filter((o) => o.dataset.synthetic).map((o) => o.datasetCode))];
  if (format === 'csv') return { fileName, rows: rows.length, body: toCsv(dataTable(rows), options) };
  if (format === 'xlsx') return { fileName, rows: rows.length, body: await toXlsx({ dataName: 'observations', data: dataTable(rows), sources: sourcesTable(rows), notice: synthetic.length ? syntheticNote(synthetic) : null }) };
  return { fileName, rows: rows.length, body: JSON.stringify(await jsonStat(ctx, rows)) };
}

interface ExportShape { filter: string; rowCount: number; attributions: string[] }

const ObservationExport = builder.objectRef<ExportShape & { baseUrl: string }>('ObservationExport').implement({
  description: 'Download links for an observation filter (CSV, JSON-stat 2.0, Excel); every figure names its source and attribution.',
  fields: (t) => ({
    url: t.string({ description: 'GET this URL for the CSV (UTF-8, header row, RFC 4180); the same as `csvUrl`.', resolve: (e) => `${e.baseUrl}${observationExportPath('csv')}?filter=${e.filter}` }),
    csvUrl: t.string({ description: 'CSV (UTF-8, header row, RFC 4180). Add `&bom=1` for a byte order mark (Excel on Windows).', resolve: (e) => `${e.baseUrl}${observationExportPath('csv')}?filter=${e.filter}` }),
    jsonStatUrl: t.string({ description: 'JSON-stat 2.0: one dataset with dimensions indicator, region, period and each breakdown; `status` per withheld cell; notes and sources per cell in `extension.cells`.', resolve: (e) => `${e.baseUrl}${observationExportPath('json')}?filter=${e.filter}` }),
    xlsxUrl: t.string({ description: 'Excel workbook: an observations sheet and a sources sheet.', resolve: (e) => `${e.baseUrl}${observationExportPath('xlsx')}?filter=${e.filter}` }),
    rowCount: t.exposeInt('rowCount', { description: 'Figures (rows) the export will hold.' }),
    attributions: t.exposeStringList('attributions', { description: 'The credit lines of the sources in it (show them with the data).' }),
  }),
});

builder.queryField('observationExport', (t) =>
  t.field({
    type: ObservationExport,
    description: 'Bulk export: download links (CSV, JSON-stat 2.0, Excel) for any observation filter, with no page limit.',
    args: { filter: t.arg({ type: ObservationFilter, required: true, description: 'Which observations to export (no page limit).' }) },
    resolve: async (_root, args, ctx) => {
      const where = await observationWhere(ctx, args.filter);
      const [rowCount, sources] = await Promise.all([
        ctx.prisma.observation.count({ where }),
        ctx.prisma.source.findMany({ where: { observations: { some: where } }, orderBy: { code: 'asc' }, select: { attribution: true } }),
      ]);
      if (!rowCount) await checkMembersFitIndicators(ctx, args.filter.indicators, args.filter.members);
      return { baseUrl: ctx.baseUrl, filter: encodeURIComponent(JSON.stringify(args.filter)), rowCount, attributions: sources.map((s) => s.attribution) };
    },
  }));

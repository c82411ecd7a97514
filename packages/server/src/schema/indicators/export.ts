import { stringify } from 'csv-stringify/sync';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { checkMembersFitIndicators, ObservationFilter, observationOrder, observationWhere, type ObservationFilterInput } from './filter.js';

export const EXPORT_PATH = '/export/observations.csv';

export const CSV_COLUMNS = [
  'indicator', 'indicator_title_sv', 'unit', 'region', 'region_name', 'period', 'dimensions', 'value', 'printed', 'status',
  'status_reason', 'base_n', 'note', 'source', 'source_table', 'source_year', 'attribution', 'source_url', 'dataset', 'synthetic', 'reading',
  // Added last, so columns read by position keep their place.
  'answer', 'source_status',
] as const;

/** Every observation matching the filter as CSV, each row carrying its source's attribution. */
export async function exportObservationsCsv(ctx: Context, filter: ObservationFilterInput): Promise<{ csv: string; rows: number }> {
  const where = await observationWhere(ctx, filter);
  const rows = await ctx.prisma.observation.findMany({
    where,
    orderBy: observationOrder,
    include: { indicator: true, region: true, source: true, dataset: true },
  });
  if (!rows.length) await checkMembersFitIndicators(ctx, filter.indicators, filter.members);
  const csv = stringify(
    rows.map((o) => [
      o.indicatorCode, o.indicator.titleSv, o.indicator.unit, o.regionCode, o.region.name, o.period, o.dimensionKey, o.value, o.printed, o.status,
      o.statusReason, o.baseN, o.note, o.source.title, o.locator, o.source.year, o.source.attribution, o.source.url, o.datasetCode, o.dataset.synthetic, o.reading,
      o.answer, o.sourceStatus,
    ]),
    { header: true, columns: [...CSV_COLUMNS], cast: { boolean: (b) => (b ? 'true' : 'false') } },
  );
  return { csv, rows: rows.length };
}

interface ExportShape { url: string; rowCount: number; attributions: string[] }

const ObservationExport = builder.objectRef<ExportShape>('ObservationExport').implement({
  description: 'A CSV download of an observation filter; every row names its source and attribution.',
  fields: (t) => ({
    url: t.exposeString('url', { description: 'GET this URL for the CSV (UTF-8, header row, RFC 4180).' }),
    rowCount: t.exposeInt('rowCount', { description: 'Rows the CSV will hold.' }),
    attributions: t.exposeStringList('attributions', { description: 'The credit lines of the sources in it (show them with the data).' }),
  }),
});

builder.queryField('observationExport', (t) =>
  t.field({
    type: ObservationExport,
    description: 'Bulk export: a CSV link for any observation filter, with no page limit.',
    args: { filter: t.arg({ type: ObservationFilter, required: true, description: 'Which observations to export (no page limit).' }) },
    resolve: async (_root, args, ctx) => {
      const where = await observationWhere(ctx, args.filter);
      const [rowCount, sources] = await Promise.all([
        ctx.prisma.observation.count({ where }),
        ctx.prisma.source.findMany({ where: { observations: { some: where } }, orderBy: { code: 'asc' }, select: { attribution: true } }),
      ]);
      if (!rowCount) await checkMembersFitIndicators(ctx, args.filter.indicators, args.filter.members);
      return { url: `${ctx.baseUrl}${EXPORT_PATH}?filter=${encodeURIComponent(JSON.stringify(args.filter))}`, rowCount, attributions: sources.map((s) => s.attribution) };
    },
  }));

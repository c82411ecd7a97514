/**
 * How the live pages turn observations into what they draw: series over time, county rows,
 * table cells, reasons for withheld figures, a profile's figure list. Pure functions (no Vue,
 * no SDK), shared by IndicatorExplorer and MunicipalityProfile and unit-tested in
 * test/site/series.test.ts.
 */
import { keyWithout, palette, seriesLabel, show, statusText } from './format.js';
import { mapItem } from './map.js';

/** A horizontal bar chart's row (BarChart.vue), stacked when it has several segments. */
export interface BarSegment { key: string; value: number; text: string }
export interface BarRow { key: string; label: string; segments: BarSegment[]; note?: string; emphasis?: boolean }
export interface BarSeries { key: string; label: string; color: string }
/** A line over years (LineChart.vue). */
export interface LinePoint { x: number; y: number | null; text: string }
export interface LineSeries { key: string; label: string; color: string; points: LinePoint[] }

interface Member { id: string; code?: string; labelSv: string; dimension?: { code: string } | null }
/** What these functions read of an observation. */
export interface Figure {
  period: number;
  value?: number | null;
  printed?: string | null;
  status: string;
  statusReason?: string | null;
  dimensionKey: string;
  members: Member[];
}
export interface RegionFigure extends Figure { region: { code: string; name: string } }
export interface Region { code: string; name: string }
/** Orders series keys ("area=aldre;provider=x"). */
export type KeyOrder = (a: string, b: string) => number;

/** County ranges (`statistic:county_min`, `…_max`) qualify a series; they are not drawn as one. */
export const isRange = (o: Figure) => o.members.some((m) => m.id.startsWith('statistic:'));
/** The series an observation belongs to: its dimensionKey without the chosen dimensions, or 'total'. */
export const seriesKey = (o: Figure, omit: string[]) => keyWithout(o.dimensionKey, omit) || 'total';

/** Series keys in the source's member order (e.g. Enbart kommunal regi before Vet ej); unknown members last. */
export function memberOrder(dimensions: { members: { id: string }[] }[]): KeyOrder {
  const index = new Map(dimensions.flatMap((d) => d.members).map((m, i) => [m.id, i] as const));
  const rank = (key: string) => key.split(';').map((part) => index.get(part.replace('=', ':')) ?? 999);
  return (a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < Math.max(ra.length, rb.length); i++) if ((ra[i] ?? -1) !== (rb[i] ?? -1)) return (ra[i] ?? -1) - (rb[i] ?? -1);
    return 0;
  };
}

/** One line per series, in member order, coloured in that order. */
export function lineSeries(observations: Figure[], omit: string[], unit: string | undefined, order: KeyOrder): LineSeries[] {
  const byKey = new Map<string, LineSeries>();
  for (const o of observations.filter((x) => !isRange(x))) {
    const key = seriesKey(o, omit);
    const s = byKey.get(key) ?? { key, label: seriesLabel(o.members, omit), color: palette[byKey.size % palette.length]!, points: [] };
    s.points.push({ x: o.period, y: o.value ?? null, text: show(o.value, unit, o.printed) });
    byKey.set(key, s);
  }
  return [...byKey.values()].sort((a, b) => order(a.key, b.key)).map((s, i) => ({ ...s, color: palette[i % palette.length]! }));
}

/** The years drawn, oldest first. */
export const periodsOf = (observations: Figure[]) => [...new Set(observations.filter((o) => !isRange(o)).map((o) => o.period))].sort();

/** The county range (lowest and highest county) per year, where the source gives one. */
export function countyRanges(observations: Figure[], omit: string[], unit: string | undefined) {
  const byPeriod = new Map<number, { min?: string; max?: string; label: string }>();
  for (const o of observations) {
    const stat = o.members.find((m) => m.id.startsWith('statistic:'));
    if (!stat) continue;
    const entry = byPeriod.get(o.period) ?? { label: seriesLabel(o.members, omit) };
    if (stat.id === 'statistic:county_min') entry.min = show(o.value, unit, o.printed);
    if (stat.id === 'statistic:county_max') entry.max = show(o.value, unit, o.printed);
    byPeriod.set(o.period, entry);
  }
  return [...byPeriod.entries()].map(([period, r]) => ({ period, ...r }));
}

/** One year only: the series as bars (a line needs two points). */
export const singleYearRows = (lines: LineSeries[]): BarRow[] =>
  lines.map((s) => ({ key: s.key, label: s.label, segments: s.points[0]?.y == null ? [] : [{ key: 'value', value: s.points[0].y, text: s.points[0].text }], note: s.points[0]?.text }));

/** A table cell: the value, or why there is none (* withheld, † in the source's chart only). */
export const cell = (o: Figure | undefined, unit: string | undefined) =>
  !o ? '–' : o.status === 'PUBLISHED' ? show(o.value, unit, o.printed) : o.status === 'SUPPRESSED' ? 'Suppressed *' : o.status === 'CHART_ONLY' ? 'In chart only †' : 'Not published';

/** The figures over time as a table: a row per year, a cell per series. */
export function seriesTable(observations: Figure[], lines: LineSeries[], omit: string[], unit: string | undefined) {
  const drawn = observations.filter((o) => !isRange(o));
  return periodsOf(observations).map((period) => ({ period, cells: lines.map((s) => cell(drawn.find((o) => o.period === period && seriesKey(o, omit) === s.key), unit)) }));
}

/** The series of a cross-section (country and counties), in member order. */
export function crossKeys(observations: Figure[], omit: string[], order: KeyOrder): { key: string; label: string }[] {
  const keys = new Map<string, string>();
  for (const o of observations) {
    if (isRange(o)) continue;
    const key = seriesKey(o, omit);
    if (!keys.has(key)) keys.set(key, seriesLabel(o.members, omit));
  }
  return [...keys.entries()].map(([key, label]) => ({ key, label })).sort((a, b) => order(a.key, b.key));
}

/** A cross-section's observations per region code (ranges left out). */
export function byRegion<O extends RegionFigure>(observations: O[]): Map<string, O[]> {
  const map = new Map<string, O[]>();
  for (const o of observations) if (!isRange(o)) map.set(o.region.code, [...(map.get(o.region.code) ?? []), o]);
  return map;
}

/** Shares of one whole (e.g. provider: kommunal / enskild / vet ej) stack to 100 % (90–110 with rounding); other series are shown one at a time. */
export function isStacked(keys: unknown[], regions: Map<string, Figure[]>, unit: string | undefined): boolean {
  if (keys.length < 2 || unit !== 'PERCENT') return false;
  const sums = [...regions.values()].map((obs) => obs.reduce((s, o) => s + (o.value ?? 0), 0)).filter((s) => s > 0);
  return sums.length > 0 && sums.every((s) => s >= 90 && s <= 110);
}

/** A bar per region (Riket emphasised), a segment per shown series; a region without a value says why. */
export function barRows(regions: Region[], figures: Map<string, Figure[]>, keys: { key: string }[], omit: string[], unit: string | undefined): BarRow[] {
  return regions.map((r) => {
    const obs = figures.get(r.code) ?? [];
    const withheld = obs.find((o) => o.status !== 'PUBLISHED');
    const segments = keys.flatMap((k) => {
      const o = obs.find((x) => seriesKey(x, omit) === k.key && x.status === 'PUBLISHED' && x.value != null);
      return o ? [{ key: k.key, value: o.value!, text: show(o.value, unit, o.printed) }] : [];
    });
    // No row at all: the sources publish nothing for the region. CHART_ONLY: they do, in a chart whose values we lack.
    const note = withheld ? (withheld.status === 'SUPPRESSED' ? 'Suppressed * (redovisas inte)' : withheld.status === 'CHART_ONLY' ? 'In the source\'s chart only †, value not available here' : 'Not published in the source') : 'Not published in the source';
    return { key: r.code, label: r.name, segments, note, emphasis: r.code === '00' };
  });
}

/** The bars as a table: a cell per shown series and the region's status. */
export function crossTable(regions: Region[], figures: Map<string, Figure[]>, keys: { key: string }[], omit: string[], unit: string | undefined) {
  return regions.map((r) => {
    const obs = figures.get(r.code) ?? [];
    const withheld = obs.find((o) => o.status !== 'PUBLISHED');
    return {
      code: r.code,
      name: r.name,
      cells: keys.map((k) => cell(obs.find((x) => seriesKey(x, omit) === k.key), unit)),
      status: withheld ? statusText(withheld.status, withheld.statusReason) : obs.length ? 'Published' : 'Not published in the source',
    };
  });
}

/** Regions without a value, by status and reason: withheld by the publisher (*), or only in a chart (†). */
export function reasonsOf(observations: RegionFigure[], statuses: string[]) {
  const reasons = new Map<string, string[]>();
  for (const o of observations) if (statuses.includes(o.status)) reasons.set(o.statusReason ?? '', [...new Set([...(reasons.get(o.statusReason ?? '') ?? []), o.region.name])]);
  return [...reasons.entries()].map(([reason, regions]) => ({ reason, regions }));
}

/** How many regions of a cross-section have a figure with this status. */
export const regionCount = (observations: RegionFigure[], status: string) => new Set(observations.filter((o) => o.status === status).map((o) => o.region.code)).size;

/** The county map of one series: each county's figure of that series, else its withheld one. */
export function countyMap(counties: Region[], figures: Map<string, (Figure & NonNullable<Parameters<typeof mapItem>[1]>)[]>, key: string, omit: string[], unit: string | undefined) {
  return counties.map((r) => {
    const obs = figures.get(r.code) ?? [];
    return mapItem(r, obs.find((x) => seriesKey(x, omit) === key) ?? obs.find((x) => x.status !== 'PUBLISHED'), unit);
  });
}

// ---- a profile's figures ------------------------------------------------------------------

/** What a profile lists of a figure. */
export interface ProfileFigure extends Figure {
  id: string;
  table?: string | null;
  indicator: { code: string; titleSv: string; unit: string };
  source: { title: string; year: number };
}

/** By indicator, then series, newest year first, so a county's SKR tables read as tables. */
export const orderedFigures = <F extends ProfileFigure>(list: F[]): F[] =>
  [...list].sort((a, b) => a.indicator.titleSv.localeCompare(b.indicator.titleSv, 'sv') || a.dimensionKey.localeCompare(b.dimensionKey) || b.period - a.period);

/** A row of a profile's figure table. */
export const figureRow = (f: ProfileFigure) => ({
  id: f.id,
  indicator: f.indicator.titleSv,
  series: seriesLabel(f.members),
  period: f.period,
  value: f.status === 'PUBLISHED' ? show(f.value, f.indicator.unit, f.printed) : statusText(f.status, f.statusReason),
  source: `${f.source.title} (${f.source.year}), ${f.table}`,
});

/** The published series among a region's figures (indicator, series and year), each once: what a map can show. */
export function figureChoices<F extends ProfileFigure>(figures: F[]): { key: string; label: string; figure: F }[] {
  const seen = new Map<string, { key: string; label: string; figure: F }>();
  for (const f of figures) {
    const key = `${f.indicator.code}|${f.dimensionKey}|${f.period}`;
    if (f.status !== 'PUBLISHED' || f.value == null || seen.has(key)) continue;
    seen.set(key, { key, label: `${f.indicator.titleSv}, ${seriesLabel(f.members)} (${f.period})`, figure: f });
  }
  return [...seen.values()];
}

/** The county map's colour scale: a few bands of equal width with round bounds over the published values. */
import { show, sourceLines, statusText } from './format.js';

export interface Band {
  from: number;
  to: number;
  /** The last band includes its upper bound; the others stop just under it. */
  last: boolean;
  color: string;
}

/** ColorBrewer's sequential Blues (light to dark), from which the bands take evenly spaced colours. */
const RAMP = ['#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'];

export function colourBands(values: number[], classes = 5): Band[] {
  if (!values.length) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  let step = 1;
  let from = min;
  let to = max;
  const span = Math.max(max - min, Math.abs(max) * 0.01, 1e-9);
  // The smallest round step (1, 2, 2.5, 5 × 10^k) that covers min..max in at most `classes` bands.
  for (let k = Math.floor(Math.log10(span / classes)) - 1; ; k++) {
    const found = [1, 2, 2.5, 5].map((m) => m * 10 ** k).find((s) => {
      const lo = Math.floor(min / s) * s;
      const hi = Math.max(Math.ceil(max / s) * s, lo + s);
      return Math.round((hi - lo) / s) <= classes;
    });
    if (found) {
      step = found;
      from = Math.floor(min / step) * step;
      to = Math.max(Math.ceil(max / step) * step, from + step);
      break;
    }
  }
  const count = Math.round((to - from) / step);
  return Array.from({ length: count }, (_, i) => ({
    from: round(from + i * step),
    to: round(from + (i + 1) * step),
    last: i === count - 1,
    color: RAMP[count === 1 ? 3 : Math.round((i * (RAMP.length - 1)) / (count - 1))]!,
  }));
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

export function bandOf(bands: Band[], value: number): Band | undefined {
  return bands.find((b) => value >= b.from && (value < b.to || (b.last && value <= b.to)));
}

const number = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });

/** "20 to under 40 %", the last "80 to 100 %". */
export function bandLabel(band: Band, unit?: string | null): string {
  const suffix = unit === 'PERCENT' ? ' %' : unit === 'SEK' ? ' kr' : '';
  return `${number.format(band.from)} to ${band.last ? '' : 'under '}${number.format(band.to)}${suffix}`;
}

interface ObservationLike {
  value?: number | null;
  printed?: string | null;
  status: string;
  statusReason?: string | null;
  table?: string | null;
  source: { publisher: string; title: string; year: number };
}

/** A county of the map from its observation (none: the source has no row for it). */
export function mapItem(region: { code: string; name: string }, o: ObservationLike | undefined, unit?: string | null) {
  if (!o) return { code: region.code, name: region.name, value: null, text: 'Not published in the source', status: 'NONE' };
  const published = o.status === 'PUBLISHED' && o.value != null;
  return {
    code: region.code,
    name: region.name,
    value: published ? o.value! : null,
    text: published ? show(o.value, unit, o.printed) : statusText(o.status, null),
    status: published ? 'PUBLISHED' : o.status,
    reason: o.statusReason,
    source: sourceLines([o])[0]?.text,
  };
}

/**
 * The arithmetic of rankings and comparisons, with no database and no request: the resolvers
 * in comparisons.ts fetch the figures and call these (compare.test.ts checks them on the
 * published figures).
 */

export type FigureStatus = 'PUBLISHED' | 'SUPPRESSED' | 'MISSING' | 'CHART_ONLY';

/** One region's figure in one series. */
export interface Point {
  id: string;
  regionCode: string;
  value: number | null;
  status: FigureStatus;
  statusReason: string | null;
}

export interface RankEntry { rank: number; tied: boolean; value: number; regionCode: string; observationId: string }

/**
 * The published figures ranked, best first: highest first, or lowest first when `ascending`
 * (lower is better). Equal values share a place and the next place is skipped (1, 2, 2, 4);
 * regions with equal values are listed by code. Suppressed, missing and chart-only figures
 * have no place.
 */
export function rank(points: Point[], ascending: boolean): RankEntry[] {
  const published = points
    .filter((p): p is Point & { value: number } => p.status === 'PUBLISHED' && p.value !== null)
    .sort((a, b) => (ascending ? a.value - b.value : b.value - a.value) || a.regionCode.localeCompare(b.regionCode));
  return published.map((p) => {
    const place = published.findIndex((q) => q.value === p.value) + 1;
    return { rank: place, tied: published.filter((q) => q.value === p.value).length > 1, value: p.value, regionCode: p.regionCode, observationId: p.id };
  });
}

export type ComparisonRole = 'REGION' | 'COUNTY' | 'COUNTRY' | 'MUNICIPALITY_GROUP';

export interface ComparisonEntry {
  role: ComparisonRole;
  regionCode: string | null;
  groupCode: string | null;
  value: number | null;
  status: FigureStatus;
  statusReason: string | null;
  observationId: string | null;
  municipalitiesCounted: number | null;
  difference: number | null;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/**
 * A region against the regions above it and the mean of its municipality group.
 * `chain` is the region, then what it is compared with (its county, Riket; codes of more than
 * two characters other than the region's own, such as a district's municipality, are left
 * out). Differences are the other value minus the region's, rounded to three decimals;
 * the group mean is over the members with a published figure.
 */
export function compare(input: {
  regionCode: string;
  period: number;
  chain: string[];
  group?: { code: string; members: string[] };
  points: Point[];
  dimensionKey: string | null;
}): ComparisonEntry[] {
  const { regionCode, period, points } = input;
  const own = points.find((p) => p.regionCode === regionCode);
  const roleOf = (code: string): ComparisonRole => (code === regionCode ? 'REGION' : code === '00' ? 'COUNTRY' : code.length === 2 ? 'COUNTY' : 'REGION');
  const diff = (v: number | null) => (v !== null && own?.value != null ? round3(v - own.value) : null);
  const entries: ComparisonEntry[] = [...new Set(input.chain)].filter((c) => c === regionCode || c.length <= 2).map((code) => {
    const p = points.find((q) => q.regionCode === code);
    const statusReason = p ? p.statusReason : `The sources give no figure for ${code} in ${period}${input.dimensionKey ? ` (${input.dimensionKey})` : ''}.`;
    return { role: roleOf(code), regionCode: code, groupCode: null, value: p?.value ?? null, status: p?.status ?? 'MISSING', statusReason, observationId: p?.id ?? null, municipalitiesCounted: null, difference: code === regionCode ? null : diff(p?.value ?? null) };
  });
  if (input.group) {
    const { code, members } = input.group;
    const values = points.filter((p) => members.includes(p.regionCode) && p.status === 'PUBLISHED' && p.value !== null).map((p) => p.value!);
    const mean = values.length ? round3(values.reduce((s, v) => s + v, 0) / values.length) : null;
    const statusReason = mean === null ? `None of the ${members.length} municipalities of group ${code} has a published figure for ${period}.` : null;
    entries.push({ role: 'MUNICIPALITY_GROUP', regionCode: null, groupCode: code, value: mean, status: mean === null ? 'MISSING' : 'PUBLISHED', statusReason, observationId: null, municipalitiesCounted: values.length, difference: diff(mean) });
  }
  return entries;
}

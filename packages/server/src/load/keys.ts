/**
 * How a figure is keyed: its series (`observation.dimension_key`) is its dimension members as
 * `dimension=member` pairs, sorted by dimension and joined by `;` ("" for none); its id adds
 * the indicator, region and year. One definition for the loader and for queries that name a
 * series exactly.
 */
export const dimensionKey = (pairs: readonly (readonly [dimension: string, member: string])[]): string =>
  [...pairs].sort(([a], [b]) => a.localeCompare(b)).map(([dimension, member]) => `${dimension}=${member}`).join(';');

export const observationId = (indicator: string, region: string, period: number, key: string): string => `${indicator}|${region}|${period}|${key}`;

/**
 * "The county of a unit", decided once for TypeScript (the SQL function `answering_unit()`,
 * migration 20261202000000_answering_unit, decides it for SQL; test/data/answering-unit.test.ts
 * holds the two to the same answer). The API takes it from the lookup layer's `units`. A unit is what answers SKR's survey: a municipality, or one of its
 * districts (Stockholm's stadsdelsområden), which answers for it and counts to its county and
 * its municipality group.
 */
export interface RegionLike {
  code: string;
  level: string;
  parentCode: string | null;
}

/** The municipality a unit answers for and the county it counts to; undefined for a region that is not a unit (or has no county). */
export function unitOf<R extends RegionLike>(region: R, regionOf: (code: string) => R | undefined): { municipality: R; county: string } | undefined {
  if (region.level !== 'MUNICIPALITY' && region.level !== 'DISTRICT') return undefined;
  const municipality = region.level === 'DISTRICT' ? regionOf(region.parentCode ?? '') : region;
  if (!municipality?.parentCode) return undefined;
  return { municipality, county: municipality.parentCode };
}

import { describe, expect, it } from 'vitest';
import { unitOf, type RegionLike } from './units.js';

const regions: RegionLike[] = [
  { code: '00', level: 'COUNTRY', parentCode: null },
  { code: '01', level: 'COUNTY', parentCode: '00' },
  { code: '12', level: 'COUNTY', parentCode: '00' },
  { code: '0180', level: 'MUNICIPALITY', parentCode: '01' },
  { code: '0180-bromma', level: 'DISTRICT', parentCode: '0180' },
  { code: '1280', level: 'MUNICIPALITY', parentCode: '12' },
];
const byCode = new Map(regions.map((r) => [r.code, r]));
const unit = (code: string) => unitOf(byCode.get(code)!, (c) => byCode.get(c));

describe('unitOf', () => {
  it('a municipality counts to its county: Malmö (1280) to Skåne (12)', () => {
    expect(unit('1280')).toEqual({ municipality: byCode.get('1280'), county: '12' });
  });

  it("a district answers for its municipality and counts to that municipality's county: Bromma to Stockholm (0180) and Stockholms län (01)", () => {
    expect(unit('0180-bromma')).toEqual({ municipality: byCode.get('0180'), county: '01' });
  });

  it('a county or Riket is not a unit', () => {
    expect(unit('01')).toBeUndefined();
    expect(unit('00')).toBeUndefined();
  });

  it('a district whose municipality is unknown has no county', () => {
    expect(unitOf({ code: 'x-district', level: 'DISTRICT', parentCode: '9999' }, (c) => byCode.get(c))).toBeUndefined();
  });
});

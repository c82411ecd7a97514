/// <reference path="./svg-maps.d.ts" />
import sweden from '@svg-maps/sweden';

/**
 * The county map's shapes: @svg-maps/sweden (Victor Cazanave, after MapSVG; CC BY 4.0, credited
 * on the map and on /credits). Its 21 paths are named by county (`stockholm`, `vastra gotaland`);
 * this table ties each to its SCB county code. test/site/county-shapes.test.ts checks it against
 * prisma/data/reference/counties.csv and the shapes' positions.
 */
export const SHAPE_TO_SCB: Readonly<Record<string, string>> = {
  stockholm: '01',
  uppsala: '03',
  sodermanland: '04',
  ostergotland: '05',
  jonkoping: '06',
  kronoberg: '07',
  kalmar: '08',
  gotland: '09',
  blekinge: '10',
  skane: '12',
  halland: '13',
  'vastra gotaland': '14',
  varmland: '17',
  orebro: '18',
  vastmanland: '19',
  dalarna: '20',
  gavleborg: '21',
  vasternorrland: '22',
  jamtland: '23',
  vasterbotten: '24',
  norrbotten: '25',
};

export interface CountyShape {
  /** SCB county code, e.g. `01`. */
  code: string;
  /** The shape's own name in the package, e.g. `Stockholm`. */
  shapeName: string;
  path: string;
}

export const mapViewBox = sweden.viewBox;
export const countyShapes: CountyShape[] = sweden.locations.map((l) => {
  const code = SHAPE_TO_SCB[l.id];
  if (!code) throw new Error(`@svg-maps/sweden has a shape "${l.id}" with no SCB code in SHAPE_TO_SCB`);
  return { code, shapeName: l.name, path: l.path };
});

export const MAP_CREDIT = {
  text: 'Map: @svg-maps/sweden by Victor Cazanave, based on MapSVG',
  licence: 'CC BY 4.0',
  licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
  url: 'https://github.com/VictorCazanave/svg-maps/tree/master/packages/sweden',
  changes: 'coloured by the figures shown',
};

/**
 * A point inside each shape's bounding box centre, in the map's coordinates, for the markers of
 * suppressed counties. The package's paths use only relative `m` (with implicit line-tos) and `z`.
 */
export function shapeBox(path: string): { x0: number; y0: number; x1: number; y1: number } {
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const [, command, args] of path.matchAll(/([mMzZ])([^mMzZ]*)/g)) {
    if (command === 'z' || command === 'Z') {
      x = startX;
      y = startY;
      continue;
    }
    const numbers = (args!.match(/-?\d*\.?\d+(?:e-?\d+)?/gi) ?? []).map(Number);
    for (let i = 0; i + 1 < numbers.length; i += 2) {
      if (command === 'M' && i === 0) [x, y] = [numbers[0]!, numbers[1]!];
      else [x, y] = command === 'M' ? [numbers[i]!, numbers[i + 1]!] : [x + numbers[i]!, y + numbers[i + 1]!];
      if (i === 0) [startX, startY] = [x, y];
      box.x0 = Math.min(box.x0, x);
      box.y0 = Math.min(box.y0, y);
      box.x1 = Math.max(box.x1, x);
      box.y1 = Math.max(box.y1, y);
    }
  }
  return box;
}

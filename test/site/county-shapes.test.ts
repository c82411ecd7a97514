/**
 * The county map's shapes (@svg-maps/sweden) tied to SCB county codes: all 21 counties, each
 * once, each shape named as the county it is coded as, and in the right place on the map (a
 * table with two codes swapped would keep the names right and put Norrbotten in Skåne).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { countyShapes, SHAPE_TO_SCB, shapeBox } from '../../apps/docs/.vitepress/theme/lib/counties.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const counties = readFileSync(path.join(root, 'prisma/data/reference/counties.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [code, name, short] = line.split(',');
    return { code: code!, name: name!, short: short! };
  });

describe('county map shapes', () => {
  test('the 21 shapes map one to one onto the 21 SCB county codes of counties.csv', () => {
    expect(counties).toHaveLength(21);
    expect(countyShapes).toHaveLength(21);
    expect(Object.keys(SHAPE_TO_SCB)).toHaveLength(21);
    expect(countyShapes.map((s) => s.code).sort()).toEqual(counties.map((c) => c.code).sort());
  });

  test("each shape carries the name of the county its code belongs to (Stockholm is 01, Norrbotten 25)", () => {
    const byCode = new Map(counties.map((c) => [c.code, c]));
    const mismatched = countyShapes.filter((s) => byCode.get(s.code)?.short !== s.shapeName).map((s) => `${s.shapeName} coded ${s.code} (${byCode.get(s.code)?.name})`);
    expect(mismatched).toEqual([]);
    expect(countyShapes.find((s) => s.code === '01')!.shapeName).toBe('Stockholm');
    expect(countyShapes.find((s) => s.code === '25')!.shapeName).toBe('Norrbotten');
  });

  test('the shapes lie where the counties are: Norrbotten northernmost, Skåne southernmost, Gotland east of Kalmar, Halland west of Kronoberg', () => {
    const box = new Map(countyShapes.map((s) => [s.code, shapeBox(s.path)]));
    const north = [...box.entries()].sort((a, b) => a[1].y0 - b[1].y0)[0]![0];
    const south = [...box.entries()].sort((a, b) => b[1].y1 - a[1].y1)[0]![0];
    expect(north).toBe('25');
    expect(south).toBe('12');
    expect(box.get('09')!.x0).toBeGreaterThan(box.get('08')!.x1 - 5);
    expect(box.get('13')!.x0).toBeLessThan(box.get('07')!.x0);
    // Every box inside the map's own viewBox (0 0 346 793): the path parser read the shapes whole.
    for (const [code, b] of box) {
      expect(b.x0, code).toBeGreaterThanOrEqual(0);
      expect(b.y0, code).toBeGreaterThanOrEqual(0);
      expect(b.x1, code).toBeLessThanOrEqual(346);
      expect(b.y1, code).toBeLessThanOrEqual(793);
    }
  });
});

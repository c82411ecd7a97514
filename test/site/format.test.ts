/**
 * The docs site's text helpers: it folds search text as the API does (the one searchKey,
 * through @insyn/sdk), and it has a label for every value of the enums it shows (the label
 * tables are keyed by the SDK's enum types, so a value without a label fails the type-check;
 * this test says which).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { directionLabels, fold, kindLabels, offeringLabels, unitLabels } from '../../apps/docs/.vitepress/theme/lib/format.js';
import { searchKey } from '../../packages/server/src/lookup/search-key.js';

const schema = buildSchema(readFileSync(path.resolve(import.meta.dirname, '../../schema.graphql'), 'utf8'));
const valuesOf = (...names: string[]) =>
  names.flatMap((n) => {
    const type = schema.getType(n);
    return isEnumType(type) ? type.getValues().map((v) => v.name) : [];
  });

describe('the docs site', () => {
  it('folds a filter as the API folds a search: "goteborg" finds Göteborgs stad, "  vald  i " finds Våld i nära relationer', () => {
    for (const text of ['  Göteborgs   STAD ', 'Våld i nära relationer', 'Hem för vård eller boende (HVB)', 'Pitè\tMüller']) expect(fold(text)).toBe(searchKey(text));
    expect(fold('Göteborgs stad').includes(fold('goteborg'))).toBe(true);
    expect(fold('Våld i nära relationer').includes(fold('  vald  i '))).toBe(true);
  });

  it('labels every value of the enums it shows', () => {
    expect(Object.keys(offeringLabels).sort()).toEqual([...new Set(valuesOf('OfferingForm', 'OfferingProvider', 'OfferingDecision', 'SurveyStatus'))].sort());
    expect(Object.keys(kindLabels).sort()).toEqual(valuesOf('IndicatorKind').sort());
    expect(Object.keys(unitLabels).sort()).toEqual(valuesOf('Unit').sort());
    expect(Object.keys(directionLabels).sort()).toEqual(valuesOf('Direction').sort());
    expect(offeringLabels.WITH_AND_WITHOUT_DECISION).toBe('Både med och utan biståndsbeslut');
  });
});

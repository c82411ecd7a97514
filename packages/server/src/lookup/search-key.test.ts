import { describe, expect, it } from 'vitest';
import { searchKey } from './search-key.js';

describe('searchKey', () => {
  it('removes å, ä, ö and other accents, so a search typed without them finds the name', () => {
    expect(searchKey('Göteborg')).toBe('goteborg');
    expect(searchKey('Våld i nära relationer')).toBe('vald i nara relationer');
    expect(searchKey('Älvkarleby, Åre, Örebro')).toBe('alvkarleby, are, orebro');
    expect(searchKey('Hem för vård eller boende (HVB)')).toBe('hem for vard eller boende (hvb)');
    expect(searchKey('Pitè, Malmö, Müller')).toBe('pite, malmo, muller');
  });

  it('ignores case', () => {
    expect(searchKey('STOCKHOLMS LÄN')).toBe(searchKey('stockholms län'));
    expect(searchKey('Boendestöd')).toBe('boendestod');
  });

  it('makes every run of white space one space and trims, as names are stored (search_name)', () => {
    expect(searchKey('  Malmö\t  stad \n')).toBe('malmo stad');
    expect(searchKey('Personligt   ombud')).toBe(searchKey('personligt ombud'));
    expect(searchKey('   ')).toBe('');
  });

  it('keeps letters, digits and punctuation that carry meaning in codes', () => {
    expect(searchKey('socialpsykiatri:personligt-ombud')).toBe('socialpsykiatri:personligt-ombud');
    expect(searchKey('Tabell 15')).toBe('tabell 15');
    expect(searchKey('0180-bromma')).toBe('0180-bromma');
  });
});

/**
 * How every search in Insyn compares text: accents removed, lower case, runs of white space
 * one space, trimmed ("  Malmö\tstad " -> "malmo stad"), so "goteborg" finds Göteborg and
 * "vald" finds Våld. The loader stores names this way (`search_name`), the API folds what a
 * client types the same way, suggestions for a misspelt code compare folded text, and the
 * docs site filters with it.
 *
 * No imports: `npm run generate` copies this file into @insyn/sdk
 * (`src/generated/search-key.ts`, exported as `searchKey`), so a client filtering a list it
 * holds matches as the API's `search` does.
 */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The number a printed figure states, read the way docs/data-files.md says figures are read:
 * digits with a space between thousands and a decimal comma ("94 372", "0,61"), Swedish number
 * words ("noll" … "tolv"), a few fixed phrases ("Ingen", "Den kommun", "tre av tio", "en
 * tredjedel"), "miljarder" as 10⁹ and "minskat med" as a decrease. Returns `all` for
 * "Samtliga" (every one of the base), and null where the words state no number.
 */
const WORDS: Record<string, number> = {
  noll: 0, ingen: 0, en: 1, ett: 1, två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8, nio: 9, tio: 10, elva: 11, tolv: 12,
};
const FRACTIONS: Record<string, number> = { 'en femtedel': 20, 'en fjärdedel': 25, 'en tredjedel': 33.3, 'hälften': 50 };

export function printedNumber(printed: string): number | 'all' | null {
  const text = printed.toLowerCase();
  if (/^samtliga\b/.test(text)) return 'all';
  if (/^den kommun\b/.test(text)) return 1;
  for (const [phrase, value] of Object.entries(FRACTIONS)) if (new RegExp(`(^|\\s)${phrase}(\\s|$)`).test(text)) return value;
  // "tre av tio": a share, in percent.
  const outOf = /(\p{L}+) av (\p{L}+)/u.exec(text);
  if (outOf && outOf[1]! in WORDS && outOf[2]! in WORDS) return (100 * WORDS[outOf[1]!]!) / WORDS[outOf[2]!]!;
  const sign = /\bminskat med\b/.test(text) ? -1 : 1;
  const scale = /\bmiljarder\b/.test(text) ? 1e9 : 1;
  const digits = /\d{1,3}(?: \d{3})+(?!\d)|\d+(?:,\d+)?/.exec(text);
  if (digits) return sign * scale * Number(digits[0].replace(/ /g, '').replace(',', '.'));
  const word = text.split(/[^\p{L}]+/u).find((w) => w in WORDS && w !== 'en' && w !== 'ett');
  return word ? sign * scale * WORDS[word]! : null;
}

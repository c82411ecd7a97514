/**
 * A locator says where in its document a figure is printed: `;`-separated parts, each a table
 * ("Tabell 15", "Tabell 15 (Nationellt genomsnitt)"), a figure ("Figur 1", "Figur: Andel
 * kommuner som erbjuder IPS") or a passage of running text ("text: Årets resultat"). One parser
 * for the loader (which stores the tables for filtering) and the API (which shows the parts).
 */
export interface LocatorPart {
  kind: 'TABLE' | 'FIGURE' | 'TEXT';
  /** "Tabell 15", "Figur 1", "Figur: <title>"; for text, the passage's heading. */
  label: string;
  number: number | null;
  /** A section within a table ("Nationellt genomsnitt") or the heading of a passage of text. */
  section: string | null;
  /** The part exactly as written. */
  text: string;
}

export function parseLocator(locator: string): LocatorPart[] {
  return locator.split(';').map((part) => part.trim()).filter(Boolean).map((text): LocatorPart => {
    const numbered = /^(Tabell|Figur) (\d+)(?: \((.+)\))?$/.exec(text);
    if (numbered) return { kind: numbered[1] === 'Tabell' ? 'TABLE' : 'FIGURE', label: `${numbered[1]} ${numbered[2]}`, number: Number(numbered[2]), section: numbered[3] ?? null, text };
    if (/^Figur: ./.test(text)) return { kind: 'FIGURE', label: text, number: null, section: null, text };
    const passage = /^text: (.+)$/.exec(text);
    return { kind: 'TEXT', label: passage?.[1] ?? text, number: null, section: passage?.[1] ?? text, text };
  });
}

/** The tables and figures a locator names, as stored in observation.tables. */
export const locatorTables = (locator: string): string[] => [...new Set(parseLocator(locator).filter((p) => p.kind !== 'TEXT').map((p) => p.label))];

/**
 * A table or figure as a user may type it ("tabell 15", "Table 15", "figur 1") in the form
 * the data holds ("Tabell 15"); null when it is neither.
 */
export function normaliseTable(input: string): string | null {
  const numbered = /^\s*(tabell|table|figur|figure)\s*(\d+)\s*$/i.exec(input);
  if (numbered) return `${/^tab/i.test(numbered[1]!) ? 'Tabell' : 'Figur'} ${Number(numbered[2])}`;
  return /^Figur: ./.test(input.trim()) ? input.trim() : null;
}

/** A problem in a data file, pointing at the file, row (1-based, header = row 1) and column. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly row: number | null,
    readonly column: string | null,
    readonly problem: string,
    /** The line in a text editor where the record starts, when a quoted field spans lines. */
    readonly line: number | null = null,
  ) {
    super(`${file}${row != null ? `, row ${row}` : ''}${line != null && line !== row ? ` (line ${line})` : ''}${column ? `, column "${column}"` : ''}: ${problem}`);
    this.name = 'DataFileError';
  }
}

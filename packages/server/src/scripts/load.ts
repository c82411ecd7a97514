/**
 * npm run load [-- --data <folder>]: loads every data file (prisma/data, or the folder given)
 * into DATABASE_URL or the embedded PostgreSQL. Idempotent; a refused file writes nothing and
 * exits 1.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.js';
import { load } from '../loader/load.js';
import { DataFileError } from '../loader/errors.js';
import { stopWithParent } from './parent.js';

// Killing npm (even with SIGKILL) stops the load underneath, before it commits.
stopWithParent('npm run load');

const { values } = parseArgs({ options: { data: { type: 'string' } } });
// npm runs workspace scripts in the package folder; a relative path means the caller's folder.
const dataDir = values.data ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.data) : undefined;

const { url, embedded } = await openDatabase();
try {
  const result = await load(url, { dataDir });
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

/**
 * npm run load [-- --data <folder>]: loads every data file (prisma/data, or the folder given)
 * into DATABASE_URL or the embedded PostgreSQL. Idempotent; a refused file writes nothing and
 * exits 1.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { load, type LoadResult } from '../load/load.js';
import type { EmbeddedDatabase } from '../db/embedded.js';
import { endCommand, openDatabaseStep } from './command.js';
import { runSteps } from './progress.js';
import { DataFileError } from '../load/errors.js';
import { stopWithParent } from './parent.js';

// Killing npm (even with SIGKILL) stops the load underneath, before it commits.
stopWithParent('npm run load');

const { values } = parseArgs({ options: { data: { type: 'string' } } });
// npm runs workspace scripts in the package folder; a relative path means the caller's folder.
const dataDir = values.data ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.data) : undefined;

const ctx: { url?: string; embedded?: EmbeddedDatabase; result?: LoadResult } = {};
await endCommand(DataFileError, (error) => `Load refused, nothing was written: ${error.message}`, async () => {
  await runSteps(ctx, [
    openDatabaseStep(),
    {
      title: 'Loading the data files (one transaction)',
      run: async (c, report) => {
        c.result = await load(c.url!, { dataDir, progress: report });
        return c.result.changed === 0 ? 'Loaded: nothing changed' : `Loaded: ${c.result.changed} rows inserted, updated or deleted`;
      },
    },
  ]);
  console.table(ctx.result!.tables);
  console.log(ctx.result!.changed === 0 ? `Nothing changed (${ctx.result!.ms} ms).` : `Loaded: ${ctx.result!.changed} rows inserted, updated or deleted in ${ctx.result!.ms} ms.`);
}, () => ctx.embedded?.stop());

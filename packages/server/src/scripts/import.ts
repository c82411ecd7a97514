/**
 * npm run import -- offerings <file.csv> [survey <file.csv>] --dataset <code> --title "<title>" [--source "<text>"]
 * Uses DATABASE_URL, or the embedded PostgreSQL like `npm run load`. See docs/import.md.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ImportError, importDataset, type ImportOptions, type ImportResult } from '../import/import.js';
import type { EmbeddedDatabase } from '../db/embedded.js';
import { endCommand, openDatabaseStep, refuseUsage } from './command.js';
import { runSteps } from './progress.js';
import { COLUMNS, type ImportKind } from '../import/validate.js';
import { stopWithParent } from './parent.js';

// Killing npm (even with SIGKILL) stops the import underneath, before it commits.
stopWithParent('npm run import');

const USAGE = `Usage: npm run import -- offerings <file.csv> [survey <file.csv>] --dataset <code> --title "<title>" [--source "<text>"] [--only-units]
  --only-units: replace only the rows of the units in the files (other contributors' units stay)
  offerings file: ${COLUMNS.offerings.join(',')}
  survey file:    ${COLUMNS.survey.join(',')}
See docs/import.md.`;

function parseCommandLine(argv: string[]): ImportOptions | string {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { dataset: { type: 'string' }, title: { type: 'string' }, source: { type: 'string' }, 'only-units': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return (error as Error).message;
  }
  const { values, positionals } = parsed;
  if (values.help) return '';
  if (!values.dataset) return '--dataset <code> is required.';
  if (values.title === undefined) return '--title "<title>" is required.';
  if (positionals.length === 0 || positionals.length % 2 !== 0) return 'Give one or more pairs of a file kind and a file: offerings <file.csv>, survey <file.csv>.';
  const files: ImportOptions['files'] = [];
  for (let i = 0; i < positionals.length; i += 2) {
    const kind = positionals[i]!;
    if (kind !== 'offerings' && kind !== 'survey') return `"${kind}" is not a file kind: offerings or survey.`;
    // npm runs workspace scripts in the package folder; a relative path means the caller's folder.
    files.push({ kind: kind as ImportKind, path: path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[i + 1]!) });
  }
  return { dataset: values.dataset, title: values.title, source: values.source ?? null, files, replace: values['only-units'] ? 'units' : 'dataset' };
}

const options = parseCommandLine(process.argv.slice(2));
if (!refuseUsage(options, USAGE)) {
  const ctx: { url?: string; embedded?: EmbeddedDatabase; result?: ImportResult } = {};
  await endCommand(ImportError, (error) => `Import refused, nothing was written. ${error.message}`, async () => {
    await runSteps(ctx, [
      openDatabaseStep(),
      {
        title: `Checking and importing data set ${options.dataset} (one transaction)`,
        run: async (c, report) => {
          c.result = await importDataset(c.url!, options, report);
          return c.result.changed === 0 ? `Imported ${options.dataset}: nothing changed` : `Imported ${options.dataset}: ${c.result.changed} rows inserted, updated or deleted`;
        },
      },
    ]);
    const result = ctx.result!;
    console.table(result.tables);
    console.log(result.changed === 0
      ? `Nothing changed: data set ${result.dataset} already holds exactly these rows.`
      : `Imported data set ${result.dataset}: ${result.changed} rows inserted, updated or deleted. Query it with dataset: "${result.dataset}".`);
  }, () => ctx.embedded?.stop());
}

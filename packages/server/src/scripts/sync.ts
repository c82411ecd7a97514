/**
 * npm run sync -- kolada [--kpi U28500,U30426] [--since 2026-06-01] [--years 2000-2026] [--base-url https://api.kolada.se]
 * Uses DATABASE_URL, or the embedded PostgreSQL like `npm run load`. See docs/kolada.md.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.js';
import { DEFAULT_BASE_URL } from '../kolada/client.js';
import { KoladaError } from '../kolada/errors.js';
import { syncKolada, type KoladaSyncOptions } from '../kolada/sync.js';
import { endCommand, refuseUsage } from './command.js';

const USAGE = `Usage: npm run sync -- kolada [--kpi <id>,<id>...] [--since <YYYY-MM-DD>] [--years <from>-<to>] [--base-url <url>] [--interval-ms <ms>]
  --kpi       Kolada KPI ids (default: the 22 Öppna jämförelser KPIs of prisma/data/reference/kolada-oj-kpis.csv)
  --since     only figures Kolada changed since that date (from_date); deletions applied
  --years     years to ask for (default 2000 to this year)
  --base-url  Kolada's API (default ${DEFAULT_BASE_URL}; or KOLADA_BASE_URL)
  --interval-ms  least time between two requests (default 500, or KOLADA_INTERVAL_MS)
See docs/kolada.md.`;

function parseCommandLine(argv: string[]): KoladaSyncOptions | string {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { kpi: { type: 'string', multiple: true }, since: { type: 'string' }, years: { type: 'string' }, 'base-url': { type: 'string' }, 'interval-ms': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return (error as Error).message;
  }
  const { values, positionals } = parsed;
  if (values.help) return '';
  if (positionals.length !== 1 || positionals[0] !== 'kolada') return `Name what to synchronise: kolada${positionals.length ? ` (not "${positionals.join(' ')}")` : ''}.`;
  const options: KoladaSyncOptions = { baseUrl: values['base-url'] ?? process.env.KOLADA_BASE_URL ?? DEFAULT_BASE_URL, since: values.since ?? null };
  if (values.kpi) options.kpis = values.kpi.flatMap((k) => k.split(',')).map((k) => k.trim()).filter(Boolean);
  if (values.years) {
    const match = /^(\d{4})-(\d{4})$/.exec(values.years);
    if (!match) return `--years: "${values.years}" is not <from>-<to>, e.g. 2000-2026.`;
    options.years = { from: Number(match[1]), to: Number(match[2]) };
  }
  const interval = values['interval-ms'] ?? process.env.KOLADA_INTERVAL_MS;
  if (interval !== undefined) {
    if (!/^\d+$/.test(interval)) return `--interval-ms: "${interval}" is not a number of milliseconds.`;
    options.minIntervalMs = Number(interval);
  }
  return options;
}

const options = parseCommandLine(process.argv.slice(2));
if (!refuseUsage(options, USAGE)) {
  const { url, embedded } = await openDatabase();
  await endCommand(KoladaError, (error) => `Sync refused (${error.code}), nothing was written: ${error.message}`, async () => {
    const result = await syncKolada(url, {
      ...options,
      onProgress: (line) => console.error(line),
      onEvent: (e) => { if (e.kind === 'retry') console.error(`Kolada: ${e.status ?? 'network error'} for ${e.url}; retrying in ${e.waitMs} ms.`); },
    });
    console.table(result.tables);
    console.log(result.changed === 0
      ? `Nothing changed: data set kolada already holds exactly these figures (${result.requests} requests).`
      : `Synchronised ${result.kpis} KPIs from Kolada: ${result.changed} rows inserted, updated or deleted (${result.requests} requests, ${result.retries} retried). Query them with the indicators ${Object.values(result.crosswalk).slice(0, 3).join(', ')}...`);
  }, () => embedded?.stop());
}

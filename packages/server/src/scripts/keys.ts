/**
 * npm run keys -- create --name "Region Uppsala" --scope write:dataset:<code> [--scope write:unit:0380] [--expires 2027-12-31] [--rate-limit 600] [--dataset-title "<title>"]
 * npm run keys -- list
 * npm run keys -- revoke <id>
 * Uses DATABASE_URL, or the embedded PostgreSQL like `npm run load`. See docs/partners.md.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../db/database.js';
import { createKey, listKeys, revokeKey, scopeProblems } from '../partners/keys.js';

const USAGE = `Usage:
  npm run keys -- create --name "<who>" --scope write:dataset:<code> [--scope write:unit:<SCB code>]... [--expires <date>] [--rate-limit <requests per minute>] [--dataset-title "<title>"]
  npm run keys -- list
  npm run keys -- revoke <id>
A key with unit scopes writes only those units (a municipality covers its districts); without, every
unit of its data sets. --rate-limit gives the key its own limit (else the server's INSYN_RATE_LIMIT_KEY).
--dataset-title creates the imported data set when it does not exist yet.
See docs/partners.md.`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { name: { type: 'string' }, scope: { type: 'string', multiple: true }, expires: { type: 'string' }, 'rate-limit': { type: 'string' }, 'dataset-title': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.error(USAGE);
    return values.help ? 0 : 1;
  }
  const problems: string[] = [];
  if (command === 'create') {
    if (!values.name?.trim()) problems.push('--name "<who>" is required, e.g. --name "Region Uppsala"');
    problems.push(...scopeProblems(values.scope ?? []));
    if (values.expires !== undefined && Number.isNaN(new Date(values.expires).getTime())) problems.push(`--expires "${values.expires}" is not a date, e.g. 2027-12-31`);
    if (values['rate-limit'] !== undefined && !/^[1-9]\d{0,8}$/.test(values['rate-limit'])) problems.push(`--rate-limit "${values['rate-limit']}" is not a number of requests per minute, e.g. 600`);
  } else if (command === 'revoke') {
    if (rest.length !== 1) problems.push('give the id of the key to revoke (npm run keys -- list shows them)');
  } else if (command !== 'list') problems.push(`"${command}" is not a command: create, list or revoke`);
  if (problems.length) {
    console.error(`${problems.join('\n')}\n${USAGE}`);
    return 1;
  }

  const { url, embedded } = await openDatabase();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (command === 'list') {
      console.table((await listKeys(client)).map((k) => ({ id: k.id, name: k.name, scopes: k.scopes.join(' '), created: k.createdAt.toISOString(), expires: k.expiresAt?.toISOString() ?? '', revoked: k.revokedAt?.toISOString() ?? '', 'last used': k.lastUsedAt?.toISOString() ?? '', 'rate limit': k.rateLimit ?? 'default' })));
      return 0;
    }
    if (command === 'revoke') {
      const done = await revokeKey(client, rest[0]!);
      console.log(done ? `Key ${rest[0]} is revoked, on every server at once.` : `No key ${rest[0]}; npm run keys -- list shows them.`);
      return done ? 0 : 1;
    }
    const datasets = values.scope!.filter((s) => s.startsWith('write:dataset:')).map((s) => s.slice('write:dataset:'.length));
    const units = values.scope!.filter((s) => s.startsWith('write:unit:')).map((s) => s.slice('write:unit:'.length));
    const missing: string[] = [];
    for (const code of datasets) {
      const { rows } = await client.query<{ kind: string }>('SELECT kind::text AS kind FROM dataset WHERE code = $1', [code]);
      if (rows[0] && rows[0].kind !== 'IMPORTED') missing.push(`data set ${code} is ${rows[0].kind.toLowerCase()}, kept by the loader; partners write imported data sets only`);
      else if (!rows[0] && values['dataset-title']) {
        await client.query(`INSERT INTO dataset (code, title, synthetic, kind, description) VALUES ($1, $2, false, 'IMPORTED', $3)`, [code, values['dataset-title'], `Answers written by partners through the API.`]);
        console.log(`Created the imported data set ${code} ("${values['dataset-title']}").`);
      } else if (!rows[0]) missing.push(`no data set ${code}: import one (npm run import) or add --dataset-title "<title>" to create it`);
    }
    for (const code of units) {
      const { rows } = await client.query<{ level: string }>('SELECT level::text AS level FROM region WHERE code = $1', [code]);
      if (!rows[0] || !['MUNICIPALITY', 'DISTRICT'].includes(rows[0].level)) missing.push(`${code} is not a municipality or district (SCB code, e.g. 0380 or 0180-bromma)`);
    }
    if (missing.length) {
      console.error(`No key made:\n${missing.join('\n')}`);
      return 1;
    }
    const { key, token } = await createKey(client, { name: values.name!.trim(), scopes: values.scope!, expiresAt: values.expires ? new Date(values.expires) : null, rateLimit: values['rate-limit'] ? Number(values['rate-limit']) : null });
    console.log(`Key ${key.id} for "${key.name}" (${key.scopes.join(' ')}${key.expiresAt ? `, expires ${key.expiresAt.toISOString()}` : ''}${key.rateLimit ? `, ${key.rateLimit} requests per minute` : ''}).
Send it as the header  Authorization: Bearer ${token}
It is shown only now; Insyn keeps only a hash of it.`);
    return 0;
  } finally {
    await client.end();
    await embedded?.stop();
  }
}

process.exitCode = await main(process.argv.slice(2));

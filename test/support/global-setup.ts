import type { TestProject } from 'vitest/node';
import { load } from '../../packages/server/src/load/load.js';
import { resolveChromium } from './browser.js';
import { createDatabase, startTestPostgres } from './database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated database with every data file loaded (shared, read-only for tests). */
    databaseUrl: string;
    /** The maintenance database of the same server, for tests that need a scratch database. */
    adminUrl: string;
    /** The Chromium executable for browser tests (test/support/browser.ts). */
    chromiumPath: string;
  }
}

/** One PostgreSQL for the run, one fully loaded database shared by the read-only tests. */
export default async function setup(project: TestProject) {
  const server = await startTestPostgres();
  const db = await createDatabase(server.adminUrl, 'insyn_test_loaded');
  await load(db.url);
  project.provide('databaseUrl', db.url);
  project.provide('adminUrl', server.adminUrl);
  project.provide('chromiumPath', (await resolveChromium()).path);
  return async () => {
    await db.drop();
    await server.stop();
  };
}

import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';
import { migrate } from './migrate.js';

/**
 * Resolves the database to use: DATABASE_URL if set (any PostgreSQL >= 15), otherwise the
 * embedded PostgreSQL. Applies pending migrations either way.
 */
export async function openDatabase(): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres();
    url = embedded.url;
  }
  await migrate(url);
  return { url, embedded };
}

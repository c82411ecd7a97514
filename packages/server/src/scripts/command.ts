/**
 * How the data commands (`load`, `import`, `sync`) begin and end, in one place: the usage on a
 * command line that does not parse, the step that opens the database, and the ending — an
 * expected refusal is one line on stderr and exit code 1 (nothing was written), anything else
 * is thrown, and the embedded PostgreSQL is stopped either way.
 */
import { openDatabase } from '../db/database.js';
import type { EmbeddedDatabase } from '../db/embedded.js';
import type { Step } from './progress.js';

/**
 * A command line that did not parse (`parsed` is then the problem, '' for --help): prints it
 * and the usage, sets the exit code (0 for --help, else 1) and returns true.
 */
export function refuseUsage<T>(parsed: T | string, usage: string): parsed is string {
  if (typeof parsed !== 'string') return false;
  if (parsed) console.error(parsed);
  console.error(usage);
  process.exitCode = parsed ? 1 : 0;
  return true;
}

/** The first step of a data command: DATABASE_URL, or the embedded PostgreSQL, migrated. */
export function openDatabaseStep<C extends { url?: string; embedded?: EmbeddedDatabase }>(): Step<C> {
  return {
    title: 'Opening the database',
    run: async (c, report) => {
      if (!process.env.DATABASE_URL) report('Starting the embedded PostgreSQL');
      Object.assign(c, await openDatabase());
      return c.embedded ? 'Embedded PostgreSQL started and migrated' : 'Database connected and migrated';
    },
  };
}

/**
 * Runs the command's work; an error of the class `refusal` is printed as `refused(error)` with
 * exit code 1, any other is thrown; `stop` (the embedded PostgreSQL's) runs in any case.
 */
export async function endCommand<E extends Error>(refusal: abstract new (...args: never[]) => E, refused: (error: E) => string, work: () => Promise<void>, stop: () => Promise<void> | undefined): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof refusal)) throw error;
    console.error(refused(error));
    process.exitCode = 1;
  } finally {
    await stop();
  }
}

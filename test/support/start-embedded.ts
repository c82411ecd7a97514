// Child process of packages/server/src/db/embedded.test.ts: tries to start the embedded PostgreSQL on the data folder
// and port given, prints the outcome as JSON, and then ends on its own (no process.exit).
import { startEmbeddedPostgres } from '../../packages/server/src/db/embedded.js';

const [dataDir, port] = process.argv.slice(2);
try {
  const db = await startEmbeddedPostgres({ dataDir: dataDir!, port: Number(port) });
  await db.stop();
  console.log(JSON.stringify({ started: true }));
} catch (error) {
  console.log(JSON.stringify({ started: false, message: error instanceof Error ? error.message : String(error) }));
}

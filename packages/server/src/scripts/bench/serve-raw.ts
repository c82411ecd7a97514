/**
 * The raw-SQL floor: a minimal node HTTP server with one `pg` pool that answers each question
 * with its one SQL statement (questions.ts) as JSON, `GET /<question>` → `{"rows": [...]}`.
 * No GraphQL, no validation, no ORM: what answering costs at the least on this database.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { closeServer, databaseUrl, runChild, listenOnLoopback } from './child.js';
import { QUESTIONS } from './questions.js';

await runChild('raw SQL', async () => {
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: 10 });
  pool.on('error', (error) => console.error('[bench] raw: idle connection lost:', error.message));
  const byPath = new Map(QUESTIONS.map((q) => [`/${q.name}`, q.raw]));
  const server = createServer((req, res) => {
    const raw = byPath.get(req.url ?? '');
    if (!raw) {
      res.writeHead(404).end();
      return;
    }
    pool.query(raw.sql, raw.params).then(
      (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ rows: result.rows })),
      (error: Error) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: error.message })),
    );
  });
  const port = await listenOnLoopback(server);
  return {
    server,
    base: `http://127.0.0.1:${port}`,
    info: 'raw SQL: node http, one pg pool (10), one statement per question',
    close: async () => {
      await closeServer(server);
      await pool.end();
    },
  };
});

import { createServer as createHttpServer, type Server } from 'node:http';
import type { PrismaClient } from './generated/prisma/client.js';
import { serveDocs } from './docs-site.js';
import { createServer, type ServerOptions } from './yoga.js';

/**
 * The whole HTTP service: GraphQL (+ GraphiQL) at /graphql, CSV export under /export/,
 * and the built docs site (apps/docs/dist) everywhere else. Used by main.ts and by tests
 * that need a real port (browser tests, the graphql-http audit, the benchmark).
 */
export function createHttpApp(prisma: PrismaClient, options: ServerOptions & { docsRoot?: string } = {}): Server {
  const yoga = createServer(prisma, options);
  const docs = serveDocs(options.docsRoot);
  return createHttpServer((req, res) => {
    if (docs && !req.url?.startsWith('/graphql') && !req.url?.startsWith('/export/')) {
      if (docs(req, res)) return;
    }
    void yoga(req, res);
  });
}

/** Listens on `port` (0 = any free port) and resolves with the base URL. */
export function listen(server: Server, port = 0): Promise<string> {
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://localhost:${typeof address === 'object' && address ? address.port : port}`);
    });
  });
}

/**
 * PostGraphile 5 as the benchmark's peer: the amber preset over the tables Prisma's migrations
 * created (schema `public`), served by grafserv on node's http, in a process of its own.
 *
 * - PostGraphile 5.1.5 declares Node >= 22; on Node 20 every query fails ("Cannot read
 *   properties of undefined (reading 'items')") until `Promise.withResolvers` exists, so it is
 *   polyfilled here, in this process only.
 * - The amber preset lets clients filter and order only by indexed columns
 *   (PgIndexBehaviorsPlugin); that plugin is disabled so it can answer the same questions as
 *   Insyn, and postgraphile-plugin-connection-filter adds `filter:` (with relations, for the
 *   region-of-a-county and dimension-member conditions).
 */
import { createServer } from 'node:http';
import { closeServer, databaseUrl, runChild, listenOnLoopback } from './child.js';

type WithResolvers = <T>() => { promise: Promise<T>; resolve: (value: T) => void; reject: (reason?: unknown) => void };
const promise = Promise as unknown as { withResolvers?: WithResolvers };
promise.withResolvers ??= function withResolvers<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason?: unknown) => void;
  const p = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise: p, resolve, reject };
};
// Production mode (no development checks), and no warning that GRAPHILE_ENV is unset.
process.env.GRAPHILE_ENV ??= 'production';

await runChild('PostGraphile', async () => {
  const { postgraphile } = await import('postgraphile');
  const { grafserv } = await import('postgraphile/grafserv/node');
  const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
  const { makePgService } = await import('postgraphile/adaptors/pg');
  const { PostGraphileConnectionFilterPreset } = await import('postgraphile-plugin-connection-filter');
  const preset: GraphileConfig.Preset = {
    extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
    disablePlugins: ['PgIndexBehaviorsPlugin'],
    pgServices: [makePgService({ connectionString: databaseUrl(), schemas: ['public'], poolConfig: { max: 10 } })],
    schema: { connectionFilterRelations: true },
    grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  server.on('error', (error) => console.error('[bench] PostGraphile:', error));
  await serv.addTo(server);
  // Build the schema now (introspection), not on the first request.
  await pgl.getSchemaResult();
  const port = await listenOnLoopback(server);
  return {
    server,
    base: `http://127.0.0.1:${port}/graphql`,
    info: 'PostGraphile 5 (amber preset, connection filter, index behaviours off), grafserv on node http',
    close: async () => {
      await closeServer(server);
      await pgl.release();
    },
  };
});

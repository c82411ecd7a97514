/**
 * The GraphQL floor: graphql-yoga with its defaults on node http, as Insyn serves it, but with
 * nothing of Insyn's: a graphql-js schema of one root field per question, whose rows are the
 * raw-SQL floor's (one statement on one `pg` pool), each column a field that passes its value
 * through. No Pothos, no Prisma, no plugins, no checks. What any server built on Yoga spends at
 * the least on each answer here, so the report shows which part of Insyn's cost is the
 * framework's and which is Insyn's own (docs/benchmark.md).
 *
 *   { riketSeries { period value status dimensionKey } }   (the question's columns, in order)
 */
import { createServer } from 'node:http';
import { GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLScalarType, GraphQLSchema } from 'graphql';
import { createYoga } from 'graphql-yoga';
import pg from 'pg';
import { closeServer, databaseUrl, runChild, listenOnLoopback } from './child.js';
import { QUESTIONS } from './questions.js';

/** A column's value as the driver returns it (text, number, boolean or null). */
const Value = new GraphQLScalarType({ name: 'Value', serialize: (value) => value });

/** The query the floor answers `name` with: every column of its raw statement. */
const floorQuery = (name: string, columns: string[]) => `{ ${name} { ${columns.join(' ')} } }`;

await runChild('Yoga floor', async () => {
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: 10 });
  pool.on('error', (error) => console.error('[bench] Yoga floor: idle connection lost:', error.message));
  const fields: Record<string, { type: GraphQLNonNull<GraphQLList<GraphQLNonNull<GraphQLObjectType>>>; resolve: () => Promise<unknown[]> }> = {};
  const queries: Record<string, string> = {};
  for (const question of QUESTIONS) {
    // The columns, from the statement itself (run once at start-up).
    const columns = (await pool.query(question.raw.sql, question.raw.params)).fields.map((f) => f.name);
    const row = new GraphQLObjectType({ name: `${question.name[0]!.toUpperCase()}${question.name.slice(1)}Row`, fields: Object.fromEntries(columns.map((c) => [c, { type: Value }])) });
    fields[question.name] = { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(row))), resolve: async () => (await pool.query(question.raw.sql, question.raw.params)).rows };
    queries[question.name] = floorQuery(question.name, columns);
  }
  const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields }) });
  const yoga = createYoga({ schema, logging: false, graphiql: false, landingPage: false });
  const server = createServer(yoga);
  const port = await listenOnLoopback(server);
  return {
    server,
    base: `http://127.0.0.1:${port}/graphql`,
    info: 'Yoga floor: graphql-yoga (defaults) on node http, graphql-js, one field per question answered by its raw SQL on one pg pool (10)',
    queries,
    close: async () => {
      await closeServer(server);
      await pool.end();
    },
  };
});

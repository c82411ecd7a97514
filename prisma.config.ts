import { defineConfig } from 'prisma/config';

// Only pass a datasource URL when one is set: generate needs none, and env() would throw.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});

import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root, found from this file so scripts work from any working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const prismaDir = path.join(repoRoot, 'prisma');
export const migrationsDir = path.join(prismaDir, 'migrations');
export const dataDir = path.join(prismaDir, 'data');
/** Where the embedded PostgreSQL keeps its data between runs (see README). */
export const embeddedDataDir = process.env.INSYN_PGDATA ?? path.join(repoRoot, '.data', 'postgres');

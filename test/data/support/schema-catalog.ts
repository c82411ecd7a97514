/**
 * What the migrated database should look like according to prisma/schema.prisma, and what it
 * does look like according to PostgreSQL's catalog, in one comparable shape.
 *
 * Prisma's schema engine (which `prisma migrate diff` needs) cannot be downloaded here, so the
 * expected side comes from Prisma's own parse of schema.prisma: `prisma generate` runs with a
 * tiny generator (dmmf-generator.mjs) that writes the full DMMF. Names that schema.prisma does
 * not spell out follow Prisma's naming convention for PostgreSQL (psl ConstraintNames).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel { name: string; dbName: string | null; fields: DmmfField[]; primaryKey: { name: string | null; fields: string[] } | null }
interface DmmfIndex { model: string; type: 'id' | 'unique' | 'normal' | 'fulltext'; dbName?: string | null; algorithm?: string | null; fields: { name: string }[] }
export interface Datamodel { enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[]; models: DmmfModel[]; indexes: DmmfIndex[] }

/** Runs `prisma generate` on a copy of schema.prisma whose only generator dumps the DMMF. */
export function readDatamodel(schemaFile = path.join(repoRoot, 'prisma', 'schema.prisma')): Datamodel {
  const dir = mkdtempSync(path.join(tmpdir(), 'insyn-dmmf-'));
  try {
    const schema = readFileSync(schemaFile, 'utf8').replace(/^generator\s+\w+\s*\{[\s\S]*?^\}/gm, '');
    const out = path.join(dir, 'dmmf.json');
    // Prisma runs the provider through a shell: quote the path in case it holds spaces.
    const generator = path.join(here, 'dmmf-generator.mjs');
    writeFileSync(path.join(dir, 'schema.prisma'), `${schema}\ngenerator dmmf {\n  provider = ${JSON.stringify(`node '${generator}'`)}\n  output   = ${JSON.stringify(out)}\n}\n`);
    // Prisma 7's CLI wants its schema engine even for generate, which does not use it.
    const stub = path.join(dir, 'schema-engine-stub');
    writeFileSync(stub, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    execFileSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate', '--schema', path.join(dir, 'schema.prisma')], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    });
    return JSON.parse(readFileSync(out, 'utf8')) as Datamodel;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A flat, sorted description of a schema: one line per table, column, key, index, FK, enum. */
export type Catalog = string[];

const LIMIT = 63; // PostgreSQL's identifier length, as Prisma's names assume
const indexName = (table: string, columns: string[], suffix: string) => {
  let name = `${table}_${columns.join('_')}`;
  if (name.length >= LIMIT - suffix.length) name = name.slice(0, LIMIT - suffix.length);
  return name + suffix;
};
const fkName = (table: string, columns: string[]) => {
  let name = `${table}_${columns.join('_')}`;
  if (name.length >= LIMIT - 5) name = name.slice(0, LIMIT - 5);
  return `${name}_fkey`;
};

function columnType(field: DmmfField, enums: Map<string, string>): string {
  if (field.kind === 'enum') return `enum ${enums.get(field.type)}`;
  const native = field.nativeType?.[0];
  const args = field.nativeType?.[1] ?? [];
  switch (field.type) {
    case 'String': return native === 'VarChar' ? `varchar(${args[0] ?? ''})` : 'text';
    case 'Int': return 'integer';
    case 'BigInt': return 'bigint';
    case 'Float': return 'double precision';
    case 'Boolean': return 'boolean';
    case 'Json': return 'jsonb';
    case 'Decimal': return 'numeric';
    case 'DateTime':
      if (native === 'Date') return 'date';
      if (native === 'Timestamptz') return `timestamptz(${args[0] ?? 6})`;
      return `timestamp(${args[0] ?? 3})`;
    default: return `unknown ${field.type}`;
  }
}

function columnDefault(field: DmmfField): string {
  if (!field.hasDefaultValue || field.default === undefined) return '';
  const d = field.default as { name?: string } | string | number | boolean | unknown[];
  // A list's default, as PostgreSQL shows it: `@default([])` on String[] is ARRAY[]::text[].
  if (Array.isArray(d)) return ` default ARRAY[${d.map((v) => `'${String(v)}'`).join(', ')}]::text[]`;
  if (typeof d === 'object' && d?.name === 'now') return ' default CURRENT_TIMESTAMP';
  if (typeof d === 'object') return ` default ${d.name}()`;
  // PostgreSQL shows an enum's or a text's default as a quoted literal ('AS_PRINTED').
  if (typeof d === 'string') return ` default '${d}'`;
  return ` default ${String(d)}`;
}

export function expectedCatalog(dm: Datamodel): Catalog {
  const out: string[] = [];
  const enums = new Map(dm.enums.map((e) => [e.name, e.dbName ?? e.name]));
  for (const e of dm.enums) out.push(`enum ${e.dbName ?? e.name}: ${e.values.map((v) => v.dbName ?? v.name).join(', ')}`);
  const tableOf = new Map(dm.models.map((m) => [m.name, m.dbName ?? m.name]));
  const columnOf = (model: DmmfModel, field: string) => {
    const f = model.fields.find((x) => x.name === field)!;
    return f.dbName ?? f.name;
  };
  for (const model of dm.models) {
    const table = tableOf.get(model.name)!;
    out.push(`table ${table}`);
    for (const f of model.fields) {
      if (f.kind === 'object') continue;
      out.push(`column ${table}.${f.dbName ?? f.name} ${columnType(f, enums)}${f.isList ? '[]' : ''}${f.isRequired ? ' not null' : ''}${columnDefault(f)}`);
    }
    for (const f of model.fields) {
      if (f.kind !== 'object' || !f.relationFromFields?.length) continue;
      const cols = f.relationFromFields.map((c) => columnOf(model, c));
      const target = dm.models.find((m) => m.name === f.type)!;
      const refs = f.relationToFields!.map((c) => columnOf(target, c));
      const required = f.relationFromFields.every((c) => model.fields.find((x) => x.name === c)!.isRequired);
      const onDelete = (f.relationOnDelete ?? (required ? 'Restrict' : 'SetNull')).replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
      const onUpdate = (f.relationOnUpdate ?? 'Cascade').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
      out.push(`fk ${fkName(table, cols)} ${table}(${cols.join(',')}) -> ${tableOf.get(target.name)}(${refs.join(',')}) on delete ${onDelete} on update ${onUpdate}`);
    }
  }
  for (const index of dm.indexes) {
    const model = dm.models.find((m) => m.name === index.model)!;
    const table = tableOf.get(model.name)!;
    const cols = index.fields.map((f) => columnOf(model, f.name));
    if (index.type === 'id') out.push(`primary key ${index.dbName ?? `${table}_pkey`} ${table}(${cols.join(',')})`);
    else if (index.type === 'unique') out.push(`unique index ${index.dbName ?? indexName(table, cols, '_key')} ${table}(${cols.join(',')})`);
    else out.push(`index ${index.dbName ?? indexName(table, cols, '_idx')} ${table}(${cols.join(',')})${index.algorithm && index.algorithm !== 'BTree' ? ` using ${index.algorithm.toLowerCase()}` : ''}`);
  }
  return out.sort();
}

const ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** Reads the same description from a database's catalog (schema public, Prisma's own table left out). */
export async function databaseCatalog(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: string[] = [];
    const enums = await client.query<{ name: string; labels: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`);
    for (const e of enums.rows) out.push(`enum ${e.name}: ${e.labels.join(', ')}`);
    const tables = await client.query<{ name: string }>(`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`);
    for (const t of tables.rows) out.push(`table ${t.name}`);
    const columns = await client.query<{ table_name: string; column_name: string; data_type: string; udt_name: string; datetime_precision: number | null; character_maximum_length: number | null; is_nullable: string; column_default: string | null }>(`
      SELECT table_name, column_name, data_type, udt_name, datetime_precision, character_maximum_length, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    for (const c of columns.rows) {
      const type = c.data_type === 'USER-DEFINED' ? `enum ${c.udt_name}`
        : c.data_type === 'ARRAY' ? `${c.udt_name.replace(/^_/, '')}[]`
        : c.data_type === 'timestamp with time zone' ? `timestamptz(${c.datetime_precision})`
        : c.data_type === 'timestamp without time zone' ? `timestamp(${c.datetime_precision})`
        : c.data_type === 'character varying' ? `varchar(${c.character_maximum_length ?? ''})`
        : c.data_type;
      const def = c.column_default === null ? '' : ` default ${c.column_default.replace(/::[\w" ]+$/, '')}`;
      out.push(`column ${c.table_name}.${c.column_name} ${type}${c.is_nullable === 'NO' ? ' not null' : ''}${def}`);
    }
    const fks = await client.query<{ name: string; table: string; cols: string[]; ref: string; refcols: string[]; del: string; upd: string }>(`
      SELECT con.conname AS name, cl.relname AS table, rc.relname AS ref, con.confdeltype AS del, con.confupdtype AS upd,
             (SELECT array_agg(a.attname ORDER BY k.i)::text[] FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n) AS cols,
             (SELECT array_agg(a.attname ORDER BY k.i)::text[] FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n) AS refcols
      FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE con.contype = 'f' AND n.nspname = 'public'`);
    for (const f of fks.rows) out.push(`fk ${f.name} ${f.table}(${f.cols.join(',')}) -> ${f.ref}(${f.refcols.join(',')}) on delete ${ACTIONS[f.del]} on update ${ACTIONS[f.upd]}`);
    const indexes = await client.query<{ name: string; table: string; cols: string[]; unique: boolean; primary: boolean; method: string; partial: boolean; expression: boolean }>(`
      SELECT i.relname AS name, t.relname AS table, ix.indisunique AS unique, ix.indisprimary AS primary, am.amname AS method,
             ix.indpred IS NOT NULL AS partial, ix.indexprs IS NOT NULL AS expression,
             (SELECT array_agg(a.attname ORDER BY k.i)::text[] FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n) AS cols
      FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`);
    for (const i of indexes.rows) {
      // Anything Prisma cannot express (another method, a partial or expression index) is drift too.
      const extra = `${i.method !== 'btree' ? ` using ${i.method}` : ''}${i.partial ? ' partial' : ''}${i.expression ? ' on expressions' : ''}`;
      const kind = i.primary ? 'primary key' : i.unique ? 'unique index' : 'index';
      out.push(`${kind} ${i.name} ${i.table}(${(i.cols ?? []).join(',')})${extra}`);
    }
    return out.sort();
  } finally {
    await client.end();
  }
}

/** Lines only in the schema (`+ missing in database`) or only in the database (`- not in schema.prisma`). */
export function diffCatalogs(expected: Catalog, actual: Catalog): string[] {
  const a = new Set(actual);
  const e = new Set(expected);
  return [...expected.filter((l) => !a.has(l)).map((l) => `missing in database: ${l}`), ...actual.filter((l) => !e.has(l)).map((l) => `not in schema.prisma: ${l}`)];
}


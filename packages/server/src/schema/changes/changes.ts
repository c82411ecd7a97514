import { builder } from '../../builder.js';
import { InsynError, suggest } from '../../errors.js';
import { describedEnum } from '../enums.js';

/**
 * The change feed (docs/partners.md, "Mirroring"): every insert, update and delete of every
 * data table, deletions included, in one resumable order, recorded by triggers in the writing
 * transaction (migration 20261201110000_change_feed).
 *
 * The order is the sequence writers record in, one writer at a time (they hold the data
 * version's row lock from their first change to their commit), so a change can never appear
 * behind a cursor a reader has already passed. Each change carries the row as it is now (null
 * when it is gone), so a mirror that sets `row` for every change it reads, in order, holds
 * exactly what the tables hold.
 */

const MAX_CHANGES = 1000;

const JSONScalar = builder.scalarType('JSON', {
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
});

const ChangeOperation = describedEnum('ChangeOperation', 'What happened to a row.', {
  INSERT: 'The row was added.',
  UPDATE: 'The row changed.',
  DELETE: 'The row was removed (a tombstone).',
  TRUNCATE: 'Every row of the table was removed (`key` is null).',
});

interface ChangeRow { seq: string; at: Date; table: string; operation: 'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE'; key: unknown[] | null; row: Record<string, unknown> | null }
interface ChangePageShape { changes: ChangeRow[]; endCursor: string; hasMore: boolean }

const cursorOf = (c: { seq: string }) => c.seq;

function parseCursor(after: string | null | undefined): string {
  if (after == null || after === '') return '0';
  const match = /^\d{1,19}$/.exec(after);
  if (!match) throw new InsynError('INVALID_CURSOR', `after: "${after.slice(0, 40)}" is not a change feed cursor. Pass back an \`endCursor\` (or \`changeCursor\`) exactly as the API returned it, or leave it out to read from the start.`, { http: { status: 400 } });
  return after;
}

const Change = builder.objectRef<ChangeRow>('Change').implement({
  description: 'One change of one row of a data table.',
  fields: (t) => ({
    cursor: t.string({ description: 'Resume after this change: pass it as `after`.', resolve: cursorOf }),
    table: t.exposeString('table', { description: 'The table (database name), e.g. `offering`, `observation`.' }),
    operation: t.field({ type: ChangeOperation, description: 'INSERT, UPDATE, DELETE or TRUNCATE.', resolve: (c) => c.operation }),
    key: t.field({ type: JSONScalar, nullable: true, description: 'The primary key of the row, its columns in key order, e.g. `["0380", "socialpsykiatri:boendestod", 2022, "synthetic-offerings-2022"]`.', resolve: (c) => c.key }),
    at: t.field({ type: 'DateTime', description: 'When the change was made (its transaction began).', resolve: (c) => c.at }),
    row: t.field({ type: JSONScalar, nullable: true, description: 'The row as it is now, with its database column names; null when it no longer exists. A mirror sets this for `key`.', resolve: (c) => c.row }),
  }),
});

const ChangePage = builder.objectRef<ChangePageShape>('ChangePage').implement({
  description: 'A page of the change feed.',
  fields: (t) => ({
    changes: t.field({ type: [Change], description: 'The changes, in feed order.', resolve: (p) => p.changes }),
    endCursor: t.exposeString('endCursor', { description: 'Pass as `after` for the next page (the same cursor when there was nothing new: poll again later).' }),
    hasMore: t.exposeBoolean('hasMore', { description: 'True when more changes are there already: ask again at once.' }),
  }),
});

builder.queryFields((t) => ({
  changes: t.field({
    type: ChangePage,
    description: `Every insert, update and delete of the data, deletions included, in one resumable order. Start without \`after\` (or from \`changeCursor\`), then pass each page's \`endCursor\`. At most ${MAX_CHANGES} per page. See docs/partners.md.`,
    args: {
      after: t.arg.string({ required: false, description: 'A cursor from `endCursor`, `Change.cursor` or `changeCursor`; none: from the start.' }),
      first: t.arg.int({ required: false, defaultValue: 100, description: `How many changes (1-${MAX_CHANGES}).` }),
      tables: t.arg.stringList({ required: false, description: 'Only changes of these tables, e.g. ["offering", "survey_response"].' }),
    },
    resolve: async (_root, args, ctx) => {
      const first = args.first ?? 100;
      if (first < 1 || first > MAX_CHANGES) throw new InsynError('PAGE_TOO_LARGE', `first: ${first} is outside 1..${MAX_CHANGES}. Page on with endCursor.`, { max: MAX_CHANGES });
      const seq = parseCursor(args.after);
      const tables = args.tables ?? null;
      const known = ctx.lookups.current.dataTables;
      for (const table of tables ?? []) {
        if (!known.includes(table)) {
          const near = suggest(table, known.map((k) => ({ key: k, label: '' })));
          throw new InsynError('INVALID_FILTER', `tables: "${table.slice(0, 60)}" is not a data table.${near.length ? ` Did you mean ${near.join(', ')}?` : ''}`, { suggestions: near });
        }
      }
      const rows = await ctx.prisma.$queryRaw<ChangeRow[]>`
        SELECT p.seq::text AS seq, p.at, p.table_name AS "table", p.operation, p.row_key AS key, p.row
        FROM insyn_feed.page(${seq}::bigint, ${tables}::text[], ${first + 1}) p
        ORDER BY p.seq`;
      const changes = rows.slice(0, first);
      return { changes, hasMore: rows.length > first, endCursor: changes.length ? cursorOf(changes.at(-1)!) : args.after || '0' };
    },
  }),
  changeCursor: t.string({
    description: 'The cursor of the newest change now: a mirror that has just copied everything starts the feed here.',
    resolve: async (_root, _args, ctx) => {
      const [last] = await ctx.prisma.$queryRaw<{ seq: string }[]>`SELECT max(seq)::text AS seq FROM insyn_feed.change`;
      return last?.seq ?? '0';
    },
  }),
}));

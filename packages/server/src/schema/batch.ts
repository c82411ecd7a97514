import DataLoader from 'dataloader';

/**
 * A DataLoader per request and batch key: calls made while graphql-js walks one list are
 * answered by one `load`. Used where a field runs raw SQL per parent row (e.g.
 * `Region.offeringSummary`), which Prisma's own findUnique batching does not cover, and where
 * a field of every row of a list would make one Prisma call each (`byIdOnce`). `arg`, what the
 * batch key stands for, reaches `load` as the first call of the batch key passed it.
 */
export function perRequestBatch<Key, Value, Arg = undefined>(load: (keys: Key[], batchKey: string, ctx: object, arg: Arg) => Promise<Map<Key, Value>>) {
  const loaders = new WeakMap<object, Map<string, DataLoader<Key, Value | undefined>>>();
  return (ctx: object, batchKey: string, key: Key, arg?: Arg): Promise<Value | undefined> => {
    let byKey = loaders.get(ctx);
    if (!byKey) loaders.set(ctx, (byKey = new Map()));
    let loader = byKey.get(batchKey);
    if (!loader) {
      loader = new DataLoader<Key, Value | undefined>(async (keys) => {
        const found = await load([...keys], batchKey, ctx, arg as Arg);
        return keys.map((k) => found.get(k));
      });
      byKey.set(batchKey, loader);
    }
    return loader.load(key);
  };
}

/**
 * Rows by id for one Pothos `query`, one `findMany` for every row of a list that asks for one
 * (a ranking's or a comparison's entries, each with its figure). Prisma batches concurrent
 * `findUnique` calls into one statement too, but builds, serialises and maps each call on its
 * own: 21 of them were more than half of a ranking's server CPU. Rows of one list share their
 * `query` (Pothos plans it per field, not per row), so the query is the batch key.
 */
export function byIdOnce<Row extends { id: string }>(find: (ctx: object, query: object, ids: string[]) => Promise<Row[]>) {
  const load = perRequestBatch<string, Row, object>(async (ids, _key, ctx, query) => new Map((await find(ctx, query, ids)).map((row) => [row.id, row])));
  return async (ctx: object, query: object, id: string): Promise<Row> => {
    const row = await load(ctx, JSON.stringify(query), id, query);
    if (!row) throw new Error(`no row with id ${id}`);
    return row;
  };
}

const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * Runs `compute` once per request and key: a connection's `totalCount` and its rows both
 * need the same checked filter, and the codes in it are then looked up once, not twice.
 */
export function perRequestMemo<T>(ctx: object, key: string, compute: () => Promise<T>): Promise<T> {
  let memo = memos.get(ctx);
  if (!memo) memos.set(ctx, (memo = new Map()));
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as Promise<T>;
}

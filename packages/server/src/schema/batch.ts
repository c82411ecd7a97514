import DataLoader from 'dataloader';

/**
 * A DataLoader per request and batch key: calls made while graphql-js walks one list are
 * answered by one `load`. Used where a field runs raw SQL per parent row (e.g.
 * `Region.offeringSummary`), which Prisma's own findUnique batching does not cover.
 */
export function perRequestBatch<Key, Value>(load: (keys: Key[], batchKey: string, ctx: object) => Promise<Map<Key, Value>>) {
  const loaders = new WeakMap<object, Map<string, DataLoader<Key, Value | undefined>>>();
  return (ctx: object, batchKey: string, key: Key): Promise<Value | undefined> => {
    let byKey = loaders.get(ctx);
    if (!byKey) loaders.set(ctx, (byKey = new Map()));
    let loader = byKey.get(batchKey);
    if (!loader) {
      loader = new DataLoader<Key, Value | undefined>(async (keys) => {
        const found = await load([...keys], batchKey, ctx);
        return keys.map((k) => found.get(k));
      });
      byKey.set(batchKey, loader);
    }
    return loader.load(key);
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

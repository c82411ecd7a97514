/**
 * A minimal per-request batcher (what DataLoader does, without a dependency): calls made
 * while graphql-js walks one list (all in the same tick) are collected per request and
 * batch key, then answered by one `load`. Used where a field runs raw SQL per parent row
 * (e.g. `Region.offeringSummary`), which Prisma's own findUnique batching does not cover.
 */
export function perRequestBatch<Key, Value>(load: (keys: Key[], batchKey: string, ctx: object) => Promise<Map<Key, Value>>) {
  const pending = new WeakMap<object, Map<string, { keys: Set<Key>; result: Promise<Map<Key, Value>> }>>();
  return (ctx: object, batchKey: string, key: Key): Promise<Value | undefined> => {
    let batches = pending.get(ctx);
    if (!batches) pending.set(ctx, (batches = new Map()));
    let batch = batches.get(batchKey);
    if (!batch) {
      const keys = new Set<Key>();
      const result = new Promise<Map<Key, Value>>((resolve, reject) => {
        // After the current promise jobs, like DataLoader: every sibling has asked by then.
        void Promise.resolve().then(() =>
          process.nextTick(() => {
            batches!.delete(batchKey);
            load([...keys], batchKey, ctx).then(resolve, reject);
          }),
        );
      });
      batch = { keys, result };
      batches.set(batchKey, batch);
    }
    batch.keys.add(key);
    return batch.result.then((map) => map.get(key));
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

import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

/**
 * A request's SQL stops when its client goes away (docs/hardening.md). The HTTP layer runs each
 * request inside `whileClientWaits(signal, …)`; the pool Prisma reads through (`createPrisma`)
 * sees that signal on every statement the request sends. A statement already running when the
 * client leaves is cancelled in PostgreSQL (`pg_cancel_backend` from a connection of its own,
 * since the request's pool may be the thing exhausted); a statement asked for after it is
 * refused before it is sent. The statement timeout still bounds everything else.
 *
 * The connection is released only after the cancel has been sent, so a cancel can never reach
 * the next request's statement on the same connection (PostgreSQL ignores a cancel that
 * arrives while a connection is idle).
 */
const clientSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` (one request) so that its SQL stops when `signal` aborts. */
export function whileClientWaits<T>(signal: AbortSignal, work: () => T): T {
  return clientSignal.run(signal, work);
}

/** The error a statement gets when its request's client has already gone. */
export class ClientGoneError extends Error {
  constructor() {
    super('canceling statement due to user request: the client closed the connection before the answer');
  }
}

/** A pg pool whose `query` (the form Prisma's driver adapter calls) stops with its request's client. */
export class CancellablePool extends pg.Pool {
  private canceller: pg.Pool | undefined;

  override query(...args: unknown[]): never {
    const signal = clientSignal.getStore();
    const [config] = args;
    const plain = !signal || args.length !== 1 || typeof config !== 'object' || config === null;
    return (plain ? (super.query as (...a: unknown[]) => unknown).apply(this, args) : this.cancellable(config as pg.QueryConfig, signal)) as never;
  }

  override async end(): Promise<void> {
    await Promise.all([super.end(), this.canceller?.end()]);
  }

  private async cancellable(config: pg.QueryConfig, signal: AbortSignal): Promise<pg.QueryResult> {
    if (signal.aborted) throw new ClientGoneError();
    const client = await this.connect();
    let cancelling: Promise<unknown> | undefined;
    const cancel = () => {
      cancelling = this.cancellerPool().query('SELECT pg_cancel_backend($1)', [(client as unknown as { processID: number }).processID]);
    };
    signal.addEventListener('abort', cancel, { once: true });
    try {
      return await client.query(config);
    } finally {
      signal.removeEventListener('abort', cancel);
      await cancelling?.catch((error: Error) => console.error('[insyn] could not cancel a statement of a closed request:', error.message));
      client.release();
    }
  }

  private cancellerPool(): pg.Pool {
    this.canceller ??= new pg.Pool({ ...this.options, max: 1, allowExitOnIdle: true, idleTimeoutMillis: 5_000 } as pg.PoolConfig);
    return this.canceller;
  }
}

import { Client, cacheExchange, fetchExchange, type AnyVariables, type OperationContext, type RequestPolicy } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';
import { InsynApiError, syntheticNotice, type ClientErrorCode, type SyntheticNotice } from './errors.js';
import { CONNECTIONS, OPERATIONS } from './gql/methods.js';
import type * as T from './gql/graphql.js';

export interface InsynClientOptions {
  /** The GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  url: string;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
  /** Headers sent with every request, e.g. `{ authorization: 'Bearer <API key>' }`; a call's own `headers` win. */
  headers?: Record<string, string>;
  /** Milliseconds a call may take before it fails with code `TIMEOUT` (default 30,000; 0: none). */
  timeout?: number;
  /** urql's request policy; default `network-only` (every call asks the server). */
  requestPolicy?: RequestPolicy;
  /**
   * Send queries as GET (cacheable by a CDN) when the URL stays under 2,048 characters
   * (urql's `within-url-limit`, the default), always (`'force'`), or never (`false`).
   */
  preferGetMethod?: boolean | 'force' | 'within-url-limit';
  /**
   * Send the SDK's operations as their sha256 hash instead of the query text, as GET (when the
   * URL stays under 2,048 characters), so a CDN can cache the answers. A server that does not
   * know a hash answers `PersistedQueryNotFound` and the client retries with the full query.
   * Documents that are not the SDK's own are always sent in full. Default `false`.
   */
  persisted?: boolean;
}

/** What one call may add: its own headers (an API key), a signal to cancel it, its own timeout. */
export interface CallOptions {
  /** Headers for this call only, e.g. `{ authorization: 'Bearer <API key>' }`. */
  headers?: Record<string, string>;
  /** Aborts the call (it then fails with code `ABORTED`). */
  signal?: AbortSignal;
  /** Milliseconds before the call fails with code `TIMEOUT` (default: the client's). */
  timeout?: number;
}

/** The hash graphql-codegen gave an SDK operation (`sha256:<hex>`), as bare hex for APQ. */
const persistedHash = async (_query: string, document: unknown) => {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  return typeof hash === 'string' ? hash.replace(/^sha256:/, '') : '';
};

/** Variables are optional for a document that has none or only optional ones. */
type VariablesArg<Variables> = Variables extends Record<string, never> ? [variables?: Variables, options?: CallOptions] : {} extends Variables ? [variables?: Variables, options?: CallOptions] : [variables: Variables, options?: CallOptions];

/** The data of a call together with what the response said about it. */
export interface WithMeta<Data> {
  data: Data;
  /** Set when the response contained synthetic demo data: show `notice` to your users. */
  synthetic: SyntheticNotice | null;
  /** The response's `extensions`, as sent. */
  extensions: Record<string, unknown>;
}

export { OPERATIONS };
type Operations = typeof OPERATIONS;
export type OperationName = keyof Operations;

/** The operation a method's document runs (its fragments aside). */
const operationOf = (name: OperationName) => OPERATIONS[name].definitions.find((d) => d.kind === 'OperationDefinition')!;

/** A method's arguments: its variables (optional when none is required) and then `CallOptions`; only the options when it has no variables. */
type MethodArgs<Variables> = Variables extends Record<string, never> ? [options?: CallOptions] : VariablesArg<Variables>;

/**
 * One method per operation in src/operations/*.graphql, named after it, resolving to its data
 * (generated: `OPERATIONS` in src/gql/methods.ts, documented there from each operation's comment).
 */
export type InsynMethods = {
  [K in OperationName]: (...args: MethodArgs<VariablesOf<Operations[K]>>) => Promise<ResultOf<Operations[K]>>;
};

/** The same methods as the client, resolving to `{ data, synthetic, extensions }`. */
export type WithMetaMethods = {
  [K in OperationName]: (...args: VariablesArg<VariablesOf<Operations[K]>>) => Promise<WithMeta<ResultOf<Operations[K]>>>;
};

export type PagedMethod = keyof typeof CONNECTIONS;
/** One page of a paged method, e.g. `PageOf<'regions'>` = `{ totalCount, pageInfo, edges }`. */
export type PageOf<M extends PagedMethod> = ResultOf<Operations[M]>[(typeof CONNECTIONS)[M] & keyof ResultOf<Operations[M]>];
/** One node of a paged method's pages. */
export type NodeOf<M extends PagedMethod> = PageOf<M> extends { edges: readonly { node: infer N }[] } ? N : never;

// The methods themselves: the class installs one per operation on its prototype (below).
export interface InsynClient extends InsynMethods {}

/**
 * A typed client of the Insyn API. Each method runs one generated, typed operation and
 * resolves to its `data`; any GraphQL or network error is thrown as an `InsynApiError`.
 * Every method takes its variables and then `CallOptions` (headers, signal, timeout).
 */
export class InsynClient {
  /** The underlying urql client, for your own documents or bindings (React, Vue, Svelte). */
  readonly urql: Client;
  /**
   * Whether the last response this client received carried synthetic data (null if not).
   * With calls in flight at the same time, prefer `withMeta`, which answers per call.
   */
  lastSynthetic: SyntheticNotice | null = null;
  /** Every method again, resolving to `{ data, synthetic, extensions }`. */
  readonly withMeta: WithMetaMethods;
  readonly #fetch: typeof fetch;
  readonly #headers: Record<string, string>;
  readonly #timeout: number;

  constructor(options: InsynClientOptions) {
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#headers = { ...options.headers };
    this.#timeout = options.timeout ?? 30_000;
    this.urql = new Client({
      url: options.url,
      exchanges: options.persisted ? [cacheExchange, persistedExchange({ generateHash: persistedHash }), fetchExchange] : [cacheExchange, fetchExchange],
      requestPolicy: options.requestPolicy ?? 'network-only',
      ...(options.preferGetMethod !== undefined ? { preferGetMethod: options.preferGetMethod } : {}),
      fetch: this.#fetch,
    });
    this.withMeta = Object.fromEntries(
      (Object.keys(OPERATIONS) as OperationName[]).map((name) => [name, (variables?: AnyVariables, callOptions?: CallOptions) => this.#run(OPERATIONS[name] as TypedDocumentNode<unknown, AnyVariables>, variables ?? {}, callOptions, operationOf(name).operation === 'mutation')]),
    ) as unknown as WithMetaMethods;
  }

  /** Runs one document with the call's headers, signal and timeout; every failure becomes an InsynApiError. */
  async #run<Data, Variables extends AnyVariables>(document: TypedDocumentNode<Data, Variables>, variables: Variables, options: CallOptions = {}, mutation = false): Promise<WithMeta<Data>> {
    const timeoutMs = options.timeout ?? this.#timeout;
    const timer = timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
    const why = (): ClientErrorCode | undefined => (options.signal?.aborted ? 'ABORTED' : timer?.aborted ? 'TIMEOUT' : undefined);
    if (options.signal?.aborted) throw new InsynApiError('ABORTED', 'The call was aborted before it was sent.', { cause: options.signal.reason });
    const headers = { ...this.#headers, ...options.headers };
    const base = this.#fetch;
    const callFetch: typeof fetch = (input, init = {}) => {
      const merged = new Headers(init.headers);
      for (const [name, value] of Object.entries(headers)) merged.set(name, value);
      const signals = [init.signal, options.signal, timer].filter((s): s is AbortSignal => s != null);
      return base(input, { ...init, headers: merged, signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] });
    };
    const context: Partial<OperationContext> = { fetch: callFetch };
    let result;
    try {
      result = await (mutation ? this.urql.mutation(document as never, variables as never, context) : this.urql.query(document as never, variables as never, context)).toPromise();
    } catch (error) {
      this.lastSynthetic = null;
      throw new InsynApiError(why() ?? 'NETWORK_ERROR', error instanceof Error ? error.message : String(error), { cause: error });
    }
    const extensions = (result.extensions ?? {}) as Record<string, unknown>;
    const synthetic = syntheticNotice(extensions);
    this.lastSynthetic = synthetic;
    if (result.error) {
      const code = why();
      if (code && !result.error.graphQLErrors.length) {
        throw new InsynApiError(code, code === 'TIMEOUT' ? `No answer within ${timeoutMs} ms (the call's timeout).` : 'The call was aborted.', { cause: result.error.networkError ?? result.error });
      }
      throw InsynApiError.fromCombined(result.error, { ...(synthetic ? { synthetic } : {}), data: result.data });
    }
    if (result.data == null) throw new InsynApiError('NO_DATA', 'The server answered without data or errors.');
    return { data: result.data as Data, synthetic, extensions };
  }

  /** Runs any typed document (from `graphql(...)`) and resolves to its data and metadata. */
  queryWithMeta<Data, Variables extends AnyVariables>(document: TypedDocumentNode<Data, Variables>, ...[variables, options]: VariablesArg<Variables>): Promise<WithMeta<Data>> {
    return this.#run(document, (variables ?? {}) as Variables, options);
  }

  /** Runs any typed document (from `graphql(...)`) and resolves to its data. */
  async query<Data, Variables extends AnyVariables>(document: TypedDocumentNode<Data, Variables>, ...args: VariablesArg<Variables>): Promise<Data> {
    return (await this.queryWithMeta(document, ...args)).data;
  }

  /** Runs any typed mutation document and resolves to its data. */
  async mutate<Data, Variables extends AnyVariables>(document: TypedDocumentNode<Data, Variables>, ...[variables, options]: VariablesArg<Variables>): Promise<Data> {
    return (await this.#run(document, (variables ?? {}) as Variables, options, true)).data;
  }

  async #data<K extends OperationName>(name: K, variables: VariablesOf<Operations[K]> | undefined, options: CallOptions | undefined): Promise<ResultOf<Operations[K]>> {
    return (await this.#run(OPERATIONS[name] as TypedDocumentNode<ResultOf<Operations[K]>, AnyVariables>, variables ?? {}, options, operationOf(name).operation === 'mutation')).data;
  }

  // One method per operation: `timeSeries(variables, options)`, or `areas(options)` for one without variables.
  static {
    for (const name of Object.keys(OPERATIONS) as OperationName[]) {
      const takesVariables = Boolean(operationOf(name).variableDefinitions?.length);
      const method = function (this: InsynClient, ...args: [unknown?, unknown?]) {
        const [variables, options] = takesVariables ? args : [undefined, args[0]];
        return this.#data(name, variables as never, options as CallOptions | undefined);
      };
      Object.defineProperty(InsynClient.prototype, name, { value: method, writable: true, configurable: true });
    }
  }

  /**
   * Every page of a paged method, following `pageInfo.endCursor`:
   * `for await (const page of insyn.pages('regions', { level: 'MUNICIPALITY' })) …`.
   */
  async *pages<M extends PagedMethod>(method: M, ...[variables, options]: VariablesArg<VariablesOf<Operations[M]>>): AsyncGenerator<PageOf<M>, void, undefined> {
    let after = (variables as { after?: string | null } | undefined)?.after ?? null;
    for (;;) {
      const data = (await this.#data(method, { ...variables, after } as VariablesOf<Operations[M]>, options)) as Record<string, unknown>;
      const page = data[CONNECTIONS[method]] as Awaited<PageOf<M>>;
      yield page;
      const { pageInfo } = page as { pageInfo: { hasNextPage: boolean; endCursor?: string | null } };
      if (!pageInfo.hasNextPage || !pageInfo.endCursor) return;
      after = pageInfo.endCursor;
    }
  }

  /** Every node of every page: `for await (const region of insyn.all('regions', { level: 'COUNTY' })) …`. */
  async *all<M extends PagedMethod>(method: M, ...args: VariablesArg<VariablesOf<Operations[M]>>): AsyncGenerator<NodeOf<M>, void, undefined> {
    for await (const page of this.pages(method, ...args)) for (const edge of (page as { edges: { node: NodeOf<M> }[] }).edges) yield edge.node;
  }

  /**
   * The change feed page by page from `after` (or the start) until it has nothing more now;
   * keep the last page's `endCursor` and ask again later.
   */
  async *changePages(variables: T.ChangesQueryVariables = {}, options?: CallOptions): AsyncGenerator<T.ChangesQuery['changes'], void, undefined> {
    let after = variables.after ?? null;
    for (;;) {
      const { changes } = await this.changes({ ...variables, after }, options);
      yield changes;
      if (!changes.hasMore) return;
      after = changes.endCursor;
    }
  }
}

/** Creates a client: `createClient({ url: 'http://localhost:4000/graphql' })`. */
export function createClient(options: InsynClientOptions): InsynClient {
  return new InsynClient(options);
}

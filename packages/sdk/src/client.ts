import { Client, cacheExchange, fetchExchange, type AnyVariables, type OperationContext, type RequestPolicy } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';
import { InsynApiError, syntheticNotice, type ClientErrorCode, type SyntheticNotice } from './errors.js';
import { AreasDocument, DatasetsDocument, SearchCatalogueDocument, WhoOffersDocument } from './operations/catalogue.js';
import { ChangeCursorDocument, ChangesDocument, NodeDocument, NodesDocument, ObservationExportDocument, ObservationsDocument, OfferingDistributionDocument, OfferingExportDocument } from './operations/data.js';
import { ComparisonDocument, CrossSectionDocument, IndicatorsDocument, RankingDocument, TimeSeriesDocument } from './operations/indicators.js';
import { AnswerChangesDocument, DeleteDatasetDocument, SetUnitAnswersDocument } from './operations/partners.js';
import { ActionPlansDocument, AreaDocument, DimensionsDocument, IndicatorDocument, InterventionDocument, MunicipalityGroupsDocument, SourcesDocument } from './operations/reference.js';
import { MunicipalityProfileDocument, RegionsDocument } from './operations/regions.js';
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

/** The document each method runs: one method per root field of the API (see the README's table). */
export const OPERATIONS = {
  municipalityProfile: MunicipalityProfileDocument,
  regions: RegionsDocument,
  timeSeries: TimeSeriesDocument,
  crossSection: CrossSectionDocument,
  comparison: ComparisonDocument,
  ranking: RankingDocument,
  indicators: IndicatorsDocument,
  indicator: IndicatorDocument,
  observations: ObservationsDocument,
  observationExport: ObservationExportDocument,
  dimensions: DimensionsDocument,
  sources: SourcesDocument,
  municipalityGroups: MunicipalityGroupsDocument,
  actionPlans: ActionPlansDocument,
  areas: AreasDocument,
  area: AreaDocument,
  searchCatalogue: SearchCatalogueDocument,
  intervention: InterventionDocument,
  whoOffers: WhoOffersDocument,
  offeringExport: OfferingExportDocument,
  offeringDistribution: OfferingDistributionDocument,
  datasets: DatasetsDocument,
  changes: ChangesDocument,
  changeCursor: ChangeCursorDocument,
  node: NodeDocument,
  nodes: NodesDocument,
  answerChanges: AnswerChangesDocument,
  setUnitAnswers: SetUnitAnswersDocument,
  deleteDataset: DeleteDatasetDocument,
} as const;
type Operations = typeof OPERATIONS;
export type OperationName = keyof Operations;
const MUTATIONS = new Set<OperationName>(['setUnitAnswers', 'deleteDataset']);

/** The same methods as the client, resolving to `{ data, synthetic, extensions }`. */
export type WithMetaMethods = {
  [K in OperationName]: (...args: VariablesArg<VariablesOf<Operations[K]>>) => Promise<WithMeta<ResultOf<Operations[K]>>>;
};

/** Methods that answer a Relay connection, and the field it is in. */
const CONNECTIONS = { regions: 'regions', indicators: 'indicators', observations: 'observations', searchCatalogue: 'interventions', whoOffers: 'offerings' } as const;
export type PagedMethod = keyof typeof CONNECTIONS;
/** One page of a paged method, e.g. `PageOf<'regions'>` = `{ totalCount, pageInfo, edges }`. */
export type PageOf<M extends PagedMethod> = ResultOf<Operations[M]>[(typeof CONNECTIONS)[M] & keyof ResultOf<Operations[M]>];
/** One node of a paged method's pages. */
export type NodeOf<M extends PagedMethod> = PageOf<M> extends { edges: readonly { node: infer N }[] } ? N : never;

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
      (Object.keys(OPERATIONS) as OperationName[]).map((name) => [name, (variables?: AnyVariables, callOptions?: CallOptions) => this.#run(OPERATIONS[name] as TypedDocumentNode<unknown, AnyVariables>, variables ?? {}, callOptions, MUTATIONS.has(name))]),
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
    return (await this.#run(OPERATIONS[name] as TypedDocumentNode<ResultOf<Operations[K]>, AnyVariables>, variables ?? {}, options, MUTATIONS.has(name))).data;
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

  // ---- Regions ----------------------------------------------------------------

  /**
   * A region's profile: parent, SKR groups, offerings per area against the catalogue,
   * county mean and group mean (SYNTHETIC in the default install; `dataset` reads another data
   * set), and its latest figures with their sources. Stockholm answered per district (`0180-bromma`).
   */
  municipalityProfile(variables: T.MunicipalityProfileQueryVariables, options?: CallOptions): Promise<T.MunicipalityProfileQuery> {
    return this.#data('municipalityProfile', variables, options);
  }

  /** Regions by level, parent, SKR group or name (a connection: `pages('regions', …)`). */
  regions(variables: T.RegionsQueryVariables = {}, options?: CallOptions): Promise<T.RegionsQuery> {
    return this.#data('regions', variables, options);
  }

  /** SKR's municipality groups with their members. */
  municipalityGroups(options?: CallOptions): Promise<T.MunicipalityGroupsQuery> {
    return this.#data('municipalityGroups', undefined, options);
  }

  // ---- Indicators and figures -------------------------------------------------

  /** An indicator for one region over time, oldest first; `members` picks the series. */
  timeSeries(variables: T.TimeSeriesQueryVariables, options?: CallOptions): Promise<T.TimeSeriesQuery> {
    return this.#data('timeSeries', variables, options);
  }

  /** An indicator for every region of a level in one year, by region code. */
  crossSection(variables: T.CrossSectionQueryVariables, options?: CallOptions): Promise<T.CrossSectionQuery> {
    return this.#data('crossSection', variables, options);
  }

  /** A region against its county, Riket and its municipality group, with differences. */
  comparison(variables: T.ComparisonQueryVariables, options?: CallOptions): Promise<T.ComparisonQuery> {
    return this.#data('comparison', variables, options);
  }

  /** The regions of a level ranked on an indicator in one year. */
  ranking(variables: T.RankingQueryVariables, options?: CallOptions): Promise<T.RankingQuery> {
    return this.#data('ranking', variables, options);
  }

  /** Indicators by text, area, kind or source (a connection). */
  indicators(variables: T.IndicatorsQueryVariables = {}, options?: CallOptions): Promise<T.IndicatorsQuery> {
    return this.#data('indicators', variables, options);
  }

  /** One indicator by code, with its dimensions and source. */
  indicator(variables: T.IndicatorQueryVariables, options?: CallOptions): Promise<T.IndicatorQuery> {
    return this.#data('indicator', variables, options);
  }

  /** Observations matching any filter (a connection; `updatedSince` makes it a change feed of the figures). */
  observations(variables: T.ObservationsQueryVariables, options?: CallOptions): Promise<T.ObservationsQuery> {
    return this.#data('observations', variables, options);
  }

  /** Download links (CSV, JSON-stat 2.0, Excel) for an observation filter, with the row count and credits. */
  observationExport(variables: T.ObservationExportQueryVariables, options?: CallOptions): Promise<T.ObservationExportQuery> {
    return this.#data('observationExport', variables, options);
  }

  /** Every dimension figures are broken down by, with its members. */
  dimensions(options?: CallOptions): Promise<T.DimensionsQuery> {
    return this.#data('dimensions', undefined, options);
  }

  /** Every source document with its credit line and licence. */
  sources(options?: CallOptions): Promise<T.SourcesQuery> {
    return this.#data('sources', undefined, options);
  }

  /** The action plans (Stockholm 2013) with their focus areas and items. */
  actionPlans(options?: CallOptions): Promise<T.ActionPlansQuery> {
    return this.#data('actionPlans', undefined, options);
  }

  // ---- The intervention catalogue and offerings --------------------------------

  /** Every area with its published catalogue size, categories and named interventions. */
  areas(options?: CallOptions): Promise<T.AreasQuery> {
    return this.#data('areas', undefined, options);
  }

  /** One area by code. */
  area(variables: T.AreaQueryVariables, options?: CallOptions): Promise<T.AreaQuery> {
    return this.#data('area', variables, options);
  }

  /** Searches the intervention catalogue by name, area and category (a connection). */
  searchCatalogue(variables: T.SearchCatalogueQueryVariables = {}, options?: CallOptions): Promise<T.SearchCatalogueQuery> {
    return this.#data('searchCatalogue', variables, options);
  }

  /** One intervention by code (`<area>:<slug>`). */
  intervention(variables: T.InterventionQueryVariables, options?: CallOptions): Promise<T.InterventionQuery> {
    return this.#data('intervention', variables, options);
  }

  /** Who offers an intervention (a connection), from `dataset`. SYNTHETIC in the default install. */
  whoOffers(variables: T.WhoOffersQueryVariables, options?: CallOptions): Promise<T.WhoOffersQuery> {
    return this.#data('whoOffers', variables, options);
  }

  /** Download links (CSV, JSON-stat 2.0, Excel) for who offers an intervention. SYNTHETIC in the default install. */
  offeringExport(variables: T.OfferingExportQueryVariables, options?: CallOptions): Promise<T.OfferingExportQuery> {
    return this.#data('offeringExport', variables, options);
  }

  /** An area's offerings distributed by form, provider or decision per Riket, county or group. SYNTHETIC in the default install. */
  offeringDistribution(variables: T.OfferingDistributionQueryVariables, options?: CallOptions): Promise<T.OfferingDistributionQuery> {
    return this.#data('offeringDistribution', variables, options);
  }

  /** The data sets offerings can be read from (pass a `code` as `dataset`). */
  datasets(options?: CallOptions): Promise<T.DatasetsQuery> {
    return this.#data('datasets', undefined, options);
  }

  // ---- Mirrors and ids -------------------------------------------------------------

  /** One page of the change feed (every insert, update and delete); `changePages` follows it. */
  changes(variables: T.ChangesQueryVariables = {}, options?: CallOptions): Promise<T.ChangesQuery> {
    return this.#data('changes', variables, options);
  }

  /** The cursor of the newest change now (start a mirror's feed here). */
  changeCursor(options?: CallOptions): Promise<T.ChangeCursorQuery> {
    return this.#data('changeCursor', undefined, options);
  }

  /** Any object by its global id; `node` is null when there is none. */
  node(variables: T.NodeQueryVariables, options?: CallOptions): Promise<T.NodeQuery> {
    return this.#data('node', variables, options);
  }

  /** Several objects by global id, in the order asked. */
  nodes(variables: T.NodesQueryVariables, options?: CallOptions): Promise<T.NodesQuery> {
    return this.#data('nodes', variables, options);
  }

  // ---- Partners (API key: `headers: { authorization: 'Bearer <key>' }`) -----------

  /** Writes one unit's answers in an imported data set and round (a key scoped to both). */
  setUnitAnswers(variables: T.SetUnitAnswersMutationVariables, options?: CallOptions): Promise<T.SetUnitAnswersMutation> {
    return this.#data('setUnitAnswers', variables, options);
  }

  /** Deletes an imported data set (its owner's key only). */
  deleteDataset(variables: T.DeleteDatasetMutationVariables, options?: CallOptions): Promise<T.DeleteDatasetMutation> {
    return this.#data('deleteDataset', variables, options);
  }

  /** The audit trail of an imported data set (its owner's key only), oldest first. */
  answerChanges(variables: T.AnswerChangesQueryVariables, options?: CallOptions): Promise<T.AnswerChangesQuery> {
    return this.#data('answerChanges', variables, options);
  }
}

/** Creates a client: `createClient({ url: 'http://localhost:4000/graphql' })`. */
export function createClient(options: InsynClientOptions): InsynClient {
  return new InsynClient(options);
}

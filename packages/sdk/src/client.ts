import { Client, cacheExchange, fetchExchange, type AnyVariables, type RequestPolicy } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { InsynApiError, syntheticNotice, type SyntheticNotice } from './errors.js';
import { AreasDocument, DatasetsDocument, SearchCatalogueDocument, WhoOffersDocument } from './operations/catalogue.js';
import { ComparisonDocument, CrossSectionDocument, IndicatorsDocument, RankingDocument, TimeSeriesDocument } from './operations/indicators.js';
import { MunicipalityProfileDocument, RegionsDocument } from './operations/regions.js';
import type {
  AreasQuery,
  ComparisonQuery,
  ComparisonQueryVariables,
  DatasetsQuery,
  CrossSectionQuery,
  CrossSectionQueryVariables,
  IndicatorsQuery,
  IndicatorsQueryVariables,
  MunicipalityProfileQuery,
  MunicipalityProfileQueryVariables,
  RankingQuery,
  RankingQueryVariables,
  RegionsQuery,
  RegionsQueryVariables,
  SearchCatalogueQuery,
  SearchCatalogueQueryVariables,
  TimeSeriesQuery,
  TimeSeriesQueryVariables,
  WhoOffersQuery,
  WhoOffersQueryVariables,
} from './gql/graphql.js';

export interface InsynClientOptions {
  /** The GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  url: string;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
  /** Headers sent with every request, e.g. an API key. */
  headers?: Record<string, string>;
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

/** The hash graphql-codegen gave an SDK operation (`sha256:<hex>`), as bare hex for APQ. */
const persistedHash = async (_query: string, document: unknown) => {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  return typeof hash === 'string' ? hash.replace(/^sha256:/, '') : '';
};

/** Variables are optional for a document that has none. */
type VariablesArg<Variables> = Variables extends Record<string, never> ? [variables?: Variables] : [variables: Variables];

/** The data of a call together with what the response said about it. */
export interface WithMeta<Data> {
  data: Data;
  /** Set when the response contained synthetic demo data: show `notice` to your users. */
  synthetic: SyntheticNotice | null;
  /** The response's `extensions`, as sent. */
  extensions: Record<string, unknown>;
}

type Methods = {
  [K in OperationName]: InsynClient[K];
};
type OperationName =
  | 'municipalityProfile'
  | 'timeSeries'
  | 'crossSection'
  | 'comparison'
  | 'ranking'
  | 'searchCatalogue'
  | 'areas'
  | 'whoOffers'
  | 'datasets'
  | 'indicators'
  | 'regions';

/** The same methods as the client, resolving to `{ data, synthetic, extensions }`. */
export type WithMetaMethods = {
  [K in OperationName]: (...args: Parameters<Methods[K]>) => Promise<WithMeta<Awaited<ReturnType<Methods[K]>>>>;
};

/**
 * A typed client of the Insyn API. Each method runs one generated, typed operation and
 * resolves to its `data`; any GraphQL or network error is thrown as an `InsynApiError`.
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

  constructor(options: InsynClientOptions) {
    this.urql = new Client({
      url: options.url,
      exchanges: options.persisted ? [cacheExchange, persistedExchange({ generateHash: persistedHash }), fetchExchange] : [cacheExchange, fetchExchange],
      requestPolicy: options.requestPolicy ?? 'network-only',
      ...(options.preferGetMethod !== undefined ? { preferGetMethod: options.preferGetMethod } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.headers ? { fetchOptions: { headers: { ...options.headers } } } : {}),
    });
    const run = <D, V extends AnyVariables>(document: TypedDocumentNode<D, V>) => (variables?: V) => this.queryWithMeta(document, ...([variables ?? {}] as VariablesArg<V>));
    this.withMeta = {
      municipalityProfile: run(MunicipalityProfileDocument) as WithMetaMethods['municipalityProfile'],
      timeSeries: run(TimeSeriesDocument) as WithMetaMethods['timeSeries'],
      crossSection: run(CrossSectionDocument) as WithMetaMethods['crossSection'],
      comparison: run(ComparisonDocument) as WithMetaMethods['comparison'],
      ranking: run(RankingDocument) as WithMetaMethods['ranking'],
      searchCatalogue: run(SearchCatalogueDocument) as WithMetaMethods['searchCatalogue'],
      areas: run(AreasDocument) as WithMetaMethods['areas'],
      whoOffers: run(WhoOffersDocument) as WithMetaMethods['whoOffers'],
      datasets: run(DatasetsDocument) as WithMetaMethods['datasets'],
      indicators: run(IndicatorsDocument) as WithMetaMethods['indicators'],
      regions: run(RegionsDocument) as WithMetaMethods['regions'],
    };
  }

  /** Runs any typed document (from `graphql(...)`) and resolves to its data and metadata. */
  async queryWithMeta<Data, Variables extends AnyVariables>(document: TypedDocumentNode<Data, Variables>, ...[variables]: VariablesArg<Variables>): Promise<WithMeta<Data>> {
    let result;
    try {
      result = await this.urql.query(document as never, (variables ?? {}) as never).toPromise();
    } catch (error) {
      this.lastSynthetic = null;
      throw new InsynApiError('NETWORK_ERROR', error instanceof Error ? error.message : String(error), { cause: error });
    }
    const extensions = (result.extensions ?? {}) as Record<string, unknown>;
    const synthetic = syntheticNotice(extensions);
    this.lastSynthetic = synthetic;
    if (result.error) throw InsynApiError.fromCombined(result.error, { ...(synthetic ? { synthetic } : {}), data: result.data });
    if (result.data == null) throw new InsynApiError('NO_DATA', 'The server answered without data or errors.');
    return { data: result.data as Data, synthetic, extensions };
  }

  /** Runs any typed document (from `graphql(...)`) and resolves to its data. */
  async query<Data, Variables extends AnyVariables>(document: TypedDocumentNode<Data, Variables>, ...variables: VariablesArg<Variables>): Promise<Data> {
    return (await this.queryWithMeta(document, ...variables)).data;
  }

  /**
   * A region's profile: parent, SKR groups, offerings per area against the catalogue,
   * county mean and group mean (SYNTHETIC in the default install), and its latest figures
   * with their sources. Stockholm answered the offerings survey per district (`0180-bromma`).
   */
  municipalityProfile(variables: MunicipalityProfileQueryVariables): Promise<MunicipalityProfileQuery> {
    return this.query(MunicipalityProfileDocument, variables);
  }

  /** An indicator for one region over time, oldest first; `members` picks the series. */
  timeSeries(variables: TimeSeriesQueryVariables): Promise<TimeSeriesQuery> {
    return this.query(TimeSeriesDocument, variables);
  }

  /** An indicator for every region of a level in one year, by region code. */
  crossSection(variables: CrossSectionQueryVariables): Promise<CrossSectionQuery> {
    return this.query(CrossSectionDocument, variables);
  }

  /** A region against its county, Riket and its municipality group, with differences. */
  comparison(variables: ComparisonQueryVariables): Promise<ComparisonQuery> {
    return this.query(ComparisonDocument, variables);
  }

  /** The regions of a level ranked on an indicator in one year. */
  ranking(variables: RankingQueryVariables): Promise<RankingQuery> {
    return this.query(RankingDocument, variables);
  }

  /** Searches the intervention catalogue by name and area (a connection: page with `after`). */
  searchCatalogue(variables: SearchCatalogueQueryVariables = {}): Promise<SearchCatalogueQuery> {
    return this.query(SearchCatalogueDocument, variables);
  }

  /** Every area with its published catalogue size, categories and named interventions. */
  areas(): Promise<AreasQuery> {
    return this.query(AreasDocument);
  }

  /** Who offers an intervention (a connection). SYNTHETIC in the default install. */
  whoOffers(variables: WhoOffersQueryVariables): Promise<WhoOffersQuery> {
    return this.query(WhoOffersDocument, variables);
  }

  /** The data sets offerings can be read from (pass a `code` as `dataset` to whoOffers or municipalityProfile). */
  datasets(): Promise<DatasetsQuery> {
    return this.query(DatasetsDocument);
  }

  /** Indicators by text, area, kind or source (a connection). */
  indicators(variables: IndicatorsQueryVariables = {}): Promise<IndicatorsQuery> {
    return this.query(IndicatorsDocument, variables);
  }

  /** Regions by level, parent, SKR group or name (a connection). */
  regions(variables: RegionsQueryVariables = {}): Promise<RegionsQuery> {
    return this.query(RegionsDocument, variables);
  }
}

/** Creates a client: `createClient({ url: 'http://localhost:4000/graphql' })`. */
export function createClient(options: InsynClientOptions): InsynClient {
  return new InsynClient(options);
}

import { graphql } from '../gql/index.js';

/**
 * Observations matching any filter (a connection, by indicator, region, period and
 * dimensions): the figures a researcher pages through; `updatedSince` makes it a change
 * feed of the figures. For everything at once, `observationExport`.
 */
export const ObservationsDocument = graphql(`
  query Observations($filter: ObservationFilter!, $first: Int = 100, $after: String) {
    observations(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          ...ObservationFields
          indicator { code titleSv unit }
          region { code name shortName level }
        }
      }
    }
  }
`);

/** Download links for an observation filter: CSV, JSON-stat 2.0 and Excel, with the row count and credits. */
export const ObservationExportDocument = graphql(`
  query ObservationExport($filter: ObservationFilter!) {
    observationExport(filter: $filter) { url csvUrl jsonStatUrl xlsxUrl rowCount attributions }
  }
`);

/** Download links for who offers an intervention (CSV, JSON-stat 2.0, Excel). SYNTHETIC in the default install. */
export const OfferingExportDocument = graphql(`
  query OfferingExport($intervention: String!, $filter: OfferingFilter, $dataset: String) {
    offeringExport(intervention: $intervention, filter: $filter, dataset: $dataset) { csvUrl jsonStatUrl xlsxUrl rowCount synthetic attributions }
  }
`);

/** Offerings of an area distributed by form, provider or decision per Riket, county or group. SYNTHETIC in the default install. */
export const OfferingDistributionDocument = graphql(`
  query OfferingDistribution($area: String!, $dimension: OfferingDimension!, $groupBy: DistributionGrouping!, $round: Int = 2022, $dataset: String) {
    offeringDistribution(area: $area, dimension: $dimension, groupBy: $groupBy, round: $round, dataset: $dataset) {
      key
      name
      total
      synthetic
      buckets { member count share publishedShare }
    }
  }
`);

/** The change feed: every insert, update and delete of the data, in one resumable order. */
export const ChangesDocument = graphql(`
  query Changes($after: String, $first: Int = 100, $tables: [String!]) {
    changes(after: $after, first: $first, tables: $tables) {
      endCursor
      hasMore
      changes { cursor at table operation key row }
    }
  }
`);

/** The cursor of the newest change now: a mirror that has just copied everything starts the feed here. */
export const ChangeCursorDocument = graphql(`
  query ChangeCursor {
    changeCursor
  }
`);

/** Any object by its global id (Relay `node`): its type and code; null when there is none. */
export const NodeDocument = graphql(`
  query Node($id: ID!) {
    node(id: $id) { ...NodeSummary }
  }
`);

/** Several objects by global id, in the order asked (null where there is none). */
export const NodesDocument = graphql(`
  query Nodes($ids: [ID!]!) {
    nodes(ids: $ids) { ...NodeSummary }
  }
`);

/** What `node` and `nodes` tell about each kind of object. */
export const NodeSummaryFragmentDoc = graphql(`
  fragment NodeSummary on Node {
    __typename
    id
    ... on Region { code name level }
    ... on Indicator { code titleSv unit }
    ... on Area { code nameSv }
    ... on Intervention { code nameSv }
    ... on MunicipalityGroup { code name }
    ... on ActionPlan { code title year }
    ... on Observation { period value printed status indicator { code } region { code } }
  }
`);

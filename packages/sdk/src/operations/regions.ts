import { graphql } from '../gql/index.js';

/**
 * A municipality's (or county's, or district's) profile: where it sits, its SKR
 * municipality groups, what it offers per area against its county and group (SYNTHETIC in
 * the default install; `dataset` reads another data set, e.g. imported real answers) and its latest
 * published figures, each with its source.
 */
export const MunicipalityProfileDocument = graphql(`
  query MunicipalityProfile($code: String!, $round: Int = 2022, $observations: Int = 50, $dataset: String) {
    region(code: $code) {
      id
      code
      name
      shortName
      level
      koladaId
      note
      parent { code name shortName level }
      groups { revision group { code name mainGroup { code name } } }
      offeringSummary(round: $round, dataset: $dataset) {
        area { code nameSv nameEn }
        catalogueSize
        namedInterventionCount
        answeredCount
        offeredCount
        surveyStatus
        countyMean
        countyUnits
        groupMean
        groupUnits
        group { code name }
        synthetic
      }
      observations(first: $observations) {
        totalCount
        edges {
          node {
            ...ObservationFields
            indicator { ...IndicatorSummary area { code nameSv } }
          }
        }
      }
    }
  }
`);

/** Regions by level, parent, SKR group or name (accents and case ignored), by code. */
export const RegionsDocument = graphql(`
  query Regions($level: RegionLevel, $parent: String, $group: String, $search: String, $first: Int = 50, $after: String) {
    regions(level: $level, parent: $parent, group: $group, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          code
          name
          shortName
          level
          koladaId
          parent { code name shortName }
        }
      }
    }
  }
`);

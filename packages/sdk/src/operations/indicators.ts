import { graphql } from '../gql/index.js';

/** One indicator for one region over time, oldest first, narrowed by dimension members. */
export const TimeSeriesDocument = graphql(`
  query TimeSeries($indicator: String!, $region: String!, $members: [String!]) {
    timeSeries(indicator: $indicator, region: $region, members: $members) {
      ...ObservationFields
      indicator { ...IndicatorSummary }
      region { code name shortName }
    }
  }
`);

/** One indicator for every region of a level in one year (suppressed and missing included). */
export const CrossSectionDocument = graphql(`
  query CrossSection($indicator: String!, $period: Int!, $level: RegionLevel!, $members: [String!]) {
    crossSection(indicator: $indicator, period: $period, level: $level, members: $members) {
      ...ObservationFields
      indicator { ...IndicatorSummary }
      region { code name shortName }
    }
  }
`);

/** A region against its county, Riket and its municipality group, with differences. */
export const ComparisonDocument = graphql(`
  query Comparison($indicator: String!, $region: String!, $period: Int!, $members: [String!]) {
    comparison(indicator: $indicator, region: $region, period: $period, members: $members) {
      period
      dimensionKey
      indicator { ...IndicatorSummary }
      entries {
        role
        value
        status
        differenceFromRegion
        municipalitiesCounted
        region { code name shortName }
        group { code name }
        observation { ...ObservationFields }
      }
    }
  }
`);

/** The regions of a level ranked on an indicator; ties share a rank, withheld listed apart. */
export const RankingDocument = graphql(`
  query Ranking($indicator: String!, $period: Int!, $level: RegionLevel!, $members: [String!]) {
    ranking(indicator: $indicator, period: $period, level: $level, members: $members) {
      period
      level
      order
      dimensionKey
      indicator { ...IndicatorSummary }
      entries {
        rank
        tied
        value
        region { code name shortName }
        observation { ...ObservationFields }
      }
      withheld {
        ...ObservationFields
        region { code name shortName }
      }
      regionsWithoutFigure { code name shortName }
    }
  }
`);

/** Indicators by text, area and kind, by code. */
export const IndicatorsDocument = graphql(`
  query Indicators($search: String, $area: String, $kind: IndicatorKind, $source: String, $first: Int = 50, $after: String) {
    indicators(filter: { search: $search, area: $area, kind: $kind, source: $source }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          ...IndicatorSummary
          descriptionSv
          descriptionEn
          koladaKpiId
          area { code nameSv nameEn }
          source { code publisher title year attribution url }
          dimensions { code labelSv labelEn members { id code labelSv labelEn } }
        }
      }
    }
  }
`);

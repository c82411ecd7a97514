import { graphql } from '../gql/index.js';

/** One indicator by code, with its dimensions and source; an unknown code is UNKNOWN_INDICATOR with suggestions. */
export const IndicatorDocument = graphql(`
  query Indicator($code: String!) {
    indicator(code: $code) {
      id
      ...IndicatorSummary
      descriptionSv
      descriptionEn
      koladaKpiId
      updatedAt
      area { code nameSv nameEn }
      source { code publisher title year attribution url licence }
      dimensions { code labelSv labelEn members { id code labelSv labelEn } }
    }
  }
`);

/** One area by code with its catalogue size and categories. */
export const AreaDocument = graphql(`
  query Area($code: String!) {
    area(code: $code) {
      id
      code
      nameSv
      nameEn
      kind
      catalogueSize
      namedInterventionCount
      categories { code nameSv }
      indicators { code titleSv }
    }
  }
`);

/** One intervention of the catalogue by code (`<area>:<slug>`), with its published uptake. */
export const InterventionDocument = graphql(`
  query Intervention($code: String!) {
    intervention(code: $code) {
      id
      code
      nameSv
      note
      table
      categoryPrinted
      publishedOfferingCount
      publishedAnsweringCount
      publishedShare
      uptakeList
      uptakeRank
      area { code nameSv }
      category { code nameSv }
      source { code publisher title year attribution url }
    }
  }
`);

/** Every dimension observations are broken down by, with its members. */
export const DimensionsDocument = graphql(`
  query Dimensions {
    dimensions { code labelSv labelEn members { id code labelSv labelEn descriptionEn } }
  }
`);

/** Every source document, with its credit line and licence. */
export const SourcesDocument = graphql(`
  query Sources {
    sources { code publisher title year url licence attribution }
  }
`);

/** SKR's municipality groups (main groups A, B, C and groups A1..C9) with their members. */
export const MunicipalityGroupsDocument = graphql(`
  query MunicipalityGroups {
    municipalityGroups {
      id
      code
      name
      koladaId
      mainGroup { code name }
      municipalities { code name }
    }
  }
`);

/** The action plans (Stockholm 2013): focus areas with their findings and activities. */
export const ActionPlansDocument = graphql(`
  query ActionPlans {
    actionPlans {
      id
      code
      title
      year
      region { code name }
      source { code title attribution }
      focusAreas { position titleSv descriptionSv table items { position kind textSv deadline responsible indicator { code } } }
    }
  }
`);

import { graphql } from '../gql/index.js';

/** Searches SKR's intervention catalogue by name (accents and case ignored) and area. */
export const SearchCatalogueDocument = graphql(`
  query SearchCatalogue($search: String, $area: String, $category: String, $first: Int = 50, $after: String) {
    interventions(search: $search, area: $area, category: $category, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          code
          nameSv
          note
          table
          publishedOfferingCount
          publishedAnsweringCount
          publishedShare
          uptakeList
          uptakeRank
          area { code nameSv nameEn catalogueSize }
          category { code nameSv }
          source { code publisher title year attribution url }
        }
      }
    }
  }
`);

/** Every area with its published catalogue size, its categories and named interventions. */
export const AreasDocument = graphql(`
  query Areas {
    areas {
      code
      nameSv
      nameEn
      kind
      catalogueSize
      namedInterventionCount
      categories {
        code
        nameSv
        interventions { code nameSv publishedOfferingCount publishedAnsweringCount publishedShare }
      }
    }
  }
`);

/**
 * Who offers an intervention, narrowed by county, group, form, provider and decision.
 * SYNTHETIC in the default install (every record carries `synthetic`); `dataset` reads another
 * data set, e.g. imported real answers.
 */
export const WhoOffersDocument = graphql(`
  query WhoOffers($intervention: String!, $filter: OfferingFilter, $first: Int = 50, $after: String, $dataset: String) {
    offerings(intervention: $intervention, filter: $filter, first: $first, after: $after, dataset: $dataset) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          round
          offered
          form
          provider
          decision
          reachBand
          synthetic
          dataset { code title synthetic }
          region { code name shortName level parent { code name shortName } }
          intervention { code nameSv }
        }
      }
    }
  }
`);

/** The data sets offerings can be read from: the SYNTHETIC demo set and imported real answers. */
export const DatasetsDocument = graphql(`
  query Datasets {
    datasets { code title synthetic kind description }
  }
`);

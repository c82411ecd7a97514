import type { InsynClient } from '../client.js';
import { graphql } from '../gql/index.js';
import type { IndicatorCoverageQuery } from '../gql/graphql.js';

/**
 * What the docs site's indicator explorer needs before it can draw anything: which years,
 * regions and dimension members an indicator has figures for (one page of 500 at a time).
 */
const IndicatorCoverageDocument = graphql(`
  query IndicatorCoverage($indicator: String!, $first: Int = 500, $after: String) {
    observations(filter: { indicators: [$indicator] }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          period
          status
          dimensionKey
          region { code name shortName level }
          members { id code labelSv labelEn dimension { code labelSv labelEn } }
        }
      }
    }
  }
`);

export type CoverageObservation = IndicatorCoverageQuery['observations']['edges'][number]['node'];

/** Every observation of an indicator, reduced to where and what it is for (all pages). */
export async function indicatorCoverage(client: InsynClient, indicator: string): Promise<CoverageObservation[]> {
  const all: CoverageObservation[] = [];
  let after: string | null | undefined;
  do {
    const page: IndicatorCoverageQuery = await client.query(IndicatorCoverageDocument, { indicator, first: 500, after });
    all.push(...page.observations.edges.map((e) => e.node));
    after = page.observations.pageInfo.hasNextPage ? page.observations.pageInfo.endCursor : null;
  } while (after);
  return all;
}

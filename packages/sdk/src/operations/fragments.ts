import { graphql } from '../gql/index.js';

/**
 * The fields every figure is shown with: the value as read and as printed, its status and
 * why, the document and table it comes from, and whether it is synthetic demo data.
 */
export const ObservationFieldsFragmentDoc = graphql(`
  fragment ObservationFields on Observation {
    id
    period
    value
    printed
    status
    statusReason
    note
    table
    baseN
    dimensionKey
    members { id labelSv labelEn }
    source { code publisher title year attribution url licence }
    dataset { code title synthetic }
  }
`);

/** What is measured: enough to label a chart or a table column. */
export const IndicatorSummaryFragmentDoc = graphql(`
  fragment IndicatorSummary on Indicator {
    code
    titleSv
    titleEn
    kind
    unit
    direction
    discontinued
  }
`);

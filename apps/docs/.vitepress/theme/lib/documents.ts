import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';

/**
 * Typed documents the site needs and the SDK has no method for, run with `insyn().query(...)`.
 * Written by hand (the SDK's codegen only sees packages/sdk); keep the types to what is selected.
 */

/** One indicator by code: an unknown code fails with UNKNOWN_INDICATOR and the API's suggestions. */
export const IndicatorByCodeDocument = parse(/* GraphQL */ `
  query SiteIndicatorByCode($code: String!) {
    indicator(code: $code) { code titleSv }
  }
`) as TypedDocumentNode<{ indicator: { code: string; titleSv: string } }, { code: string }>;

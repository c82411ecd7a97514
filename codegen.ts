import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * One codegen config for every target, all from the committed schema.graphql:
 * the SDK's typed operations, and the typed documents the server's tests use.
 */
const shared = {
  preset: 'client' as const,
  presetConfig: { fragmentMasking: false },
  config: { importExtension: '.js', useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' } },
};

const config: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: true,
  generates: {
    // persistedDocuments: each SDK operation gets a sha256 hash (in the document's __meta__) and
    // persisted-documents.json (hash -> document), which the server reads (docs/scaling.md).
    'packages/sdk/src/gql/': { ...shared, presetConfig: { ...shared.presetConfig, persistedDocuments: true }, documents: ['packages/sdk/src/**/*.ts', '!packages/sdk/src/gql/**'] },
    'test/gql/': { ...shared, documents: ['test/**/*.ts', 'packages/server/src/**/*.test.ts', '!test/gql/**'] },
  },
};
export default config;

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
    'packages/sdk/src/gql/': { ...shared, documents: ['packages/sdk/src/**/*.ts', '!packages/sdk/src/gql/**'] },
    'test/gql/': { ...shared, documents: ['test/**/*.ts', 'packages/server/src/**/*.test.ts', '!test/gql/**'] },
  },
};
export default config;

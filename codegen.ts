import type { CodegenConfig } from '@graphql-codegen/cli';
import * as sdkMethods from './packages/sdk/codegen/methods.ts';

/**
 * One codegen config for every target, all from the committed schema.graphql:
 * the SDK's typed operations and its method table, and the typed documents the server's tests use.
 */
const shared = {
  preset: 'client' as const,
  presetConfig: { fragmentMasking: false },
  config: { importExtension: '.js', useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' } },
};

const config: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: true,
  // The SDK's own plugin is a TypeScript module beside it; every other name loads from npm.
  pluginLoader: (name: string) => (name === 'insyn-sdk-methods' ? Promise.resolve(sdkMethods) : import(name)),
  generates: {
    // persistedDocuments: each SDK operation gets a sha256 hash (in the document's __meta__) and
    // persisted-documents.json (hash -> document), which the server reads (docs/scaling.md).
    'packages/sdk/src/gql/': { ...shared, presetConfig: { ...shared.presetConfig, persistedDocuments: true }, documents: ['packages/sdk/src/**/*.{graphql,ts}', '!packages/sdk/src/gql/**'] },
    // One InsynClient method per operation in src/operations/*.graphql (packages/sdk/codegen/methods.ts).
    'packages/sdk/src/gql/methods.ts': { documents: ['packages/sdk/src/operations/*.graphql'], plugins: ['insyn-sdk-methods'] },
    'test/gql/': { ...shared, documents: ['test/**/*.ts', 'packages/server/src/**/*.test.ts', '!test/gql/**'] },
  },
};
export default config;

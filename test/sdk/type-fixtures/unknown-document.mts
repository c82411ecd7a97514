// Must not compile: a document codegen has not typed (it asks for a field `nope` that
// Region does not have, so codegen refuses it) is `unknown`, not a TypedDocumentNode.
// (.mts so that codegen's `test/**/*.ts` does not try to generate it.)
import { createClient, graphql } from '../../../packages/sdk/src/index.js';

const insyn = createClient({ url: 'http://localhost:4000/graphql' });
export const data = await insyn.query(graphql(`query FixtureNope { region(code: "0180") { nope } }`), {});

import type { DocumentNode, GraphQLSchema } from 'graphql';

/** Longest key (operation name and variables as JSON) whose outcome is kept. */
const MAX_KEY_LENGTH = 2_000;
/** Outcomes kept per document: the variables a client varies (a code, a year) are few. */
const MAX_PER_DOCUMENT = 64;

type Check<T> = (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null) => T;
type Outcome<T> = { value: T } | { error: unknown };

/**
 * A check that depends only on the schema, the parsed document, the variables and the
 * operation, remembered per document (Yoga's parse cache hands the same document object to
 * every request that sends the same text), so a question asked again is not walked again.
 * Errors are remembered too: the same refusal costs nothing the second time.
 */
export function perDocument<T>(check: Check<T>): Check<T> {
  const outcomes = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, Outcome<T>>>>();
  return (schema, document, variables, operationName) => {
    const key = `${operationName ?? ''}\u0000${variables === undefined ? '' : JSON.stringify(variables)}`;
    if (key.length > MAX_KEY_LENGTH) return check(schema, document, variables, operationName);
    let bySchema = outcomes.get(schema);
    if (!bySchema) outcomes.set(schema, (bySchema = new WeakMap()));
    let byKey = bySchema.get(document);
    if (!byKey) bySchema.set(document, (byKey = new Map()));
    let outcome = byKey.get(key);
    if (!outcome) {
      try {
        outcome = { value: check(schema, document, variables, operationName) };
      } catch (error) {
        outcome = { error };
      }
      if (byKey.size >= MAX_PER_DOCUMENT) byKey.delete(byKey.keys().next().value!);
      byKey.set(key, outcome);
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };
}

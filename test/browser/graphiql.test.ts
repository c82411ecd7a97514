/**
 * GraphiQL, researchers' main tool, in headless Chromium with every request that leaves this
 * machine aborted: it must come entirely from our own origin (Yoga's default loads it from a
 * public CDN and is blank offline).
 */
import type { Server } from 'node:http';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EXAMPLE_QUERIES } from '../../packages/server/src/http/examples.js';
import { GRAPHIQL_ASSETS } from '../../packages/server/src/http/graphiql.js';
import { createHttpApp, listen } from '../../packages/server/src/http/server.js';
import { createPrisma } from '../../packages/server/src/db/prisma.js';
import { launchChromium } from '@test/support/browser.js';

const prisma = createPrisma(inject('databaseUrl'));
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  server = createHttpApp(prisma);
  base = await listen(server, 0);
  browser = await launchChromium(inject('chromiumPath'));
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await prisma.$disconnect();
});

/** An editor's visible text; Monaco draws spaces as no-break spaces. */
const text = async (editor: Locator) => (await editor.innerText()).replace(/\u00a0/g, ' ');

describe('GraphiQL at /graphql', () => {
  it('is a small page whose script, styles, workers and icon come from our origin, cached for good and gzipped', async () => {
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.length).toBeLessThan(50_000);
    expect(html).toContain('<title>Insyn – GraphiQL</title>');
    expect(html).not.toMatch(/https?:\/\/|src=["']?\/\//);
    const script = await fetch(`${base}${GRAPHIQL_ASSETS}graphiql.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('content-encoding')).toBe('gzip');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('renderYogaGraphiQL');
    expect((await fetch(`${base}${GRAPHIQL_ASSETS}../../package.json`)).status).toBe(404);
    expect((await fetch(`${base}${GRAPHIQL_ASSETS}nothing.js`)).status).toBe(404);
  });

  it('loads offline: titled, every example in its own tab, and the first shows IBIC 2022 = 53 %', async () => {
    // Tall, so the editor (which draws only the lines in view) shows the whole answer.
    const context = await browser.newContext({ viewport: { width: 1400, height: 2400 } });
    const left: string[] = [];
    const problems: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === base || url.protocol === 'blob:' || url.protocol === 'data:') return route.continue();
      left.push(url.href);
      return route.abort();
    });
    try {
      const page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
      page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`));
      await page.goto(`${base}/graphql`);
      const query = page.locator('.graphiql-query-editor .view-lines').first();
      await query.waitFor();
      expect(await page.title()).toBe('Insyn – GraphiQL');

      // Each example's tab holds its own query, headed by its title. Tabs are chosen from the
      // keyboard: GraphiQL's tabs can be dragged to reorder them, and in headless Chromium a
      // mouse click on one is now and then taken for the start of a drag and selects nothing.
      const tabs = page.locator('.graphiql-tab');
      expect(await tabs.count()).toBe(EXAMPLE_QUERIES.length);
      const choose = async (name: string) => {
        await page.locator(`.graphiql-tab-button[title="${name}"]`).focus();
        await page.keyboard.press('Enter');
      };
      for (const example of [...EXAMPLE_QUERIES].reverse()) {
        const button = page.locator(`.graphiql-tab-button[title="${example.name}"]`);
        await choose(example.name);
        await expect.poll(() => tabs.filter({ has: button }).getAttribute('aria-selected'), { message: example.name }).toBe('true');
        await expect.poll(async () => (await text(query)).split('\n')[0]).toBe(`# ${example.title}`);
        expect(await text(query)).toContain(example.query.split('\n')[0]);
      }

      // GraphiQL takes the operation to run from its last parse of the editor, which it makes
      // 100 ms after the text last changed (and then stores the text as `graphiql:query`). Tabs
      // switched faster than that leave an earlier tab's name behind, and the run answers
      // "Cannot infer operation …". A user reads the query first; here we wait for that parse:
      // on the second tab, so the stored text is not the first's from before, then on the first.
      const parsed = (example: (typeof EXAMPLE_QUERIES)[number]) =>
        expect.poll(() => page.evaluate(() => localStorage.getItem('graphiql:query')), { message: `parse of ${example.name}` })
          .toBe(`# ${example.title}\n${example.query}`);
      await choose(EXAMPLE_QUERIES[1]!.name);
      await parsed(EXAMPLE_QUERIES[1]!);
      await choose(EXAMPLE_QUERIES[0]!.name);
      await parsed(EXAMPLE_QUERIES[0]!);
      await page.locator('.graphiql-execute-button').click();
      const answer = page.locator('.graphiql-response .view-lines').first();
      await expect.poll(() => text(answer), { timeout: 10_000 }).toMatch(/"period": 2022,\s+"value": 53,/);
      expect(await text(answer)).toMatch(/"period": 2017,\s+"value": 8,/);
      expect(left, 'requests that tried to leave the machine').toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});

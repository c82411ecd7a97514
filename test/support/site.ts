import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { createClient, type InsynClient } from '@insyn/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { createHttpApp, listen } from '../../packages/server/src/http/server.js';
import { createPrisma } from '../../packages/server/src/db/prisma.js';
import { launchChromium } from './browser.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const docsRoot = path.join(root, 'apps', 'docs', 'dist');
export const screenshots = path.join(root, 'test-results', 'screenshots');

export const DESKTOP = { width: 1280, height: 900 };
/** A common phone width (iPhone 12–15). */
export const PHONE = { width: 390, height: 844 };

/**
 * The built docs site served by a real server on the suite's loaded database, and a headless
 * Chromium, for one test file. `open` gives a page in a context of its own (axe-core needs one)
 * and records what went wrong on it (uncaught errors, console errors, failed requests).
 */
export function siteUnderTest() {
  const state = { base: '', api: undefined as unknown as InsynClient, problems: [] as string[] };
  let server: Server;
  let browser: Browser;
  let page: Page | undefined;
  const prisma = createPrisma(inject('databaseUrl'));

  beforeAll(async () => {
    if (!existsSync(path.join(docsRoot, 'index.html'))) {
      throw new Error(`The docs site is not built (${docsRoot} has no index.html). Run \`npm run build\` at the root first; \`npm test\` does it.`);
    }
    mkdirSync(screenshots, { recursive: true });
    server = createHttpApp(prisma, { docsRoot });
    state.base = await listen(server, 0);
    state.api = createClient({ url: `${state.base}/graphql` });
    browser = await launchChromium(inject('chromiumPath'));
  });
  afterEach(async () => {
    await page?.context().close();
    page = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await prisma.$disconnect();
  });

  async function open(pathname: string, viewport = DESKTOP): Promise<Page> {
    await page?.context().close();
    // Emptied in place: a test may hold on to `problems`.
    state.problems.length = 0;
    const context = await browser.newContext({ viewport });
    page = await context.newPage();
    page.on('pageerror', (e) => state.problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') state.problems.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) state.problems.push(`HTTP ${r.status()} ${r.url()}`);
    });
    await page.goto(`${state.base}${pathname}`);
    return page;
  }

  return {
    open,
    get base() {
      return state.base;
    },
    get api() {
      return state.api;
    },
    get problems() {
      return state.problems;
    },
  };
}

/** No serious or critical axe-core violations on the page as it is now. */
export async function expectAccessible(p: Page, what = p.url()) {
  const result = await new AxeBuilder({ page: p }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(bad, `${what}\n${bad.join('\n')}`).toEqual([]);
  return result;
}

/** Waits until every live component on the page has no request out (each sets aria-busy while loading). */
export async function settled(p: Page) {
  await p.waitForFunction(() => [...document.querySelectorAll('.insyn-live')].every((e) => e.getAttribute('aria-busy') === 'false'));
}

/** How far the page scrolls sideways: 0 when nothing sticks out of the viewport. */
export function sidewaysScroll(p: Page): Promise<number> {
  return p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export async function shot(p: Page, name: string) {
  // From the top, so VitePress' fixed nav and sidebar are drawn where they belong.
  await p.evaluate(() => window.scrollTo(0, 0));
  const file = path.join(screenshots, `${name}.png`);
  await p.screenshot({ path: file, fullPage: true });
  return file;
}

/** The text of a table's cell in the row headed `rowHeader`, under the column headed `column`. */
export async function cell(p: Page, tableSelector: string, rowHeader: string, column: string): Promise<string> {
  return p.evaluate(
    ({ tableSelector, rowHeader, column }) => {
      const table = document.querySelector(tableSelector) as HTMLTableElement | null;
      if (!table) return `no table ${tableSelector}`;
      const headers = [...table.tHead!.rows[0]!.cells].map((c) => c.textContent!.trim());
      const index = headers.indexOf(column);
      if (index < 0) return `no column ${column} in ${headers.join(' | ')}`;
      const row = [...table.tBodies[0]!.rows].find((r) => r.cells[0]!.textContent!.trim() === rowHeader);
      if (!row) return `no row ${rowHeader}`;
      return row.cells[index]!.textContent!.trim();
    },
    { tableSelector, rowHeader, column },
  );
}

/** Every page the build wrote, as the path a reader opens (`/`, `/guide/partners`, `/reference/`); 404.html as an unknown path. */
export function builtPages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'assets') walk(file);
      } else if (entry.name.endsWith('.html')) {
        const rel = path.relative(docsRoot, file).split(path.sep).join('/');
        pages.push(rel === '404.html' ? '/no/such/page' : `/${rel.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '')}`);
      }
    }
  };
  walk(docsRoot);
  return pages.sort();
}

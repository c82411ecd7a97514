/**
 * Every page the docs build writes, in headless Chromium at 1280 px and at 390 px (a phone):
 * no serious or critical axe-core violations, nothing that scrolls the page sideways at 390 px,
 * chart labels drawn at a readable size, and the schema reference's tables inside the column.
 * Screenshots of each page at both widths go to test-results/screenshots/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { builtPages, DESKTOP, expectAccessible, PHONE, settled, shot, siteUnderTest, sidewaysScroll } from '@test/support/site.js';

const site = siteUnderTest();

/** Where a live page shows something worth checking: a profile opened, an indicator with bars and a map. */
const VIEWS: Record<string, string> = {
  '/explore/municipality': '/explore/municipality?code=1480',
  '/explore/indicators': '/explore/indicators?indicator=skr-provider-share&area=aldre',
  '/explore/catalogue': '/explore/catalogue?q=boendestod',
};

async function load(pathname: string, viewport: typeof DESKTOP) {
  const p = await site.open(VIEWS[pathname] ?? pathname, viewport);
  await p.waitForSelector('h1');
  if (await p.locator('.insyn-live').count()) {
    await settled(p);
    if (pathname === '/explore/municipality') await p.waitForSelector('[data-testid=county-map] svg path');
  }
  return p;
}

/** The smallest font size any chart label is drawn at, in screen pixels (the SVG's scale included). */
function smallestChartText(p: Page): Promise<number> {
  return p.evaluate(() => {
    let smallest = Infinity;
    for (const text of document.querySelectorAll<SVGTextElement>('.insyn-chart svg text')) {
      if (!text.textContent?.trim()) continue;
      const scale = text.getScreenCTM()?.a ?? 1;
      smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * scale);
    }
    return smallest;
  });
}

const pages = builtPages();

/** What went wrong on the page, but the 404 the unknown path is meant to answer. */
const problems = (pathname: string) =>
  site.problems.filter((x) => !(pathname === '/no/such/page' && (x.startsWith('HTTP 404') || x === 'console: Failed to load resource: the server responded with a status of 404 (Not Found)')));

describe('every page of the docs site', () => {
  test('the build has the pages the site promises (home, guides, explorer, profile, catalogue, reference, credits)', () => {
    for (const page of ['/', '/getting-started', '/guide/frontend', '/guide/researchers', '/guide/partners', '/explore/indicators', '/explore/municipality', '/explore/catalogue', '/reference/', '/reference/objects', '/reference/inputs', '/reference/enums', '/reference/interfaces', '/credits', '/no/such/page']) {
      expect(pages).toContain(page);
    }
  });

  test.each(pages)('%s passes axe-core at 1280 px', async (pathname) => {
    const p = await load(pathname, DESKTOP);
    await shot(p, `page-1280${pathname.replace(/\//g, '_')}`);
    await expectAccessible(p);
    expect(problems(pathname)).toEqual([]);
  }, 90_000);

  test.each(pages)('%s passes axe-core at 390 px and does not scroll sideways', async (pathname) => {
    const p = await load(pathname, PHONE);
    expect(await sidewaysScroll(p), 'px the page scrolls sideways').toBe(0);
    if (await p.locator('.insyn-chart svg text').count()) expect(await smallestChartText(p), 'smallest chart label, px').toBeGreaterThanOrEqual(11);
    await shot(p, `page-390${pathname.replace(/\//g, '_')}`);
    await expectAccessible(p);
    expect(problems(pathname)).toEqual([]);
  }, 90_000);
});

describe('schema reference', () => {
  test.each([DESKTOP, PHONE])("the Query table fits the page's column at %o: nothing cut off on the right", async (viewport) => {
    const p = await load('/reference/', viewport);
    const fit = await p.evaluate(() => {
      const table = document.querySelector('#query ~ table') as HTMLTableElement;
      const column = document.querySelector('.vp-doc') as HTMLElement;
      return { table: table.getBoundingClientRect().right, scroll: table.scrollWidth - table.clientWidth, column: column.getBoundingClientRect().right, rows: table.tBodies[0]!.rows.length };
    });
    expect(fit.rows).toBeGreaterThan(20);
    expect(fit.scroll, 'px the table scrolls inside itself').toBe(0);
    expect(fit.table).toBeLessThanOrEqual(fit.column + 0.5);
    // The last column (the descriptions) is on screen.
    const description = p.locator('#query ~ table tbody tr', { hasText: 'crossSection' }).first().locator('td').last();
    expect(await description.innerText()).toContain('suppressed and missing figures included');
    const box = await description.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
  }, 60_000);
});

/**
 * The site's details from issue 12, each as a reader meets it: a misspelt `?indicator=` is an
 * error naming the code with the API's suggestions (not some other indicator); the Series select
 * shows the series drawn and the chart title names it; no bar or label runs past the axis; "Who
 * offers" pages through every municipality and names its source.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { graphql } from '@test/gql/index.js';
import { cell, expectAccessible, PHONE, settled, shot, siteUnderTest } from '@test/support/site.js';

const site = siteUnderTest();
const IndicatorByCode = graphql(`
  query SiteTestIndicatorByCode($code: String!) {
    indicator(code: $code) { code }
  }
`);

/** Bars past the ends of their chart's axis and labels outside the chart, in one figure. */
function outside(p: Page, figure: string) {
  return p.evaluate((figure) => {
    const out: string[] = [];
    for (const svg of document.querySelectorAll<SVGSVGElement>(`${figure} .insyn-chart svg`)) {
      const width = svg.viewBox.baseVal.width;
      const axis = svg.querySelector('line.axis');
      if (!axis) {
        out.push('no axis line');
        continue;
      }
      const [from, to] = [Number(axis.getAttribute('data-from')), Number(axis.getAttribute('data-to'))];
      for (const rect of svg.querySelectorAll('g.row rect')) {
        const b = (rect as SVGRectElement).getBBox();
        if (b.x < from - 0.5 || b.x + b.width > to + 0.5) out.push(`bar ${rect.textContent} ${b.x.toFixed(1)}–${(b.x + b.width).toFixed(1)} outside axis ${from.toFixed(1)}–${to.toFixed(1)}`);
      }
      for (const text of svg.querySelectorAll('text')) {
        const b = (text as SVGTextElement).getBBox();
        if (b.width && (b.x < -0.5 || b.x + b.width > width + 0.5)) out.push(`label "${text.textContent}" ${b.x.toFixed(1)}–${(b.x + b.width).toFixed(1)} outside 0–${width}`);
      }
    }
    return out;
  }, figure);
}

describe('indicator explorer details', () => {
  test('a misspelt ?indicator= shows an error naming the code and the codes the API suggests, not IBIC', async () => {
    const p = await site.open('/explore/indicators?indicator=ibc-utredning');
    await p.waitForSelector('[data-testid=unknown-indicator]');
    await settled(p);
    const error = p.locator('[data-testid=unknown-indicator]');
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.innerText()).toContain('There is no indicator with the code ibc-utredning');
    // The API's suggestions, as the API orders them, by title and code.
    const { suggestions } = await site.api.query(IndicatorByCode, { code: 'ibc-utredning' }).then(
      () => ({ suggestions: [] as string[] }),
      (e: { suggestions?: string[] }) => ({ suggestions: e.suggestions ?? [] }),
    );
    expect(suggestions[0]).toBe('oj-ibic-utredning');
    const offered = await error.locator('li code').allInnerTexts();
    expect(offered).toEqual(suggestions);
    // Nothing else is shown in its place.
    expect(await p.locator('#indicator-title').count()).toBe(0);
    expect(await p.locator('[data-testid=time-series]').count()).toBe(0);
    await shot(p, 'explorer-unknown-indicator');
    await expectAccessible(p);
    // Taking the first suggestion shows it.
    await error.getByRole('button', { name: /oj-ibic-utredning/ }).click();
    await p.waitForSelector('[data-testid=time-series] table');
    await settled(p);
    expect(await p.locator('[data-testid=unknown-indicator]').count()).toBe(0);
    expect(p.url()).toContain('indicator=oj-ibic-utredning');
    expect(await cell(p, '[data-testid=time-series] table', '2022', 'Socialpsykiatri')).toBe('53');
    // The API's failure is the only failed request.
    expect(site.problems.filter((x) => !x.startsWith('console: Failed to load resource'))).toEqual([]);
  }, 90_000);

  test("skr-provider-share for all areas (24 series, one drawn at a time): the Series select shows the series drawn, and the title names it", async () => {
    const p = await site.open('/explore/indicators?indicator=skr-provider-share&area=all');
    await p.waitForSelector('[data-testid=county-comparison] table tr[data-region="01"]');
    await settled(p);
    const select = p.getByLabel('Series', { exact: true });
    expect(await select.evaluate((s: HTMLSelectElement) => s.selectedIndex)).toBe(0);
    expect(await select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('Äldre, Enbart kommunal regi');
    const caption = p.locator('[data-testid=county-comparison] figcaption');
    expect(await caption.locator('[data-testid=series-name]').innerText()).toBe(': Äldre, Enbart kommunal regi');
    const table = '[data-testid=county-comparison] table';
    expect(await p.locator(`${table} thead th`).allInnerTexts()).toEqual(['Region', 'Äldre, Enbart kommunal regi', 'Status']);
    // Another series: the select, the title, the bars and the table follow.
    await select.selectOption({ label: 'Barn och unga, Enbart enskild regi' });
    await expect.poll(() => caption.locator('[data-testid=series-name]').innerText()).toBe(': Barn och unga, Enbart enskild regi');
    expect(await p.locator(`${table} thead th`).allInnerTexts()).toEqual(['Region', 'Barn och unga, Enbart enskild regi', 'Status']);
    const { crossSection } = await site.api.crossSection({ indicator: 'skr-provider-share', period: 2022, level: 'COUNTY', members: ['area:barn-och-unga', 'provider:private_only'] });
    const stockholm = crossSection.find((o) => o.region.code === '01' && o.dimensionKey.endsWith('provider=private_only'))!;
    expect(await cell(p, table, 'Stockholms län', 'Barn och unga, Enbart enskild regi')).toBe(stockholm.printed);
    expect(await p.locator('[data-testid=county-comparison] svg[role=img]').getAttribute('aria-label')).toContain(`Stockholms län: ${stockholm.printed}`);
    await shot(p, 'explorer-provider-barn-series');
    await expectAccessible(p);
    expect(site.problems).toEqual([]);
  }, 90_000);

  test("no bar runs past the axis and no label out of the chart: SKR's rounded shares adding up to 101 %, at 1280 and 390 px", async () => {
    for (const viewport of [undefined, PHONE]) {
      const p = await site.open('/explore/indicators?indicator=skr-provider-share&area=aldre', viewport);
      await p.waitForSelector('[data-testid=county-comparison] table tr[data-region="21"]');
      await settled(p);
      // Gävleborgs län: 81 + 19 + 0 + 1 = 101 (Tabell 7 as printed).
      const row = '[data-testid=county-comparison] table';
      const printed = await Promise.all(['Enbart kommunal regi', 'Kommunal och enskild regi', 'Enbart enskild regi', 'Vet ej'].map((c) => cell(p, row, 'Gävleborgs län', c)));
      expect(printed.reduce((s, x) => s + Number.parseInt(x, 10), 0)).toBe(101);
      expect(await outside(p, '[data-testid=county-comparison]')).toEqual([]);
      expect(await outside(p, '[data-testid=time-series]')).toEqual([]);
    }
  }, 90_000);

  test('a negative change and a long printed value stay inside the chart (Öppna jämförelser: "minskat med 11 procentenheter")', async () => {
    for (const viewport of [undefined, PHONE]) {
      const p = await site.open('/explore/indicators?indicator=oj-sp-forandring-procentenheter', viewport);
      await p.waitForSelector('[data-testid=time-series] svg');
      await settled(p);
      expect(await p.locator('[data-testid=time-series] svg[role=img]').getAttribute('aria-label')).toContain('minskat med 11 procentenheter');
      expect(await outside(p, '[data-testid=time-series]')).toEqual([]);
      // The negative bar is drawn, left of zero.
      const widths = await p.locator('[data-testid=time-series] svg g.row rect').evaluateAll((rects) => rects.map((r) => (r as SVGRectElement).getBBox().width));
      expect(widths.filter((w) => w > 0)).toHaveLength(3);
      if (viewport) await shot(p, 'explorer-negative-change-390');
    }
  }, 90_000);
});

describe('who offers', () => {
  test('Boendestöd in socialpsykiatri: all 211 municipalities and districts, 25 at a time, with the source line', async () => {
    const p = await site.open('/explore/catalogue?q=boendestod&area=socialpsykiatri');
    await p.waitForSelector('[data-testid=catalogue] tbody tr');
    await p.getByRole('button', { name: /Who offers Boendestöd/ }).click();
    const section = p.locator('[data-testid=who-offers]');
    await section.waitFor();
    await settled(p);
    const code = (await p.locator('[data-testid=catalogue] tbody tr').first().getAttribute('data-code'))!;
    const { offerings } = await site.api.whoOffers({ intervention: code, first: 1 });
    expect(offerings.totalCount).toBe(211);
    expect(await section.innerText()).toContain('SKR published 211 of 214 answering');
    const range = section.locator('[data-testid=who-offers-range]');
    expect(await range.innerText()).toBe('Showing 1–25 of 211:');
    expect(await section.locator('nav').innerText()).toContain('Page 1 of 9');
    // The source line: the data set by title and code, marked synthetic.
    const source = await section.locator('[data-testid=figure-source]').innerText();
    expect(source).toContain(`${offerings.edges[0]!.node.dataset.title} (synthetic-offerings-2022)`);
    expect(source).toContain("calibrated to SKR: Kartläggning av socialtjänstens insatser (2022); not real answers");
    await shot(p, 'catalogue-who-offers-page-1');
    await expectAccessible(p);

    const previous = section.getByRole('button', { name: 'Previous 25' });
    const next = section.getByRole('button', { name: 'Next 25' });
    expect(await previous.isDisabled()).toBe(true);
    const names = new Set<string>();
    for (let page = 1; ; page++) {
      await expect.poll(() => range.innerText()).toBe(`Showing ${(page - 1) * 25 + 1}–${Math.min(page * 25, 211)} of 211:`);
      for (const name of await section.locator('tbody th').allInnerTexts()) names.add(name);
      if (await next.isDisabled()) break;
      await next.click();
    }
    expect(names.size).toBe(211);
    expect(await section.locator('nav').innerText()).toContain('Page 9 of 9');
    // And back.
    await previous.click();
    await expect.poll(() => range.innerText()).toBe('Showing 176–200 of 211:');
    expect(await section.locator('tbody tr').count()).toBe(25);
    expect(site.problems).toEqual([]);
  }, 120_000);
});

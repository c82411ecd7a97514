/**
 * The docs site in headless Chromium against a real server on the loaded database: each live
 * page loads, shows the figures the seed documents print, reacts to search and filters, marks
 * synthetic data, and has no serious or critical axe-core violations. Screenshots go to
 * test-results/screenshots/.
 *
 * Needs the built site (apps/docs/dist): the root `npm test` runs `npm run build` first.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { InsynClient } from '@insyn/sdk';
import { buildSchema } from 'graphql';
import JSONstat from 'jsonstat-toolkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { cell, docsRoot, expectAccessible, root, settled, shot, siteUnderTest } from '@test/support/site.js';


// The server, the browser and a page per `open` (support/site.ts); these tests read the API and the page's problems directly.
const site = siteUnderTest();
const open = (pathname: string) => site.open(pathname);
const problems = site.problems;
let base: string;
let api: InsynClient;
beforeAll(() => {
  base = site.base;
  api = site.api;
});

describe('static pages', () => {
  test('are served with clean URLs next to /graphql; unknown paths are 404', async () => {
    for (const [pathname, text] of [
      ['/', 'Swedish social services, compared'],
      ['/getting-started', 'A first query in GraphiQL'],
      ['/guide/frontend', '@insyn/sdk'],
      ['/guide/researchers', '/export/observations.csv'],
      ['/guide/partners', 'updatedSince'],
      ['/reference/', 'Schema reference'],
    ] as const) {
      const response = await fetch(`${base}${pathname}`);
      expect(response.status, pathname).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text(), pathname).toContain(text);
    }
    expect((await fetch(`${base}/no/such/page`)).status).toBe(404);
    const graphql = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ region(code: "01") { name } }' }) });
    expect(await graphql.json()).toEqual({ data: { region: { name: 'Stockholms län' } } });
  });

  test('pages are never cached, content-hashed assets for good; nothing outside the built folder is served', async () => {
    const page = await fetch(`${base}/guide/partners`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const asset = (await page.text()).match(/\/assets\/[\w.-]+\.js/)![0];
    const script = await fetch(`${base}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const escape of ['/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2f..%2f..%2fpackage.json']) {
      const response = await fetch(`${base}${escape}`);
      expect(response.status, escape).toBe(404);
      expect(await response.text(), escape).not.toContain('"workspaces"');
    }
  });

  test('the schema reference documents every type, field and argument of schema.graphql', () => {
    const schema = buildSchema(readFileSync(path.join(root, 'schema.graphql'), 'utf8'));
    const html = ['index', 'objects', 'interfaces', 'inputs', 'enums'].map((page) => readFileSync(path.join(docsRoot, 'reference', `${page}.html`), 'utf8')).join('\n');
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!html.includes(`id="${type.name.toLowerCase()}"`)) missing.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!html.includes(`<code>${field.name}</code>`)) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!html.includes(`<code>${arg.name}</code>`)) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    expect(missing).toEqual([]);
    // Descriptions come along, escaped where they hold markup-like text.
    expect(html).toContain('Kolada&#39;s id for the same region');
    expect(html).toContain('&quot;text: &lt;section&gt;&quot;');
  });
  // Every page's axe-core check, at 1280 and 390 px, is in site-layout.test.ts.
});

describe('indicator explorer', () => {
  test("SKR's provider table for äldre per county: Stockholms län 39 % municipal-only, Riket 71 % (Tabell 7)", async () => {
    const p = await open('/explore/indicators?indicator=skr-provider-share&area=aldre');
    const table = '[data-testid=county-comparison] table';
    await p.waitForSelector(`${table} tr[data-region="01"]`);
    await settled(p);
    expect(await cell(p, table, 'Stockholms län', 'Enbart kommunal regi')).toBe('39%');
    expect(await cell(p, table, 'Stockholms län', 'Kommunal och enskild regi')).toBe('49%');
    expect(await cell(p, table, 'Stockholms län', 'Enbart enskild regi')).toBe('8%');
    expect(await cell(p, table, 'Riket', 'Enbart kommunal regi')).toBe('71%');
    // The chart carries the same figures as its text alternative.
    const label = await p.locator('[data-testid=county-comparison] svg[role=img]').getAttribute('aria-label');
    expect(label).toContain('Stockholms län: 39%');
    // The source under the figure: SKR's report as titled, with the table.
    const source = await p.locator('[data-testid=county-comparison] [data-testid=figure-source]').innerText();
    expect(source).toContain('Kartläggning av socialtjänstens insatser');
    expect(source).toContain('Tabell 7');
    // Published figures are not synthetic: no banner.
    expect(await p.locator('[data-testid=synthetic-banner]').count()).toBe(0);
    // The CSV link exports the same cross-section; the JSON-stat and Excel links beside it too.
    const downloads = p.locator('[data-testid=figure-downloads] a[download]');
    expect(await downloads.allInnerTexts()).toEqual(['Download these figures as CSV', 'CSV for Excel', 'JSON-stat', 'Excel']);
    const href = await downloads.first().getAttribute('href');
    const csv = await (await fetch(`${base}${href}`)).text();
    expect(csv.split('\n').find((l) => l.includes('skr-provider-share') && l.includes(',01,') && l.includes('provider=municipal_only'))).toContain('39%');
    const cube = JSONstat(await (await fetch(`${base}${await downloads.nth(2).getAttribute('href')}`)).json());
    expect(cube.Data({ indicator: 'skr-provider-share', region: '01', period: '2022', area: 'aldre', provider: 'municipal_only' })?.value).toBe(39);
    await shot(p, 'explorer-provider-aldre');
    await expectAccessible(p);
    expect(problems).toEqual([]);
  }, 90_000);

  test('choosing the LSS social-work-degree measure shows the suppressed counties with their reason', async () => {
    const p = await open('/explore/indicators');
    await p.waitForSelector('[data-testid=time-series]');
    // Filter the list, then pick the measure the way a reader would.
    await p.getByLabel('Filter indicators').fill('socionom');
    await expect.poll(() => p.locator('#indicator option').count()).toBe(1);
    await p.getByLabel(/^Indicator/).selectOption('oj-lss-handlaggare-socionomexamen');
    await p.waitForSelector('[data-testid=withheld-reason]');
    await settled(p);
    expect(p.url()).toContain('indicator=oj-lss-handlaggare-socionomexamen');
    const table = '[data-testid=county-comparison] table';
    for (const county of ['Jönköpings län', 'Västmanlands län', 'Västernorrlands län']) {
      expect(await cell(p, table, county, 'Total')).toBe('Suppressed *');
      expect(await cell(p, table, county, 'Status')).toContain('överstiger 20 procent');
    }
    expect(await cell(p, table, 'Riket', 'Total')).toBe('82 procent');
    // The other 18 counties are bars of Figur 1 whose values the text lacks: published, only in the chart.
    expect(await cell(p, table, 'Uppsala län', 'Total')).toBe('In chart only †');
    expect(await cell(p, table, 'Uppsala län', 'Status')).toMatch(/^Published only in a chart, value not available here: Shown as a bar in Figur 1/);
    const chartOnly = await p.locator('[data-testid=chart-only-reason]').innerText();
    expect(chartOnly).toContain('Uppsala län');
    expect(chartOnly).not.toContain('Jönköpings län');
    expect(await p.locator('[data-testid=county-comparison] figcaption').innerText()).toContain('published for 0 of 21 counties, some withheld, 18 only in the source\'s chart');
    const reason = await p.locator('[data-testid=withheld-reason]').innerText();
    expect(reason).toContain('Jönköpings län, Västmanlands län, Västernorrlands län');
    expect(reason).toContain('bortfall');
    // The county range the text gives for Riket.
    expect(await p.locator('[data-testid=time-series] .ranges').innerText()).toContain('65 procent to 94 procent');
    const source = await p.locator('[data-testid=county-comparison] [data-testid=figure-source]').innerText();
    expect(source).toContain('Öppna jämförelser 2021');
    expect(source).toContain('Figur 1');
    await shot(p, 'explorer-lss-suppressed');
    await expectAccessible(p);
    expect(problems).toEqual([]);
  }, 90_000);

  test('IBIC in social psychiatry investigations: 8 % in 2017 to 53 % in 2022 (Öppna jämförelser 2022, Tabell 2)', async () => {
    const p = await open('/explore/indicators?indicator=oj-ibic-utredning');
    const table = '[data-testid=time-series] table';
    await p.waitForSelector(`${table} tbody tr`);
    await settled(p);
    // All areas: one line each.
    const column = 'Socialpsykiatri';
    expect(await cell(p, table, '2022', column)).toBe('53');
    expect(await cell(p, table, '2017', column)).toBe('8');
    expect(await p.locator('[data-testid=time-series] svg .line').count()).toBe(4);
    // Narrow to one area with the filter.
    await p.getByLabel('Area (verksamhetsområde)').selectOption('area:socialpsykiatri');
    await p.waitForURL(/area=socialpsykiatri/);
    await settled(p);
    expect(await p.locator('[data-testid=time-series] svg .line').count()).toBe(1);
    expect(await cell(p, table, '2022', 'Total')).toBe('53');
    const label = await p.locator('[data-testid=time-series] svg[role=img]').getAttribute('aria-label');
    expect(label).toContain('2022 53');
    expect(await p.locator('[data-testid=time-series] [data-testid=figure-source]').innerText()).toMatch(/Öppna jämförelser 2022.*Tabell 2/);
    await shot(p, 'explorer-ibic-socialpsykiatri');
    await expectAccessible(p);
    expect(problems).toEqual([]);
  }, 90_000);
});

describe('municipality profile', () => {
  test('finds Göteborg typed without å/ä/ö and shows offerings per area against county and group, marked synthetic', async () => {
    const p = await open('/explore/municipality');
    await p.getByLabel(/Search a municipality/).fill('goteborg');
    await p.getByRole('button', { name: /Göteborgs kommun \(1480\)/ }).click();
    await p.waitForSelector('[data-testid=offerings] table');
    expect(await p.locator('#profile-title').innerText()).toBe('Göteborgs kommun');
    expect(p.url()).toContain('code=1480');
    await expect.poll(() => p.locator('[data-testid=synthetic-banner]').first().innerText()).toContain('Syntetiska demodata');
    // Catalogue sizes as SKR published them (75, 119, 57, 59, 53, 46).
    const table = '[data-testid=offerings] table';
    const sizes = await p.locator(`${table} tbody tr td:nth-child(4)`).allInnerTexts();
    expect(sizes).toEqual(['75', '119', '57', '59', '53', '46']);
    // The page shows what the API computes for the same municipality (synthetic data: compare, not invent).
    const { region } = await api.municipalityProfile({ code: '1480' });
    const aldre = region.offeringSummary.find((s) => s.area.code === 'aldre')!;
    expect(await cell(p, table, 'Äldre', 'Offered')).toBe(String(aldre.offeredCount));
    expect(await cell(p, table, 'Äldre', 'County mean')).toContain(new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 }).format(aldre.countyMean!));
    expect(await cell(p, table, 'Äldre', 'Group mean')).toContain(new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 }).format(aldre.groupMean!));
    expect(await p.locator('#profile-title ~ .meta').innerText()).toContain('A1 Storstäder');
    // The county's published figures, each with its source: Västra Götaland in SKR's Tabell 7.
    await p.locator('[data-testid=county-figures] summary').click();
    const row = p.locator('[data-testid=county-figures] tbody tr', { hasText: 'Äldre, Enbart kommunal regi' }).filter({ hasText: 'Genomförande av insatser i kommunal respektive enskild regi' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/Kartläggning av socialtjänstens insatser.*Tabell 7/);
    await shot(p, 'profile-goteborg');
    await expectAccessible(p);
    expect(problems).toEqual([]);
  }, 90_000);

  test("Stockholm: its own published figures with their source, and offerings per district (it answered SKR per stadsdelsområde)", async () => {
    const p = await open('/explore/municipality');
    const search = p.getByLabel(/Search a municipality/);
    await search.fill('malmo');
    await expect.poll(() => p.getByRole('button', { name: /Malmö/ }).count()).toBeGreaterThan(0);
    await search.fill('stockholm');
    await p.getByRole('button', { name: /Stockholms kommun \(0180\)/ }).click();
    await p.waitForSelector('[data-testid=districts]');
    expect(await p.locator('[data-testid=districts]').innerText()).toContain('answered SKR\'s survey per district');
    // Stockholm's 2013 inventory: 3 596 persons (Stockholms stad, text: Inledning).
    const inventoried = p.locator('[data-testid=figures] tbody tr', { hasText: 'Fullständiga enkäter' });
    expect(await inventoried.innerText()).toMatch(/2013\s+3596\s+Handlingsplan utifrån Inventering av socialpsykiatrins målgrupp \(2013\), text: Inledning/);
    await shot(p, 'profile-stockholm');
    await expectAccessible(p);
    // Stockholm's county in SKR's provider table for äldre: 39 % municipal-only.
    await p.locator('[data-testid=county-figures] summary').click();
    expect(await p.locator('[data-testid=county-figures] tbody tr', { hasText: 'Äldre, Enbart kommunal regi' }).filter({ hasText: 'Genomförande av insatser i kommunal respektive enskild regi' }).innerText()).toContain('39%');
    // Into a district.
    await p.getByRole('button', { name: 'Bromma' }).click();
    await p.waitForSelector('[data-testid=offerings] table');
    expect(await p.locator('#profile-title').innerText()).toBe('Bromma (stadsdelsområde)');
    const { region } = await api.municipalityProfile({ code: '0180-bromma' });
    for (const s of region.offeringSummary) {
      const row = p.locator(`[data-testid=offerings] tr[data-area="${s.area.code}"]`);
      expect(await row.locator('td').first().innerText()).toBe(String(s.offeredCount ?? '–'));
    }
    expect(await p.locator('[data-testid=synthetic-banner]').count()).toBeGreaterThan(0);
    await shot(p, 'profile-bromma');
    await expectAccessible(p);
    expect(problems).toEqual([]);
  }, 90_000);
});

describe('intervention catalogue', () => {
  test('searching "boendestod" finds Boendestöd in three areas with the published uptake; the area filter narrows it', async () => {
    const p = await open('/explore/catalogue');
    await p.waitForSelector('[data-testid=catalogue] tbody tr');
    await p.getByLabel(/Search interventions/).fill('boendestod');
    await expect.poll(() => p.locator('#results-title').innerText()).toBe('3 interventions matching “boendestod”');
    const rows = p.locator('[data-testid=catalogue] tbody tr');
    const byArea = Object.fromEntries(
      await Promise.all(
        (await rows.all()).map(async (r) => {
          const area = (await r.locator('td').nth(0).innerText()).split(' · ')[0]!;
          return [area, `${await r.locator('td').nth(1).innerText()} ${await r.locator('td').nth(2).innerText()}`] as const;
        }),
      ),
    );
    // SKR 2022: Tabell 34, 18 and 26 (offering of answering, share as printed).
    expect(byArea).toEqual({
      Socialpsykiatri: '211 of 214 99%',
      Funktionshinder: '184 of 208 88%',
      'Missbruk och beroende': '175 of 233 75%',
    });
    await p.getByLabel('Area (verksamhetsområde)').selectOption('socialpsykiatri');
    await expect.poll(() => p.locator('#results-title').innerText()).toBe('1 intervention matching “boendestod”');
    expect(await p.locator('[data-testid=area-summary]').innerText()).toContain('covers 53 interventions');
    expect(p.url()).toContain('area=socialpsykiatri');
    expect(await p.locator('[data-testid=catalogue] [data-testid=figure-source]').innerText()).toMatch(/Kartläggning av socialtjänstens insatser \(2022\), Tabell 34/);
    await shot(p, 'catalogue-boendestod');
    await expectAccessible(p);
    // An unknown word is an empty list, said as such.
    await p.getByLabel(/Search interventions/).fill('xyzzy');
    await expect.poll(() => p.locator('#results-title').innerText()).toBe('0 interventions matching “xyzzy”');
    expect(problems).toEqual([]);
  }, 90_000);

  test('"Who offers" lists municipalities from the synthetic set under the banner', async () => {
    const p = await open('/explore/catalogue?q=boendestod&area=socialpsykiatri');
    await p.waitForSelector('[data-testid=catalogue] tbody tr');
    expect(await p.locator('[data-testid=synthetic-banner]').count()).toBe(0);
    await p.getByRole('button', { name: /Who offers Boendestöd/ }).click();
    const section = p.locator('[data-testid=who-offers]');
    await section.waitFor();
    expect(await section.locator('[data-testid=synthetic-banner]').innerText()).toContain('Syntetiska demodata');
    expect(await section.locator('[data-testid=synthetic-banner]').innerText()).toContain('synthetic demo data, not real answers');
    const code = await p.locator('[data-testid=catalogue] tbody tr').first().getAttribute('data-code');
    const { offerings } = await api.whoOffers({ intervention: code!, first: 25 });
    const text = await section.innerText();
    expect(text).toContain(`${offerings.totalCount} municipalities and districts offer it in the demo data`);
    expect(text).toContain('SKR published 211 of 214 answering');
    expect(await section.locator('tbody tr').count()).toBe(offerings.edges.length);
    await shot(p, 'catalogue-who-offers');
    await expectAccessible(p);
    expect(problems).toEqual([]);
  }, 90_000);
});

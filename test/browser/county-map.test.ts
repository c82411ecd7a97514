/**
 * The county map (a choropleth of the 21 counties from @svg-maps/sweden) on the indicator
 * explorer and the municipality profile, in headless Chromium against the loaded seeds: the
 * figures the sources print in their colour band, suppressed counties hatched with the
 * publisher's reason, a legend, the table beside it, the credit, and what a screen reader gets.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { cell, expectAccessible, PHONE, settled, shot, siteUnderTest, sidewaysScroll } from '@test/support/site.js';

const site = siteUnderTest();
const map = '[data-testid=county-map]';
const county = (code: string) => `${map} svg path[data-region="${code}"]`;

/** The legend entries: label and swatch colour. */
function legend(p: Page) {
  return p.locator(`${map} [data-testid=map-legend] li[data-color]`).evaluateAll((items) => items.map((li) => ({ label: li.textContent!.trim(), color: li.getAttribute('data-color') })));
}

describe('county map on the indicator explorer', () => {
  test("SKR's provider table, äldre, Enbart kommunal regi: Stockholms län 39 % in its colour band, with SKR's Tabell 7 as its source", async () => {
    const p = await site.open('/explore/indicators?indicator=skr-provider-share&area=aldre');
    await p.waitForSelector(county('01'));
    await settled(p);
    // The series the map shows is named, in the select and in the caption.
    expect(await p.locator('#series').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('Enbart kommunal regi');
    expect(await p.locator(`${map} figcaption`).innerText()).toContain('Äldre: Enbart kommunal regi, per county 2022');

    // 39 % lies in the band the legend says, drawn in that band's colour.
    const bands = await legend(p);
    expect(bands.map((b) => b.label)).toEqual(['20 to under 40 %', '40 to under 60 %', '60 to under 80 %', '80 to 100 %']);
    const stockholm = p.locator(county('01'));
    expect(await stockholm.getAttribute('data-band')).toBe('20 to under 40 %');
    expect(await stockholm.getAttribute('fill')).toBe(bands[0]!.color);
    // Norrbottens län's 92 % in the top band, a different colour.
    expect(await p.locator(county('25')).getAttribute('fill')).toBe(bands[3]!.color);
    expect(bands[3]!.color).not.toBe(bands[0]!.color);

    // The table beside the map says the same.
    const table = `${map} table`;
    expect(await cell(p, table, 'Stockholms län', 'Value')).toBe('39%');
    expect(await cell(p, table, 'Stockholms län', 'Band or status')).toBe('20 to under 40 %');
    expect(await cell(p, table, 'Gotlands län', 'Value')).toBe('37%');

    // Every county is focusable and named with its value and source; the details line follows the focus.
    expect(await p.locator(`${map} svg path[tabindex="0"]`).count()).toBe(21);
    await stockholm.focus();
    const name = await stockholm.getAttribute('aria-label');
    expect(name).toContain('Stockholms län: 39% (band 20 to under 40 %)');
    expect(name).toMatch(/Source: Sveriges Kommuner och Regioner \(SKR\): Kartläggning av socialtjänstens insatser \(2022\), Tabell 7/);
    expect(await p.locator(`${map} [data-testid=map-details]`).innerText()).toBe(name);
    // Tab moves on to the next county by code: Uppsala län (03).
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('data-region'))).toBe('03');
    expect(await p.locator(`${map} [data-testid=map-details]`).innerText()).toContain('Uppsala län: 55%');
    // What a screen reader is given: a group named by the caption, one image per county with its name.
    const tree = await p.locator(`${map} svg`).ariaSnapshot();
    expect(tree).toContain('group "Map: Genomförande av insatser i kommunal respektive enskild regi, Äldre: Enbart kommunal regi');
    expect(tree).toMatch(/img "Stockholms län: 39% \(band 20 to under 40 %\)\. Source: [^"]*Tabell 7\."/);

    // The source under the map, and the map's credit as CC BY 4.0 asks (creator, licence, changes).
    expect(await p.locator(`${map} [data-testid=figure-source]`).innerText()).toContain('Tabell 7');
    const credit = await p.locator(`${map} .insyn-map-credit`).innerText();
    expect(credit).toContain('@svg-maps/sweden by Victor Cazanave, based on MapSVG');
    expect(await p.locator(`${map} .insyn-map-credit a[rel~=license]`).getAttribute('href')).toBe('https://creativecommons.org/licenses/by/4.0/');

    // Another series recolours the map: Kommunal och enskild regi, Stockholms län 49 %.
    await p.getByLabel('Series on the map').selectOption({ label: 'Kommunal och enskild regi' });
    await expect.poll(() => cell(p, table, 'Stockholms län', 'Value')).toBe('49%');
    expect(await p.locator(`${map} figcaption`).innerText()).toContain('Kommunal och enskild regi');
    await shot(p, 'map-explorer-provider-aldre');
    await expectAccessible(p);
    expect(site.problems).toEqual([]);
  }, 90_000);

  test('the LSS social-work-degree measure: Jönköpings, Västmanlands and Västernorrlands län hatched as suppressed, with the reason', async () => {
    const p = await site.open('/explore/indicators?indicator=oj-lss-handlaggare-socionomexamen');
    await p.waitForSelector(county('06'));
    await settled(p);
    const suppressed = await p.locator(`${map} svg path[data-kind=suppressed]`).evaluateAll((paths) => paths.map((e) => e.getAttribute('data-region')));
    expect(suppressed).toEqual(['06', '19', '22']);
    for (const code of suppressed) expect(await p.locator(county(code!)).getAttribute('fill')).toMatch(/^url\(#.*-hatch\)$/);
    // Each marked * on the map, and the legend explains the hatching.
    expect(await p.locator(`${map} .markers text`).count()).toBe(3);
    expect(await p.locator(`${map} [data-testid=map-legend] li[data-kind=suppressed]`).innerText()).toBe('Suppressed * (redovisas inte)');
    // The reason, as the source gives it, under the map and in each county's name.
    const note = await p.locator(`${map} [data-testid=map-suppressed]`).innerText();
    expect(note).toContain('Jönköpings län, Västmanlands län, Västernorrlands län');
    expect(note).toContain('bortfall');
    expect(note).toContain('överstiger 20 procent');
    const jonkoping = await p.locator(county('06')).getAttribute('aria-label');
    expect(jonkoping).toMatch(/^Jönköpings län: suppressed \(redovisas inte\): .*överstiger 20 procent.*Source: .*Öppna jämförelser 2021/);
    expect(await cell(p, `${map} table`, 'Västmanlands län', 'Value')).toBe('Suppressed *');
    expect(await cell(p, `${map} table`, 'Västmanlands län', 'Band or status')).toContain('överstiger 20 procent');
    // The other 18 are bars in the source's Figur 1 whose values the text lacks: no figure here, not a colour.
    expect(await p.locator(`${map} svg path[data-kind=none]`).count()).toBe(18);
    expect(await p.locator(`${map} [data-testid=map-legend] li[data-color]`).count()).toBe(0);
    expect(await p.locator(county('03')).getAttribute('aria-label')).toContain('Uppsala län: Published only in a chart');
    await shot(p, 'map-explorer-lss-suppressed');
    await expectAccessible(p);
    expect(site.problems).toEqual([]);
  }, 90_000);

  test('at 390 px the map and its table stack, without scrolling the page sideways', async () => {
    const p = await site.open('/explore/indicators?indicator=skr-provider-share&area=aldre', PHONE);
    await p.waitForSelector(county('01'));
    await settled(p);
    const [graphic, table] = await Promise.all([p.locator(`${map} .insyn-map-graphic`).boundingBox(), p.locator(`${map} .insyn-map-table`).boundingBox()]);
    expect(table!.y).toBeGreaterThanOrEqual(graphic!.y + graphic!.height);
    expect(graphic!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await sidewaysScroll(p)).toBe(0);
    await shot(p, 'map-explorer-provider-aldre-390');
    await expectAccessible(p);
  }, 90_000);
});

describe('county map on the municipality profile', () => {
  test("Stockholm's profile: its county outlined on a map of a county figure, Stockholms län 39 % in SKR's Tabell 7", async () => {
    const p = await site.open('/explore/municipality?code=0180');
    await p.waitForSelector(county('01'));
    await settled(p);
    await p.getByLabel('Figure on the map').selectOption({ label: 'Genomförande av insatser i kommunal respektive enskild regi, Äldre, Enbart kommunal regi (2022)' });
    await expect.poll(() => cell(p, `${map} table`, 'Stockholms län', 'Value')).toBe('39%');
    await settled(p);
    expect(await cell(p, `${map} table`, 'Norrbottens län', 'Value')).toBe('92%');
    const stockholm = p.locator(county('01'));
    expect(await stockholm.getAttribute('class')).toContain('highlight');
    expect(await stockholm.getAttribute('aria-label')).toMatch(/^Stockholms län \(this county\): 39% \(band 20 to under 40 %\)\. Source: .*Tabell 7/);
    const bands = await legend(p);
    expect(await stockholm.getAttribute('fill')).toBe(bands.find((b) => b.label === '20 to under 40 %')!.color);
    expect(await p.locator(`${map} figcaption`).innerText()).toContain('Stockholms län outlined');
    await shot(p, 'map-profile-stockholm');
    await expectAccessible(p);
    expect(site.problems).toEqual([]);
  }, 90_000);
});

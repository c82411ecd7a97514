/**
 * The docs site reads what partners wrote: on a database of its own (the suite's shared one
 * must keep exactly its two data sets), an imported data set with Uppsala's answers, picked in
 * the municipality profile, replaces the synthetic set there, with its own source line and no
 * synthetic banner.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createHttpApp, listen } from '../../packages/server/src/http/server.js';
import { load } from '../../packages/server/src/load/load.js';
import { createPrisma } from '../../packages/server/src/db/prisma.js';
import { launchChromium } from '@test/support/browser.js';
import { createDatabase } from '@test/support/database.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const docsRoot = path.join(root, 'apps', 'docs', 'dist');
const DATASET = 'uppsala-answers-2022';

let db: Awaited<ReturnType<typeof createDatabase>>;
let server: Server;
let base: string;
let browser: Browser;
let prisma: ReturnType<typeof createPrisma>;
let offered: number;

beforeAll(async () => {
  if (!existsSync(path.join(docsRoot, 'index.html'))) throw new Error(`The docs site is not built (${docsRoot}). Run \`npm run build\` first; \`npm test\` does it.`);
  db = await createDatabase(inject('adminUrl'), 'insyn_test_site_datasets');
  await load(db.url);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(`INSERT INTO dataset (code, title, synthetic, kind, description) VALUES ($1, 'Uppsala kommun, real answers 2022', false, 'IMPORTED', 'Reported by Uppsala kommun')`, [DATASET]);
    const interventions = (await client.query<{ code: string }>(`SELECT code FROM intervention WHERE area_code = 'socialpsykiatri' ORDER BY code LIMIT 5`)).rows;
    // Three of five offered: a figure the synthetic set does not give Uppsala (checked below).
    for (const [i, { code }] of interventions.entries()) {
      await client.query(`INSERT INTO offering (region_code, intervention_code, round, offered, dataset_code) VALUES ('0380', $1, 2022, $2, $3)`, [code, i < 3, DATASET]);
    }
    await client.query(`INSERT INTO survey_response (region_code, area_code, round, status, dataset_code) VALUES ('0380', 'socialpsykiatri', 2022, 'COMPLETED', $1)`, [DATASET]);
    offered = (await client.query<{ n: number }>(`SELECT count(*) FILTER (WHERE o.offered)::int AS n FROM offering o JOIN intervention i ON i.code = o.intervention_code WHERE o.region_code = '0380' AND o.dataset_code = 'synthetic-offerings-2022' AND i.area_code = 'socialpsykiatri'`)).rows[0]!.n;
  } finally {
    await client.end();
  }
  prisma = createPrisma(db.url);
  server = createHttpApp(prisma, { docsRoot });
  base = await listen(server, 0);
  browser = await launchChromium(inject('chromiumPath'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await prisma?.$disconnect();
  await db?.drop();
});

describe('municipality profile with a data set picked', () => {
  test('shows the imported answers, names their source and drops the synthetic banner; the pick is kept in the address', async () => {
    expect(offered).not.toBe(3);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${base}/explore/municipality?code=0380`);
    const row = page.locator('[data-testid="offerings"] tr[data-area="socialpsykiatri"]');
    await expect.poll(() => row.locator('td').first().innerText(), { timeout: 15_000 }).toBe(String(offered));
    expect(await page.locator('[data-testid="offerings"] [data-testid="figure-source"]').innerText()).toContain('synthetic offerings');

    await page.locator('#profile-dataset').selectOption(DATASET);
    await expect.poll(() => row.locator('td').first().innerText(), { timeout: 15_000 }).toBe('3');
    expect(await row.locator('td').nth(1).innerText()).toBe('5 of 27 named');
    expect(await page.locator('[data-testid="offerings"] [data-testid="figure-source"]').innerText()).toContain('Uppsala kommun, real answers 2022 (uppsala-answers-2022): Reported by Uppsala kommun');
    expect(await page.locator('[data-testid="offerings"] figcaption').innerText()).toContain('(Uppsala kommun, real answers 2022)');
    expect(await page.locator('.insyn-synthetic, [data-testid="synthetic-banner"]').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('dataset')).toBe(DATASET);

    // Opened from that address, the page reads the same data set.
    await page.goto(`${base}/explore/municipality?code=0380&dataset=${DATASET}`);
    await expect.poll(() => row.locator('td').first().innerText(), { timeout: 15_000 }).toBe('3');
    expect(await page.locator('#profile-dataset').inputValue()).toBe(DATASET);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

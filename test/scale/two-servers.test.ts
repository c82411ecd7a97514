import { afterAll, describe, expect, inject, it } from 'vitest';
import { createHttpApp, listen } from '../../packages/server/src/http/server.js';
import { migrate } from '../../packages/server/src/db/migrate.js';
import { load } from '../../packages/server/src/load/load.js';
import { createPrisma } from '../../packages/server/src/db/prisma.js';
import { createDatabase } from '@test/support/database.js';

// Servers hold no state, so several can share one database; migrations and loads take
// advisory locks, so servers starting at the same moment do not race.
describe('two servers on one database', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
  });

  it('start together on an empty database: both migrate and load, the data is loaded once', async () => {
    const db = await createDatabase(inject('adminUrl'), 'insyn_test_two');
    cleanup.push(db.drop);
    const [a, b] = await Promise.all([
      migrate(db.url).then(() => load(db.url)),
      migrate(db.url).then(() => load(db.url)),
    ]);
    // Whichever loaded second found everything in place and changed nothing.
    expect(Math.min(a.changed, b.changed)).toBe(0);
    expect(Math.max(a.changed, b.changed)).toBeGreaterThan(45_000);

    const prisma = createPrisma(db.url);
    cleanup.push(() => prisma.$disconnect());
    expect(await prisma.region.count({ where: { level: 'MUNICIPALITY' } })).toBe(290);
  });

  it('answer the same query with the same figures', async () => {
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const prisma = createPrisma(inject('databaseUrl'));
      const server = createHttpApp(prisma);
      urls.push(await listen(server));
      cleanup.push(() => prisma.$disconnect(), () => new Promise((resolve) => server.close(resolve)));
    }
    const query = '{ timeSeries(indicator: "oj-ibic-utredning", region: "00", members: ["area:socialpsykiatri"]) { period value } }';
    const answers = await Promise.all(
      urls.map(async (url) => {
        const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
        return (await response.json()) as { data: { timeSeries: { period: number; value: number }[] } };
      }),
    );
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.data.timeSeries.find((p) => p.period === 2022)?.value).toBe(53);
  });
});

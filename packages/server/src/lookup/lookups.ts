// Over 300 lines: the snapshot's shape, how it is loaded and kept current, and a request's view of it belong together.
import type { Area, Dataset, Dimension, DimensionMember, Indicator, Intervention, InterventionCategory, MunicipalityGroup, Region, Source } from '../generated/prisma/client.js';
import { searchKey } from './search-key.js';
import { unitOf } from './units.js';
import { createPrisma, databaseUrlOf, type Db } from '../db/prisma.js';

/**
 * The lookup layer: every code, label and range a request checks (regions with their parents
 * and groups, indicators with their dimensions, dimensions and their members, sources, areas,
 * categories, interventions, data sets with their survey rounds, the years held), about a
 * thousand rows, held in memory and shared by every domain. A request checks codes here, never
 * with SQL, and reads reference rows here (docs/architecture.md, "The lookup layer").
 *
 * A snapshot is loaded once per data version (the version the triggers bump in every writing
 * transaction, insyn_cache.data_version). Each server checks the version at most once a
 * second, in the background, never in a request's path; and before it refuses a code (or a
 * year) it checks the version at once, so a code another process has just written is never
 * refused. Writers in this process call `refresh()` after they commit, or `wrote()` when they
 * know exactly what their transaction changed in the snapshot.
 *
 * The store reads with its own small Prisma client: its statements belong to no request (and
 * are not counted as a request's statements in tests).
 */
export interface Lookups {
  version: string;
  regions: Map<string, Region>;
  /** The regions one level down of each region, by code (as PostgreSQL orders them). */
  childrenOf: Map<string, Region[]>;
  regionsByKoladaId: Map<string, Region>;
  /** Regions of each level, by code. */
  regionsByLevel: Map<Region['level'], Region[]>;
  groups: Map<string, MunicipalityGroup>;
  /** A municipality's group in the newest revision of SKR's grouping. */
  latestGroupOf: Map<string, { groupCode: string; revision: string }>;
  /** Members of a group in a revision, key `<group>|<revision>`. */
  groupMembers: Map<string, string[]>;
  /**
   * Every answering unit (municipality, or Stockholm's district) with its county and its
   * group in the newest revision; a district shares its municipality's group. "The county of
   * a unit" is `unitOf` (units.ts), as the SQL function answering_unit() has it.
   */
  units: Map<string, { code: string; county: string; groupCode: string | null }>;
  /** The codes of a county's units (its municipalities and their districts), by county code. */
  unitsOfCounty: Map<string, string[]>;
  indicators: Map<string, Indicator & { dimensionCodes: string[] }>;
  dimensions: Map<string, Dimension>;
  members: Map<string, DimensionMember>;
  sources: Map<string, Source>;
  areas: Map<string, Area>;
  /** Every area in the report's order (position, then code): SKR's six first. */
  areasInOrder: Area[];
  /** SKR's six areas (kind SKR_AREA), in the same order. */
  skrAreas: Area[];
  /** How many interventions of the catalogue each area names (`Area.namedInterventionCount`). */
  interventionCountOfArea: Map<string, number>;
  categories: Map<string, InterventionCategory>;
  interventions: Map<string, Intervention>;
  /** An area's categories in report order (position, then code), as PostgreSQL orders them. */
  categoriesOfArea: Map<string, InterventionCategory[]>;
  /** A category's interventions by name (then code), as PostgreSQL orders them. */
  interventionsOfCategory: Map<string, Intervention[]>;
  datasets: Map<string, Dataset & { rounds: number[] }>;
  /** The first and last year any observation has (0, 0 when there are none). */
  periods: { min: number; max: number };
  /** The first and last year each source's figures are for (a source is published after them). */
  periodsBySource: Map<string, { min: number; max: number }>;
  /** The years each indicator has figures for. */
  periodsByIndicator: Map<string, number[]>;
  /** Every table and figure some figure is printed in ("Tabell 15", "Figur 1"). */
  tables: Set<string>;
  /**
   * What an indicator search looks in, accents and case folded: the code, titles, description,
   * its area, the labels of its dimensions' members and the tables its figures are printed in.
   */
  indicatorSearch: Map<string, string>;
  /** The data tables (schema `public`), which the change feed reports on. */
  dataTables: string[];
}

const CHECK_INTERVAL_MS = 1000;

export class LookupStore {
  /** The last snapshot loaded; requests keep using it while a newer one loads. */
  private good: Lookups | undefined;
  private loading: Promise<Lookups> | undefined;
  private checking: Promise<Lookups> | undefined;
  private checkedAt = 0;

  constructor(private readonly db: Db) {}

  /**
   * The current snapshot. Only the very first request waits for a load; later ones never wait
   * on a reload. Starts a background version check at most once a second.
   */
  async get(): Promise<Lookups> {
    const snapshot = this.good ?? (await this.reload());
    if (Date.now() - this.checkedAt > CHECK_INTERVAL_MS) void this.revalidate().catch((error) => console.error('[insyn] lookup refresh failed; still using data version', this.good?.version, error));
    return snapshot;
  }

  /** Checks the data version now and reloads when it moved (concurrent callers share one check). */
  revalidate(): Promise<Lookups> {
    this.checking ??= (async () => {
      try {
        this.checkedAt = Date.now();
        if (!this.good) return await this.reload();
        if ((await this.version()) === this.good.version) return this.good;
        return await this.reload();
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }

  /** A snapshot of data version `version` or newer (the response cache files answers under a version). */
  async atLeast(version: string): Promise<Lookups> {
    const snapshot = this.good ?? (await this.reload());
    return BigInt(snapshot.version) >= BigInt(version) ? snapshot : this.revalidate();
  }

  /** Loads a new snapshot after a write in this process (after any load already under way). */
  async refresh(): Promise<Lookups> {
    await this.loading?.catch(() => {});
    return this.reload();
  }

  /**
   * After a commit that moved the data version from `before` to `after` (read under the
   * version's row lock, so no other writer came between) and changed in the snapshot only what
   * `patch` says: when the held snapshot is `before`'s, the patched one becomes `after`'s at
   * once, without reading a thousand rows again (a partner's write of its answers changes
   * only the rounds of its data set); otherwise a full reload, as `refresh()`.
   */
  async wrote(before: string, after: string, patch: (lookups: Lookups) => Partial<Lookups>): Promise<Lookups> {
    await this.loading?.catch(() => {});
    const good = this.good;
    if (before === after && good?.version === before) return good;
    if (good?.version !== before) return this.reload();
    this.good = { ...good, ...patch(good), version: after };
    return this.good;
  }

  /** A request's view of the current snapshot. */
  async forRequest(): Promise<RequestLookups> {
    return new RequestLookups(await this.get(), this);
  }

  async close() {
    await this.db.$disconnect();
  }

  private async version(): Promise<string> {
    const rows = await this.db.$queryRaw<{ version: string }[]>`SELECT version::text AS version FROM insyn_cache.data_version`;
    return rows[0]?.version ?? '0';
  }

  /** One load at a time; a failed load keeps the last good snapshot (the next check tries again). */
  private reload(): Promise<Lookups> {
    this.loading ??= this.read()
      .then((lookups) => (this.good = lookups))
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  private async read(): Promise<Lookups> {
    const db = this.db;
    // The version first, then the rows, one statement after another on one connection (no
    // transaction to time out under load). A write landing in between leaves the snapshot
    // with a version older than its rows: the next check sees the version moved and reloads.
    const version = await this.version();
    const [regions, groups, memberships, indicators, indicatorDimensions, dimensions, members, sources, areas, categories, interventions, datasets, rounds, periods, periodsOf, tablesOf, dataTables] = await Promise.all([
      db.region.findMany({ orderBy: { code: 'asc' } }),
      db.municipalityGroup.findMany({ orderBy: { code: 'asc' } }),
      db.municipalityGroupMembership.findMany({ select: { regionCode: true, groupCode: true, revision: true }, orderBy: [{ regionCode: 'asc' }, { revision: 'desc' }, { groupCode: 'asc' }] }),
      db.indicator.findMany({ orderBy: { code: 'asc' } }),
      db.indicatorDimension.findMany({ select: { indicatorCode: true, dimensionCode: true }, orderBy: [{ indicatorCode: 'asc' }, { position: 'asc' }, { dimensionCode: 'asc' }] }),
      db.dimension.findMany({ orderBy: { code: 'asc' } }),
      db.dimensionMember.findMany({ orderBy: { id: 'asc' } }),
      db.source.findMany({ orderBy: { code: 'asc' } }),
      // In the report's order (SKR's six first), as `areas` lists them, in the database's collation.
      db.area.findMany({ orderBy: [{ position: 'asc' }, { code: 'asc' }] }),
      // In the order the catalogue lists them, which is the database's collation's.
      db.interventionCategory.findMany({ orderBy: [{ position: 'asc' }, { code: 'asc' }] }),
      db.intervention.findMany({ orderBy: [{ nameSv: 'asc' }, { code: 'asc' }] }),
      db.dataset.findMany({ orderBy: { code: 'asc' } }),
      db.$queryRaw<{ dataset: string; round: number }[]>`
        SELECT DISTINCT dataset_code AS dataset, round FROM offering
        UNION SELECT DISTINCT dataset_code, round FROM survey_response ORDER BY 1, 2`,
      db.observation.groupBy({ by: ['sourceCode'], _min: { period: true }, _max: { period: true }, orderBy: { sourceCode: 'asc' } }),
      db.$queryRaw<{ indicator: string; periods: number[] }[]>`SELECT indicator_code AS indicator, array_agg(DISTINCT period ORDER BY period) AS periods FROM observation GROUP BY 1`,
      db.$queryRaw<{ indicator: string; tables: string[] }[]>`
        SELECT indicator, array_agg(DISTINCT t ORDER BY t) AS tables FROM (
          SELECT o.indicator_code AS indicator, unnest(o.tables) AS t FROM observation o
          UNION ALL SELECT o.indicator_code, unnest(p.tables) FROM observation_printing p JOIN observation o ON o.id = p.observation_id
        ) printed GROUP BY 1`,
      db.$queryRaw<{ name: string }[]>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
    ] as const);
    const periodsBySource = new Map(periods.map((p) => [p.sourceCode, { min: p._min.period ?? 0, max: p._max.period ?? 0 }]));
    const spans = [...periodsBySource.values()];
    const byCode = <T extends { code: string }>(rows: T[]) => new Map(rows.map((r) => [r.code, r]));
    const regionsByLevel = groupBy(regions, (r) => r.level);
    const latestGroupOf = new Map<string, { groupCode: string; revision: string }>();
    for (const m of memberships) {
      if (!latestGroupOf.has(m.regionCode)) latestGroupOf.set(m.regionCode, { groupCode: m.groupCode, revision: m.revision });
    }
    const groupMembers = groupBy(memberships, (m) => `${m.groupCode}|${m.revision}`, (m) => m.regionCode);
    const regionByCode = byCode(regions);
    const units = new Map<string, { code: string; county: string; groupCode: string | null }>();
    for (const r of regions) {
      const unit = unitOf(r, (code) => regionByCode.get(code));
      if (unit) units.set(r.code, { code: r.code, county: unit.county, groupCode: latestGroupOf.get(unit.municipality.code)?.groupCode ?? null });
    }
    const dimensionsOf = groupBy(indicatorDimensions, (d) => d.indicatorCode, (d) => d.dimensionCode);
    const roundsOf = groupBy(rounds, (r) => r.dataset, (r) => r.round);
    return {
      version,
      regions: regionByCode,
      childrenOf: groupBy(regions, (r) => r.parentCode),
      regionsByKoladaId: new Map(regions.filter((r) => r.koladaId).map((r) => [r.koladaId!, r])),
      regionsByLevel,
      groups: byCode(groups),
      latestGroupOf,
      groupMembers,
      units,
      unitsOfCounty: groupBy([...units.values()], (u) => u.county, (u) => u.code),
      indicators: new Map(indicators.map((i) => [i.code, { ...i, dimensionCodes: dimensionsOf.get(i.code) ?? [] }])),
      dimensions: byCode(dimensions),
      members: new Map(members.map((m) => [m.id, m])),
      sources: byCode(sources),
      areas: byCode(areas),
      areasInOrder: areas,
      skrAreas: areas.filter((a) => a.kind === 'SKR_AREA'),
      interventionCountOfArea: new Map([...groupBy(interventions, (i) => i.areaCode)].map(([area, list]) => [area, list.length])),
      categories: byCode(categories),
      interventions: byCode(interventions),
      categoriesOfArea: groupBy(categories, (c) => c.areaCode),
      interventionsOfCategory: groupBy(interventions, (i) => i.categoryCode),
      datasets: new Map(datasets.map((d) => [d.code, { ...d, rounds: roundsOf.get(d.code) ?? [] }])),
      periods: spans.length ? { min: Math.min(...spans.map((p) => p.min)), max: Math.max(...spans.map((p) => p.max)) } : { min: 0, max: 0 },
      periodsBySource,
      periodsByIndicator: new Map(periodsOf.map((p) => [p.indicator, p.periods])),
      tables: new Set(tablesOf.flatMap((t) => t.tables)),
      dataTables: dataTables.map((t) => t.name),
      indicatorSearch: new Map(indicators.map((i) => {
        const tables = tablesOf.find((t) => t.indicator === i.code)?.tables ?? [];
        const labels = members.filter((m) => (dimensionsOf.get(i.code) ?? []).includes(m.dimensionCode)).flatMap((m) => [m.labelSv, m.labelEn ?? '']);
        const area = areas.find((a) => a.code === i.areaCode);
        return [i.code, searchKey([i.code, i.titleSv, i.titleEn ?? '', i.descriptionSv ?? '', i.descriptionEn ?? '', area?.nameSv ?? '', area?.nameEn ?? '', ...labels, ...tables].join(' '))];
      })),
    };
  }
}

/**
 * A row by code as a Pothos `prismaField` resolves it: the snapshot's row when the field's
 * selection reads nothing beyond the row's own columns and the references the snapshot answers
 * (Pothos planned no relation: `query` is empty), else `load()`, one Prisma call spreading
 * `query`, which reads the row and the relations asked for in one statement.
 */
export function snapshotRowOr<T>(query: object, row: () => T | Promise<T>, load: () => Promise<T>): T | Promise<T> {
  return Object.keys(query).length === 0 ? row() : load();
}

/** `rows` (or `value` of each) by `key`, rows without a key left out, each list in the rows' order. */
function groupBy<T, K, V = T>(rows: readonly T[], key: (row: T) => K | null, value: (row: T) => V = (row) => row as unknown as V): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(value(row));
    else groups.set(k, [value(row)]);
  }
  return groups;
}

/** One store per database, shared by every server in the process on it. */
const stores = new Map<string, LookupStore>();

/** The lookup store for the database `prisma` talks to. */
export function lookupStoreFor(prisma: Db): LookupStore {
  const url = databaseUrlOf(prisma);
  if (!url) throw new Error('This Prisma client was not made by createPrisma(url): the lookup layer needs its database URL.');
  let store = stores.get(url);
  if (!store) {
    // One connection that lets the process exit when idle: lookups hold nothing open.
    // Never cancelled with the request that happened to start a load: every request waits on it.
    store = new LookupStore(createPrisma(url, { max: 1, allowExitOnIdle: true, cancelWithClient: false }));
    stores.set(url, store);
  }
  return store;
}

/** Closes every store's connection (at shutdown). */
export async function closeLookupStores() {
  await Promise.all([...stores.values()].map((s) => s.close()));
  stores.clear();
}

/** A request's view: its snapshot, renewed at once (by `fresh`) before anything is refused. */
export class RequestLookups {
  constructor(
    public current: Lookups,
    private readonly store: LookupStore,
  ) {}

  /** The newest data version's snapshot: call before refusing a code the snapshot lacks. */
  async fresh(): Promise<Lookups> {
    this.current = await this.store.revalidate();
    return this.current;
  }

  /**
   * The rows for `codes` from one table of the snapshot; when one is missing, checks once for
   * newer data and then calls `missing` with the first code still unknown (to throw).
   */
  async require<T>(table: (l: Lookups) => Map<string, T>, codes: readonly string[], missing: (code: string, lookups: Lookups) => Error): Promise<T[]> {
    const lookups = await this.withFresh((l) => l, (l) => codes.every((c) => table(l).has(c)));
    const absent = codes.find((c) => !table(lookups).has(c));
    if (absent !== undefined) throw missing(absent, lookups);
    return codes.map((c) => table(lookups).get(c)!);
  }

  /**
   * The region, source or other reference row a data row points at (`observation.region_code`),
   * from the snapshot, without SQL. The foreign key guarantees the row exists, so a code the
   * snapshot lacks is newer than the snapshot: found after one check for newer data.
   */
  referenced<T>(table: (l: Lookups) => Map<string, T>, code: string): T | Promise<T> {
    const row = table(this.current).get(code);
    if (row !== undefined) return row;
    return this.fresh().then((lookups) => {
      const fresh = table(lookups).get(code);
      if (fresh === undefined) throw new Error(`a row refers to ${code}, which the data does not hold`);
      return fresh;
    });
  }

  /** `read` from the snapshot; when `ok` refuses what it read, once more from the newest data version. */
  async withFresh<T>(read: (l: Lookups) => T, ok: (value: T) => boolean): Promise<T> {
    const value = read(this.current);
    return ok(value) ? value : read(await this.fresh());
  }
}

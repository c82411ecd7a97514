import { readCsv } from './csv.js';
import { FILE_KINDS } from './kinds/index.js';
import type { Context, Plan } from './kinds/kind.js';

export { MEMBERSHIP_REVISION, PUBLISHED_DATASET, type Plan, type Row } from './kinds/kind.js';

/**
 * Reads and checks every data file, returning the rows to load. Nothing touches the
 * database here: a broken file fails before anything is written. Each kind of file
 * (kinds/index.ts) says which files it is, their columns and what a row adds.
 */
export function readPlan(dataDir: string): Plan {
  const plan: Plan = Object.fromEntries(FILE_KINDS.flatMap((k) => k.tables).map((t) => [t, []]));
  const seen = new Map<string, Map<string, string>>();
  const ctx: Context = {
    dataDir, plan, sources: new Set(), koladaIds: new Set(), regions: new Set(), counties: new Set(), municipalities: new Set(), groups: new Map(),
    areas: new Set(), dimensions: new Map(), members: new Map(), indicators: new Map(), observationIds: new Map(), interventionsByArea: new Map(), actionPlans: new Map(),
    seen: (what) => seen.get(what) ?? seen.set(what, new Map()).get(what)!,
  };
  for (const kind of FILE_KINDS) {
    kind.start?.(ctx);
    for (const file of typeof kind.files === 'string' ? [kind.files] : kind.files(ctx)) {
      for (const row of readCsv(dataDir, file, kind.columns, kind.optional)) kind.row(row, ctx, file);
    }
    kind.done?.(ctx);
  }
  return plan;
}

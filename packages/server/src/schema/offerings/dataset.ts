import type { Context } from '../../context.js';
import { InsynError, unknownError } from '../../errors.js';
import { SYNTHETIC_DATASET } from '../../load/synthetic.js';

/**
 * The data set an offerings query reads, and the notice that a response carries synthetic
 * data: shared by who offers, the summary, the distribution and the export.
 */

/** Records that a response carries synthetic data, so the response says so (plugins/synthetic-notice.ts). */
export function markSynthetic(ctx: Context, dataset: string) {
  ctx.synthetic.add(dataset);
}

export const DATASET_ARG_DESCRIPTION = `Data set to read (see \`datasets\`): default \`${SYNTHETIC_DATASET}\`, the SYNTHETIC demo set; imported real answers (npm run import) have their own code.`;

/**
 * The data set a query reads, checked once per request: an unknown code is an error with
 * suggestions, not an empty answer. Without a `dataset` argument the synthetic set is read,
 * as before the argument existed.
 */
export async function requireDataset(ctx: Context, code: string | null | undefined): Promise<{ code: string; synthetic: boolean; rounds: number[] }> {
  const [dataset] = await ctx.lookups.require((l) => l.datasets, [code ?? SYNTHETIC_DATASET], (missing, l) =>
    unknownError('UNKNOWN_DATASET', 'data set', missing, [...l.datasets.values()].map((d) => ({ key: d.code, label: d.title })), 'List them with `datasets { code title synthetic }`.'));
  return dataset!;
}

/**
 * A survey round the data set does not hold is an error naming the rounds it does, not an
 * answer of empty groups or null counts. Asked only when a query found nothing, so answers
 * with rows cost no extra SQL. A data set with no rounds at all (e.g. `published`) passes.
 */
export async function requireRound(ctx: Context, dataset: string, round: number | null | undefined): Promise<void> {
  const absent = (rounds: number[]) => rounds.length > 0 && (round == null || !rounds.includes(round));
  const rounds = await ctx.lookups.withFresh((l) => l.datasets.get(dataset)?.rounds ?? [], (held) => !absent(held));
  if (absent(rounds)) {
    throw new InsynError('PERIOD_OUT_OF_RANGE', `round: data set ${dataset} holds no survey round ${round}; it holds ${rounds.join(', ')}. Use one of those.`, { min: rounds[0], max: rounds.at(-1), rounds });
  }
}

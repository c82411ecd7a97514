/**
 * What a long command shows while it works: a live task list on a terminal (listr2's default
 * renderer), plain lines where the output is not a terminal (CI, a pipe, a log file): one
 * line per task started, per step reported and per task done.
 */
import { Listr, type ListrTask } from 'listr2';

export interface Step<C> {
  title: string;
  /** Runs the step; `report` shows what it is doing now (a line of its own when not on a terminal). */
  run: (ctx: C, report: (line: string) => void) => Promise<string | void>;
}

/** Runs the steps in order; each may return the title it ends with ("Loaded 1,234 rows"). A failing step stops the rest and rethrows. */
export async function runSteps<C extends object>(ctx: C, steps: Step<C>[]): Promise<C> {
  // The step's own error is rethrown after the list has drawn its failure; the list shows only that it failed.
  let failure: { error: unknown } | undefined;
  const tasks: ListrTask<C>[] = steps.map((step) => ({
    title: step.title,
    task: async (c, task) => {
      try {
        const done = await step.run(c, (line) => (task.output = line));
        if (done) task.title = done;
      } catch (error) {
        failure = { error };
        throw new Error('stopped; the reason follows');
      }
    },
  }));
  const list = new Listr<C>(tasks, {
    ctx,
    exitOnError: true,
    renderer: 'default',
    // listr2 picks the fallback when stdout is not a TTY (or CI is set).
    fallbackRenderer: 'simple',
    rendererOptions: { collapseErrors: false },
    // Our own message says why (e.g. "Load refused, nothing was written: …"); listr2 only marks the step failed.
    silentRendererCondition: false,
  });
  try {
    return await list.run();
  } catch (error) {
    throw failure ? failure.error : error;
  }
}

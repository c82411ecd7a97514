import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';

/**
 * Adds `extensions.synthetic` to any response that returned synthetic records, and
 * `extensions.imported` to any that returned figures of an imported data set (Kolada's), naming it.
 */
export const syntheticNotice: Plugin<Context> = {
  onExecute() {
    return {
      onExecuteDone({ args, result, setResult }) {
        const ctx = args.contextValue as Context;
        if ((!ctx.synthetic?.size && !ctx.imported?.size) || !result || Symbol.asyncIterator in result) return;
        const imported = [...(ctx.imported ?? [])].sort().map((code) => ({ code, title: ctx.lookups.current.datasets.get(code)?.title ?? code }));
        setResult({
          ...result,
          extensions: {
            ...result.extensions,
            ...(ctx.synthetic?.size ? { synthetic: { datasets: [...ctx.synthetic].sort(), notice: 'This response contains SYNTHETIC demo data (generated, calibrated to published aggregates), not real municipal answers.' } } : {}),
            ...(imported.length ? { imported: { datasets: imported, notice: `This response contains figures from ${imported.map((d) => `${d.code} (${d.title})`).join(', ')}, not from the printed reports; each figure's \`source\` and \`dataset\` say where it comes from.` } } : {}),
          },
        });
      },
    };
  },
};

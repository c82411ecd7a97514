import { onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue';

/**
 * The width in CSS pixels of a chart's box, so the chart draws in pixels (12 px labels stay
 * 12 px on a 390 px phone instead of shrinking with a fixed 760-wide viewBox). `fallback` is
 * used in the static build and until the box is measured (in onMounted: no `window` in SSR).
 */
export function useWidth(el: Ref<HTMLElement | null>, fallback = 760) {
  const width = ref(fallback);
  let observer: ResizeObserver | undefined;
  const measure = () => {
    const w = el.value?.clientWidth;
    if (w) width.value = Math.round(w);
  };
  onMounted(() => {
    observer = new ResizeObserver(measure);
    // The box may appear later (inside a v-if): observe it whenever it is (re)rendered.
    watch(
      el,
      (box, old) => {
        if (old) observer?.unobserve(old);
        if (box) {
          observer?.observe(box);
          measure();
        }
      },
      { immediate: true },
    );
  });
  onBeforeUnmount(() => observer?.disconnect());
  return width;
}

/** Ticks at round values (1, 2, 2.5, 5 × 10^k) from `from` to `to`, about `count` of them. */
export function niceTicks(from: number, to: number, count = 4): number[] {
  const span = to - from || 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to + step * 1e-9; t += step) ticks.push(Math.round(t * 1e9) / 1e9);
  return ticks;
}

/** An axis tick's label, with a decimal comma (sv-SE). */
export const tickText = (v: number) => new Intl.NumberFormat('sv-SE').format(v);

/** Roughly how wide a label is at 12 px (an average glyph of 6.6 px), to keep labels inside the chart. */
export const textWidth = (text: string, size = 12) => text.length * size * 0.6;

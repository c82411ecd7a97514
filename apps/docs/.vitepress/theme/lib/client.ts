import { ref } from 'vue';
import { createClient, InsynApiError, type InsynClient } from '@insyn/sdk';

let client: InsynClient | undefined;

/**
 * The SDK client of the live pages. Created on first use in the browser (never during the
 * static build), against the API on the same origin that serves this site.
 */
export function insyn(): InsynClient {
  client ??= createClient({ url: new URL('/graphql', location.href).toString() });
  return client;
}

/** The 21 counties, by code (for a county chart or map). */
export async function countyList(): Promise<{ code: string; name: string }[]> {
  return (await insyn().regions({ level: 'COUNTY', first: 100 })).regions.edges.map((e) => ({ code: e.node.code, name: e.node.name }));
}

/** A sentence for the reader from whatever an SDK call threw. */
export function errorText(error: unknown): string {
  if (error instanceof InsynApiError) {
    const hint = error.suggestions?.length ? ` Did you mean: ${error.suggestions.join(', ')}?` : '';
    return `${error.message} (${error.code})${hint}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Reads and writes the page's query string, so a view can be linked to. */
export function readParam(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}
export function writeParams(values: Record<string, string | null | undefined>) {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) {
    if (v == null || v === '') params.delete(k);
    else params.set(k, v);
  }
  const query = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}

/** Loading and error state of a live page; `run` wraps each SDK call so a failure shows as text. */
export function useLoading(initiallyLoading: boolean) {
  const loading = ref(initiallyLoading);
  const error = ref('');
  async function run(task: () => Promise<void>) {
    error.value = '';
    loading.value = true;
    try {
      await task();
    } catch (e) {
      error.value = errorText(e);
    } finally {
      loading.value = false;
    }
  }
  return { loading, error, run };
}

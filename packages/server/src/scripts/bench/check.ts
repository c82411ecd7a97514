/**
 * Before anything is timed: each question is asked once of every system, and their answers,
 * turned into common rows (questions.ts), must be the same rows: same count, same values,
 * same order. A question whose answers differ is never timed.
 */
import type { Question, Row } from './questions.js';
import { send, type RunningSystem } from './systems.js';

export interface Answer {
  system: string;
  rows?: Row[];
  error?: string;
  status?: number;
}

/** Asks `question` of `system` once. */
export async function answer(system: RunningSystem, question: Question): Promise<Answer> {
  try {
    const { status, body } = await send(system.request(question));
    const rows = system.rows(question, body);
    if (status !== 200) return { system: system.label, status, error: `HTTP ${status}` };
    return { system: system.label, rows, status };
  } catch (error) {
    return { system: system.label, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A row as text with its keys sorted, so key order never matters and values do. */
const canonical = (row: Row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))));

/** How the answers differ from the first one (empty when all are the same rows). */
export function differences(answers: Answer[]): string[] {
  const out: string[] = [];
  for (const a of answers) if (a.error) out.push(`${a.system}: ${a.error.slice(0, 500)}`);
  const [first, ...rest] = answers.filter((a) => a.rows);
  if (!first) return out;
  if (first.rows!.length === 0) out.push(`${first.system}: no rows (nothing to compare)`);
  for (const other of rest) {
    const a = first.rows!.map(canonical);
    const b = other.rows!.map(canonical);
    if (a.length !== b.length) out.push(`${other.system}: ${b.length} rows, ${first.system}: ${a.length}`);
    const at = a.findIndex((row, i) => row !== b[i]);
    if (at >= 0 && at < Math.min(a.length, b.length)) out.push(`row ${at + 1} differs:\n    ${first.system}: ${a[at]}\n    ${other.system}: ${b[at]}`);
  }
  return out;
}

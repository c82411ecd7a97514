// jsonstat-toolkit ships no types: what the export tests use of it.
declare module 'jsonstat-toolkit' {
  interface JsonStatCell { value: number | string | null; status: string | null }
  interface JsonStatDataset {
    class: string;
    id: string[];
    length: number;
    n: number;
    note: string[] | null;
    extension: Record<string, any> | null;
    Data(query: Record<string, string> | number | number[]): JsonStatCell | null;
    Dimension(id: string): { id: string[]; Category(id: string): { label: string } | null } | null;
  }
  export default function JSONstat(input: unknown): JsonStatDataset;
}

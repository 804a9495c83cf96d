import Table from 'cli-table3';

/** A cell: text, or text spanning columns. */
export type Cell = string | { content: string; colSpan?: number; hAlign?: 'left' | 'center' | 'right' };

/** A plain table (no colours, so output is the same on a terminal, in a pipe and in tests). */
export function renderTable(head: Cell[], rows: Cell[][], options: { groupRow?: Cell[] } = {}): string {
  if (!options.groupRow) {
    const table = new Table({ head: head.map(String), style: { head: [], border: [] } });
    table.push(...rows);
    return table.toString();
  }
  // cli-table3's head is one row of strings: a grouped header is drawn as the first two rows.
  const table = new Table({ style: { head: [], border: [] } });
  table.push(options.groupRow, head, ...rows);
  return table.toString();
}

/** Key/value pairs as a two-column table. */
export function renderPairs(pairs: Array<[string, string]>): string {
  const table = new Table({ style: { head: [], border: [] } });
  for (const [key, value] of pairs) table.push({ [key]: value });
  return table.toString();
}

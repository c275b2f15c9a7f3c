/**
 * Plain-text rendering shared by the engine (backtest and hunt reports) and the CLI commands. It lives
 * outside `cli/` so the engine stays a leaf: `backtest/` and `hunt/` never import the CLI.
 */

/** Renders rows as a left-aligned text table with a header row and a rule under it. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

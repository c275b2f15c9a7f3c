/**
 * Fitting text reports to the terminal (issue 28 §6): `audit` and `preflight` lines ran to 350–490
 * characters. Long text is wrapped at spaces, never cut, so no finding loses its words.
 *
 * The width: the terminal's when stdout is one; otherwise `COLUMNS` when set to a number; otherwise
 * none (`Infinity`): output piped to a file or a CI log keeps one line per finding, so `grep` finds
 * a finding whole. `COLUMNS=100 root-guard audit > audit.txt` fits a file to 100 columns.
 */

/** Narrowest width fitted to: below it a table's fixed columns leave no room for the text. */
export const MIN_WIDTH = 40;

/** The width to fit output to (see the module comment); `Infinity` for "do not fit". */
export function outputWidth(stream: { readonly isTTY?: boolean; readonly columns?: number } = process.stdout, env: NodeJS.ProcessEnv = process.env): number {
  const columns = stream.isTTY && stream.columns ? stream.columns : Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? Math.max(MIN_WIDTH, columns) : Infinity;
}

/**
 * `text` as lines of at most `width` characters: `first` before the first line, `rest` before the
 * others (a hanging indent). Breaks at spaces only: a word longer than a line (an ARN) gets a line of
 * its own and runs over, whole, so it can still be copied and searched for.
 */
export function wrapText(text: string, width: number, first = '', rest = first): string[] {
  if (!Number.isFinite(width) || first.length + text.length <= width) return [`${first}${text}`];
  const lines: string[] = [];
  let prefix = first;
  let line = '';
  for (const word of text.split(' ')) {
    if (line === '') line = word;
    else if (prefix.length + line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(`${prefix}${line}`);
      prefix = rest;
      line = word;
    }
  }
  lines.push(`${prefix}${line}`);
  return lines;
}

/** Narrowest a wrapped column is made; below it the column goes under its row instead. */
const MIN_COLUMN = 24;

/**
 * A left-aligned table like `renderTable`, fitted to `width` by wrapping its last column: its
 * continuation lines start under it. When the other columns leave it less than 24 characters, it is
 * printed under each row instead, indented by 4 (and its header left out); when the other columns
 * alone are wider than `width`, each row's cells share one wrapped line (a list). With no limit
 * (`Infinity`) it is `renderTable`. `after` gives lines to print under each row (a finding's message).
 */
export function renderFittedTable(headers: readonly string[], rows: readonly (readonly string[])[], width: number, after: (row: number) => readonly string[] = () => []): string {
  const last = headers.length - 1;
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const indent = widths.slice(0, last).reduce((s, w) => s + w + 2, 0);
  const cells = (row: readonly string[]) => row.slice(0, last).map((c, i) => (c ?? '').padEnd(widths[i])).join('  ');
  const stacked = Number.isFinite(width) && indent + widths[last] > width && width - indent < MIN_COLUMN;
  // Stacked, and the other columns alone wider than the terminal: a list, each row's cells on one
  // (wrapped) line, its last column under it.
  const listed = stacked && indent > width;
  if (listed) {
    const heading = headers.slice(0, last).join('  ');
    const out = [heading, '-'.repeat(heading.length)];
    rows.forEach((row, i) => out.push(...wrapText(row.slice(0, last).join('  '), width, '', '  '), ...wrapText(row[last] ?? '', width, '    '), ...after(i)));
    return `${out.join('\n')}\n`;
  }
  const out = stacked
    ? [cells(headers).trimEnd(), cells(widths.map((w) => '-'.repeat(w)))]
    : [`${cells(headers)}  ${headers[last]}`.trimEnd(), `${cells(widths.map((w) => '-'.repeat(w)))}  ${'-'.repeat(Math.min(widths[last], Math.max(MIN_COLUMN, width - indent)))}`];
  rows.forEach((row, i) => {
    if (stacked) out.push(cells(row).trimEnd(), ...wrapText(row[last] ?? '', width, '    '));
    else out.push(...wrapText(row[last] ?? '', width, `${cells(row)}  `, ' '.repeat(indent)).map((l) => l.trimEnd()));
    out.push(...after(i));
  });
  return `${out.join('\n')}\n`;
}

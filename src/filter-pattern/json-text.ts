import { NumberText } from './selector';

/**
 * Marks a number moved into a string before JSON.parse: written as the escape `\u0000` in the JSON
 * text, read back as U+0000. A string in the event that starts with U+0000 followed by "n:" would be
 * mistaken for a number; CloudTrail writes no such strings.
 */
const SENTINEL = '\u0000n:';
const SENTINEL_JSON = '\\u0000n:';

/**
 * Parses JSON like `JSON.parse`, but keeps the text of every number that JavaScript would print
 * differently (`12.0`, `1e3`, `-0`, `1.50`, digits beyond double precision) as a {@link NumberText}.
 * AWS compares a number node's text when a pattern's value is a string or a regex (issue 14), so
 * `{ $.n = "12.0" }` must match `"n": 12.0`, which a plain JSON.parse turns into 12.
 *
 * Hand-written because no kept npm library exposes number source text on Node 20 (the reviver's
 * `context.source` arrives with Node 21's V8): numbers outside strings are found with one scan,
 * the non-canonical ones are rewritten as marked strings, and a reviver turns them back.
 * Meant for text that JSON.parse accepts (the backtest parses every record first); on other text
 * it may accept what JSON.parse rejects (e.g. `01`).
 */
export function parseJsonKeepingNumberText(text: string): unknown {
  let out = '';
  let copied = 0;
  let rewritten = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) j++;
        else break;
      }
      const literal = text.slice(i, j);
      const value = Number(literal);
      if (!Number.isNaN(value) && String(value) !== literal) {
        out += `${text.slice(copied, i)}"${SENTINEL_JSON}${literal}"`;
        copied = j;
        rewritten = true;
      }
      i = j - 1;
    }
  }
  if (!rewritten) return JSON.parse(text);
  out += text.slice(copied);
  return JSON.parse(out, (_key, value: unknown) => (typeof value === 'string' && value.startsWith(SENTINEL) ? new NumberText(value.slice(SENTINEL.length), Number(value.slice(SENTINEL.length))) : value));
}

import { FilterPatternError } from '../filter-pattern/errors';
import { NUMBER_LITERAL, parseFilterPattern, type Condition, type Expression, type Value } from '../filter-pattern/parser';
import { WILDCARD, type SelectorSegment } from '../filter-pattern/selector';
import { CLOUDTRAIL_COLUMNS, type Column } from './cloudtrail-columns';

/**
 * Compiles a CloudWatch Logs JSON filter pattern into an Athena (Trino) SQL predicate over the
 * documented CloudTrail table (cloudtrail-columns.ts), from the same parse tree the local engine
 * (src/filter-pattern/compile.ts) evaluates, with the same meaning. Where SQL over that table
 * cannot say exactly what the pattern says, the pattern is refused with a {@link FilterPatternError}
 * whose caret points at the condition, rather than answered approximately.
 *
 * The predicate is never NULL (every condition is wrapped in COALESCE(…, false)), so NOT/OR/AND
 * keep two-valued logic. Trino functions used: json_extract_scalar, json_extract, json_format,
 * regexp_like, try_cast; operators LIKE … ESCAPE. Meaning, condition by condition:
 * - scalar column (a STRING column or struct member; the SerDe reads an absent field and a JSON null
 *   alike as SQL NULL): `=`/`!=` compare the text when the column is not NULL (a value node), as the
 *   engine does; numbers compare when the text is a number literal (NUMBER_LITERAL, then try_cast);
 *   `NOT EXISTS` is `IS NULL` — exact for the CloudTrail fields mapped here, which CloudTrail omits
 *   rather than writes as null (record contents reference); `IS NULL`, `IS TRUE`, `IS FALSE` are
 *   refused (the column cannot tell null from absent, nor the boolean true from the string "true").
 * - below a JSON column (`$.requestParameters.bucketName`): json_extract_scalar gives the text of a
 *   string, number (as written) or boolean and NULL for null, objects and arrays, which is exactly
 *   the engine's "value node"; `NOT EXISTS` is json_extract(…) IS NULL (absent); `IS NULL`/`IS TRUE`/
 *   `IS FALSE` compare json_format(json_extract(…)) with `null`/`true`/`false`.
 * - refused: a JSON column itself (`$.requestParameters NOT EXISTS`: CloudTrail writes it as null or
 *   omits it, and the column reads both as NULL), a struct itself, a field the table has no column
 *   for, arrays (`$.resources[0]`) and wildcard selectors (no exact SQL over these columns).
 */
export function compilePatternToSql(pattern: string): string {
  return compileExpression(pattern, parseFilterPattern(pattern));
}

function compileExpression(pattern: string, expression: Expression): string {
  switch (expression.kind) {
    case 'and':
      return `(${expression.operands.map((e) => compileExpression(pattern, e)).join(' AND ')})`;
    case 'or':
      return `(${expression.operands.map((e) => compileExpression(pattern, e)).join(' OR ')})`;
    case 'condition':
      return `COALESCE(${compileCondition(pattern, expression)}, false)`;
  }
}

function compileCondition(pattern: string, condition: Condition): string {
  const refuse = (reason: string): never => {
    throw new FilterPatternError(pattern, condition.start, `hunt cannot run this in Athena exactly: ${reason} (run it with root-guard backtest over downloaded files instead)`);
  };
  const target = locate(condition.segments, condition.selector, refuse);
  const test = condition.test;
  if (target.kind === 'scalar') {
    const column = target.sql;
    switch (test.kind) {
      case 'notExists':
        return `${column} IS NULL`;
      case 'isNull':
      case 'isTrue':
      case 'isFalse':
        return refuse(`${condition.selector} is the column ${column}, which reads a JSON null, an absent field and (for IS TRUE/FALSE) the string "true" alike; use NOT EXISTS or = "true"`);
      case 'numeric':
        return numericSql(column, test.op, test.number);
      case 'equals': {
        const match = equalsSql(column, test.value);
        return test.negated ? `${column} IS NOT NULL AND NOT (${match})` : match;
      }
    }
  }
  const { column, path } = target;
  const scalarText = `json_extract_scalar(${column}, ${sqlString(path)})`;
  const json = `json_format(json_extract(${column}, ${sqlString(path)}))`;
  switch (test.kind) {
    case 'notExists':
      return `json_extract(${column}, ${sqlString(path)}) IS NULL`;
    case 'isNull':
      return `${json} = 'null'`;
    case 'isTrue':
      return `${json} = 'true'`;
    case 'isFalse':
      return `${json} = 'false'`;
    case 'numeric':
      return numericSql(scalarText, test.op, test.number);
    case 'equals': {
      const match = equalsSql(scalarText, test.value);
      return test.negated ? `${scalarText} IS NOT NULL AND NOT (${match})` : match;
    }
  }
}

/** Top-level fields the CloudTrail table stores as arrays (cloudtrail-ddl.ts): they have a column, but no exact SQL form. */
const ARRAY_COLUMNS: ReadonlySet<string> = new Set(['resources']);

type Target = { readonly kind: 'scalar'; readonly sql: string } | { readonly kind: 'json'; readonly column: string; readonly path: string };

/** The column (and JSON path below it) a selector names, or a refusal. */
function locate(segments: readonly SelectorSegment[], selector: string, refuse: (reason: string) => never): Target {
  if (segments.includes(WILDCARD)) refuse(`the wildcard in ${selector} has no exact SQL form over the CloudTrail table's columns`);
  let columns: Readonly<Record<string, Column>> = CLOUDTRAIL_COLUMNS;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (typeof segment !== 'string') return refuse(`${selector} indexes an array, which the CloudTrail table stores as a typed column or JSON text without a position-exact form`);
    const column = Object.prototype.hasOwnProperty.call(columns, segment) ? columns[segment] : undefined;
    if (!column && i === 0 && ARRAY_COLUMNS.has(segment)) {
      // The table has the column (cloudtrail-ddl.ts), so "no column" would be wrong: what is refused is the array position.
      return refuse(`${selector}: the table's ${segment.toLowerCase()} column is an array of structs, and a filter on an array position or element has no exact SQL form over it (CloudWatch Logs tests one position; SQL would need UNNEST, which counts a record once per element)`);
    }
    if (!column) {
      return refuse(`${selector}: "${segment}" is not a field the Athena CloudTrail table has a column for (fields here: ${Object.keys(columns).join(', ')})`);
    }
    const rest = segments.slice(i + 1);
    if (column.kind === 'scalar') {
      if (rest.length > 0) return refuse(`${selector} goes below ${segment}, which the table stores as text`);
      return { kind: 'scalar', sql: column.sql };
    }
    if (column.kind === 'json') {
      if (rest.length === 0) return refuse(`${selector} is a whole JSON column (${column.sql}), which reads a JSON null and an absent field alike and holds objects; test a field below it, e.g. ${selector}.name`);
      return { kind: 'json', column: column.sql, path: jsonPath(rest, refuse, selector) };
    }
    if (rest.length === 0) return refuse(`${selector} is a struct column (${column.sql}); test one of its fields: ${Object.keys(column.members).join(', ')}`);
    columns = column.members;
  }
  return refuse(`${selector} names no column`);
}

/** A JSONPath for Trino: `.name` for plain names, `["name"]` otherwise, `[n]` for indexes. */
function jsonPath(segments: readonly SelectorSegment[], refuse: (reason: string) => never, selector: string): string {
  let path = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (typeof segment !== 'string') refuse(`the wildcard in ${selector} has no exact SQL form`);
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) path += `.${segment}`;
    else if (/^[^"\\]+$/.test(segment)) path += `["${segment}"]`;
    else refuse(`the property name "${segment}" in ${selector} cannot be written in an Athena JSON path`);
  }
  return path;
}

/** `=` against a value node's text (the caller has made sure `text` is NULL when there is no value node). */
function equalsSql(text: string, value: Value): string {
  switch (value.kind) {
    case 'number':
      return numericSql(text, '=', value.number);
    case 'regex':
      // Inside the documented subset (src/filter-pattern/regex.ts) RE2 and Java regexes agree; both search.
      return `regexp_like(${text}, ${sqlString(value.source)})`;
    case 'string':
      return wildcardSql(text, value.text);
  }
}

/** The engine's compileWildcard: `*` at either end is a wildcard, elsewhere a literal. */
function wildcardSql(text: string, pattern: string): string {
  if (/^\*+$/.test(pattern)) return `${text} IS NOT NULL`;
  const leading = pattern.startsWith('*');
  const trailing = pattern.endsWith('*');
  if (!leading && !trailing) return `${text} = ${sqlString(pattern)}`;
  const core = pattern.slice(leading ? 1 : 0, trailing ? pattern.length - 1 : pattern.length);
  const escaped = core.replace(/[\\%_]/g, (c) => `\\${c}`);
  return `${text} LIKE ${sqlString(`${leading ? '%' : ''}${escaped}${trailing ? '%' : ''}`)} ESCAPE '\\'`;
}

/** A numeric comparison: the text must be a number literal as the engine's NUMBER_LITERAL says, then compared as a double. */
function numericSql(text: string, op: '=' | '<' | '<=' | '>' | '>=', n: number): string {
  return `(regexp_like(${text}, ${sqlString(NUMBER_LITERAL.source)}) AND try_cast(${text} AS double) ${op} ${sqlNumber(n)})`;
}

function sqlNumber(n: number): string {
  // A DOUBLE literal (1E0 form) so that Trino does not read it as DECIMAL.
  return Number.isInteger(n) && Math.abs(n) < 2 ** 53 ? `${n}E0` : n.toExponential().replace('e+', 'E').replace('e', 'E');
}

/** A SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

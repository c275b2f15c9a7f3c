import { readFileSync, statSync } from 'node:fs';
import { CORE_SCHEMA, load as loadYamlFast } from 'js-yaml';
import { isCollection, isMap, isNode, isPair, isScalar, LineCounter, parseDocument, visit, type Alias, type Document, type Node as YamlNode } from 'yaml';
import { capProblems, MAX_SHOWN_VALUE, UserError } from '../errors';

/**
 * Reading the YAML files a user hands root-guard (the config, root-guard.ous.yaml) so that every input,
 * whatever its size or shape, ends in a {@link UserError} with `file:line:col` instead of a crash, a
 * hang or a 10 MB message. The limits below are far above anything a real file needs and far below
 * what breaks the parsers: an OU list is bounded by the organization's OU quota
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html), and the
 * config is at most four levels deep.
 */

/** Files above this size are refused before reading: a config is a few KB, and V8 strings stop near 512 MB. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Deepest nesting of mappings and lists accepted (the config needs 4; the parsers recurse per level). */
export const MAX_NESTING = 32;
/** Most entries in one list or mapping (validating more overflows the schema library's stack). */
export const MAX_ENTRIES = 10_000;
/** yaml's `maxAliasCount`: how far aliases may expand before it is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

/** How a file is named in messages and what to do when it is missing. */
export interface InputFileKind {
  /** e.g. "config file". */
  readonly noun: string;
  /** The fix printed when the file does not exist. */
  readonly whenMissing: string;
}

/**
 * Reads a UTF-8 text file. Throws a {@link UserError} for a missing file, a directory, a file larger
 * than {@link MAX_FILE_BYTES} and bytes that are not UTF-8 text (with the line:col of the first one).
 */
export function readTextInput(file: string, kind: InputFileKind): string {
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UserError(`${file}: is a directory, not ${/^[aeiou]/i.test(kind.noun) ? 'an' : 'a'} ${kind.noun} (pass the file itself)`);
    if (stat.size > MAX_FILE_BYTES) {
      throw new UserError(`${file}: is ${(stat.size / 1024 / 1024).toFixed(1)} MB, larger than any ${kind.noun} (${MAX_FILE_BYTES / 1024 / 1024} MB at most: check that this is the right file)`);
    }
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `${file}: no such ${kind.noun} (${kind.whenMissing})` : `${file}: cannot read the ${kind.noun} (${code ?? String(err)})`);
  }
  const text = bytes.toString('utf8');
  // A NUL never occurs in YAML text; U+FFFD is what invalid UTF-8 decodes to (a real one is re-encoded
  // as the same three bytes, hence the length comparison before believing it).
  const nul = text.indexOf('\u0000');
  const replaced = Buffer.byteLength(text) !== bytes.length ? text.indexOf('\uFFFD') : -1;
  const bad = Math.min(...[nul, replaced].filter((i) => i >= 0));
  if (Number.isFinite(bad)) {
    const { line, col } = linePos(text, bad);
    throw new UserError(`${file}:${line}:${col}: is not UTF-8 text (a binary file or another encoding: save the ${kind.noun} as UTF-8)`);
  }
  return text;
}

/** A parsed document with positions, and its plain data. */
export interface PositionedYaml {
  readonly doc: Document;
  readonly data: unknown;
  /** `file:line:col` of a source offset (`file:1:1` when unknown). */
  position(offset: number | undefined): string;
}

/**
 * Parses YAML keeping every node's position. Throws a {@link UserError} (at most
 * MAX_SHOWN_PROBLEMS (errors.ts) lines) for syntax errors, nesting deeper than {@link MAX_NESTING}, a list or
 * mapping with more than {@link MAX_ENTRIES} entries and an alias bomb. `fix` ends syntax messages.
 */
export function parseYamlWithPositions(source: string, file: string, fix: string, options: { readonly quick?: boolean } = {}): PositionedYaml {
  // `quick: false` only for the tests that compare the quick path with the document model.
  const quick = options.quick === false ? undefined : findOversizedQuickly(source);
  if (quick) {
    const { line, col } = linePos(source, quick.offset);
    throw new UserError(`${file}:${line}:${col}: ${quick.problem}`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number | undefined): string => {
    if (offset === undefined) return `${file}:1:1`;
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    // yaml turns its own stack overflow on very deep input into an error at the node it was reading.
    throw new UserError(capProblems(doc.errors.map((e) => `${position(e.pos[0])}: ${/call stack/i.test(e.message) ? tooDeep() : `${yamlMessage(e.message)} (${fix})`}`)));
  }
  const oversized = findOversizedNode(doc);
  if (oversized) throw new UserError(`${position(oversized.node.range?.[0])}: ${oversized.problem}`);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof ReferenceError) || !/alias/i.test(err.message)) throw err;
    const alias = firstAlias(doc);
    throw new UserError(`${position(alias?.range?.[0])}: aliases expand to too much data (more than ${MAX_ALIAS_COUNT} nodes: an alias bomb?) (write the values out${alias ? ` instead of *${alias.source}` : ''})`);
  }
  return { doc, data, position };
}

/** Whether plain data (e.g. from js-yaml) stays within {@link MAX_NESTING} and {@link MAX_ENTRIES}. */
export function isWithinBounds(data: unknown): boolean {
  const seen = new Set<object>();
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    const children = Array.isArray(value) ? value : Object.values(value);
    if (depth >= MAX_NESTING || children.length > MAX_ENTRIES) return false;
    for (const child of children) stack.push([child, depth + 1]);
  }
  return true;
}

/** The first collection that is nested too deeply or has too many entries (iterative: no recursion). */
function findOversizedNode(doc: Document): { node: YamlNode; problem: string } | undefined {
  const stack: [unknown, number, string][] = [[doc.contents, 0, '']];
  while (stack.length > 0) {
    const [node, depth, path] = stack.pop()!;
    if (!isCollection(node)) continue;
    const at = path === '' ? '(top level)' : path;
    if (depth >= MAX_NESTING) return { node, problem: `${at}: ${tooDeep()}` };
    if (node.items.length > MAX_ENTRIES) return { node, problem: tooManyEntries(at, node.items.length) };
    node.items.forEach((item, index) => {
      if (isPair(item)) {
        const key = isScalar(item.key) ? String(item.key.value) : '?';
        stack.push([item.value, depth + 1, path === '' ? cutKey(key) : `${path}.${cutKey(key)}`]);
        if (isMap(node) && isNode(item.key)) stack.push([item.key, depth + 1, path]);
      } else {
        stack.push([item, depth + 1, `${path}[${index}]`]);
      }
    });
  }
  return undefined;
}

/**
 * The common oversized file — one list or mapping with more than {@link MAX_ENTRIES} entries, which
 * takes `yaml`'s document model 1.4 s to position at 2 MB — found with js-yaml (about 15x faster) and
 * its node events, which give each collection's start. Returns the same problem and offset the
 * document model would (test/config/yaml-input.test.ts compares the two), or undefined whenever it
 * cannot be sure: a file too small to hold such a list, one js-yaml rejects, nesting too deep, more
 * than one oversized collection, or one that starts with an anchor, a tag or an alias. Then the
 * document model decides, as before.
 */
export function findOversizedQuickly(source: string): { offset: number; problem: string } | undefined {
  // Each entry takes at least two characters ("a," or "- a" on a line).
  if (source.length <= 2 * MAX_ENTRIES) return undefined;
  const starts = new Map<object, number>();
  const open: number[] = [];
  let data: unknown;
  try {
    data = loadYamlFast(source, {
      schema: CORE_SCHEMA,
      listener(event, state) {
        if (event === 'open') {
          open.push(state.position);
          return;
        }
        const start = open.pop();
        // The first node to produce an object is where it is written; later ones are aliases of it.
        if (start !== undefined && typeof state.result === 'object' && state.result !== null && !starts.has(state.result)) starts.set(state.result, start);
      },
    });
  } catch {
    return undefined;
  }
  const found: { value: object; path: string }[] = [];
  const seen = new Set<object>();
  const stack: [unknown, number, string][] = [[data, 0, '']];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (depth >= MAX_NESTING) return undefined;
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [`${path}[${index}]`, item])
      : Object.entries(value).map(([key, item]) => [path === '' ? cutKey(key) : `${path}.${cutKey(key)}`, item]);
    if (entries.length > MAX_ENTRIES) found.push({ value, path });
    for (const entry of entries) stack.push([entry[1], depth + 1, entry[0]]);
  }
  if (found.length !== 1) return undefined;
  const [{ value, path }] = found;
  const start = starts.get(value);
  if (start === undefined) return undefined;
  const offset = firstToken(source, start);
  if (offset === undefined || '&!*'.includes(source[offset])) return undefined;
  const count = Array.isArray(value) ? value.length : Object.keys(value).length;
  return { offset, problem: tooManyEntries(path === '' ? '(top level)' : path, count) };
}

/** The offset of the first character at or after `from` that is not a space, a line break or a comment. */
function firstToken(source: string, from: number): number | undefined {
  let i = from;
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
    else if (c === '#') {
      const end = source.indexOf('\n', i);
      if (end < 0) return undefined;
      i = end + 1;
    } else return i;
  }
  return undefined;
}

function tooManyEntries(at: string, count: number): string {
  return `${at}: has ${count.toLocaleString('en-US')} entries (at most ${MAX_ENTRIES.toLocaleString('en-US')}: no organization has that many OUs or accounts; check that this is the right file)`;
}

/** A key as shown in a key path, cut like values (a key can be as long as the file). */
export function cutKey(key: string): string {
  return key.length > MAX_SHOWN_VALUE ? `${key.slice(0, MAX_SHOWN_VALUE)}…` : key;
}

function firstAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

function tooDeep(): string {
  return `lists and mappings are nested more than ${MAX_NESTING} levels deep (root-guard's files need at most 4: check that this is the right file)`;
}

/** yaml's messages end with "at line X, column Y:" plus a code frame; the position is already in front. */
function yamlMessage(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** 1-based line and column of a string offset. */
function linePos(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CORE_SCHEMA, load as loadYamlFast } from 'js-yaml';
import { Document, isMap, isNode, isPair, isScalar, type Node as YamlNode } from 'yaml';
import type { core } from 'zod/mini';
import { closest } from '../aws/regions';
import { capProblems, showValue, UserError } from '../errors';
import { configSchema, type RootGuardConfig } from './schema';
import { cutKey, isWithinBounds, parseYamlWithPositions, readTextInput } from './yaml-input';

/** The default config file name, at the repository root. */
export const DEFAULT_CONFIG_FILE = 'root-guard.config.yaml';

/** A config that loaded cleanly, with the file it came from. */
export interface LoadedConfig {
  readonly file: string;
  readonly config: RootGuardConfig;
  /** The default file was not in the current directory and was found in one above it. */
  readonly foundAbove?: boolean;
}

/**
 * Reads and validates a config file. Throws a {@link UserError} listing every problem as
 * `file:line:col: key.path: what is wrong (the fix)`; never returns a half-valid config.
 * The default file name is looked for upward from the current directory (see {@link locateConfigFile}).
 */
export function loadConfig(file: string = DEFAULT_CONFIG_FILE): LoadedConfig {
  const located = locateConfigFile(file);
  const source = readTextInput(located.file, {
    noun: 'config file',
    whenMissing: file === DEFAULT_CONFIG_FILE
      ? 'not here, nor in a directory above up to the repository root: run inside the repository, or pass --config FILE'
      : 'run from the repository root, or pass --config FILE',
  });
  return { file: located.file, config: parseConfig(source, located.file), ...(located.foundAbove ? { foundAbove: true } : {}) };
}

/**
 * Where the config is: `file` itself, unless it is the default name and not in the current directory;
 * then the nearest directory above that has one, searched as git searches for its repository: upward,
 * and not past the first directory holding `.git` (the repository root) or the file-system root. The
 * path returned is relative to the current directory (`../root-guard.config.yaml`), so messages and
 * the package written beside it are where the user expects.
 */
export function locateConfigFile(file: string, cwd: string = process.cwd()): { readonly file: string; readonly foundAbove: boolean } {
  if (file !== DEFAULT_CONFIG_FILE || existsSync(join(cwd, file))) return { file, foundAbove: false };
  for (let dir = resolve(cwd); !existsSync(join(dir, '.git')) && dirname(dir) !== dir;) {
    dir = dirname(dir);
    const candidate = join(dir, DEFAULT_CONFIG_FILE);
    if (existsSync(candidate)) return { file: relative(cwd, candidate), foundAbove: true };
  }
  return { file, foundAbove: false };
}

/**
 * Validates config text; `file` is used only in messages.
 *
 * Two parsers, for speed: js-yaml (YAML 1.2 core schema, like `yaml`'s default) reads a valid config
 * 3-4x faster than `yaml`'s parseDocument, which keeps every node's position — about 180 ms saved on a
 * 1,000-OU config (scripts/bench-build.js). Positions are needed only to report problems, so any
 * config that js-yaml cannot read or the schema rejects is parsed again with `yaml`, whose result is
 * then authoritative.
 */
export function parseConfig(source: string, file: string): RootGuardConfig {
  let data: unknown;
  try {
    data = loadYamlFast(source, { schema: CORE_SCHEMA, filename: file });
  } catch {
    // Any js-yaml failure (syntax, or its own stack overflow on deep input) is reported by `yaml`.
    return parseConfigWithPositions(source, file);
  }
  // Oversized input goes to the slow path before the schema sees it: zod overflows its stack on
  // ~150,000 issues, and the slow path reports the oversized list or mapping with its position.
  if (!isWithinBounds(data)) return parseConfigWithPositions(source, file);
  const result = configSchema.safeParse(data);
  return result.success ? result.data : parseConfigWithPositions(source, file);
}

/** The slow path: `yaml`'s document model, so every problem gets `file:line:col`. */
function parseConfigWithPositions(source: string, file: string): RootGuardConfig {
  const { doc, data, position } = parseYamlWithPositions(source, file, 'fix the YAML syntax');
  if (data === null || data === undefined) {
    throw new UserError(`${file}:1:1: the config file is empty (start from the committed root-guard.config.yaml)`);
  }
  const result = configSchema.safeParse(data);
  if (result.success) return result.data;
  throw new UserError(capProblems(formatIssues(result.error, doc, position)));
}

function formatIssues(error: core.$ZodError, doc: Document, position: (offset: number | undefined) => string): string[] {
  const lines = error.issues.flatMap((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      // zod points at the parent mapping: point at each offending key instead, and list what is allowed.
      const parent = nodeAt(doc, path);
      const allowed = allowedKeys(path);
      const keyNodes = new Map<unknown, unknown>(isMap(parent) ? parent.items.map((pair) => [isScalar(pair.key) ? pair.key.value : pair.key, pair.key]) : []);
      return issue.keys.map((key) => {
        const keyNode = keyNodes.get(key);
        const offset = isNode(keyNode) ? keyNode.range?.[0] : undefined;
        const hint = typeof key === 'string' && key.length <= 64 ? closest(key, allowed) : undefined;
        const suggestion = allowed.length > 0 ? ` (${hint ? `did you mean "${hint}"? ` : ''}allowed keys: ${allowed.join(', ')})` : '';
        return { offset, text: `${keyPath([...path, key])}: unknown key ${showValue(key)}${suggestion}` };
      });
    }
    const node = nodeAt(doc, path) ?? nearestNode(doc, path);
    const missing = issue.code === 'invalid_type' && nodeAt(doc, path) === undefined;
    const message = missing && !issue.message.startsWith('is required') ? `is required: ${issue.message.replace(/^Invalid input: /, '')}` : issue.message;
    return [{ offset: node?.range?.[0], text: `${keyPath(path)}: ${message}` }];
  });
  lines.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0));
  return lines.map((l) => `${position(l.offset)}: ${l.text}`);
}

/**
 * Places lines about config keys found after validation (e.g. a template over a CloudFormation limit
 * because of `securityTopic.emails`): each becomes `file:line:col: <text>`, at the key in the file.
 */
export function positionAtKeys(file: string, keyed: readonly { readonly key: readonly (string | number)[]; readonly text: string }[]): string[] {
  const source = readTextInput(file, { noun: 'config file', whenMissing: 'pass --config FILE' });
  const { doc, position } = parseYamlWithPositions(source, file, 'fix the YAML syntax');
  return keyed.map(({ key, text }) => `${position((nodeAt(doc, key) ?? nearestNode(doc, key))?.range?.[0])}: ${text}`);
}

function nodeAt(doc: Document, path: readonly (string | number)[]): YamlNode | undefined {
  if (path.length === 0) return isNode(doc.contents) ? doc.contents : undefined;
  const node = doc.getIn(path, true) as unknown;
  if (isNode(node)) return node;
  if (isPair(node) && isNode(node.key)) return node.key;
  return undefined;
}

/** For a missing key, the mapping that should hold it. */
function nearestNode(doc: Document, path: readonly (string | number)[]): YamlNode | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const node = nodeAt(doc, path.slice(0, i));
    if (node) return node;
  }
  return undefined;
}

function keyPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${cutKey(p)}` : cutKey(p)), '');
}

/** The keys a strict object of the schema accepts at `path`, for "allowed keys" hints. */
function allowedKeys(path: readonly (string | number)[]): string[] {
  let schema: SchemaNode | undefined = configSchema as unknown as SchemaNode;
  for (const segment of path) {
    const shape: Record<string, SchemaNode> | undefined = unwrap(schema)?._zod.def.shape;
    if (!shape || typeof segment !== 'string') return [];
    schema = shape[segment];
  }
  const shape = unwrap(schema)?._zod.def.shape;
  return shape ? Object.keys(shape) : [];
}

/**
 * What {@link allowedKeys} reads of a schema: zod's core definition (`_zod.def`), which classic and
 * mini schemas share. Objects keep their fields in `shape`.
 */
interface SchemaNode {
  readonly _zod: { readonly def: { readonly shape?: Record<string, SchemaNode>; readonly innerType?: SchemaNode; readonly in?: SchemaNode } };
}

function unwrap(schema: SchemaNode | undefined): SchemaNode | undefined {
  let current = schema;
  // default/optional/pipe wrappers keep the object schema in def.innerType (or def.in for pipes).
  for (let i = 0; i < 10 && current?._zod?.def; i++) {
    const next: SchemaNode | undefined = current._zod.def.innerType ?? current._zod.def.in;
    if (!next) break;
    current = next;
  }
  return current;
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import { parseSync, type Module } from '@swc/core';
import { REPO_ROOT } from './support/config';

/*
 * The arrows between src/ folders (README, "How the code is organized"; issue 10 §7), checked on
 * the imports of every file under src/. Imports are read with SWC's TypeScript parser (the one that
 * transpiles the tests; not TypeScript's compiler API, which TypeScript 7 no longer exposes), so every form
 * counts: `import`, `export … from`, `import x = require()`, `require()` and `import()`.
 * Type-only imports count for layering (they are still a dependency of the code) but not for what a
 * command loads at run time.
 */

/** One import of one file, resolved: a src/ file, `pkg:<name>[/sub]` or `node:<builtin>`. */
interface ImportEdge {
  readonly from: string;
  readonly specifier: string;
  readonly target: string;
  readonly line: number;
  /** `import type`, `export type`, or every named binding type-only: erased at run time. */
  readonly typeOnly: boolean;
  /** `import()`: loaded when the code runs, not when the module loads. */
  readonly lazy: boolean;
}

interface SourceModule {
  readonly path: string;
  readonly imports: readonly ImportEdge[];
  /** Every top-level statement is `export … from '…'`. */
  readonly onlyReExports: boolean;
}

type Graph = ReadonlyMap<string, SourceModule>;

/** A set of modules: a path prefix (`src/ops/`), a file, a package (`pkg:aws-cdk-lib`, subpaths included) or a named test. */
type Matcher = string | { readonly name: string; readonly test: (target: string, graph: Graph) => boolean };

type Rule =
  | {
    readonly kind: 'no-import'; readonly id: string; readonly from: readonly Matcher[]; readonly to: readonly Matcher[]; readonly reason: string;
    /** An import the rule allows after all (e.g. within one command). */
    readonly except?: (from: string, to: string, graph: Graph) => boolean;
  }
  /** `dispatchers`: modules whose `import()`s are not followed (they load what the user chose, later). */
  | { readonly kind: 'never-loads'; readonly id: string; readonly roots: readonly Matcher[]; readonly forbidden: readonly Matcher[]; readonly dispatchers: readonly Matcher[]; readonly reason: string }
  | { readonly kind: 're-exports-only'; readonly id: string; readonly files: readonly Matcher[]; readonly reason: string };

interface Break {
  readonly rule: string;
  readonly message: string;
}

/** The CLI's entry: it reads the command table and loads only the chosen command (src/cli/commands.ts). */
const CLI_MAIN = 'src/cli/main.ts';
/** The command table: the definitions it imports (by `import()`) are the commands, one per `root-guard <command>`. */
const CLI_TABLE = 'src/cli/commands.ts';
/** Modules of src/cli/ that every command may share, even if the dispatcher imports them too. */
const CLI_SHARED = /^src\/cli\/(main|commands|version|run-metadata|(.+-)?(options?|context|outputs?))\.ts$/;
/** A command's definition: its options, help and exit codes (what `--help` and completion read). */
const CLI_DEFINITION: Matcher = {
  name: 'a command definition (src/cli/definitions/)',
  test: (t, graph) => !!graph.get(CLI_TABLE)?.imports.some((e) => e.target === t),
};
/** The command a src/cli/ module belongs to: a definition's, or the definition's that imports it (its run); undefined for shared modules. */
function commandOf(t: string, graph: Graph): string | undefined {
  if (!/^src\/cli\//.test(t) || CLI_SHARED.test(t)) return undefined;
  if (matches(CLI_DEFINITION, t, graph)) return t;
  return [...graph.values()].find((m) => matches(CLI_DEFINITION, m.path, graph) && m.imports.some((e) => e.target === t))?.path;
}
const CLI_COMMAND: Matcher = { name: 'a src/cli/ command module (a definition or the run it loads)', test: (t, graph) => commandOf(t, graph) !== undefined };
/** Commands that synthesize: the only ones allowed to load aws-cdk-lib. */
const SYNTH_COMMANDS = ['src/cli/definitions/build.ts', 'src/cli/definitions/publish.ts'];
const OPERATING_COMMAND: Matcher = { name: 'an operating command module (any but build/publish)', test: (t, graph) => matches(CLI_COMMAND, t, graph) && !SYNTH_COMMANDS.includes(commandOf(t, graph) as string) };
const CDK: Matcher[] = ['pkg:aws-cdk-lib', 'pkg:constructs'];
const AWS_SDK: Matcher[] = ['pkg:@aws-sdk/', 'pkg:@smithy/'];
/** The AWS access layer: clients, time bounds, pacing, paging, the concurrency pool, error descriptions. */
const OPS_ACCESS = 'src/ops/aws/';
/** Readers of one kind of resource, shared by several commands. */
const OPS_READERS: Matcher[] = ['src/ops/readers/', 'src/ops/organization/', 'src/ops/control-tower/'];
/** Each command's orchestration, one folder per command. */
const OPS_COMMANDS: Matcher[] = ['src/ops/audit/', 'src/ops/preflight/', 'src/ops/publish/', 'src/ops/test-alert/', 'src/ops/investigate/', 'src/ops/hunt/', 'src/ops/resolve-ous/', 'src/ops/root-credentials/'];

/** The arrows that must not exist, each with why. */
const RULES: readonly Rule[] = [
  { kind: 'no-import', id: 'package-not-ops', from: ['src/package/'], to: ['src/ops/'], reason: 'package/ renders the plan; reading the live organization is ops/\'s job' },
  { kind: 'no-import', id: 'ops-not-package', from: ['src/ops/'], to: ['src/package/'], reason: 'ops/ checks the organization against plan/, never against the renderer (which loads aws-cdk-lib)' },
  { kind: 'no-import', id: 'plan-is-pure', from: ['src/plan/'], to: ['src/package/', 'src/ops/', 'src/cli/', 'src/stacks/', 'src/constructs/', ...CDK, 'pkg:@aws-sdk/'], reason: 'plan/ is pure (config → facts), read by both package/ and ops/' },
  { kind: 'no-import', id: 'health-is-pure', from: ['src/health/'], to: ['src/package/', 'src/ops/', 'src/cli/', 'src/stacks/', 'src/constructs/', ...CDK, 'pkg:@aws-sdk/'], reason: 'health/ is the one rule set audit (ops/) and the sentinel\'s state machine (package/) share: pure, so both can read it' },
  { kind: 'no-import', id: 'engine-not-cli', from: ['src/filter-pattern/', 'src/backtest/', 'src/hunt/'], to: ['src/cli/'], reason: 'the engine is a leaf the CLI uses; shared rendering lives outside cli/' },
  { kind: 'no-import', id: 'security-diff-reads-files-only', from: ['src/security-diff/'], to: ['src/package/', 'src/ops/', 'src/cli/', 'src/stacks/', 'src/constructs/', 'src/config/', 'src/plan/', ...CDK, 'pkg:@aws-sdk/'], reason: 'the security review compares package files (what CfCT deploys), never the config or the code that made them, so it judges any package the same way' },
  {
    kind: 'no-import',
    id: 'cfct-manifest-independent',
    from: ['src/cfct-manifest/'],
    to: ['src/config/', 'src/plan/', 'src/package/', 'src/ops/', 'src/cli/', 'src/stacks/', 'src/constructs/', ...CDK, 'pkg:@aws-sdk/'],
    reason: 'the manifest validator checks a manifest as CfCT reads it, whoever wrote it: one that knew how root-guard plans and renders a package would pass the generator\'s own mistakes',
  },
  { kind: 'no-import', id: 'constructs-not-config', from: ['src/constructs/'], to: ['src/config/'], reason: 'constructs take narrow props, never the config' },
  { kind: 'no-import', id: 'ops-not-cli', from: ['src/ops/'], to: ['src/cli/'], reason: 'the CLI uses ops/, never the reverse' },
  {
    kind: 'no-import',
    id: 'access-layer-is-the-bottom',
    from: [OPS_ACCESS],
    to: ['src/ops/', 'src/plan/', 'src/config/'],
    except: (_from, to) => to.startsWith(OPS_ACCESS),
    reason: 'ops/aws/ is how every command calls AWS; it knows no command, reader, plan or config',
  },
  { kind: 'no-import', id: 'readers-not-commands', from: OPS_READERS, to: OPS_COMMANDS, reason: 'a reader serves several commands: a command\'s orchestration uses readers, never the reverse' },
  { kind: 'no-import', id: 'iam-is-data', from: ['src/iam/'], to: ['src/ops/', 'src/package/', 'src/cli/', 'src/plan/', ...CDK, 'pkg:@aws-sdk/'], reason: 'iam/ is the list of calls each command makes and the policies rendered from it: data that the policies, the docs and the tests read' },
  {
    kind: 'no-import',
    id: 'command-not-command',
    from: [CLI_COMMAND],
    to: [CLI_COMMAND],
    except: (from, to, graph) => commandOf(from, graph) === commandOf(to, graph),
    reason: 'commands share only main, the table, version, options, context and output modules',
  },
  { kind: 're-exports-only', id: 'index-re-exports-only', files: [{ name: 'index.ts', test: (t) => t.endsWith('/index.ts') }], reason: 'an index.ts is a folder\'s public face, not a place for code' },
  {
    kind: 'never-loads',
    id: 'operating-commands-no-cdk',
    roots: [OPERATING_COMMAND, CLI_MAIN],
    forbidden: [...CDK, 'src/package/', 'src/stacks/', 'src/constructs/'],
    dispatchers: [CLI_MAIN, CLI_TABLE],
    reason: 'only build and publish synthesize; every other command starts without aws-cdk-lib',
  },
  {
    kind: 'never-loads',
    id: 'entry-loads-no-command',
    roots: [CLI_MAIN],
    forbidden: [CLI_COMMAND, ...AWS_SDK, ...CDK],
    dispatchers: [CLI_MAIN, CLI_TABLE],
    reason: '`--version` and `--help` answer at once: the entry loads a command only once it is chosen (src/cli/commands.ts)',
  },
  {
    kind: 'never-loads',
    id: 'definitions-load-no-sdk',
    roots: [CLI_DEFINITION],
    forbidden: [...AWS_SDK, ...CDK, 'pkg:zod', 'pkg:yaml', 'pkg:js-yaml'],
    dispatchers: [CLI_DEFINITION],
    reason: '`<command> --help` and completion read only the definition: its action loads the run, and the SDK with it',
  },
];

function matcherName(m: Matcher): string {
  return typeof m === 'string' ? m : m.name;
}

function matches(m: Matcher, target: string, graph: Graph): boolean {
  if (typeof m !== 'string') return m.test(target, graph);
  if (m.endsWith('/')) return target.startsWith(m);
  return target === m || target.startsWith(`${m}/`);
}

const matchesAny = (ms: readonly Matcher[], target: string, graph: Graph): Matcher | undefined => ms.find((m) => matches(m, target, graph));

/** The imports of one file, read with SWC's TypeScript parser. */
function readImports(path: string, text: string): RawImport[] {
  return importsOf(parse(path, text));
}

interface RawImport { specifier: string; line: number; typeOnly: boolean; lazy: boolean }

/**
 * A parsed file and the line of a node's span: SWC spans are 1-based UTF-8 byte offsets into the file
 * (the import-forms test below pins the lines, should a version of SWC count otherwise).
 */
interface Parsed { readonly module: Module; readonly lineAt: (span: { start: number }) => number }

function parse(path: string, text: string): Parsed {
  let module: Module;
  try {
    module = parseSync(text, { syntax: 'typescript', target: 'es2022', comments: false });
  } catch (err) {
    throw new Error(`${path}: SWC could not parse it: ${String(err)}`);
  }
  const bytes = Buffer.from(text, 'utf8');
  const lineStarts = [0];
  for (let i = 0; i < bytes.length; i += 1) if (bytes[i] === 0x0a) lineStarts.push(i + 1);
  const lineAt = (span: { start: number }): number => {
    const offset = span.start - 1;
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  return { module, lineAt };
}

/** A node of SWC's AST, as far as reading imports needs it. */
type Node = { readonly type?: string; readonly span?: { start: number }; readonly [key: string]: unknown };
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;
const stringValue = (value: unknown): string | undefined => (isNode(value) && value.type === 'StringLiteral' && typeof value.value === 'string' ? value.value : undefined);
const allTypeOnly = (specifiers: unknown): boolean => Array.isArray(specifiers) && specifiers.length > 0
  && specifiers.every((s: Node) => (s.type === 'ImportSpecifier' || s.type === 'ExportSpecifier') && s.isTypeOnly === true);

function importsOf({ module, lineAt }: Parsed): RawImport[] {
  const found: RawImport[] = [];
  const add = (node: Node, specifier: string | undefined, typeOnly: boolean, lazy = false): void => {
    if (specifier !== undefined && node.span) found.push({ specifier, line: lineAt(node.span), typeOnly, lazy });
  };
  const visit = (node: Node): void => {
    switch (node.type) {
      case 'ImportDeclaration':
        add(node, stringValue(node.source), node.typeOnly === true || allTypeOnly(node.specifiers));
        break;
      case 'ExportNamedDeclaration':
        add(node, stringValue(node.source), node.typeOnly === true || allTypeOnly(node.specifiers));
        break;
      case 'ExportAllDeclaration':
        add(node, stringValue(node.source), node.typeOnly === true);
        break;
      case 'TsImportEqualsDeclaration':
        if (isNode(node.moduleRef) && node.moduleRef.type === 'TsExternalModuleReference') add(node, stringValue(node.moduleRef.expression), node.isTypeOnly === true);
        break;
      case 'CallExpression': {
        const args = Array.isArray(node.arguments) ? node.arguments as Node[] : [];
        const callee = isNode(node.callee) ? node.callee : undefined;
        if (args.length === 1 && !args[0].spread) {
          if (callee?.type === 'Import') add(node, stringValue(args[0].expression), false, true);
          else if (callee?.type === 'Identifier' && callee.value === 'require') add(node, stringValue(args[0].expression), false);
        }
        break;
      }
      case 'TsImportType':
        add(node, stringValue(node.argument), true);
        break;
      default:
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const item of value) { if (isNode(item)) visit(item); }
      else if (isNode(value)) visit(value);
    }
  };
  visit(module as unknown as Node);
  return found;
}

function onlyReExports({ module }: Parsed): boolean {
  return module.body.every((s) => s.type === 'ExportAllDeclaration' || (s.type === 'ExportNamedDeclaration' && !!s.source));
}

/** Resolves a specifier as Node/TypeScript would for this repository: relative → a src file; else a package or builtin. */
function resolve(from: string, specifier: string, files: ReadonlySet<string>): string {
  if (specifier.startsWith('.')) {
    const base = posix.normalize(posix.join(posix.dirname(from), specifier));
    const candidates = [base, `${base}.ts`, `${base}/index.ts`, base.replace(/\.js$/, '.ts')];
    return candidates.find((c) => files.has(c)) ?? base;
  }
  const bare = specifier.replace(/^node:/, '');
  if (specifier.startsWith('node:') || builtinModules.includes(bare.split('/')[0])) return `node:${bare}`;
  return `pkg:${specifier}`;
}

/** The import graph of a set of files (path relative to the repository → text). */
function buildGraph(sources: ReadonlyMap<string, string>): Graph {
  const files = new Set(sources.keys());
  const graph = new Map<string, SourceModule>();
  for (const [path, text] of sources) {
    const source = parse(path, text);
    const imports = importsOf(source).map((i) => ({ from: path, ...i, target: resolve(path, i.specifier, files) }));
    graph.set(path, { path, imports, onlyReExports: onlyReExports(source) });
  }
  return graph;
}

/** Every broken arrow in `graph`, as messages naming the file, line and import. */
function findBreaks(graph: Graph, rules: readonly Rule[] = RULES): Break[] {
  const breaks: Break[] = [];
  for (const rule of rules) {
    if (rule.kind === 'no-import') {
      for (const mod of graph.values()) {
        if (!matchesAny(rule.from, mod.path, graph)) continue;
        for (const edge of mod.imports) {
          const hit = matchesAny(rule.to, edge.target, graph);
          if (hit && edge.target !== mod.path && !rule.except?.(mod.path, edge.target, graph)) {
            breaks.push({ rule: rule.id, message: `${mod.path}:${edge.line} imports '${edge.specifier}' (${matcherName(hit)}): ${rule.id}: ${rule.reason}` });
          }
        }
      }
    } else if (rule.kind === 're-exports-only') {
      for (const mod of graph.values()) {
        if (matchesAny(rule.files, mod.path, graph) && !mod.onlyReExports) {
          breaks.push({ rule: rule.id, message: `${mod.path} has code besides 'export … from' lines: ${rule.id}: ${rule.reason}` });
        }
      }
    } else {
      for (const root of [...graph.keys()].filter((p) => matchesAny(rule.roots, p, graph)).sort()) {
        for (const chain of forbiddenChains(graph, root, rule.forbidden, rule.dispatchers)) {
          breaks.push({ rule: rule.id, message: `${root} loads ${chain[chain.length - 1]}: ${chain.join(' → ')}: ${rule.id}: ${rule.reason}` });
        }
      }
    }
  }
  return breaks;
}

/** The shortest run-time import chain from `root` to each forbidden module it reaches (one per forbidden entry point). */
function forbiddenChains(graph: Graph, root: string, forbidden: readonly Matcher[], dispatchers: readonly Matcher[]): string[][] {
  const previous = new Map<string, string | null>([[root, null]]);
  const queue = [root];
  const chains: string[][] = [];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const edge of graph.get(current)?.imports ?? []) {
      if (edge.typeOnly || (edge.lazy && matchesAny(dispatchers, current, graph)) || previous.has(edge.target)) continue;
      previous.set(edge.target, current);
      if (matchesAny(forbidden, edge.target, graph)) {
        const chain = [edge.target];
        for (let at = previous.get(edge.target); at; at = previous.get(at)) chain.unshift(at);
        chains.push(chain);
      } else if (graph.has(edge.target)) {
        queue.push(edge.target);
      }
    }
  }
  return chains;
}

/** Every .ts file under src/ of the repository, by path relative to the repository. */
function readSourceTree(root: string): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const child = `${rel}/${name}`;
      if (statSync(join(root, child)).isDirectory()) walk(child);
      else if (name.endsWith('.ts')) sources.set(child, readFileSync(join(root, child), 'utf8'));
    }
  };
  walk('src');
  return sources;
}

const tree = (files: Record<string, string>): Graph => buildGraph(new Map(Object.entries(files)));
const rulesFired = (files: Record<string, string>): string[] => [...new Set(findBreaks(tree(files)).map((b) => b.rule))].sort();

/** A small tree in the target shape: every folder, every allowed arrow. */
const GOOD_TREE: Record<string, string> = {
  'src/config/schema.ts': "import { z } from 'zod';\nexport const s = z.object({});",
  'src/plan/plan.ts': "import type { Config } from '../config/schema';\nimport { join } from 'node:path';\nexport const plan = 1;",
  'src/plan/index.ts': "export * from './plan';\nexport type { Config } from '../config/schema';",
  'src/constructs/alarm.ts': "import { Construct } from 'constructs';\nimport { aws_logs } from 'aws-cdk-lib';",
  'src/stacks/alarm-stack.ts': "import { Stack } from 'aws-cdk-lib';\nimport { Alarm } from '../constructs/alarm';",
  'src/package/units.ts': "import { plan } from '../plan';\nimport { AlarmStack } from '../stacks/alarm-stack';",
  'src/ops/audit.ts': "import { plan } from '../plan';\nimport { OrganizationsClient } from '@aws-sdk/client-organizations';",
  'src/ops/aws/each-page.ts': "import { describeAwsError } from './describe-aws-error';",
  'src/ops/aws/describe-aws-error.ts': "import { UserError } from '../../errors';",
  'src/ops/readers/stack-instances.ts': "import { eachPage } from '../aws/each-page';",
  'src/ops/audit/audit.ts': "import { eachPage } from '../aws/each-page';\nimport { readStackInstances } from '../readers/stack-instances';",
  'src/filter-pattern/index.ts': "export { compile } from './compile';",
  'src/filter-pattern/compile.ts': "export const compile = 1;",
  'src/render/table.ts': 'export const renderTable = 1;',
  'src/cfct-manifest/validate-manifest.ts': "import Ajv from 'ajv';\nimport { parse } from 'yaml';\nimport { showValue } from '../errors';\nimport { cfctSubmittedSize } from '../scps/size';",
  'src/backtest/report.ts': "import { renderTable } from '../render/table';\nimport { compile } from '../filter-pattern';",
  'src/cli/main.ts': "import { Command } from 'commander';\nimport { COMMANDS } from './commands';",
  'src/cli/commands.ts': "export const COMMANDS = [() => import('./definitions/build'), () => import('./definitions/audit'), () => import('./definitions/preflight'), () => import('./definitions/resolve-ous')];",
  'src/cli/definitions/build.ts': "import { parseInteger } from '../options';\nexport const run = () => import('../build');",
  'src/cli/definitions/audit.ts': "import { parseInteger } from '../options';\nimport type { AuditOptions } from '../audit';\nexport const run = () => import('../audit');",
  'src/cli/definitions/preflight.ts': "import { parseInteger } from '../options';\nexport const run = () => import('../preflight');",
  'src/cli/definitions/resolve-ous.ts': "import { parseInteger } from '../options';\nexport const run = () => import('../resolve-ous');",
  'src/cli/resolve-ous.ts': "import { parseInteger } from './options';",
  'src/cli/preflight.ts': "import { parseInteger } from './options';\nimport { renderFindings } from './preflight-render';",
  'src/cli/preflight-render.ts': "import { renderTable } from '../render/table';",
  'src/cli/options.ts': 'export const parseInteger = 1;',
  'src/cli/output.ts': "import { renderTable } from '../render/table';",
  'src/cli/build.ts': "import { units } from '../package/units';\nimport { parseInteger } from './options';",
  'src/cli/audit.ts': "import { audit } from '../ops/audit';\nimport { parseInteger } from './options';\nimport type { Stack } from 'aws-cdk-lib';",
};

describe('the import rules', () => {
  test('find nothing in a tree that keeps every arrow', () => {
    expect(findBreaks(tree(GOOD_TREE))).toEqual([]);
  });

  // A plan/ that loads CDK also breaks the operating commands that read the plan: both rules fire.
  test.each([
    [['package-not-ops'], 'src/package/units.ts', "import { audit } from '../ops/audit';"],
    [['ops-not-package'], 'src/ops/audit.ts', "import type { Units } from '../package/units';"],
    [['operating-commands-no-cdk', 'plan-is-pure'], 'src/plan/plan.ts', "import { Stack } from 'aws-cdk-lib';"],
    [['plan-is-pure'], 'src/plan/plan.ts', "import { STSClient } from '@aws-sdk/client-sts';"],
    [['operating-commands-no-cdk', 'plan-is-pure'], 'src/plan/plan.ts', "import { Alarm } from '../constructs/alarm';"],
    [['plan-is-pure'], 'src/plan/plan.ts', "import type { AuditReport } from '../ops/audit';"],
    [['health-is-pure'], 'src/health/rules.ts', "import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';"],
    [['health-is-pure'], 'src/health/rules.ts', "import type { AuditReport } from '../ops/audit';"],
    [['engine-not-cli'], 'src/backtest/report.ts', "import { renderTable } from '../cli/output';"],
    [['engine-not-cli'], 'src/hunt/query.ts', "const o = require('../cli/output');"],
    [['constructs-not-config'], 'src/constructs/alarm.ts', "import { s } from '../config/schema';"],
    [['cfct-manifest-independent'], 'src/cfct-manifest/validate-manifest.ts', "import { PACKAGE_PATHS } from '../plan';"],
    [['cfct-manifest-independent'], 'src/cfct-manifest/validate-manifest.ts', "import type { Config } from '../config/schema';"],
    [['ops-not-cli'], 'src/ops/audit.ts', "export { parseInteger } from '../cli/options';"],
    [['command-not-command'], 'src/cli/resolve-ous.ts', "import { parsePositiveInteger } from './preflight';"],
    [['command-not-command'], 'src/cli/definitions/audit.ts', "import { parseInteger } from '../definitions/preflight';"],
    [['access-layer-is-the-bottom'], 'src/ops/aws/each-page.ts', "import { readStackInstances } from '../readers/stack-instances';"],
    [['access-layer-is-the-bottom'], 'src/ops/aws/describe-aws-error.ts', "import type { Plan } from '../../plan';"],
    [['readers-not-commands'], 'src/ops/readers/stack-instances.ts', "import type { AuditReport } from '../audit/audit';"],
  ])('%j fires for %s importing what it must not', (rules, file, line) => {
    const files = { ...GOOD_TREE, [file]: `${GOOD_TREE[file] ?? ''}\n${line}` };
    const breaks = findBreaks(tree(files));
    expect([...new Set(breaks.map((b) => b.rule))].sort()).toEqual(rules);
    const direct = breaks.find((b) => b.rule !== 'operating-commands-no-cdk');
    expect(direct?.message).toMatch(new RegExp(`^${file.replace(/[./]/g, '\\$&')}:\\d+ imports '[^']+'`));
  });

  test('the entry loads no command before one is chosen, and a definition loads no AWS SDK (`--help` answers at once)', () => {
    const messages = (file: string, line: string) => findBreaks(tree({ ...GOOD_TREE, [file]: `${GOOD_TREE[file]}\n${line}` })).map((b) => b.message);
    expect(messages('src/cli/commands.ts', "import { run } from './definitions/preflight';")).toEqual([
      'src/cli/main.ts loads src/cli/definitions/preflight.ts: src/cli/main.ts → src/cli/commands.ts → src/cli/definitions/preflight.ts: entry-loads-no-command: `--version` and `--help` answer at once: the entry loads a command only once it is chosen (src/cli/commands.ts)',
    ]);
    expect(messages('src/cli/definitions/audit.ts', "import { audit } from '../../ops/audit';")).toEqual([
      'src/cli/definitions/audit.ts loads pkg:@aws-sdk/client-organizations: src/cli/definitions/audit.ts → src/ops/audit.ts → pkg:@aws-sdk/client-organizations: definitions-load-no-sdk: `<command> --help` and completion read only the definition: its action loads the run, and the SDK with it',
    ]);
  });

  test('index.ts files may only re-export', () => {
    const breaks = findBreaks(tree({ ...GOOD_TREE, 'src/plan/index.ts': "export * from './plan';\nexport const extra = 2;" }));
    expect(breaks.map((b) => b.message)).toEqual([expect.stringMatching(/^src\/plan\/index\.ts has code besides/)]);
  });

  test('an operating command may not reach aws-cdk-lib through any chain, and the chain is named', () => {
    const files = { ...GOOD_TREE, 'src/ops/audit.ts': `${GOOD_TREE['src/ops/audit.ts']}\nimport { topicArn } from '../naming';`, 'src/naming.ts': "import { Arn } from 'aws-cdk-lib';" };
    const breaks = findBreaks(tree(files));
    expect(breaks.map((b) => b.message)).toEqual([
      'src/cli/audit.ts loads pkg:aws-cdk-lib: src/cli/audit.ts → src/ops/audit.ts → src/naming.ts → pkg:aws-cdk-lib: operating-commands-no-cdk: only build and publish synthesize; every other command starts without aws-cdk-lib',
      'src/cli/definitions/audit.ts loads pkg:aws-cdk-lib: src/cli/definitions/audit.ts → src/cli/audit.ts → src/ops/audit.ts → src/naming.ts → pkg:aws-cdk-lib: operating-commands-no-cdk: only build and publish synthesize; every other command starts without aws-cdk-lib',
    ]);
  });

  test('a lazy import() inside a command counts; the table\'s lazy imports of each command do not', () => {
    expect(rulesFired({ ...GOOD_TREE, 'src/cli/audit.ts': "const s = () => import('../stacks/alarm-stack');" })).toEqual(['operating-commands-no-cdk']);
    expect(rulesFired({ ...GOOD_TREE, 'src/cli/main.ts': "import { run } from './build';" })).toEqual(['entry-loads-no-command', 'operating-commands-no-cdk']);
  });

  test('type-only imports count for layering but not for what a command loads', () => {
    expect(rulesFired(GOOD_TREE)).toEqual([]); // cli/audit.ts has `import type { Stack } from 'aws-cdk-lib'`
    expect(rulesFired({ ...GOOD_TREE, 'src/constructs/alarm.ts': "import type { Config } from '../config/schema';" })).toEqual(['constructs-not-config']);
  });

  test('reads every import form with its line, and resolves folders to their index.ts', () => {
    const text = ["import a from './a';", "import type { B } from './b';", "export * from './c';", "import d = require('./d');", "const e = require('node:fs');", "void import('./f');", "let g: import('./g').G;"].join('\n');
    expect(readImports('src/x.ts', text)).toEqual([
      { specifier: './a', line: 1, typeOnly: false, lazy: false },
      { specifier: './b', line: 2, typeOnly: true, lazy: false },
      { specifier: './c', line: 3, typeOnly: false, lazy: false },
      { specifier: './d', line: 4, typeOnly: false, lazy: false },
      { specifier: 'node:fs', line: 5, typeOnly: false, lazy: false },
      { specifier: './f', line: 6, typeOnly: false, lazy: true },
      { specifier: './g', line: 7, typeOnly: true, lazy: false },
    ]);
    const graph = tree({ 'src/a.ts': "import { p } from './plan';", 'src/plan/index.ts': "export * from './p';", 'src/plan/p.ts': '' });
    expect(graph.get('src/a.ts')?.imports[0].target).toBe('src/plan/index.ts');
  });
});

/**
 * Arrows the source tree still breaks today, each fixed on another branch. The check below is live
 * for everything else; an entry here is matched by rule, file and import (not by line, which moves).
 * Empty this list when the branch that removes an entry is merged: the last test fails while an
 * entry no longer breaks anything, so a stale entry cannot hide a new break.
 */
const KNOWN_BREAKS: readonly { readonly rule: string; readonly file: string; readonly specifier: string; readonly removedBy: string }[] = [
  // Empty: every arrow holds. A branch that must break one for a while lists it here with the branch that removes it.
];

/** A known break's message starts with `<file>:<line> imports '<specifier>'` and ends with its rule. */
const isKnown = (message: string, k: (typeof KNOWN_BREAKS)[number]): boolean =>
  new RegExp(`^${k.file.replace(/[./]/g, '\\$&')}:\\d+ imports '${k.specifier.replace(/[./]/g, '\\$&')}' .*: ${k.rule}: `).test(message);

describe('the source tree', () => {
  const sourceBreaks = (): Break[] => findBreaks(buildGraph(readSourceTree(process.env.ROOT_GUARD_ARCH_TREE ?? REPO_ROOT)));

  test('keeps every arrow but the known breaks listed in KNOWN_BREAKS', () => {
    // ROOT_GUARD_ARCH_TREE=<path> checks another checkout (e.g. a branch before merging it).
    const breaks = sourceBreaks().filter((b) => !KNOWN_BREAKS.some((k) => isKnown(b.message, k)));
    expect(breaks.map((b) => b.message)).toEqual([]);
  });

  test('every entry of KNOWN_BREAKS still breaks an arrow (remove the ones a merged branch fixed)', () => {
    const messages = sourceBreaks().map((b) => b.message);
    const stale = KNOWN_BREAKS.filter((k) => !messages.some((m) => isKnown(m, k)));
    expect(stale.map((k) => `${k.file} → '${k.specifier}' (${k.rule}, removed by ${k.removedBy})`)).toEqual([]);
  });

  test('is read: every src/ file is in the graph and its relative imports resolve to src/ files', () => {
    const graph = buildGraph(readSourceTree(REPO_ROOT));
    expect(graph.size).toBeGreaterThan(50);
    const unresolved = [...graph.values()].flatMap((m) => m.imports).filter((e) => e.specifier.startsWith('.') && !graph.has(e.target));
    expect(unresolved.map((e) => `${e.from}:${e.line} '${e.specifier}'`)).toEqual([]);
  });
});

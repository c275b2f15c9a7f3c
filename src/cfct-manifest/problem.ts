import type { ManifestPosition } from './read-manifest';

/** One finding about a manifest: where, which key, what is wrong and the fix. */
export interface ManifestProblem {
  /** `error`: CfCT's build or deployment fails (or does something other than what is written); `warning`: it works, but not as a reader would expect. */
  readonly severity: 'error' | 'warning';
  readonly at: ManifestPosition;
  /** The key path, `resources[2].deployment_targets.accounts[0]` ('' for the whole file). */
  readonly key: string;
  /** What is wrong and the fix. */
  readonly message: string;
  /** The heading of docs/reference/cfct.md the rule comes from. */
  readonly rule: string;
}

/** A key path as messages print it: `resources[2].name`. */
export function keyPath(path: readonly (string | number)[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/** `file:line:col: key: message (the heading of docs/reference/cfct.md)`, with `warning:` before a warning's key. */
export function formatProblem(file: string, problem: ManifestProblem): string {
  const where = `${file}:${problem.at.line}:${problem.at.col}`;
  const key = problem.key ? `${problem.key}: ` : '';
  return `${where}: ${problem.severity === 'warning' ? 'warning: ' : ''}${key}${problem.message} (docs/reference/cfct.md#${problem.rule})`;
}

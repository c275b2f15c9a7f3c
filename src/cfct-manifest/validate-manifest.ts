import { dirname } from 'node:path';
import type { ManifestProblem } from './problem';
import { readManifest } from './read-manifest';
import { checkReferencedFiles } from './referenced-files';
import { checkSchema } from './schema-check';
import { checkCfctRules } from './semantic-rules';

/** What {@link validateManifest} checks besides the schema. */
export interface ValidateManifestOptions {
  /** The package root the manifest's paths are relative to; default: the manifest's folder. Absent with `text` alone: files are not checked. */
  readonly packageDir?: string;
  /** The SCP/RCP size budget as CfCT submits the file (default: src/scps/size.ts's). */
  readonly policyLimit?: number;
}

/**
 * Checks a CfCT manifest the way CfCT's pipeline will, without CfCT: YAML as both of its readers parse
 * it, the v2 schema, CfCT's rules beyond the schema, and the files the manifest names
 * (docs/reference/cfct.md#how-root-guard-checks-a-manifest). Returns every finding in file order; none
 * of severity `error` means CfCT's build stage passes the manifest and its stages read it as written.
 */
export function validateManifest(text: string, options: ValidateManifestOptions = {}): ManifestProblem[] {
  if (text.trim() === '') return [{ severity: 'error', at: { line: 1, col: 1 }, key: '', message: 'the manifest is empty', rule: 'the-manifest-schema' }];
  const manifest = readManifest(text);
  if (manifest.syntaxErrors.length > 0) {
    return manifest.syntaxErrors.map((e) => ({ severity: 'error' as const, at: e.at, key: '', message: `not YAML that CfCT can read: ${e.message}`, rule: 'the-manifest-schema' }));
  }
  const problems = [...checkSchema(manifest), ...checkCfctRules(manifest)];
  if (options.packageDir !== undefined) problems.push(...checkReferencedFiles(manifest, text, options.packageDir, options.policyLimit));
  return problems.sort((a, b) => a.at.line - b.at.line || a.at.col - b.at.col);
}

/** {@link validateManifest} of a manifest file, with its folder as the package root unless given. */
export function validateManifestFile(file: string, text: string, options: ValidateManifestOptions = {}): ManifestProblem[] {
  return validateManifest(text, { ...options, packageDir: options.packageDir ?? dirname(file) });
}

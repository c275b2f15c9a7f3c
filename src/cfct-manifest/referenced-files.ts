import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cfctSubmittedSize, SCP_SIZE_LIMIT } from '../scps/size';
import type { ManifestProblem } from './problem';
import { type ReadManifest, YamlTimestamp } from './read-manifest';

/**
 * The files a manifest names, checked as CfCT's build stage and its policy stages treat them
 * (docs/reference/cfct.md#r3-one-file-reference-per-line, #r9-policy-files).
 */

/** A path CfCT downloads instead of reading from the package (code: `run-validation.sh`: `s3*`, `http*`). */
const REMOTE = /^(s3|http)/;

/**
 * The build stage's own extraction, line by line:
 * `grep '_file:' | grep -v '^ *#' | tr -s ' ' | tr -d '\r' | cut -d ' ' -f 3`.
 * A line with a quoted path, `- resource_file: x`, or any other text holding `_file:` yields another token.
 */
export function buildStageFileTokens(text: string): { readonly line: number; readonly token: string }[] {
  return text.split('\n').flatMap((raw, i) => {
    if (!raw.includes('_file:') || /^ *#/.test(raw)) return [];
    const fields = raw.replace(/ +/g, ' ').replace(/\r/g, '').split(' ');
    return [{ line: i + 1, token: fields[2] ?? '' }];
  });
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof YamlTimestamp) ? value as Record<string, unknown> : {});

/**
 * The referenced-file findings: every token the build stage extracts must be a path the manifest
 * holds, and every local path must exist beside the manifest ("ERROR: File … does not exist"); parameter files
 * must be CloudFormation parameter lists, and SCP/RCP files valid JSON within the size CfCT submits.
 */
export function checkReferencedFiles(manifest: ReadManifest, text: string, packageDir: string, policyLimit: number = SCP_SIZE_LIMIT): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const resources = list(record(manifest.forCfct).resources).map(record);
  const held = new Set(resources.flatMap((r) => [r.resource_file, r.parameter_file].filter((p): p is string => typeof p === 'string')));
  for (const { line, token } of buildStageFileTokens(text)) {
    const at = { line, col: 1 };
    if (!held.has(token)) {
      problems.push({ severity: 'error', at, key: '', rule: 'r3-one-file-reference-per-line', message: `CfCT's build stage reads the file name ${JSON.stringify(token)} from this line and fails (write "<indent><key>: <unquoted path>" on a line of its own, not after "- ")` });
    }
  }
  resources.forEach((resource, i) => {
    for (const key of ['resource_file', 'parameter_file'] as const) {
      const path = resource[key];
      if (typeof path !== 'string' || REMOTE.test(path)) continue;
      const where = (message: string, rule: string): ManifestProblem => ({ severity: 'error', at: manifest.positionOf(['resources', i, key]), key: `resources[${i}].${key}`, message: `${path}: ${message}`, rule });
      if (!isFile(join(packageDir, path))) {
        problems.push(where(`no such file beside the manifest, and CfCT's build stage fails on it ("File … does not exist")`, 'r3-one-file-reference-per-line'));
        continue;
      }
      const body = readFileSync(join(packageDir, path), 'utf8');
      if (key === 'parameter_file') {
        const fault = parameterFileFault(body);
        if (fault) problems.push(where(fault, 'r8-parameters'));
      } else if (resource.deploy_method === 'scp' || resource.deploy_method === 'rcp') {
        const fault = policyFileFault(body, String(resource.deploy_method).toUpperCase(), policyLimit);
        if (fault) problems.push(where(fault, 'r9-policy-files'));
      }
    }
  });
  return problems;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** CfCT reads a parameter file as a JSON list of `{ParameterKey, ParameterValue}` (code: `_load_params_from_file`). */
function parameterFileFault(body: string): string | undefined {
  let params: unknown;
  try {
    params = JSON.parse(body);
  } catch (err) {
    return `is not JSON (${(err as Error).message}); the build stage runs python -m json.tool on it`;
  }
  if (!Array.isArray(params)) return 'must be a JSON list of {"ParameterKey": …, "ParameterValue": …}';
  const bad = params.findIndex((p) => typeof record(p).ParameterKey !== 'string' || typeof record(p).ParameterValue !== 'string');
  return bad < 0 ? undefined : `[${bad}] needs a string ParameterKey and a string ParameterValue`;
}

/** The SCP/RCP stage parses the file as JSON and sends it rewritten (docs/reference/cfct.md#policies-scp-and-rcp). */
function policyFileFault(body: string, kind: string, limit: number): string | undefined {
  let policy: unknown;
  try {
    policy = JSON.parse(body);
  } catch (err) {
    return `is not JSON (${(err as Error).message}); CfCT's ${kind} stage fails on it after the build has passed`;
  }
  if (!('Statement' in record(policy))) return `the ${kind} has no Statement`;
  const size = cfctSubmittedSize(body);
  return size > limit ? `the ${kind} is ${size} characters as CfCT submits it, over the ${limit}-character budget` : undefined;
}

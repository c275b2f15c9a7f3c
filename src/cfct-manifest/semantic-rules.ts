import { showValue } from '../errors';
import { MANIFEST_VERSION_V2 } from './manifest-v2-schema';
import { keyPath, type ManifestProblem } from './problem';
import { type ReadManifest, YamlTimestamp } from './read-manifest';

/**
 * CfCT's rules beyond its schema: what its code does with a manifest the schema lets through, read in
 * CfCT's source (v2.8.4) and written down in docs/reference/cfct.md#manifest-rules. Run on the manifest
 * as CfCT's code reads it (PyYAML, YAML 1.1); each finding names the rule's heading.
 */

/** `CustomControlTower-<name>` (code: `manifest_parser.py`, `cloudformation.py` `CFCT_STACK_SET_PREFIX`). */
const STACK_SET_PREFIX = 'CustomControlTower-';
/** CreateStackSet's `StackSetName`: a letter, then letters, digits and hyphens, at most 128 characters. */
const STACK_SET_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;
const STACK_SET_NAME_MAX = 128;
/** Characters a Step Functions execution name may not hold; CfCT puts SCP and RCP names in one (spaces removed). */
const EXECUTION_NAME_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/g;
/** An AWS Region name (`us-east-1`, `us-gov-west-1`, `eu-central-2`). */
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

type Path = (string | number)[];

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof YamlTimestamp) ? value as Record<string, unknown> : {});

/** CfCT's rules over a manifest that parsed. */
export function checkCfctRules(manifest: ReadManifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const add = (severity: ManifestProblem['severity'], path: Path, rule: string, message: string) => {
    problems.push({ severity, at: manifest.positionOf(path), key: keyPath(path), message, rule });
  };
  const doc = record(manifest.forCfct);
  // run-validation.sh checks a 2020-01-01 manifest against the v1 schema instead; root-guard writes and checks v2 only.
  if (String(doc.version) === '2020-01-01') add('error', ['version'], 'r1-version-and-region', `is the v1 manifest version; root-guard checks v2 manifests (version: ${MANIFEST_VERSION_V2}) only`);
  const region = doc.region;
  if (typeof region === 'string' && !REGION.test(region)) add('error', ['region'], 'r1-version-and-region', `${showValue(region)} is not an AWS Region name (write the Control Tower home region, e.g. us-east-1)`);

  const names = new Map<string, number>();
  list(doc.resources).forEach((item, i) => {
    const resource = record(item);
    const at = (...rest: Path): Path => ['resources', i, ...rest];
    const method = resource.deploy_method;
    const name = resource.name;
    if (typeof name === 'string') {
      const first = names.get(name);
      if (first !== undefined) add('error', at('name'), 'r7-names', `${showValue(name)} is also the name of resources[${first}]; CfCT keys stack sets and policies by name (rename one)`);
      else names.set(name, i);
      if (method === 'stack_set') {
        const stackSet = `${STACK_SET_PREFIX}${name}`;
        if (!STACK_SET_NAME.test(stackSet) || stackSet.length > STACK_SET_NAME_MAX) {
          add('error', at('name'), 'r7-names', `CfCT creates the stack set ${showValue(stackSet)}, which CloudFormation refuses: a stack set name is a letter, then letters, digits and hyphens, ${STACK_SET_NAME_MAX} characters at most`);
        }
      } else if (method === 'scp' || method === 'rcp') {
        const bad = [...new Set(name.replace(/ /g, '').match(EXECUTION_NAME_FORBIDDEN) ?? [])];
        if (bad.length > 0) add('error', at('name'), 'r7-names', `holds ${bad.map((c) => JSON.stringify(c)).join(', ')}, which CfCT puts in a Step Functions execution name that forbids them (rename the policy)`);
      }
    }
    const targets = record(resource.deployment_targets);
    const accounts = list(targets.accounts);
    const ous = list(targets.organizational_units);
    accounts.forEach((account, j) => checkAccount(account, [...at('deployment_targets', 'accounts'), j], add));
    ous.forEach((ou, j) => checkOu(ou, ous, [...at('deployment_targets', 'organizational_units'), j], add));
    if (method === 'scp' || method === 'rcp') {
      // SCPParser/RCPParser attach to deployment_targets.organizational_units only.
      if (accounts.length > 0) add('warning', at('deployment_targets', 'accounts'), 'policies-scp-and-rcp', `CfCT ignores accounts for deploy_method ${method}: only organizational_units get the policy`);
      if (ous.length === 0) add('warning', at('deployment_targets'), 'policies-scp-and-rcp', `deploy_method ${method} with no organizational_units: CfCT creates the policy and attaches it nowhere`);
    }
    if (method === 'stack_set') {
      if (accounts.length === 0 && ous.length === 0) add('warning', at('deployment_targets'), 'targeting', 'no accounts and no organizational_units: CfCT creates the stack set with no stack instances');
      const hasParameters = list(resource.parameters).length > 0;
      const hasFile = typeof resource.parameter_file === 'string' && resource.parameter_file !== '';
      // stack_set_state_machine_input_v2: parameters are read only when the other one is empty.
      if (hasParameters && hasFile) add('error', at('parameters'), 'r8-parameters', 'parameters and parameter_file are both set, and CfCT then sends neither to the stack set (keep one)');
    }
    list(resource.regions).forEach((r, j) => {
      if (typeof r === 'string' && !REGION.test(r)) add('error', at('regions', j), 'regions', `${showValue(r)} is not an AWS Region name`);
    });
    list(resource.parameters).forEach((parameter, j) => {
      const value = record(parameter).parameter_value;
      if (typeof value !== 'string') add('warning', at('parameters', j, 'parameter_value'), 'r8-parameters', `is ${value instanceof YamlTimestamp ? 'a date' : typeof value} under YAML 1.1, as CfCT reads it; quote it so the stack set gets exactly this text`);
      else if (value.includes(',')) add('warning', at('parameters', j, 'parameter_value'), 'r8-parameters', 'holds ",": CfCT splits the value at commas and joins it again without spaces (#135)');
    });
    for (const key of ['resource_file', 'parameter_file'] as const) {
      const path = resource[key];
      if (typeof path === 'string' && /^(s3|http)/i.test(path) && !/^(s3|https?):\/\//i.test(path)) {
        add('error', at(key), 'r4-local-paths', `${showValue(path)} starts with "s3" or "http", so CfCT's build stage treats it as a URL (rename the file)`);
      }
    }
  });
  return problems;
}

type Add = (severity: ManifestProblem['severity'], path: Path, rule: string, message: string) => void;

/**
 * `get_final_account_list`: `str(item)`, then a 12-digit string is an account id and anything else an
 * account name; ids and names not in the organization are dropped without a word (#101).
 */
function checkAccount(account: unknown, path: Path, add: Add): void {
  if (typeof account === 'string') {
    if (/^\d+$/.test(account) && account.length !== 12) add('error', path, 'r5-quote-what-yaml-11-would-misread', `${showValue(account)} is all digits but not 12 long: CfCT takes it for an account name and deploys nowhere`);
    else if (account.includes('@')) add('warning', path, 'r5-quote-what-yaml-11-would-misread', `${showValue(account)} looks like an email; CfCT matches 12-digit ids and account names, not emails`);
    return;
  }
  if (typeof account === 'number' && /^\d{12}$/.test(String(account))) {
    add('warning', path, 'r5-quote-what-yaml-11-would-misread', `the account id ${account} is not quoted; write "${account}"`);
  } else {
    add('error', path, 'r5-quote-what-yaml-11-would-misread', `CfCT's YAML 1.1 reader reads this as ${account instanceof YamlTimestamp ? `the date ${account.text}` : `${typeof account} ${String(account)}`}, not an account id or name (quote the 12-digit id)`);
  }
}

/**
 * `get_accounts_in_ou` and `get_ou_id`: `Root` alone means every enrolled account and the other OUs of
 * the list are ignored; a nested path is split at ":" and its parts stripped, empty parts dropped.
 */
function checkOu(ou: unknown, all: readonly unknown[], path: Path, add: Add): void {
  if (typeof ou !== 'string') {
    if (ou !== null && ou !== undefined) add('error', path, 'r6-ou-targets', `CfCT's YAML 1.1 reader reads this as ${typeof ou} ${String(ou)}, not an OU name (quote it)`);
    return;
  }
  const parts = ou.split(':');
  if (parts.length > 1 && parts[0].trim() === 'Root') {
    add('error', path, 'r6-ou-targets', `${showValue(ou)}: CfCT looks for an OU named "Root" below the root (write the path without "Root:", e.g. "Workloads:Prod")`);
  } else if (ou !== 'Root' && all.includes('Root')) {
    add('warning', path, 'r6-ou-targets', `is ignored: with Root in the list CfCT deploys to every enrolled account and to no other OU of the list`);
  } else if (parts.some((p) => p !== p.trim() || p === '')) {
    add(parts.length === 1 ? 'error' : 'warning', path, 'r6-ou-targets', parts.length === 1
      ? `${showValue(ou)}: a top-level OU name is matched exactly, spaces included (remove them)`
      : `${showValue(ou)} has empty or space-padded parts, which CfCT drops or strips (write the clean path)`);
  }
}

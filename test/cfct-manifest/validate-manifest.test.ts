import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { formatProblem, MANIFEST_V2_SCHEMA, type SchemaNode, validateManifest, validateManifestFile } from '../../src/cfct-manifest';
import { cfctSchemaCheck } from '../support/cfct';
import { REPO_ROOT, SHARED_DIR } from '../support/config';
import { CFCT_MANIFEST_CHECK, judgeTest } from '../support/external-judges';

/** A valid two-resource manifest; each case below changes one thing in it. */
const GOOD = [
  '# a comment with no file reference',
  'region: us-east-1',
  'version: 2021-03-15',
  'resources:',
  '  - name: rg-topic',
  '    description: the topic',
  '    resource_file: templates/topic.json',
  '    deploy_method: stack_set',
  '    deployment_targets:',
  '      accounts:',
  '        - "222222222222"',
  '    regions:',
  '      - us-east-1',
  '  - name: rg-scp',
  '    resource_file: policies/rg-scp.json',
  '    deploy_method: scp',
  '    deployment_targets:',
  '      organizational_units:',
  '        - Workloads',
  '        - "Workloads:Prod"',
  '',
].join('\n');

const FILES: Record<string, string> = {
  'templates/topic.json': '{"Resources":{"T":{"Type":"AWS::SNS::Topic"}}}',
  'policies/rg-scp.json': '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:CreateAccessKey","Resource":"*"}]}',
};

/** Writes `manifest` and the files beside it into a new directory; returns the manifest's path. */
function packageWith(manifest: string, files: Record<string, string> = FILES): string {
  const dir = mkdtempSync(join(tmpdir(), 'rg-cfct-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  writeFileSync(join(dir, 'manifest.yaml'), manifest);
  return join(dir, 'manifest.yaml');
}

const check = (manifest: string, files?: Record<string, string>) => {
  const file = packageWith(manifest, files);
  return validateManifestFile(file, manifest).map((p) => formatProblem('manifest.yaml', p));
};

/** One change each, with the line the validator must print (and, for the parity test, whether CfCT's own checker fails it). */
const CASES: readonly { readonly name: string; readonly manifest: string; readonly files?: Record<string, string>; readonly expected: readonly string[] }[] = [
  {
    name: 'a quoted version',
    manifest: GOOD.replace('version: 2021-03-15', 'version: "2021-03-15"'),
    expected: ['manifest.yaml:3:10: version: is the string "2021-03-15"; CfCT\'s schema allows only the unquoted date 2021-03-15 (a quoted date is a string, and CfCT\'s schema compares dates: remove the quotes) (docs/reference/cfct.md#the-manifest-schema)'],
  },
  {
    name: 'a key the v2 schema does not have',
    manifest: GOOD.replace('    deploy_method: stack_set', '    deploy_method: stack_set\n    template_file: templates/topic.json'),
    expected: ['manifest.yaml:9:5: resources[0].template_file: is not a key of CfCT\'s v2 manifest schema (pykwalify fails the build on it: remove it) (docs/reference/cfct.md#the-manifest-schema)'],
  },
  {
    name: 'an unknown deploy method',
    manifest: GOOD.replace('deploy_method: stack_set', 'deploy_method: stackset'),
    expected: ['manifest.yaml:8:20: resources[0].deploy_method: is the string "stackset"; CfCT\'s schema allows only one of scp, stack_set, rcp (docs/reference/cfct.md#the-manifest-schema)'],
  },
  {
    name: 'an empty required key',
    manifest: GOOD.replace('  - name: rg-topic', '  - name:'),
    expected: ['manifest.yaml:5:10: resources[0].name: is empty (null), and CfCT\'s schema requires a value here (docs/reference/cfct.md#the-manifest-schema)'],
  },
  {
    name: 'a missing required key',
    manifest: GOOD.replace('    deploy_method: scp\n', ''),
    expected: ['manifest.yaml:14:5: resources[1]: the required key deploy_method is missing (CfCT\'s schema requires it) (docs/reference/cfct.md#the-manifest-schema)'],
  },
  {
    name: 'a date where a string belongs',
    manifest: GOOD.replace('description: the topic', 'description: 2026-12-08'),
    expected: ['manifest.yaml:6:18: resources[0].description: is the date 2026-12-08, where CfCT\'s schema expects a string (quote it) (docs/reference/cfct.md#the-manifest-schema)'],
  },
  {
    name: 'a repeated Region',
    manifest: GOOD.replace('      - us-east-1\n', '      - us-east-1\n      - us-east-1\n'),
    expected: ['manifest.yaml:14:9: resources[0].regions: [1] repeats the string "us-east-1" of [0] (CfCT\'s schema: each value once) (docs/reference/cfct.md#the-manifest-schema)'],
  },
  {
    name: 'an unquoted account id with a leading zero (octal under YAML 1.1)',
    manifest: GOOD.replace('"222222222222"', '012345670123'),
    expected: ['manifest.yaml:11:11: resources[0].deployment_targets.accounts[0]: CfCT\'s YAML 1.1 reader reads this as number 1402433619, not an account id or name (quote the 12-digit id) (docs/reference/cfct.md#r5-quote-what-yaml-11-would-misread)'],
  },
  {
    name: 'an OU path that starts with Root:',
    manifest: GOOD.replace('"Workloads:Prod"', '"Root:Workloads"'),
    expected: ['manifest.yaml:20:11: resources[1].deployment_targets.organizational_units[1]: "Root:Workloads": CfCT looks for an OU named "Root" below the root (write the path without "Root:", e.g. "Workloads:Prod") (docs/reference/cfct.md#r6-ou-targets)'],
  },
  {
    name: 'a quoted resource_file, which the build stage\'s line extraction misreads',
    manifest: GOOD.replace('resource_file: policies/rg-scp.json', 'resource_file: "policies/rg-scp.json"'),
    expected: ['manifest.yaml:15:1: CfCT\'s build stage reads the file name "\\"policies/rg-scp.json\\"" from this line and fails (write "<indent><key>: <unquoted path>" on a line of its own, not after "- ") (docs/reference/cfct.md#r3-one-file-reference-per-line)'],
  },
  {
    name: 'a template that is not there',
    manifest: GOOD,
    files: { 'policies/rg-scp.json': FILES['policies/rg-scp.json'] },
    expected: ['manifest.yaml:7:20: resources[0].resource_file: templates/topic.json: no such file beside the manifest, and CfCT\'s build stage fails on it ("File … does not exist") (docs/reference/cfct.md#r3-one-file-reference-per-line)'],
  },
  {
    name: 'an SCP file over the size CfCT submits',
    manifest: GOOD,
    files: { ...FILES, 'policies/rg-scp.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'x'.repeat(6000), Effect: 'Deny', Action: '*', Resource: '*' }] }) },
    expected: ['manifest.yaml:15:20: resources[1].resource_file: policies/rg-scp.json: the SCP is 6093 characters as CfCT submits it, over the 5120-character budget (docs/reference/cfct.md#r9-policy-files)'],
  },
];

describe('validateManifest: CfCT\'s schema and rules, from a clone with nothing beside it', () => {
  test('passes a valid manifest', () => {
    expect(check(GOOD)).toEqual([]);
  });

  test.each(CASES)('$name: one finding with file:line:col, the key and the fix', ({ manifest, files, expected }) => {
    expect(check(manifest, files)).toEqual(expected);
  });

  test('YAML that neither reader can parse: the syntax error with its position, nothing else', () => {
    expect(validateManifest('region: us-east-1\nresources: [\n').map((p) => formatProblem('m.yaml', p))).toEqual([
      expect.stringMatching(/^m\.yaml:3:1: not YAML that CfCT can read: .*\(docs\/reference\/cfct\.md#the-manifest-schema\)$/),
    ]);
    expect(validateManifest('region: a\nregion: b\nversion: 2021-03-15\n').map((p) => p.message)).toEqual([expect.stringMatching(/^not YAML that CfCT can read: Map keys must be unique/)]);
  });

  test('warnings do not fail a manifest but are said: an unquoted 12-digit id, OUs beside Root, accounts on an SCP', () => {
    const manifest = GOOD
      .replace('"222222222222"', '222222222222')
      .replace('        - Workloads\n', '        - Root\n')
      .replace('      organizational_units:\n        - Root', '      accounts: ["111111111111"]\n      organizational_units:\n        - Root');
    expect(check(manifest).map((l) => l.replace(/ \(docs.*\)$/, ''))).toEqual([
      'manifest.yaml:11:11: warning: resources[0].deployment_targets.accounts[0]: the account id 222222222222 is not quoted; write "222222222222"',
      'manifest.yaml:18:17: warning: resources[1].deployment_targets.accounts: CfCT ignores accounts for deploy_method scp: only organizational_units get the policy',
      'manifest.yaml:21:11: warning: resources[1].deployment_targets.organizational_units[1]: is ignored: with Root in the list CfCT deploys to every enrolled account and to no other OU of the list',
    ]);
  });

  test('every rule a finding names is a heading of docs/reference/cfct.md', () => {
    const headings = new Set(readFileSync(join(REPO_ROOT, 'docs', 'reference', 'cfct.md'), 'utf8').split('\n')
      .filter((l) => /^#{2,3} /.test(l))
      .map((l) => l.replace(/^#+ /, '').toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')));
    const rules = CASES.flatMap((c) => c.expected).map((l) => /#([a-z0-9-]+)\)$/.exec(l)?.[1]);
    for (const rule of rules) expect(headings).toContain(rule);
  });

  // Where CfCT's own pykwalify checker is beside the repository: it and this validator agree on every case.
  judgeTest(CFCT_MANIFEST_CHECK)('agrees with CfCT\'s pykwalify checker on which manifests fail', () => {
    const cases = [{ name: 'valid', manifest: GOOD, files: FILES }, ...CASES].map((c) => ({ ...c, file: packageWith(c.manifest, c.files ?? FILES) }));
    // One run of the checker over every file: it prints "<file>: OK" for each one it passes.
    const output = cfctSchemaCheck(cases[0].file, ['--lint', '--check-files', ...cases.slice(1).map((c) => c.file)]).output;
    const verdicts = cases.map(({ name, manifest, file }) => ({
      name,
      ours: validateManifestFile(file, manifest).some((p) => p.severity === 'error'),
      theirs: !output.split('\n').includes(`${file}: OK`) && !output.includes(`${file}: OK (`),
    }));
    expect(verdicts.filter((v) => v.ours !== v.theirs)).toEqual([]);
    expect(verdicts.filter((v) => !v.ours).map((v) => v.name)).toEqual(['valid']);
  });

  // Where a verbatim copy of CfCT's schema file is beside the repository: the transcription keeps every rule of it.
  const upstream = join(SHARED_DIR, 'reference', 'cfct', 'manifest-v2.schema.yaml');
  (existsSync(upstream) ? test : test.skip)("is CfCT's v2 schema file, rule for rule", () => {
    type Kwalify = { type: string; required?: boolean; unique?: boolean; enum?: unknown[]; mapping?: Record<string, Kwalify>; sequence?: Kwalify[] };
    const rules = (k: Kwalify, path: string, required: boolean): string[] => [
      `${path} ${k.type}${required ? ' required' : ''}${k.unique ? ' unique' : ''}${k.enum ? ` enum ${k.enum.map(String).join(',')}` : ''}`,
      ...Object.entries(k.mapping ?? {}).flatMap(([key, rule]) => rules(rule, `${path}.${key}`, rule.required === true)),
      ...(k.sequence ? rules(k.sequence[0], `${path}[]`, k.sequence[0].required === true) : []),
    ];
    // Ours keeps `unique` on the list rather than on its item rule, and `required` of an item on the item.
    const ourRules = (n: SchemaNode, path: string, required: boolean, unique = false): string[] => [
      `${path} ${n.pykwalifyType}${required ? ' required' : ''}${unique ? ' unique' : ''}${n.pykwalifyEnum ? ` enum ${n.pykwalifyEnum.join(',')}` : ''}`,
      ...Object.entries(n.properties ?? {}).flatMap(([key, node]) => ourRules(node, `${path}.${key}`, n.required?.includes(key) === true)),
      ...(n.items ? ourRules(n.items, `${path}[]`, n.items.pykwalifyRequired === true, n.pykwalifyUnique === true) : []),
    ];
    const schema = parse(readFileSync(upstream, 'utf8'), { customTags: ['timestamp'] }) as Kwalify;
    // The schema's enum date, read by yaml as a Date, printed as the date alone.
    const normalise = (r: string) => r.replace(/enum [A-Z][a-z]{2} Mar 15 2021 [^,]*$/, 'enum 2021-03-15');
    const theirs = rules(schema, '', true).map(normalise);
    expect(theirs).toContain('.version date required enum 2021-03-15');
    expect(theirs).toContain('.resources[].regions[] str unique');
    expect(ourRules(MANIFEST_V2_SCHEMA, '', true)).toEqual(theirs);
  });
});

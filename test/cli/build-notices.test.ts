import { describeOutOfPipelineWork } from '../../src/cli/build-notices';

const ROLE = 'prerequisites/management-account-execution-role.json';

/** A manifest with the given resources, as build writes it. */
function manifest(resources: string[], extra = ''): string {
  return `region: us-east-1\nversion: 2021-03-15\n${extra}resources:\n${resources.join('')}`;
}
const stackSet = (name: string, targets: string) => `  - name: ${name}\n    resource_file: templates/${name}.json\n    deploy_method: stack_set\n    deployment_targets:\n${targets}    regions:\n      - us-east-1\n      - eu-west-1\n`;
const scp = (name: string, ou: string) => `  - name: ${name}\n    resource_file: policies/${name}.json\n    deploy_method: scp\n    deployment_targets:\n      organizational_units:\n        - ${ou}\n`;
const accounts = (...ids: string[]) => `      accounts:\n${ids.map((id) => `        - "${id}"\n`).join('')}`;
const ous = (...paths: string[]) => `      organizational_units:\n${paths.map((p) => `        - ${p}\n`).join('')}`;

const files = (m: string, role = '{"Role":1}') => new Map([['manifest.yaml', m], [ROLE, role]]);
/** The record of a previous build for the organization of management account 111111111111, and the options of a build for it. */
const RECORD = { files: {}, organization: { managementAccountId: '111111111111' } };
const SAME = { includeNestedOUs: false, managementAccountId: '111111111111' };
const BASE = manifest([stackSet('root-guard-alarm', accounts('111111111111')), stackSet('root-guard-checks', ous('Workloads')), scp('root-guard-root-baseline', 'Workloads')]);

describe('describeOutOfPipelineWork', () => {
  test('says nothing when nothing outside the pipeline changed, or on a first build', () => {
    expect(describeOutOfPipelineWork({ manifest: BASE, executionRoleTemplate: '{"Role":1}', record: RECORD }, files(BASE), SAME)).toEqual([]);
    expect(describeOutOfPipelineWork({}, files(BASE), SAME)).toEqual([]);
  });

  test('a changed execution role template: redeploy it first, with the command', () => {
    const lines = describeOutOfPipelineWork({ manifest: BASE, executionRoleTemplate: '{"Role":0}', record: RECORD }, files(BASE), SAME);
    expect(lines[0]).toMatch(/^prerequisites\/management-account-execution-role\.json changed: redeploy it in the management account BEFORE publishing/);
    expect(lines[1]).toBe('  aws cloudformation deploy --region us-east-1 --stack-name root-guard-cfct-execution-role --template-file prerequisites/management-account-execution-role.json --capabilities CAPABILITY_NAMED_IAM');
  });

  test('a stack set that left the package: the commands to delete its instances and the stack set', () => {
    const next = manifest([stackSet('root-guard-checks', ous('Workloads')), scp('root-guard-root-baseline', 'Workloads')]);
    const lines = describeOutOfPipelineWork({ manifest: BASE, record: RECORD }, files(next), SAME);
    expect(lines).toEqual([
      'root-guard-alarm left the package: CfCT does not delete its stack set. After the pipeline has run, remove it with management-account credentials:',
      '  aws cloudformation list-stack-instances --region us-east-1 --stack-set-name CustomControlTower-root-guard-alarm',
      '  aws cloudformation delete-stack-instances --region us-east-1 --stack-set-name CustomControlTower-root-guard-alarm --accounts 111111111111 --regions us-east-1 eu-west-1 --no-retain-stacks',
      '  aws cloudformation delete-stack-set --region us-east-1 --stack-set-name CustomControlTower-root-guard-alarm',
    ]);
  });

  test('no stack set notice when the manifest enables CfCT\'s stack set deletion', () => {
    const next = manifest([stackSet('root-guard-checks', ous('Workloads')), scp('root-guard-root-baseline', 'Workloads')], 'enable_stack_set_deletion: true\n');
    expect(describeOutOfPipelineWork({ manifest: BASE, record: RECORD }, files(next), SAME)).toEqual([]);
  });

  test('an SCP that left the package: the commands to find, detach and delete it', () => {
    const next = manifest([stackSet('root-guard-alarm', accounts('111111111111')), stackSet('root-guard-checks', ous('Workloads'))]);
    const lines = describeOutOfPipelineWork({ manifest: BASE, record: RECORD }, files(next), SAME);
    expect(lines[0]).toMatch(/^root-guard-root-baseline left the package: .*the SCP stays attached/);
    expect(lines).toContain('  aws organizations list-policies --filter SERVICE_CONTROL_POLICY --query "Policies[?Name==\'root-guard-root-baseline\'].Id" --output text');
    expect(lines).toContain('  aws organizations delete-policy --policy-id <policy-id>');
  });

  test('a new OU or account: check it before publishing (and resolve-ous with includeNestedOUs)', () => {
    const next = manifest([stackSet('root-guard-alarm', accounts('111111111111')), stackSet('root-guard-checks', ous('Workloads', 'Sandbox')), scp('root-guard-root-baseline', 'Workloads')]);
    expect(describeOutOfPipelineWork({ manifest: BASE, record: RECORD }, files(next), SAME))
      .toEqual(['New deployment targets: OU Sandbox. Check they exist and are enrolled before publishing: run `root-guard preflight`.']);
    expect(describeOutOfPipelineWork({ manifest: BASE, record: RECORD }, files(next), { ...SAME, includeNestedOUs: true })[0]).toContain('and `root-guard resolve` when an OU is new in the organization (then build again)');
  });

  test('a manifest edited into invalid YAML by hand is not compared (the build replaces it)', () => {
    expect(describeOutOfPipelineWork({ manifest: 'resources: [', record: RECORD }, files(BASE), SAME)).toEqual([]);
  });

  describe('a previous build for another organization (the example values replaced)', () => {
    const next = manifest([stackSet('acme-alarm', accounts('444455556666')), stackSet('acme-checks', ous('Production')), scp('acme-root-baseline', 'Production')]);
    const lines = describeOutOfPipelineWork({ manifest: BASE, executionRoleTemplate: '{"Role":0}', record: RECORD }, files(next), { includeNestedOUs: false, managementAccountId: '444455556666' });

    test('says nothing left the package and prints no removal command', () => {
      expect(lines[0]).toBe('The previous build here was for the organization of management account 111111111111; this one is for 444455556666. '
        + 'Nothing of the previous package was deployed in this organization, so nothing left it: there is nothing to remove.');
      expect(lines.join('\n')).not.toMatch(/left the package|delete-stack|detach-policy|delete-policy|111111111111 --regions/);
    });

    test('says to deploy the execution role before the first publish, and lists every target as new', () => {
      expect(lines.slice(1)).toEqual([
        'Deploy prerequisites/management-account-execution-role.json in the management account before the first publish (CfCT deploys there through this role):',
        '  aws cloudformation deploy --region us-east-1 --stack-name root-guard-cfct-execution-role --template-file prerequisites/management-account-execution-role.json --capabilities CAPABILITY_NAMED_IAM',
        'New deployment targets: account 444455556666, OU Production. Check they exist and are enrolled before publishing: run `root-guard preflight`.',
      ]);
    });
  });

  test('a record from before the organization was recorded: nothing is claimed to have left, and the line says how to check', () => {
    const next = manifest([stackSet('root-guard-checks', ous('Workloads'))]);
    const lines = describeOutOfPipelineWork({ manifest: BASE, record: { files: {} } }, files(next), SAME);
    expect(lines).toEqual([expect.stringMatching(/^\.root-guard-generated\.json of the previous build does not say which organization it was for .*review `git diff manifest\.yaml`/)]);
  });
});

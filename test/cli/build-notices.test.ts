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
const BASE = manifest([stackSet('root-guard-alarm', accounts('111111111111')), stackSet('root-guard-checks', ous('Workloads')), scp('root-guard-root-baseline', 'Workloads')]);

describe('describeOutOfPipelineWork', () => {
  test('says nothing when nothing outside the pipeline changed, or on a first build', () => {
    expect(describeOutOfPipelineWork({ manifest: BASE, executionRoleTemplate: '{"Role":1}' }, files(BASE), { includeNestedOUs: false })).toEqual([]);
    expect(describeOutOfPipelineWork({}, files(BASE), { includeNestedOUs: false })).toEqual([]);
  });

  test('a changed execution role template: redeploy it first, with the command', () => {
    const lines = describeOutOfPipelineWork({ manifest: BASE, executionRoleTemplate: '{"Role":0}' }, files(BASE), { includeNestedOUs: false });
    expect(lines[0]).toMatch(/^prerequisites\/management-account-execution-role\.json changed: redeploy it in the management account BEFORE publishing/);
    expect(lines[1]).toBe('  aws cloudformation deploy --region us-east-1 --stack-name root-guard-cfct-execution-role --template-file prerequisites/management-account-execution-role.json --capabilities CAPABILITY_NAMED_IAM');
  });

  test('a stack set that left the package: the commands to delete its instances and the stack set', () => {
    const next = manifest([stackSet('root-guard-checks', ous('Workloads')), scp('root-guard-root-baseline', 'Workloads')]);
    const lines = describeOutOfPipelineWork({ manifest: BASE }, files(next), { includeNestedOUs: false });
    expect(lines).toEqual([
      'root-guard-alarm left the package: CfCT does not delete its stack set. After the pipeline has run, remove it with management-account credentials:',
      '  aws cloudformation list-stack-instances --region us-east-1 --stack-set-name CustomControlTower-root-guard-alarm',
      '  aws cloudformation delete-stack-instances --region us-east-1 --stack-set-name CustomControlTower-root-guard-alarm --accounts 111111111111 --regions us-east-1 eu-west-1 --no-retain-stacks',
      '  aws cloudformation delete-stack-set --region us-east-1 --stack-set-name CustomControlTower-root-guard-alarm',
    ]);
  });

  test('no stack set notice when the manifest enables CfCT\'s stack set deletion', () => {
    const next = manifest([stackSet('root-guard-checks', ous('Workloads')), scp('root-guard-root-baseline', 'Workloads')], 'enable_stack_set_deletion: true\n');
    expect(describeOutOfPipelineWork({ manifest: BASE }, files(next), { includeNestedOUs: false })).toEqual([]);
  });

  test('an SCP that left the package: the commands to find, detach and delete it', () => {
    const next = manifest([stackSet('root-guard-alarm', accounts('111111111111')), stackSet('root-guard-checks', ous('Workloads'))]);
    const lines = describeOutOfPipelineWork({ manifest: BASE }, files(next), { includeNestedOUs: false });
    expect(lines[0]).toMatch(/^root-guard-root-baseline left the package: .*the SCP stays attached/);
    expect(lines).toContain('  aws organizations list-policies --filter SERVICE_CONTROL_POLICY --query "Policies[?Name==\'root-guard-root-baseline\'].Id" --output text');
    expect(lines).toContain('  aws organizations delete-policy --policy-id <policy-id>');
  });

  test('a new OU or account: check it before publishing (and resolve-ous with includeNestedOUs)', () => {
    const next = manifest([stackSet('root-guard-alarm', accounts('111111111111')), stackSet('root-guard-checks', ous('Workloads', 'Sandbox')), scp('root-guard-root-baseline', 'Workloads')]);
    expect(describeOutOfPipelineWork({ manifest: BASE }, files(next), { includeNestedOUs: false }))
      .toEqual(['New deployment targets: OU Sandbox. Check they exist and are enrolled before publishing: run `root-guard preflight`.']);
    expect(describeOutOfPipelineWork({ manifest: BASE }, files(next), { includeNestedOUs: true })[0]).toContain('and `root-guard resolve` when an OU is new in the organization (then build again)');
  });

  test('a manifest edited into invalid YAML by hand is not compared (the build replaces it)', () => {
    expect(describeOutOfPipelineWork({ manifest: 'resources: [' }, files(BASE), { includeNestedOUs: false })).toEqual([]);
  });
});

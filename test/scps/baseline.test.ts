import { UserError } from '../../src/errors';
import { resourceNames } from '../../src/plan/names';
import {
  type BaselineScpOptions,
  baselineStatements,
  buildBaselinePolicies,
  deploymentRolePatterns,
  mergeByService,
} from '../../src/scps/baseline';
import { cfctSubmittedSize, SCP_SIZE_LIMIT } from '../../src/scps/size';

const names = resourceNames('root-guard');

function options(overrides: Partial<BaselineScpOptions> = {}): BaselineScpOptions {
  return {
    namePrefix: 'root-guard',
    homeRegion: 'us-east-1',
    denyRootActions: true,
    denyRootAccessKeys: true,
    protectBaseline: true,
    protect: {
      stackSetNames: [names.rootChecksStackSet, names.topicStackSet],
      configRules: true,
      topic: { name: names.topic, keyAlias: names.topicKeyAlias },
    },
    ...overrides,
  };
}

const fast = resourceNames('root-guard');
/** The protections of a config with fastAlerts on: its two stack sets, and the forwarder rule and roles. */
const withFastAlerts = (o: BaselineScpOptions = options()): BaselineScpOptions => ({
  ...o,
  protect: {
    ...o.protect,
    stackSetNames: [...o.protect.stackSetNames, fast.eventBusStackSet],
    forwarder: { ruleName: fast.forwarderRule, roleNamePattern: fast.forwarderRoleNamePattern },
  },
});

const sidsOf = (o: BaselineScpOptions) => buildBaselinePolicies(o).flatMap((p) => p.document.Statement.map((s) => s.Sid));

describe('buildBaselinePolicies', () => {
  test('fits everything in ONE policy named from the prefix, written to policies/<name>.json', () => {
    const policies = buildBaselinePolicies(options());
    expect(policies).toHaveLength(1);
    const [policy] = policies;
    expect(policy.name).toBe('root-guard-root-baseline');
    expect(policy.fileName).toBe('policies/root-guard-root-baseline.json');
    expect(policy.text).toBe(JSON.stringify(policy.document));
    // Figure for the report: the full baseline's size against the budget.
    expect(policy.submittedSize).toBe(cfctSubmittedSize(policy.text));
    expect(policy.submittedSize).toBeLessThan(SCP_SIZE_LIMIT / 2 + 100);
  });

  test('writes compact JSON that CfCT submits unchanged (no newline, no double space)', () => {
    const [policy] = buildBaselinePolicies(options());
    expect(policy.text).not.toMatch(/\n|  /);
    expect(policy.submittedSize).toBe(policy.text.length);
  });

  test('gives the same bytes for the same options, whatever the order of the stack-set names', () => {
    const a = buildBaselinePolicies(options());
    const b = buildBaselinePolicies(options({ protect: { ...options().protect, stackSetNames: [names.topicStackSet, names.rootChecksStackSet, names.topicStackSet] } }));
    expect(b.map((p) => p.text)).toEqual(a.map((p) => p.text));
  });

  test('returns no policy when every switch is off', () => {
    expect(buildBaselinePolicies(options({ denyRootActions: false, denyRootAccessKeys: false, protectBaseline: false }))).toEqual([]);
  });

  test.each([
    [{ denyRootActions: false }, ['DenyRootAccessKeys', 'ProtectBaseline', 'ProtectAlertTopicKey', 'ProtectExemptRoles', 'DenyLeaveOrganization']],
    [{ denyRootAccessKeys: false }, ['DenyRootUser', 'ProtectBaseline', 'ProtectAlertTopicKey', 'ProtectExemptRoles', 'DenyLeaveOrganization']],
    [{ protectBaseline: false }, ['DenyRootUser', 'DenyRootAccessKeys']],
    [{ protect: { stackSetNames: [names.rootChecksStackSet], configRules: true } }, ['DenyRootUser', 'DenyRootAccessKeys', 'ProtectBaseline', 'ProtectExemptRoles', 'DenyLeaveOrganization']],
    // Leaving the organization is denied with protectBaseline on, whatever else is protected.
    [{ protect: { stackSetNames: [], configRules: false } }, ['DenyRootUser', 'DenyRootAccessKeys', 'DenyLeaveOrganization']],
  ] as [Partial<BaselineScpOptions>, string[]][])('leaves out what a switch turns off: %j', (overrides, expected) => {
    expect(sidsOf(options(overrides))).toEqual(expected);
  });

  test('exempts AssumeRoot sessions from the root deny (Null aws:AssumedRoot), but not from the access-key deny', () => {
    const [policy] = buildBaselinePolicies(options());
    const byId = Object.fromEntries(policy.document.Statement.map((s) => [s.Sid, s]));
    expect(byId.DenyRootUser.Condition).toEqual({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' }, Null: { 'aws:AssumedRoot': 'true' } });
    expect(byId.DenyRootAccessKeys).toEqual({
      Sid: 'DenyRootAccessKeys', Effect: 'Deny', Action: 'iam:CreateAccessKey', Resource: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } },
    });
  });

  test('lets the role CfCT deploys with (AWSControlTowerExecution, not stacksets-exec-*) change everything it protects', () => {
    const [policy] = buildBaselinePolicies(options());
    const protects = policy.document.Statement.filter((s) => s.Sid.startsWith('Protect'));
    expect(protects).toHaveLength(3);
    for (const statement of protects) {
      expect(statement.Condition?.ArnNotLike).toEqual({ 'aws:PrincipalArn': 'arn:aws:iam::*:role/AWSControlTowerExecution' });
    }
    expect(policy.text).not.toContain('stacksets-exec');
  });

  test('adds the extra exempt roles to every protection, and protects their names (and AWSControlTowerExecution) from everyone else', () => {
    const exemptRoleNames = ['AWSAFTExecution', 'cdk-accel-cfn-exec-*'];
    const [policy] = buildBaselinePolicies(withFastAlerts(options({ exemptRoleNames })));
    const patterns = ['arn:aws:iam::*:role/AWSControlTowerExecution', 'arn:aws:iam::*:role/AWSAFTExecution', 'arn:aws:iam::*:role/cdk-accel-cfn-exec-*'];
    const protects = policy.document.Statement.filter((s) => s.Sid.startsWith('Protect'));
    expect(protects.map((s) => s.Sid)).toEqual(['ProtectBaseline', 'ProtectAlertTopicKey', 'ProtectForwarderRole', 'ProtectExemptRoles']);
    for (const statement of protects) expect(statement.Condition?.ArnNotLike).toEqual({ 'aws:PrincipalArn': patterns });
    const exempt = protects.find((s) => s.Sid === 'ProtectExemptRoles');
    expect(exempt?.Resource).toEqual(patterns);
    expect(exempt?.Action).toEqual(['iam:AttachRolePolicy', 'iam:CreateRole', 'iam:DeleteRole', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy']);
    expect(policy.description).toContain('AWSControlTowerExecution and 2 more exempt role name(s)');
  });

  test('with every switch on, fast alerts and 5 extra exempt roles, stays ONE policy within the 5,120 characters CfCT submits', () => {
    const exemptRoleNames = ['AWSAFTExecution', 'AWSAFTService', 'cdk-accel-cfn-exec-*', 'AWSAccelerator-Deploy*', 'lza-pipeline-deployer'];
    const policies = buildBaselinePolicies(withFastAlerts(options({ exemptRoleNames })));
    expect(policies).toHaveLength(1);
    // 4,281 without the tamper receiver (prefix root-guard, us-east-1); docs/root-checks-and-scps.md has the
    // figures with it (src/plan/scp-policies.ts adds it by default).
    expect(policies[0].submittedSize).toBe(cfctSubmittedSize(policies[0].text));
    expect(policies[0].submittedSize).toBeLessThanOrEqual(4400);
  });

  test('writes the single-service protections as one statement that denies exactly what the parts deny, and refuses to merge parts that share a service', () => {
    const [policy] = buildBaselinePolicies(withFastAlerts());
    const merged = policy.document.Statement.find((s) => s.Sid === 'ProtectBaseline');
    const services = (list: string | readonly string[]) => new Set(([] as string[]).concat(list).map((a) => a.split(':')[0]));
    expect([...services(merged!.Action)].sort()).toEqual(['cloudformation', 'config', 'events', 'kms', 'sns']);
    expect([...new Set(([] as string[]).concat(merged!.Resource).map((r) => r.split(':')[2]))].sort()).toEqual(['cloudformation', 'config', 'events', 'kms', 'sns']);
    const part = (sid: string, action: string, resource: string) => ({ sid, effect: 'Deny' as const, actions: [action], resources: [resource] });
    expect(() => mergeByService('X', [part('A', 'iam:DeleteRole', 'arn:aws:iam::*:role/a'), part('B', 'iam:PutRolePolicy', 'arn:aws:iam::*:role/b')])).toThrow(/two parts act on iam/);
    expect(() => mergeByService('X', [part('A', 'sns:DeleteTopic', 'arn:aws:iam::*:role/a')])).toThrow(/one service/);
    expect(() => mergeByService('X', [part('A', 'sns:DeleteTopic', 'arn:aws:sns:*:*:t'), { ...part('B', 'events:PutRule', 'arn:aws:events:*:*:rule/r'), conditions: { Null: { 'aws:AssumedRoot': 'true' } } }])).toThrow(/differs/);
  });

  test('protects the CfCT stack instances by name, the Config rules of the home region, the topic by ARN and its key by alias', () => {
    const [policy] = buildBaselinePolicies(options({ homeRegion: 'eu-west-1' }));
    const resources = Object.fromEntries(policy.document.Statement.map((s) => [s.Sid, s.Resource]));
    expect(resources.ProtectBaseline).toEqual([
      'arn:aws:cloudformation:*:*:stack/StackSet-CustomControlTower-root-guard-root-checks-*/*',
      'arn:aws:cloudformation:*:*:stack/StackSet-CustomControlTower-root-guard-security-topic-*/*',
      'arn:aws:config:eu-west-1:*:config-rule/*',
      'arn:aws:sns:eu-west-1:*:root-guard-root-activity',
      'arn:aws:kms:eu-west-1:*:alias/root-guard-root-activity-topic',
    ]);
    const key = policy.document.Statement.find((s) => s.Sid === 'ProtectAlertTopicKey');
    expect(key?.Condition?.['ForAnyValue:StringEquals']).toEqual({ 'kms:ResourceAliases': 'alias/root-guard-root-activity-topic' });
  });

  test('uses the partition of the home region (AWS GovCloud)', () => {
    const [policy] = buildBaselinePolicies(options({ homeRegion: 'us-gov-west-1' }));
    expect(policy.text).not.toContain('arn:aws:');
    expect(policy.text).toContain('"arn:aws-us-gov:iam::*:root"');
    expect(deploymentRolePatterns('aws-us-gov', ['AWSAFTExecution'])).toEqual(['arn:aws-us-gov:iam::*:role/AWSControlTowerExecution', 'arn:aws-us-gov:iam::*:role/AWSAFTExecution']);
  });

  test.each([false, true].flatMap((a) => [false, true].flatMap((b) => [false, true].map((c) => [a, b, c]))).filter(([a, b, c]) => a || b || c))(
    'describes the policy within the 512 characters Organizations allows (denyRootActions=%s, denyRootAccessKeys=%s, protectBaseline=%s)',
    (denyRootActions, denyRootAccessKeys, protectBaseline) => {
      const [policy] = buildBaselinePolicies(options({ denyRootActions, denyRootAccessKeys, protectBaseline }));
      expect(policy.description.length).toBeLessThanOrEqual(512);
      expect(policy.description).toMatch(/^root-guard baseline: .*\. Generated by root-guard; do not edit\.$/);
      expect(policy.description.includes('AssumeRoot')).toBe(denyRootActions);
      expect(policy.description.includes('access keys')).toBe(denyRootAccessKeys);
      expect(policy.description.includes('AWSControlTowerExecution')).toBe(protectBaseline);
    },
  );

  test('splits into as few policies as the budget allows, named <name>, <name>-2, …, without losing or reordering a statement', () => {
    const whole = baselineStatements(options()).map((s) => s.sid);
    const split = buildBaselinePolicies(options({ sizeLimit: 1300 }));
    expect(split.length).toBeGreaterThan(1);
    expect(split.map((p) => p.name)).toEqual(split.map((_, i) => (i === 0 ? 'root-guard-root-baseline' : `root-guard-root-baseline-${i + 1}`)));
    expect(split.flatMap((p) => p.document.Statement.map((s) => s.Sid))).toEqual(whole);
    for (const [i, p] of split.entries()) {
      expect(p.submittedSize).toBeLessThanOrEqual(1300);
      expect(p.description).toContain(`Part ${i + 1} of ${split.length}.`);
    }
    // First fit: no two neighbours could have been one policy.
    for (let i = 1; i < split.length; i++) {
      const merged = JSON.stringify({ Version: '2012-10-17', Statement: [...split[i - 1].document.Statement, split[i].document.Statement[0]] });
      expect(merged.length).toBeGreaterThan(1300);
    }
  });

  test('fails the build with a UserError naming the policy, its size and the limit when one statement alone is too large', () => {
    const stackSetNames = Array.from({ length: 80 }, (_, i) => `root-guard-customization-with-a-long-name-${String(i).padStart(2, '0')}`);
    expect(() => buildBaselinePolicies(options({ protect: { ...options().protect, stackSetNames } }))).toThrow(UserError);
    expect(() => buildBaselinePolicies(options({ protect: { ...options().protect, stackSetNames } }))).toThrow(
      /policies\/root-guard-root-baseline(-\d)?\.json: SCP root-guard-root-baseline(-\d)? is \d{4,} characters as CfCT submits it, over the 5120-character limit .*\(protect fewer stack sets/,
    );
  });

  test('with fast alerts, protects the forwarding rule in every Region and the per-Region forwarder roles, after the topic statements', () => {
    const [policy] = buildBaselinePolicies(withFastAlerts(options({ homeRegion: 'eu-west-1' })));
    const byId = Object.fromEntries(policy.document.Statement.map((s) => [s.Sid, s]));
    expect(policy.document.Statement.map((s) => s.Sid).slice(-4)).toEqual(['ProtectAlertTopicKey', 'ProtectForwarderRole', 'ProtectExemptRoles', 'DenyLeaveOrganization']);
    expect(byId.ProtectBaseline.Resource).toContain('arn:aws:events:*:*:rule/root-guard-root-activity-forwarder');
    expect(byId.ProtectBaseline.Action).toEqual(expect.arrayContaining(['events:DeleteRule', 'events:DisableRule', 'events:EnableRule', 'events:PutRule', 'events:PutTargets', 'events:RemoveTargets']));
    expect(byId.ProtectForwarderRole.Resource).toBe('arn:aws:iam::*:role/root-guard-root-event-forwarder-*');
    expect(byId.ProtectForwarderRole.Action).toEqual(['iam:AttachRolePolicy', 'iam:DeleteRole', 'iam:DeleteRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy']);
    for (const sid of ['ProtectBaseline', 'ProtectForwarderRole']) {
      expect(byId[sid].Condition).toEqual({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/AWSControlTowerExecution' } });
    }
    expect(policy.description).toContain('the fast-alert forwarding rule and role');
    expect(policy.description.length).toBeLessThanOrEqual(512);
  });

  test('protects no forwarder when fast alerts are off, or when protectBaseline is off', () => {
    expect(buildBaselinePolicies(options()).flatMap((p) => p.text.match(/events:|ProtectForwarder|root-event-forwarder/g) ?? [])).toEqual([]);
    expect(sidsOf(withFastAlerts(options({ protectBaseline: false })))).toEqual(['DenyRootUser', 'DenyRootAccessKeys']);
  });

  test('with fast alerts and a created topic, still fits in one policy, within 3,100 of the 5,120 characters', () => {
    const policies = buildBaselinePolicies(withFastAlerts());
    expect(policies).toHaveLength(1);
    // 3,033 with prefix root-guard, us-east-1 (without the tamper receiver).
    expect(policies[0].submittedSize).toBeGreaterThan(buildBaselinePolicies(options())[0].submittedSize);
    expect(policies[0].submittedSize).toBeLessThanOrEqual(3100);
  });

  test('uses the home region\'s partition in the forwarder ARNs (AWS GovCloud)', () => {
    const [policy] = buildBaselinePolicies(withFastAlerts(options({ homeRegion: 'us-gov-west-1' })));
    expect(policy.text).toContain('"arn:aws-us-gov:events:*:*:rule/root-guard-root-activity-forwarder"');
    expect(policy.text).toContain('"arn:aws-us-gov:iam::*:role/root-guard-root-event-forwarder-*"');
  });

  test('rejects a key alias that is not alias/<name>', () => {
    expect(() => buildBaselinePolicies(options({ protect: { ...options().protect, topic: { name: names.topic, keyAlias: 'root-guard-key' } } }))).toThrow(/keyAlias must look like "alias\/<name>"/);
  });
});

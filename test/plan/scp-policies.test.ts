import { baselinePolicies } from '../../src/plan/scp-policies';
import { fixtureConfig, configWith } from '../support/config';

const statements = (text: string) => (JSON.parse(text) as { Statement: { Sid: string; Condition?: unknown }[] }).Statement;

describe('baselinePolicies', () => {
  test("writes the fixture config's baseline as one policy named after the prefix", () => {
    const policies = baselinePolicies(fixtureConfig());
    expect(policies.map((p) => [p.name, p.fileName])).toEqual([['root-guard-root-baseline', 'policies/root-guard-root-baseline.json']]);
    expect(statements(policies[0].text).map((s) => s.Sid)).toEqual(['DenyRootUser', 'DenyRootAccessKeys', 'ProtectBaseline', 'ProtectAlertTopicKey', 'ProtectExemptRoles', 'DenyLeaveOrganization']);
  });

  test('is empty when every scp switch is off', () => {
    expect(baselinePolicies(configWith((c) => { c.scp = { ...c.scp, denyRootActions: false, denyRootAccessKeys: false, protectBaseline: false }; }))).toEqual([]);
  });

  test('protects no topic the package does not create, and the fast-alert forwarder when on', () => {
    const existing = baselinePolicies(configWith((c) => { c.securityTopic = { arn: 'arn:aws:sns:us-east-1:222222222222:security-alerts' }; }));
    const existingText = existing.map((p) => p.text).join('');
    expect(existingText).not.toContain('security-alerts');
    expect(existingText).not.toContain('root-guard-root-activity-topic');
    // The tamper receiver's own topic, key alias and bus in the security account are the package's.
    expect(existingText).toContain(':sns:us-east-1:*:root-guard-tamper-alerts');
    expect(existingText).toContain('alias/root-guard-tamper-alerts-topic');
    expect(existingText).toContain('event-bus/root-guard-tamper');
    const noTamper = baselinePolicies(configWith((c) => { c.tamperAlerts = false; c.securityTopic = { arn: 'arn:aws:sns:us-east-1:222222222222:security-alerts' }; }));
    expect(noTamper.flatMap((p) => statements(p.text)).map((s) => s.Sid)).not.toContain('ProtectAlertTopicKey');
    expect(noTamper.map((p) => p.text).join('')).not.toContain(':sns:');
    const fast = baselinePolicies(configWith((c) => { c.fastAlerts = { regions: ['us-east-1'], organizationId: 'o-exampleorgid' }; }));
    const text = fast.map((p) => p.text).join('');
    expect(text).toContain('root-guard-root-activity-forwarder');
    expect(text).toContain('StackSet-CustomControlTower-root-guard-root-event-bus');
    // The forwarder is in the member stack set (root-checks): no separate forwarder stack set to protect.
    expect(text).not.toContain('StackSet-CustomControlTower-root-guard-root-event-forwarder');
  });

  test('denies LeaveOrganization to member accounts, except to the deployment roles', () => {
    const leave = baselinePolicies(fixtureConfig()).flatMap((p) => statements(p.text)).find((s) => s.Sid === 'DenyLeaveOrganization') as Record<string, unknown>;
    expect(leave).toMatchObject({ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/AWSControlTowerExecution' } } });
  });

  test('adds scp.exemptRoleNames to every protection and protects their names', () => {
    const policies = baselinePolicies(configWith((c) => { c.scp = { ...c.scp, exemptRoleNames: ['AWSAFTExecution'] }; }));
    const protects = policies.flatMap((p) => statements(p.text)).filter((s) => s.Sid.startsWith('Protect'));
    for (const s of protects) expect(JSON.stringify(s.Condition)).toContain('arn:aws:iam::*:role/AWSAFTExecution');
    expect(policies.map((p) => p.text).join('')).not.toContain('stacksets-exec');
  });
});

import { generatePackage } from '../../src/package/generate';
import { diffPackage, renderSecurityDiff, type SecurityChange } from '../../src/security-diff';
import { diffPolicyDocument } from '../../src/security-diff/policy-diff';
import { diffResource } from '../../src/security-diff/resource-diff';
import { configWith, fixtureConfig } from '../support/config';

/*
 * Issue 28 §4: what a change to the config weakens, from the package files themselves (the SCP JSON,
 * the templates, the manifest), as `root-guard build` prints it.
 */
const committed = generatePackage(fixtureConfig());
const weakening = (changes: readonly SecurityChange[]) => changes.filter((c) => c.effect === 'weakens').map((c) => `${c.subject}: ${c.detail}`);

describe('diffPackage over generated packages', () => {
  test('the same package: no change, and the summary says so', () => {
    expect(diffPackage(committed, committed)).toEqual([]);
    expect(renderSecurityDiff([])).toEqual(['Security review: no change to what is denied, watched or alerted on.']);
  });

  test('turning off an SCP statement is one weakening line naming the statement, not a 2,700-character JSON line', () => {
    const after = generatePackage(configWith((c) => { (c.scp as { denyRootAccessKeys: boolean }).denyRootAccessKeys = false; }));
    expect(weakening(diffPackage(committed, after))).toEqual(['SCP root-guard-root-baseline, statement DenyRootAccessKeys: Deny iam:CreateAccessKey']);
    const lines = renderSecurityDiff(diffPackage(committed, after));
    expect(lines[1]).toBe('  ! WEAKENS [-] SCP root-guard-root-baseline, statement DenyRootAccessKeys: Deny iam:CreateAccessKey');
    // ... and turning it back on is the reverse.
    expect(diffPackage(after, committed).map((c) => [c.kind, c.effect])).toEqual([['added', 'strengthens']]);
  });

  test('a higher alarm threshold and a longer period weaken the alarm; a lower one strengthens it', () => {
    const after = generatePackage(configWith((c) => { Object.assign(c.alarm, { threshold: 3, periodSeconds: 600 }); }));
    expect(weakening(diffPackage(committed, after))).toEqual([
      'templates/root-activity-alarm.json: alarm root-guard-root-activity: threshold 1 -> 3',
      'templates/root-activity-alarm.json: alarm root-guard-root-activity: period (s) 300 -> 600',
    ]);
    expect(weakening(diffPackage(after, committed))).toEqual([]);
  });

  test('an OU taken out of the SCP\'s targets narrows it (weakens); one added widens it', () => {
    const wider = generatePackage(configWith((c) => { (c.scp as { organizationalUnits: string[] }).organizationalUnits = [...c.scp.organizationalUnits, 'Sandbox']; }));
    const changes = diffPackage(committed, wider);
    expect(changes).toContainEqual({ subject: 'SCP root-guard-root-baseline', kind: 'changed', detail: 'widened: OUs added: Sandbox', effect: 'strengthens' });
    expect(diffPackage(wider, committed)).toContainEqual({ subject: 'SCP root-guard-root-baseline', kind: 'changed', detail: 'narrowed: OUs removed: Sandbox', effect: 'weakens' });
  });

  test('turning the tamper alerts off: each stack set and template that goes is one weakening line, with what the template held', () => {
    const after = generatePackage(configWith((c) => { (c as { tamperAlerts: boolean }).tamperAlerts = false; }));
    const lines = weakening(diffPackage(committed, after));
    expect(lines).toContainEqual(expect.stringMatching(/^stack set root-guard-tamper-alerts: was on accounts 111111111111 in us-east-1/));
    const filters = Object.values(JSON.parse(committed.get('templates/tamper-alerts.json')!).Resources as Record<string, { Type: string }>).filter((r) => r.Type === 'AWS::Logs::MetricFilter').length;
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^templates/tamper-alerts\\.json: .*${filters} metric filter\\(s\\)`)));
    // One line per stack set, template and statement: never one per resource.
    expect(lines.length).toBeLessThan(10);
  });

  test('a template that is not JSON is for review, never "no change"', () => {
    const broken = new Map(committed);
    broken.set('templates/root-checks.json', '{ not json');
    expect(diffPackage(committed, broken)).toEqual([{ subject: 'templates/root-checks.json', kind: 'changed', detail: 'not valid JSON: compare it by hand', effect: 'review' }]);
  });
});

describe('policy statements', () => {
  const deny = (extra: Record<string, unknown>) => ({ Statement: [{ Sid: 'Protect', Effect: 'Deny', Action: ['sns:DeleteTopic', 'sns:SetTopicAttributes'], Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/AWSControlTowerExecution'] } }, ...extra }] });

  test('a principal exempted from a Deny weakens it; an action taken out of a Deny weakens it', () => {
    const after = deny({ Action: 'sns:DeleteTopic', Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/AWSControlTowerExecution', 'arn:aws:iam::*:role/Admin'] } } });
    expect(diffPolicyDocument('SCP x', deny({}), after)).toEqual([
      { subject: 'SCP x, statement Protect', kind: 'changed', detail: 'actions removed: sns:SetTopicAttributes', effect: 'weakens' },
      { subject: 'SCP x, statement Protect', kind: 'changed', detail: 'condition ArnNotLike aws:PrincipalArn: exempts arn:aws:iam::*:role/Admin too', effect: 'weakens' },
    ]);
  });

  test('a principal added to an Allow (a resource policy) weakens it', () => {
    const allow = (principal: unknown) => ({ Statement: [{ Sid: 'Publish', Effect: 'Allow', Action: 'sns:Publish', Principal: principal, Resource: '*' }] });
    expect(diffPolicyDocument('topic policy', allow({ Service: 'cloudwatch.amazonaws.com' }), allow({ Service: 'cloudwatch.amazonaws.com', AWS: 'arn:aws:iam::333333333333:root' }))).toEqual([
      { subject: 'topic policy, statement Publish', kind: 'changed', detail: 'principals added: AWS:arn:aws:iam::333333333333:root', effect: 'weakens' },
    ]);
  });
});

describe('resources', () => {
  const alarm = (p: Record<string, unknown>) => ({ Type: 'AWS::CloudWatch::Alarm', Properties: { AlarmName: 'a', Statistic: 'Sum', Threshold: 1, AlarmActions: ['arn:aws:sns:us-east-1:222222222222:t'], ...p } });
  const rule = (p: Record<string, unknown>) => ({ Type: 'AWS::Events::Rule', Properties: { Name: 'r', State: 'ENABLED', EventPattern: { source: ['aws.iam'] }, Targets: [{ Id: 'Topic', Arn: 't' }], ...p } });
  const filter = (pattern: string) => ({ Type: 'AWS::Logs::MetricFilter', Properties: { FilterName: 'f', FilterPattern: pattern, LogGroupName: 'g' } });

  test('an alarm: its actions removed and its statistic changed', () => {
    expect(diffResource('alarm a', alarm({}), alarm({ AlarmActions: [], Statistic: 'Average' })).map((c) => [c.detail, c.effect])).toEqual([
      ['statistic Sum -> Average', 'review'],
      ['alarm actions removed: arn:aws:sns:us-east-1:222222222222:t', 'weakens'],
    ]);
  });

  test('a rule: disabled, a target removed, its pattern changed', () => {
    expect(diffResource('rule r', rule({}), rule({ State: 'DISABLED', Targets: [], EventPattern: { source: ['aws.sts'] } })).map((c) => [c.detail, c.effect])).toEqual([
      ['event pattern {"source":["aws.iam"]} -> {"source":["aws.sts"]}', 'review'],
      ['state ENABLED -> DISABLED', 'weakens'],
      ['targets removed: Topic', 'weakens'],
    ]);
  });

  test('a filter\'s pattern change is for review, with both patterns', () => {
    expect(diffResource('filter f', filter('{ $.a = 1 }'), filter('{ $.a = 2 }'))).toEqual([{ subject: 'filter f', kind: 'changed', detail: 'pattern { $.a = 1 } -> { $.a = 2 }', effect: 'review' }]);
  });
});

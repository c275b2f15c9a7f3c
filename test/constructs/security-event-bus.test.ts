import { App, Stack } from 'aws-cdk-lib/core';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DRILL_DETAIL_TYPE, DRILL_EVENT_PATTERN, DRILL_EVENT_SOURCE, DRILL_MESSAGE_PREFIX } from '../../src/detection/alert-drill';
import {
  drillAlertTransformer,
  formattingRules,
  INPUT_TRANSFORMER_LIMITS,
  rootAlertTransformer,
  type RootAlertTransformer,
  SecurityEventBus,
  type SecurityEventBusProps,
} from '../../src/constructs/security-event-bus';
import { MAX_ACCOUNT_NAMES } from '../../src/config/schema';
import { labelledCloudTrailSamples } from '../support/cloudtrail-samples';
import { type EventBridgeEvent, toEventBridgeEvent } from '../support/eventbridge-event';
import { matchesEventPattern } from '../support/eventbridge-pattern';

const PROPS: SecurityEventBusProps = {
  eventBusName: 'root-guard-root-activity',
  organizationId: 'o-exampleorgid',
  forwarderRoleNamePattern: 'root-guard-root-event-forwarder-*',
  ruleNamePrefix: 'root-guard-root-alert',
  testRuleName: 'root-guard-root-alert-test',
  topicArn: 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity',
  accountNames: { '111111111111': 'management account', '111122223333': 'Workloads Prod' },
};

function synth(props: SecurityEventBusProps = PROPS): Template {
  const stack = new Stack(new App(), 'Test', { env: { account: '222222222222', region: 'us-east-1' } });
  new SecurityEventBus(stack, 'Bus', props);
  return Template.fromStack(stack);
}

/**
 * What EventBridge delivers to SNS for a string template: each `<name>` replaced by the value at its
 * JSON path (empty when the path is missing, per the input-transformation guide), and the quoted lines
 * read as the text the email shows. `aws.events.rule-name` and `aws.events.event.ingestion-time` are predefined.
 */
function render(transformer: RootAlertTransformer, event: EventBridgeEvent, ruleName: string): string {
  const valueAt = (path: string): string => {
    let node: unknown = event;
    for (const key of path.replace(/^\$\./, '').split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    return node === undefined || node === null ? '' : String(node);
  };
  const predefined: Record<string, string> = { 'aws.events.rule-name': ruleName, 'aws.events.event.ingestion-time': '2022-11-10T16:24:41Z' };
  const filled = transformer.inputTemplate.replace(/<([A-Za-z0-9.-]+)>/g, (_m, name: string) => predefined[name] ?? valueAt(transformer.inputPathsMap[name] ?? '$.__undefined__'));
  return filled.split('\n').map((line) => JSON.parse(line) as string).join('\n');
}

describe('SecurityEventBus', () => {
  test('lets only the forwarder roles of the organization put events on the bus', () => {
    synth().hasResourceProperties('AWS::Events::EventBusPolicy', {
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'events:PutEvents',
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorgid' },
          ArnLike: { 'aws:PrincipalArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/root-guard-root-event-forwarder-*']] } },
        },
      },
    });
  });

  test('formats with input transformers to the security topic, on rules that also see read-only management events', () => {
    const template = synth();
    // Two named accounts + the rest, each a sign-in rule and an API rule; and the test rule.
    template.resourceCountIs('AWS::Events::Rule', 7);
    template.hasResourceProperties('AWS::Events::Rule', {
      Name: 'root-guard-root-alert-api-other',
      State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      EventBusName: { Ref: Match.stringLikeRegexp('EventBus') },
      Targets: [{ Id: 'SecurityTopic', Arn: PROPS.topicArn, InputTransformer: { InputPathsMap: Match.objectLike({ accessKeyId: '$.detail.userIdentity.accessKeyId' }), InputTemplate: Match.anyValue() } }],
    });
    expect(Object.values(template.findResources('AWS::Lambda::Function'))).toHaveLength(0);
  });

  test('formats each forwarded root event exactly once, under its account name when one is configured', () => {
    const rules = formattingRules(PROPS.ruleNamePrefix, PROPS.accountNames);
    for (const sample of labelledCloudTrailSamples()) {
      const event = toEventBridgeEvent(sample.record);
      const hits = rules.filter((r) => matchesEventPattern(r.eventPattern, event)).map((r) => r.name);
      expect({ note: sample.note, hits: hits.length }).toEqual({ note: sample.note, hits: sample.expectRootAlarm ? 1 : 0 });
      if (hits.length === 1 && event.account === '111122223333') expect(hits[0]).toMatch(/-111122223333$/);
      if (hits.length === 1 && event.account === '222222222222') expect(hits[0]).toMatch(/-other$/);
    }
  });

  test('tells a responder which account, what, from where, when, and whether MFA was used (root console sign-in)', () => {
    const sample = labelledCloudTrailSamples()[0]; // root ConsoleLogin without MFA in 111122223333
    const rule = formattingRules(PROPS.ruleNamePrefix, PROPS.accountNames).find((r) => matchesEventPattern(r.eventPattern, toEventBridgeEvent(sample.record)));
    const text = render(rule!.transformer, toEventBridgeEvent(sample.record), rule!.name);
    expect(text).toContain('ROOT USER SIGN-IN EVENT in AWS account 111122223333 (Workloads Prod)');
    expect(text).toContain('What: ConsoleLogin, result: Success');
    expect(text).toContain('MFA used: No');
    expect(text).toContain('When: 2022-11-10T16:24:34Z (UTC); EventBridge received it at 2022-11-10T16:24:41Z');
    expect(text).toContain('Where: Region us-east-1, source IP 192.0.2.0');
    expect(text).toContain('User agent: Mozilla/5.0');
    expect(text).toContain('CloudTrail event ID: deb1e1f9-c99b-4612-8e9f-21f93b5d79c0');
    expect(text).toContain('root-guard-root-alert-signin-111122223333');
  });

  test('shows the access key of an API call, which links an AssumeRoot session to its sts:AssumeRoot record', () => {
    const sample = labelledCloudTrailSamples().find((s) => s.record.eventName === 'DeleteBucketPolicy')!;
    const event = toEventBridgeEvent(sample.record);
    const rule = formattingRules(PROPS.ruleNamePrefix, PROPS.accountNames).find((r) => matchesEventPattern(r.eventPattern, event))!;
    const text = render(rule.transformer, event, rule.name);
    expect(text).toContain('ROOT USER ACTIVITY in AWS account 222222222222 (account name not in root-guard config');
    expect(text).toContain('What: DeleteBucketPolicy on s3.amazonaws.com');
    expect(text).toContain('Credentials: access key ASIAIOSFODNN7EXAMPLE, MFA-authenticated session: false');
    expect(text).toMatch(/AssumeRoot session\? An ASIA\.\.\. key is temporary/);
    expect(text).toContain('Region us-west-2, source IP 192.0.2.1');
  });

  test('stays within EventBridge input-transformer limits (100 paths, 8192-character template)', () => {
    const transformers = [rootAlertTransformer('sign-in', 'x'.repeat(64)), rootAlertTransformer('api', 'x'.repeat(64)), drillAlertTransformer(`${'x'.repeat(20)}-root-activity`)];
    for (const t of transformers) {
      expect(Object.keys(t.inputPathsMap).length).toBeLessThanOrEqual(INPUT_TRANSFORMER_LIMITS.inputPathsMap);
      expect(t.inputTemplate.length).toBeLessThanOrEqual(INPUT_TRANSFORMER_LIMITS.inputTemplate);
      // Every placeholder is defined (or predefined): a typo would print an empty value.
      for (const [, name] of t.inputTemplate.matchAll(/<([A-Za-z0-9.-]+)>/g)) {
        expect(['aws.events.rule-name', 'aws.events.event.ingestion-time'].includes(name) || name in t.inputPathsMap).toBe(true);
      }
      for (const key of Object.keys(t.inputPathsMap)) expect(key).toMatch(/^[A-Za-z0-9]+$/);
    }
  });

  test('rejects an account label that would break the template, and an organization id that is not one', () => {
    expect(() => rootAlertTransformer('api', 'Prod <main>')).toThrow(/must not contain/);
    expect(() => synth({ ...PROPS, organizationId: 'r-abcd' })).toThrow(/not an organization id/);
  });

  describe('the test rule (root-guard test-alert\'s fast-path drill)', () => {
    /** The event EventBridge builds from test-alert's PutEvents entry (envelope: eb-events-structure.html). */
    const drillEvent: EventBridgeEvent = {
      version: '0',
      id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
      'detail-type': DRILL_DETAIL_TYPE,
      source: DRILL_EVENT_SOURCE,
      account: '222222222222',
      time: '2026-05-01T10:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: { drillId: 'drill-20260501T100000Z-1a2b3c', caller: 'arn:aws:sts::222222222222:assumed-role/Admin/jane@example.com', time: '2026-05-01T10:00:00.000Z' },
    };

    test('sends the drill event to the security topic with a TEST message, on a plain ENABLED rule of the bus', () => {
      synth().hasResourceProperties('AWS::Events::Rule', {
        Name: 'root-guard-root-alert-test',
        State: 'ENABLED',
        EventBusName: { Ref: Match.stringLikeRegexp('EventBus') },
        EventPattern: { source: ['root-guard.test-alert'], 'detail-type': ['root-guard test alert'] },
        Targets: [{ Id: 'SecurityTopic', Arn: PROPS.topicArn, InputTransformer: { InputPathsMap: Match.objectLike({ drillId: '$.detail.drillId' }), InputTemplate: Match.anyValue() } }],
      });
    });

    test('matches the drill event, which no formatting rule matches', () => {
      expect(matchesEventPattern(DRILL_EVENT_PATTERN, drillEvent)).toBe(true);
      const formatting = formattingRules(PROPS.ruleNamePrefix, PROPS.accountNames);
      expect(formatting.filter((r) => matchesEventPattern(r.eventPattern, drillEvent)).map((r) => r.name)).toEqual([]);
      // Another custom event, or the drill's detail-type from another source, is not a drill.
      expect(matchesEventPattern(DRILL_EVENT_PATTERN, { ...drillEvent, source: 'com.example.app' })).toBe(false);
      expect(matchesEventPattern(DRILL_EVENT_PATTERN, { ...drillEvent, 'detail-type': 'something else' })).toBe(false);
    });

    test('matches none of the CloudTrail samples, so a real root event never arrives as a drill', () => {
      const hits = labelledCloudTrailSamples().filter((s) => matchesEventPattern(DRILL_EVENT_PATTERN, toEventBridgeEvent(s.record)));
      expect(hits.map((s) => s.note)).toEqual([]);
    });

    test('says TEST first, then which drill, who ran it and when, and what it does not exercise', () => {
      const text = render(drillAlertTransformer(PROPS.eventBusName), drillEvent, 'root-guard-root-alert-test');
      const lines = text.split('\n');
      expect(lines[0]).toBe('TEST — root-guard fast-path drill, no action needed');
      expect(lines[0]).toBe(DRILL_MESSAGE_PREFIX);
      expect(lines[1]).toBe('Drill drill-20260501T100000Z-1a2b3c, started by arn:aws:sts::222222222222:assumed-role/Admin/jane@example.com at 2026-05-01T10:00:00.000Z (UTC); EventBridge received it at 2022-11-10T16:24:41Z.');
      expect(lines[2]).toContain('bus root-guard-root-activity in account 222222222222, Region us-east-1 -> rule root-guard-root-alert-test -> this SNS topic');
      expect(text).toContain('does not exercise the forwarding rules in the member accounts');
    });

    test('keeps the bus within 300 rules with the most account names the config allows', () => {
      const names = Object.fromEntries(Array.from({ length: MAX_ACCOUNT_NAMES }, (_, i) => [String(333333333300 + i), `Account ${i}`]));
      const stack = new Stack(new App(), 'Max', { env: { account: '222222222222', region: 'us-east-1' } });
      const bus = new SecurityEventBus(stack, 'Bus', { ...PROPS, accountNames: names });
      // 2 per named account + the pair for the rest + the test rule (EventBridge quotas: 300 rules per bus, eb-quota.html).
      expect(bus.rules.length + 1).toBe(2 * MAX_ACCOUNT_NAMES + 3);
      expect(bus.rules.length + 1).toBeLessThanOrEqual(300);
    });
  });

  test('without account names, one pair of rules formats every account', () => {
    const rules = formattingRules('p');
    expect(rules.map((r) => r.name)).toEqual(['p-signin-other', 'p-api-other']);
    expect(rules[0].eventPattern.account).toBeUndefined();
  });
});

import type { PlannedSentinel } from '../plan/sentinel';
import { healthFindingsJsonata } from './evaluate';
import type { ExpectedDetection } from './expected';

/**
 * The sentinel's verifier as an Amazon States Language definition (QueryLanguage JSONata), generated
 * from the plan: no function code. Every read of the management account is a Task of Step Functions'
 * AWS SDK integration with `Credentials.RoleArn` = the read-only role there
 * (docs/reference/detection.md#step-functions-across-accounts); the topic is read with the verifier's
 * own role (same account). Every read's result or error is kept as a `Reading` ({ok, value} / {ok: false, error}), the Evaluate state runs
 * the shared rules' JSONata (src/health/rules/) over them, and the run ends:
 * - `Healthy` (Succeed) when nothing was found: the only outcome that counts for the silence alarm
 *   (AWS/States ExecutionsSucceeded);
 * - `Unhealthy` (Fail, Cause = the findings as JSON) after publishing the findings to the security
 *   topic, even when the publish itself failed.
 * test/health/state-machine.test.ts executes this definition with jsonata, the language's reference
 * implementation, over the recorded cases the TypeScript rules are tested with.
 */

/** The Fail state's error name: `test-alert --path sentinel` and the docs name it. */
export const UNHEALTHY_ERROR = 'RootGuard.DetectionUnhealthy';
/** DescribeAlarms takes at most 100 names. */
const MAX_ALARM_NAMES = 100;
/** Step Functions' limit on a Fail state's Cause (https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html). */
const MAX_CAUSE = 32_000;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type State = { [key: string]: Json };

const sdk = (service: string, action: string) => `arn:aws:states:::aws-sdk:${service}:${action}`;
/** A JSONata field, on one line: the ASL schema's `{% … %}` pattern (asl-validator) does not span lines. */
const expr = (text: string) => `{% ${text.replace(/\s*\n\s*/g, ' ')} %}`;
/** Retry a read twice on any error (throttling, a transient failure) before it becomes a finding. */
const RETRY: Json = [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 2 }];
/** A failed read, as the rules read it. */
const failed = expr("{'ok': false, 'error': {'code': $states.errorOutput.Error, 'message': $states.errorOutput.Cause}}");
const catchInto = (variable: string, next: string): Json => [{ ErrorEquals: ['States.ALL'], Assign: { [variable]: failed }, Next: next }];

/**
 * A paged read: the Task (with `NextToken` while there is one), a Choice that loops, and a Pass that
 * keeps the pages as a successful Reading in `variable`.
 */
function pagedRead(p: {
  name: string; resource: string; credentials?: Json; args: string; itemsField: string; variable: string; next: string;
}): Record<string, State> {
  const pages = `${p.variable}Pages`;
  const token = `${p.variable}Token`;
  return {
    [p.name]: {
      Type: 'Task',
      Resource: p.resource,
      ...(p.credentials ? { Credentials: p.credentials } : {}),
      Arguments: expr(`( $args := ${p.args}; $type($${token}) = 'string' ? $merge([$args, {'NextToken': $${token}}]) : $args )`),
      Assign: {
        [pages]: expr(`$append($${pages}, [$states.result.${p.itemsField}])`),
        [token]: expr(`$exists($states.result.NextToken) ? $states.result.NextToken : null`),
      },
      Retry: RETRY,
      Catch: catchInto(p.variable, p.next),
      Next: `${p.name}More`,
    },
    [`${p.name}More`]: { Type: 'Choice', Choices: [{ Condition: expr(`$type($${token}) = 'string'`), Next: p.name }], Default: `${p.name}Keep` },
    [`${p.name}Keep`]: { Type: 'Pass', Assign: { [p.variable]: expr(`{'ok': true, 'value': $${pages}}`) }, Next: p.next },
  };
}

/** The message the findings are published with: one line each. */
const MESSAGE = expr("'root-guard SENTINEL: the root-activity detection is not healthy (' & $string($count($findings)) & ' finding' & ($count($findings) = 1 ? '' : 's') & ', verification ' & $states.context.Execution.Name & ' at ' & $states.context.Execution.StartTime & ')\\n\\n' & $join($findings.('- [' & check & '] ' & subject & ': ' & detail), '\\n') & '\\n\\nWhat each check means and how to fix it: docs/tamper-alerts.md, The sentinel. Run root-guard audit for the whole picture.'");

/** The definition for the plan's sentinel and expected detection. */
export function sentinelDefinition(sentinel: PlannedSentinel, expected: ExpectedDetection): { [key: string]: Json } {
  if (expected.alarms.length > MAX_ALARM_NAMES) throw new Error(`sentinelDefinition: ${expected.alarms.length} alarms, DescribeAlarms reads at most ${MAX_ALARM_NAMES} by name`);
  const reader: Json = { RoleArn: sentinel.readerRoleArn };
  const expectedJson = JSON.parse(JSON.stringify(expected)) as Json;
  const notify: Record<string, State> = {};
  sentinel.notifyTopicArns.forEach((topicArn, i) => {
    const next = i + 1 < sentinel.notifyTopicArns.length ? `Notify${i + 2}` : 'Unhealthy';
    notify[`Notify${i + 1}`] = {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Arguments: { TopicArn: topicArn, Subject: 'root-guard SENTINEL: detection not healthy', Message: MESSAGE },
      Retry: RETRY,
      // A publish that fails still ends in Unhealthy: the silence alarm then speaks for it.
      Catch: [{ ErrorEquals: ['States.ALL'], Next: next }],
      Next: next,
    };
  });
  const topicStates: Record<string, State> = {
    Init: { Type: 'Pass', Assign: { topicArn: expr('$states.input.arn'), subscriptionsPages: [], subscriptionsToken: null, keyPolicy: null }, Next: 'ReadTopicAttributes' },
    ReadTopicAttributes: {
      Type: 'Task', Resource: sdk('sns', 'getTopicAttributes'), Arguments: { TopicArn: expr('$topicArn') },
      Assign: { attributes: expr("{'ok': true, 'value': $states.result.Attributes}") },
      Retry: RETRY, Catch: catchInto('attributes', 'ReadSubscriptions'), Next: 'ReadSubscriptions',
    },
    ...pagedRead({ name: 'ReadSubscriptions', resource: sdk('sns', 'listSubscriptionsByTopic'), args: "{'TopicArn': $topicArn}", itemsField: 'Subscriptions', variable: 'subscriptions', next: 'HasKey' }),
    HasKey: { Type: 'Choice', Choices: [{ Condition: expr("$attributes.ok = true and $exists($attributes.value.KmsMasterKeyId)"), Next: 'ReadKeyPolicy' }], Default: 'TopicRead' },
    ReadKeyPolicy: {
      Type: 'Task', Resource: sdk('kms', 'getKeyPolicy'), Arguments: { KeyId: expr('$attributes.value.KmsMasterKeyId'), PolicyName: 'default' },
      Assign: { keyPolicy: expr("{'ok': true, 'value': $states.result.Policy}") },
      Retry: RETRY, Catch: catchInto('keyPolicy', 'TopicRead'), Next: 'TopicRead',
    },
    TopicRead: { Type: 'Pass', Output: expr("{'arn': $topicArn, 'attributes': $attributes, 'subscriptions': $subscriptions, 'keyPolicy': $keyPolicy}"), End: true },
  };
  return {
    Comment: `root-guard sentinel: proves the root-activity detection alive every ${sentinel.intervalMinutes} minutes (docs/tamper-alerts.md, The sentinel). Generated from root-guard.config.yaml; do not edit.`,
    QueryLanguage: 'JSONata',
    StartAt: 'Start',
    States: {
      Start: {
        Type: 'Pass',
        Assign: { expected: expectedJson, metricFiltersPages: [], metricFiltersToken: null, muteSummariesPages: [], muteSummariesToken: null },
        Next: 'ReadMetricFilters',
      },
      ...pagedRead({ name: 'ReadMetricFilters', resource: sdk('cloudwatchlogs', 'describeMetricFilters'), credentials: reader, args: "{'LogGroupName': $expected.logGroupName}", itemsField: 'MetricFilters', variable: 'metricFilters', next: 'ReadAlarms' }),
      ReadAlarms: {
        Type: 'Task', Resource: sdk('cloudwatch', 'describeAlarms'), Credentials: reader,
        Arguments: { AlarmNames: expr('[$expected.alarms.alarmName]'), AlarmTypes: ['MetricAlarm'], MaxRecords: MAX_ALARM_NAMES },
        Assign: { alarms: expr("{'ok': true, 'value': [$states.result.MetricAlarms]}") },
        Retry: RETRY, Catch: catchInto('alarms', 'ReadMuteSummaries'), Next: 'ReadMuteSummaries',
      },
      ...pagedRead({ name: 'ReadMuteSummaries', resource: sdk('cloudwatch', 'listAlarmMuteRules'), credentials: reader, args: "{'Statuses': ['SCHEDULED', 'ACTIVE'], 'MaxRecords': 100}", itemsField: 'AlarmMuteRuleSummaries', variable: 'muteSummaries', next: 'ReadMuteRules' }),
      ReadMuteRules: {
        Type: 'Map',
        Items: expr("$muteSummaries.ok = true ? [$muteSummaries.value] : []"),
        MaxConcurrency: 5,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'ReadMuteRule',
          States: {
            ReadMuteRule: {
              Type: 'Task', Resource: sdk('cloudwatch', 'getAlarmMuteRule'), Credentials: reader,
              // The summary has no name: the rule's ARN ends in it (arn:…:alarm-mute-rule:<name>).
              Arguments: { AlarmMuteRuleName: expr("$split($states.input.AlarmMuteRuleArn, ':')[-1]") },
              Output: expr('$states.result'), Retry: RETRY, End: true,
            },
          },
        },
        Assign: { muteRules: expr("$muteSummaries.ok = true ? {'ok': true, 'value': [$states.result]} : $muteSummaries") },
        Catch: catchInto('muteRules', 'ReadTrail'),
        Next: 'ReadTrail',
      },
      // The canary: this call, by the read-only role, is what the canary filter counts (src/detection/sentinel-canary.ts).
      ReadTrail: {
        Type: 'Task', Resource: sdk('cloudtrail', 'getTrailStatus'), Credentials: reader, Arguments: { Name: expected.trailName },
        Assign: { trail: expr("{'ok': true, 'value': $states.result}") },
        Retry: RETRY, Catch: catchInto('trail', 'ReadTopics'), Next: 'ReadTopics',
      },
      ReadTopics: {
        Type: 'Map',
        Items: expr('[$expected.topics]'),
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Init', States: topicStates },
        Assign: { topics: expr('[$states.result]') },
        Next: 'Evaluate',
      },
      Evaluate: {
        Type: 'Pass',
        Assign: {
          findings: expr(`( $observed := {'now': $states.context.Execution.StartTime, 'metricFilters': $metricFilters, 'alarms': $alarms, 'muteRules': $muteRules, 'trail': $trail, 'topics': $topics};\n${healthFindingsJsonata()} )`),
        },
        Next: 'Decide',
      },
      Decide: { Type: 'Choice', Choices: [{ Condition: expr('$count($findings) = 0'), Next: 'Healthy' }], Default: 'Notify1' },
      ...notify,
      Healthy: { Type: 'Succeed', Output: expr("{'healthy': true, 'findings': []}") },
      Unhealthy: { Type: 'Fail', Error: UNHEALTHY_ERROR, Cause: expr(`$substring($string({'healthy': false, 'findings': $findings}), 0, ${MAX_CAUSE})`) },
    },
  };
}

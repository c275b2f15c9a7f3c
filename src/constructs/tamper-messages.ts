/**
 * The messages of tamper path B, as EventBridge input transformers: one JSON string per line (the
 * form aws-cdk-lib's `RuleTargetInput.fromMultilineText` produces, so SNS delivers readable lines;
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html).
 */

/** An input transformer: JSON paths into the event, and a template using them as `<name>`. */
export interface TamperMessage {
  readonly inputPathsMap: Record<string, string>;
  readonly inputTemplate: string;
}

function checkTitle(caller: string, title: string): void {
  if (/[<>"\\\n]/.test(title)) throw new Error(`${caller}: title ${JSON.stringify(title)} must not contain < > " \\ or a newline`);
}

/** The message a tamper rule sends: what, who, where, when (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html). */
export function tamperAlertTransformer(title: string): TamperMessage {
  checkTitle('tamperAlertTransformer', title);
  const inputPathsMap = {
    account: '$.account',
    region: '$.detail.awsRegion',
    time: '$.detail.eventTime',
    eventName: '$.detail.eventName',
    eventSource: '$.detail.eventSource',
    errorCode: '$.detail.errorCode',
    who: '$.detail.userIdentity.arn',
    sourceIp: '$.detail.sourceIPAddress',
    eventId: '$.detail.eventID',
  };
  const lines = [
    `ROOT-GUARD TAMPER ALERT in AWS account <account>: ${title}`,
    'What: <eventName> on <eventSource>, error code: <errorCode> (empty = it succeeded)',
    'Who: <who>',
    'Where: account <account>, Region <region>, source IP <sourceIp>',
    'When: <time> (UTC)',
    'CloudTrail event ID: <eventId> (CloudTrail event history of account <account>, Region <region>)',
    'Tamper rule <aws.events.rule-name> (docs/tamper-alerts.md); the tamper alarm follows within minutes.',
  ];
  return { inputPathsMap, inputTemplate: lines.map((line) => JSON.stringify(line)).join('\n') };
}

/**
 * The message for CloudWatch's own event about a root-guard alarm: which alarm, its new state and why
 * (state change), or what was done to it (configuration change: `create`, `update`, `delete`), from the
 * event's `detail` (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html).
 */
export function alarmEventTransformer(kind: 'alarm-state' | 'alarm-config', title: string): TamperMessage {
  checkTitle('alarmEventTransformer', title);
  const inputPathsMap: Record<string, string> = {
    account: '$.account',
    region: '$.region',
    time: '$.time',
    alarmName: '$.detail.alarmName',
    ...(kind === 'alarm-state'
      ? { state: '$.detail.state.value', reason: '$.detail.state.reason', previous: '$.detail.previousState.value' }
      : { operation: '$.detail.operation', actionsEnabled: '$.detail.configuration.actionsEnabled' }),
  };
  const lines = kind === 'alarm-state'
    ? [
      `ROOT-GUARD ALARM <alarmName> is <state> in AWS account <account>: ${title}`,
      'Was: <previous>; reason: <reason>',
      'When: <time> (UTC), Region <region>',
      'This message comes from CloudWatch\'s state-change event, which mute rules and disabled alarm actions do not stop: if the alarm\'s own email did not arrive, its actions are muted or disabled (docs/tamper-alerts.md).',
    ]
    : [
      `ROOT-GUARD ALARM <alarmName> <operation> in AWS account <account>: ${title}`,
      'Actions enabled after the change: <actionsEnabled>',
      'When: <time> (UTC), Region <region>',
      'Expected after a CfCT pipeline run that changed the package; otherwise treat it as tampering (docs/tamper-alerts.md).',
    ];
  return { inputPathsMap, inputTemplate: lines.map((line) => JSON.stringify(line)).join('\n') };
}

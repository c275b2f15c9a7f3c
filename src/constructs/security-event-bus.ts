import { Stack } from 'aws-cdk-lib/core';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { DRILL_EVENT_PATTERN, DRILL_MESSAGE_PREFIX } from '../detection/alert-drill';
import { type EventPattern, ROOT_API_EVENT_PATTERN, ROOT_SIGN_IN_EVENT_PATTERN, withAccounts } from '../detection/root-event-pattern';

/** Properties of {@link SecurityEventBus}. */
export interface SecurityEventBusProps {
  /** Name of the central event bus the member accounts forward root activity to. */
  readonly eventBusName: string;
  /** The organization (`o-…`): only its principals may put events on the bus (`aws:PrincipalOrgID`). */
  readonly organizationId: string;
  /**
   * Only roles whose name matches this IAM pattern may put events (the forwarders' roles, one per account
   * and Region), e.g. `root-guard-root-event-forwarder-*`: `names.forwarderRoleNamePattern`, the pattern
   * the SCP baseline protects.
   */
  readonly forwarderRoleNamePattern: string;
  /** Prefix of the formatting rules' names. */
  readonly ruleNamePrefix: string;
  /**
   * Name of the test rule: it sends `root-guard test-alert`'s drill event (src/detection/alert-drill.ts)
   * to the topic as a message that says TEST, so the drill proves bus → rule → topic → subscribers.
   */
  readonly testRuleName: string;
  /** The security topic the formatted alerts go to (same account and Region as the bus). */
  readonly topicArn: string;
  /**
   * Names to print next to account ids, e.g. `{"111111111111": "management account"}`. Each named
   * account gets its own pair of formatting rules (an input template cannot look a name up), the
   * other accounts share one pair.
   * @default - no names: every alert shows the account id only
   */
  readonly accountNames?: Readonly<Record<string, string>>;
}

/** EventBridge's input-transformer limits (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_InputTransformer.html). */
export const INPUT_TRANSFORMER_LIMITS = { inputPathsMap: 100, inputTemplate: 8192 } as const;

/** Which of the two messages a rule formats. */
export type RootAlertKind = 'sign-in' | 'api';

/** An input transformer: JSON paths into the event, and a template using them as `<name>`. */
export interface RootAlertTransformer {
  readonly inputPathsMap: Record<string, string>;
  readonly inputTemplate: string;
}

const COMMON_PATHS: Record<string, string> = {
  account: '$.account',
  time: '$.detail.eventTime',
  region: '$.detail.awsRegion',
  eventName: '$.detail.eventName',
  sourceIp: '$.detail.sourceIPAddress',
  userAgent: '$.detail.userAgent',
  eventId: '$.detail.eventID',
};

/**
 * The alert text for a responder at 3 a.m.: which account (id and name where known), what happened,
 * from where, when, MFA, and for API calls the access key that tells an AssumeRoot session from a
 * long-term root key (the member-side record of an AssumeRoot session carries no marker; only the
 * ASIA… key id links it to the caller's sts:AssumeRoot record:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-track-privileged-tasks.html).
 *
 * The template is a sequence of JSON strings, one per line (the form aws-cdk-lib's
 * `RuleTargetInput.fromMultilineText` produces), so SNS delivers readable lines. A path missing from
 * the event leaves its placeholder empty ("that variable isn't created and won't appear in the
 * output", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html).
 */
export function rootAlertTransformer(kind: RootAlertKind, accountLabel: string): RootAlertTransformer {
  if (/[<>"\\\n]/.test(accountLabel)) throw new Error(`rootAlertTransformer: account label ${JSON.stringify(accountLabel)} must not contain < > " \\ or a newline`);
  const inputPathsMap: Record<string, string> = kind === 'sign-in'
    ? { ...COMMON_PATHS, result: '$.detail.responseElements.ConsoleLogin', error: '$.detail.errorMessage', mfaUsed: '$.detail.additionalEventData.MFAUsed' }
    : {
      ...COMMON_PATHS,
      eventSource: '$.detail.eventSource',
      errorCode: '$.detail.errorCode',
      accessKeyId: '$.detail.userIdentity.accessKeyId',
      mfaAuthenticated: '$.detail.userIdentity.sessionContext.attributes.mfaAuthenticated',
      sessionCreated: '$.detail.userIdentity.sessionContext.attributes.creationDate',
    };
  const lines = kind === 'sign-in'
    ? [
      `ROOT USER SIGN-IN EVENT in AWS account <account> (${accountLabel})`,
      'What: <eventName>, result: <result> <error>',
      'MFA used: <mfaUsed>',
      'When: <time> (UTC); EventBridge received it at <aws.events.event.ingestion-time>',
      'Where: Region <region>, source IP <sourceIp>',
      'User agent: <userAgent>',
      'CloudTrail event ID: <eventId> (CloudTrail event history of account <account>, Region <region>)',
      'Fast alert from root-guard (EventBridge rule <aws.events.rule-name>); the CIS root-activity alarm follows within minutes.',
    ]
    : [
      `ROOT USER ACTIVITY in AWS account <account> (${accountLabel})`,
      'What: <eventName> on <eventSource>, error code: <errorCode> (empty = it succeeded)',
      'When: <time> (UTC); EventBridge received it at <aws.events.event.ingestion-time>',
      'Where: Region <region>, source IP <sourceIp>',
      'User agent: <userAgent>',
      'Credentials: access key <accessKeyId>, MFA-authenticated session: <mfaAuthenticated>, session created: <sessionCreated>',
      'AssumeRoot session? An ASIA... key is temporary: it is an AssumeRoot session if the management or delegated-admin account logged sts:AssumeRoot returning this key id (search CloudTrail there for it, or run root-guard investigate: it names the caller and task policy); otherwise a root console or GetSessionToken session. Sessions with task policy IAMAuditRootUserCredentials or IAMDeleteRootUserCredentials are expected while someone runs root-guard root-credentials (its output lists each session key). An AKIA... key is a long-term root access key: delete it.',
      'CloudTrail event ID: <eventId> (CloudTrail event history of account <account>, Region <region>)',
      'Fast alert from root-guard (EventBridge rule <aws.events.rule-name>); the CIS root-activity alarm follows within minutes.',
    ];
  return transformer('rootAlertTransformer', inputPathsMap, lines);
}

/**
 * One JSON string per line (the form aws-cdk-lib's `RuleTargetInput.fromMultilineText` produces, so SNS
 * delivers readable lines), checked against EventBridge's input-transformer limits.
 */
function transformer(caller: string, inputPathsMap: Record<string, string>, lines: readonly string[]): RootAlertTransformer {
  const inputTemplate = lines.map((line) => JSON.stringify(line)).join('\n');
  if (Object.keys(inputPathsMap).length > INPUT_TRANSFORMER_LIMITS.inputPathsMap || inputTemplate.length > INPUT_TRANSFORMER_LIMITS.inputTemplate) {
    throw new Error(`${caller}: the message exceeds EventBridge input-transformer limits`);
  }
  return { inputPathsMap, inputTemplate };
}

/** One formatting rule on the central bus. */
export interface FormattingRuleSpec {
  readonly name: string;
  readonly kind: RootAlertKind;
  readonly eventPattern: EventPattern;
  readonly transformer: RootAlertTransformer;
}

/**
 * The formatting rules: for each named account a sign-in rule and an API rule restricted to it, and one
 * pair for every other account. Together they match each forwarded root event exactly once
 * (test/constructs/security-event-bus.test.ts evaluates them over the CloudTrail samples).
 */
export function formattingRules(ruleNamePrefix: string, accountNames: Readonly<Record<string, string>> = {}): FormattingRuleSpec[] {
  const named = Object.keys(accountNames).sort();
  const rules: FormattingRuleSpec[] = [];
  const add = (suffix: string, label: string, accounts: { only?: string[]; except?: string[] }) => {
    rules.push({ name: `${ruleNamePrefix}-signin-${suffix}`, kind: 'sign-in', eventPattern: withAccounts(ROOT_SIGN_IN_EVENT_PATTERN, accounts), transformer: rootAlertTransformer('sign-in', label) });
    rules.push({ name: `${ruleNamePrefix}-api-${suffix}`, kind: 'api', eventPattern: withAccounts(ROOT_API_EVENT_PATTERN, accounts), transformer: rootAlertTransformer('api', label) });
  };
  for (const account of named) add(account, accountNames[account], { only: [account] });
  add('other', 'account name not in root-guard config: add it to fastAlerts.accountNames', { except: named });
  return rules;
}

/**
 * The drill message: says TEST first, then which drill (id, who, when) and what it proves, from the
 * drill event's `detail` (src/detection/alert-drill.ts). `account` and `region` are the envelope's:
 * the account that put the event and the bus's Region
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html).
 */
export function drillAlertTransformer(eventBusName: string): RootAlertTransformer {
  if (!/^[A-Za-z0-9._-]+$/.test(eventBusName)) throw new Error(`drillAlertTransformer: event bus name ${JSON.stringify(eventBusName)} must be letters, digits, . _ or -`);
  const inputPathsMap: Record<string, string> = {
    drillId: '$.detail.drillId',
    caller: '$.detail.caller',
    time: '$.detail.time',
    account: '$.account',
    region: '$.region',
  };
  const lines = [
    DRILL_MESSAGE_PREFIX,
    'Drill <drillId>, started by <caller> at <time> (UTC); EventBridge received it at <aws.events.event.ingestion-time>.',
    `It proves the fast path from the central bus on: bus ${eventBusName} in account <account>, Region <region> -> rule <aws.events.rule-name> -> this SNS topic (and its KMS key) -> your subscription.`,
    'It does not exercise the forwarding rules in the member accounts nor their cross-account PutEvents to the bus.',
    'Sent by root-guard test-alert; a real root alert starts with ROOT USER.',
  ];
  return transformer('drillAlertTransformer', inputPathsMap, lines);
}

/**
 * The central bus in the security account: forwarders in every covered account and Region put root
 * events here, and formatting rules send a readable message to the security topic, with no function
 * code to deploy (input transformers).
 *
 * - Bus policy: `events:PutEvents` for principals of the organization only (`aws:PrincipalOrgID`) and
 *   only for the forwarders' roles (`aws:PrincipalArn`). Senders in an organization must use a role
 *   when they target another account's bus ("the sending event bus must have IAM roles attached to them
 *   when sending events to another account", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html).
 *   Not `Principal: *` without conditions (cdk-nag AwsSolutions-EVB1).
 * - Rules use state `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` so forwarded read-only management
 *   events are matched too (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail-management.html).
 * - The topic must let `events.amazonaws.com` publish and use its key: SecurityTopic's `allowEventBusRules`.
 *   Its grant covers every rule of this bus (`rule/<bus>/*`), the test rule too.
 * - The test rule matches only the drill event, which `root-guard test-alert` puts with credentials of
 *   this account. Within one account an identity-based allow is enough ("If either the identity-based
 *   policy or the resource-based policy within the same account allows the request ... the request is
 *   still allowed", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html;
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-example-policy-same-account.html),
 *   so the bus policy stays limited to the forwarder roles.
 */
export class SecurityEventBus extends Construct {
  public readonly eventBus: events.EventBus;
  /** The formatting rules (not the test rule). */
  public readonly rules: events.CfnRule[] = [];
  /** The rule that formats the drill event of `root-guard test-alert`. */
  public readonly testRule: events.CfnRule;

  constructor(scope: Construct, id: string, props: SecurityEventBusProps) {
    super(scope, id);
    if (!/^o-[a-z0-9]{10,32}$/.test(props.organizationId)) {
      throw new Error(`SecurityEventBus: organizationId "${props.organizationId}" is not an organization id (o- and 10-32 lowercase letters or digits)`);
    }
    const partition = Stack.of(this).partition;
    this.eventBus = new events.EventBus(this, 'EventBus', { eventBusName: props.eventBusName, description: 'root-guard: root-user activity forwarded from every covered account and Region' });
    this.eventBus.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowRootGuardForwardersOfTheOrganization',
      principals: [new iam.AnyPrincipal()],
      actions: ['events:PutEvents'],
      resources: [this.eventBus.eventBusArn],
      conditions: {
        StringEquals: { 'aws:PrincipalOrgID': props.organizationId },
        ArnLike: { 'aws:PrincipalArn': `arn:${partition}:iam::*:role/${props.forwarderRoleNamePattern}` },
      },
    }));

    for (const spec of formattingRules(props.ruleNamePrefix, props.accountNames)) {
      this.rules.push(new events.CfnRule(this, `Rule-${spec.name.slice(props.ruleNamePrefix.length + 1)}`, {
        name: spec.name,
        description: `root-guard: formats root ${spec.kind === 'sign-in' ? 'sign-in events' : 'API calls'} for the security topic`,
        eventBusName: this.eventBus.eventBusName,
        eventPattern: spec.eventPattern,
        state: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
        targets: [{
          id: 'SecurityTopic',
          arn: props.topicArn,
          inputTransformer: { inputPathsMap: spec.transformer.inputPathsMap, inputTemplate: spec.transformer.inputTemplate },
        }],
      }));
    }

    const drill = drillAlertTransformer(props.eventBusName);
    this.testRule = new events.CfnRule(this, 'Rule-test', {
      name: props.testRuleName,
      description: 'root-guard: formats the drill event of root-guard test-alert for the security topic',
      eventBusName: this.eventBus.eventBusName,
      eventPattern: DRILL_EVENT_PATTERN,
      // Plain ENABLED: ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS is about CloudTrail events, which this
      // rule never matches (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail-management.html).
      state: 'ENABLED',
      targets: [{ id: 'SecurityTopic', arn: props.topicArn, inputTransformer: { inputPathsMap: drill.inputPathsMap, inputTemplate: drill.inputTemplate } }],
    });
  }
}

import { CloudFormationClient, ListStackInstancesCommand, type StackInstanceSummary } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand, type Trail } from '@aws-sdk/client-cloudtrail';
import { GetRoleCommand, IAMClient, ListOrganizationsFeaturesCommand } from '@aws-sdk/client-iam';
import { CloudWatchClient, DescribeAlarmsCommand, GetAlarmMuteRuleCommand, ListAlarmMuteRulesCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeMetricFiltersCommand, type MetricFilter, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient, DescribeAggregateComplianceByConfigRulesCommand, GetAggregateComplianceDetailsByConfigRuleCommand } from '@aws-sdk/client-config-service';
import { GetSubscriptionAttributesCommand, GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { logGroupNameOfArn } from '../../src/config/organization-trail-record';
import type { ObservedMuteRule, ObservedTrailStatus } from '../../src/health/observed';
import { LANDING_ZONE_3_3 } from './fake-trails';
import { minimalConfig } from './config';
import { deployedTopicPolicy, expectedOf, healthyResponses } from './health-state';
import { type CallLog, createServer, type FakeAccount, type FakeOrganization, type FakePolicy, mockOrganizationOn, type ServeOptions, slice } from './fake-organization';

export { accessDenied, orgThrottled } from './fake-organization';

/**
 * The AWS side of an audit, simulated through aws-sdk-client-mock: the organization of
 * ./fake-organization.ts plus CloudFormation, CloudWatch, CloudWatch Logs, CloudTrail, SNS and AWS Config,
 * answering from one model, every listing paginated at the service's page size, optionally slowed
 * by a latency and throttled by token buckets at given rates. Shared by the audit tests and
 * scripts/bench-audit.ts. Ids are documentation values (111111111111 …, r-/ou- ids made up).
 */

export type SimAccount = FakeAccount;

export interface SimModel extends FakeOrganization {
  /** SCPs by name: id and attached target ids. */
  readonly policies: readonly FakePolicy[];
  /** Stack set name → instances (absent key: StackSetNotFoundException). */
  readonly stackSets: Readonly<Record<string, readonly StackInstanceSummary[]>>;
  /** Aggregator results: rule name → account id → compliance type (region = the stack instances' region). */
  readonly compliance: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly aggregatorName: string;
  readonly region: string;
  readonly alarms: readonly MetricAlarm[];
  /** Undefined: the log group does not exist. */
  readonly metricFilters?: readonly MetricFilter[];
  /** DescribeTrails in the home region (./fake-trails.ts shapes). @default LANDING_ZONE_3_3 */
  readonly trails?: readonly Trail[];
  /** GetTrailStatus.IsLogging of every trail. @default true */
  readonly trailLogging?: boolean;
  /** GetTrailStatus's delivery time and error. @default delivered a minute before the call, no error */
  readonly trailDelivery?: Pick<ObservedTrailStatus, 'LatestCloudWatchLogsDeliveryTime' | 'LatestCloudWatchLogsDeliveryError'>;
  /** GetAlarmMuteRule of every mute rule (ListAlarmMuteRules lists them by status). @default none */
  readonly muteRules?: readonly ObservedMuteRule[];
  /** Topic ARN → GetTopicAttributes' Attributes. @default the policy the package writes (alarms and EventBridge may publish), no key */
  readonly topicAttributes?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The principal the sentinel's read-only role trusts; null: the role is deleted. @default the verifier's role */
  readonly readerRoleTrust?: string | null;
  /** iam:ListOrganizationsFeatures' EnabledFeatures (centralized root access). @default both */
  readonly rootAccessFeatures?: readonly string[];
  /** Topic ARN → subscriptions. */
  readonly topics: Readonly<Record<string, readonly {
    readonly SubscriptionArn: string;
    readonly Protocol: string;
    readonly Endpoint: string;
    /** GetSubscriptionAttributes' ConfirmationWasAuthenticated. @default 'true' */
    readonly ConfirmationWasAuthenticated?: 'true' | 'false';
  }[]>>;
}

export interface SimOptions extends ServeOptions {
  /** Page sizes; default the services' maxima (Organizations 20, ListStackInstances 100, Config 100, SNS 100). */
  readonly pageSize?: Partial<Record<'organizations' | 'cloudformation' | 'config' | 'sns', number>>;
  /** The account the credentials belong to (sts:GetCallerIdentity). @default the model's management account */
  readonly callerAccount?: string;
}

export interface Simulation extends CallLog {
  restore(): void;
}

/** Query-protocol services (CloudFormation, CloudWatch, SNS) throw a generic error named by the code. */
export function serviceError(name: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode } });
}

/** Installs the simulation on every client class; `restore()` removes it. */
export function simulateAws(model: SimModel, options: SimOptions = {}): Simulation {
  const size = { organizations: 20, cloudformation: 100, config: 100, sns: 100, ...options.pageSize };
  const { calls, throttled, peakInFlight, serve } = createServer(options);
  const queryThrottle = () => serviceError('Throttling', 'Rate exceeded');
  const orgs = mockOrganizationOn(model, size.organizations, serve);

  const cfn = mockClient(CloudFormationClient);
  cfn.on(ListStackInstancesCommand).callsFake(serve('cloudformation:ListStackInstances', (i: { StackSetName?: string }) => i.StackSetName, queryThrottle, (input: { StackSetName?: string; StackInstanceRegion?: string; NextToken?: string }) => {
    const all = model.stackSets[input.StackSetName!];
    if (!all) throw serviceError('StackSetNotFoundException', `StackSet ${input.StackSetName} not found`);
    const inRegion = all.filter((s) => !input.StackInstanceRegion || s.Region === input.StackInstanceRegion);
    const page = slice(inRegion, input.NextToken, size.cloudformation);
    return { Summaries: page.items, NextToken: page.next };
  }));

  const config = mockClient(ConfigServiceClient);
  config.on(DescribeAggregateComplianceByConfigRulesCommand).callsFake(serve('config:DescribeAggregateComplianceByConfigRules', (i: { Filters?: { ConfigRuleName?: string } }) => i.Filters?.ConfigRuleName, queryThrottle, (input: { ConfigurationAggregatorName?: string; Filters?: { ConfigRuleName?: string; AwsRegion?: string }; NextToken?: string }) => {
    if (input.ConfigurationAggregatorName !== model.aggregatorName) throw serviceError('NoSuchConfigurationAggregatorException', 'The configuration aggregator does not exist');
    const rule = input.Filters?.ConfigRuleName ?? '';
    // The summary's Compliance type never says NOT_APPLICABLE (API_Compliance.html): an account with only
    // NOT_APPLICABLE evaluations shows INSUFFICIENT_DATA here (which of that or no entry AWS sends is unverified).
    const items = Object.entries(model.compliance[rule] ?? {}).map(([account, type]) => ({
      ConfigRuleName: rule, AccountId: account, AwsRegion: model.region, Compliance: { ComplianceType: type === 'NOT_APPLICABLE' ? 'INSUFFICIENT_DATA' : type },
    })).filter((i) => !input.Filters?.AwsRegion || i.AwsRegion === input.Filters.AwsRegion);
    const page = slice(items, input.NextToken, size.config);
    return { AggregateComplianceByConfigRules: page.items, NextToken: page.next };
  }));

  config.on(GetAggregateComplianceDetailsByConfigRuleCommand).callsFake(serve('config:GetAggregateComplianceDetailsByConfigRule', (i: { ConfigRuleName?: string; AccountId?: string }) => `${i.ConfigRuleName} ${i.AccountId}`, queryThrottle, (input: { ConfigurationAggregatorName?: string; ConfigRuleName?: string; AccountId?: string; AwsRegion?: string; ComplianceType?: string }) => {
    if (input.ConfigurationAggregatorName !== model.aggregatorName) throw serviceError('NoSuchConfigurationAggregatorException', 'The configuration aggregator does not exist');
    const type = input.AwsRegion === model.region ? model.compliance[input.ConfigRuleName ?? '']?.[input.AccountId ?? ''] : undefined;
    // The evaluation of the account's AWS::::Account resource, as EvaluationResult carries it (NOT_APPLICABLE included).
    const results = type && type !== 'INSUFFICIENT_DATA' && (!input.ComplianceType || input.ComplianceType === type)
      ? [{ ComplianceType: type, AccountId: input.AccountId, AwsRegion: input.AwsRegion, EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: input.ConfigRuleName, ResourceType: 'AWS::::Account', ResourceId: input.AccountId } } }]
      : [];
    return { AggregateEvaluationResults: results };
  }));

  const cw = mockClient(CloudWatchClient);
  cw.on(DescribeAlarmsCommand).callsFake(serve('cloudwatch:DescribeAlarms', () => undefined, queryThrottle, (input: { AlarmNames?: string[] }) => ({
    MetricAlarms: model.alarms.filter((a) => !input.AlarmNames || input.AlarmNames.includes(a.AlarmName!)),
  })));
  cw.on(ListAlarmMuteRulesCommand).callsFake(serve('cloudwatch:ListAlarmMuteRules', () => undefined, queryThrottle, (input: { Statuses?: string[] }) => ({
    AlarmMuteRuleSummaries: (model.muteRules ?? []).filter((r) => !input.Statuses || input.Statuses.includes(r.Status!)).map((r) => ({ AlarmMuteRuleArn: r.AlarmMuteRuleArn, Status: r.Status })),
  })));
  cw.on(GetAlarmMuteRuleCommand).callsFake(serve('cloudwatch:GetAlarmMuteRule', (i: { AlarmMuteRuleName?: string }) => i.AlarmMuteRuleName, queryThrottle, (input: { AlarmMuteRuleName?: string }) => {
    const rule = (model.muteRules ?? []).find((r) => r.Name === input.AlarmMuteRuleName);
    if (!rule) throw serviceError('ResourceNotFound', `no mute rule ${input.AlarmMuteRuleName}`, 404);
    return rule;
  }));

  const logs = mockClient(CloudWatchLogsClient);
  logs.on(DescribeMetricFiltersCommand).callsFake(serve('logs:DescribeMetricFilters', () => undefined, queryThrottle, (input: { logGroupName?: string; filterNamePrefix?: string }) => {
    // A log group exists when a filter is on it or a trail delivers to it; `metricFilters: undefined`: none exists.
    const groups = new Set([...(model.metricFilters ?? []).map((f) => f.logGroupName), ...(model.trails ?? LANDING_ZONE_3_3).map((t) => logGroupNameOfArn(t.CloudWatchLogsLogGroupArn ?? ''))]);
    if (!model.metricFilters || !groups.has(input.logGroupName)) throw new ResourceNotFoundException({ message: 'The specified log group does not exist.', $metadata: { httpStatusCode: 400 } });
    return { metricFilters: model.metricFilters.filter((f) => f.logGroupName === input.logGroupName && (!input.filterNamePrefix || f.filterName?.startsWith(input.filterNamePrefix))) };
  }));

  // CloudTrail is a JSON-protocol service: its errors are named by their code too.
  const cloudtrail = mockClient(CloudTrailClient);
  cloudtrail.on(DescribeTrailsCommand).callsFake(serve('cloudtrail:DescribeTrails', () => undefined, () => serviceError('ThrottlingException', 'Rate exceeded'), () => ({ trailList: [...(model.trails ?? LANDING_ZONE_3_3)] })));
  cloudtrail.on(GetTrailStatusCommand).callsFake(serve('cloudtrail:GetTrailStatus', (i: { Name?: string }) => i.Name, () => serviceError('ThrottlingException', 'Rate exceeded'), () => ({
    IsLogging: model.trailLogging ?? true,
    LatestCloudWatchLogsDeliveryTime: new Date(Date.now() - 60_000),
    ...(model.trailDelivery ? { ...model.trailDelivery, LatestCloudWatchLogsDeliveryTime: model.trailDelivery.LatestCloudWatchLogsDeliveryTime ? new Date(model.trailDelivery.LatestCloudWatchLogsDeliveryTime) : undefined } : {}),
  })));

  const sns = mockClient(SNSClient);
  sns.on(ListSubscriptionsByTopicCommand).callsFake(serve('sns:ListSubscriptionsByTopic', (i: { TopicArn?: string }) => i.TopicArn, queryThrottle, (input: { TopicArn?: string; NextToken?: string }) => {
    const subs = model.topics[input.TopicArn!];
    if (!subs) throw serviceError('NotFound', 'Topic does not exist', 404);
    const page = slice(subs, input.NextToken, size.sns);
    return { Subscriptions: page.items.map(({ ConfirmationWasAuthenticated: _, ...s }) => ({ ...s, TopicArn: input.TopicArn })), NextToken: page.next };
  }));
  sns.on(GetTopicAttributesCommand).callsFake(serve('sns:GetTopicAttributes', (i: { TopicArn?: string }) => i.TopicArn, queryThrottle, (input: { TopicArn?: string }) => {
    if (!model.topics[input.TopicArn!]) throw serviceError('NotFound', 'Topic does not exist', 404);
    return { Attributes: model.topicAttributes?.[input.TopicArn!] ?? { TopicArn: input.TopicArn!, Policy: deployedTopicPolicy(input.TopicArn!, model.managementAccountId ?? '111111111111', true) } };
  }));
  sns.on(GetSubscriptionAttributesCommand).callsFake(serve('sns:GetSubscriptionAttributes', (i: { SubscriptionArn?: string }) => i.SubscriptionArn, queryThrottle, (input: { SubscriptionArn?: string }) => {
    for (const [topicArn, subs] of Object.entries(model.topics)) {
      const s = subs.find((x) => x.SubscriptionArn === input.SubscriptionArn);
      if (s) {
        return { Attributes: { SubscriptionArn: s.SubscriptionArn, TopicArn: topicArn, Protocol: s.Protocol, Endpoint: s.Endpoint, PendingConfirmation: 'false', ConfirmationWasAuthenticated: s.ConfirmationWasAuthenticated ?? 'true' } };
      }
    }
    throw serviceError('NotFound', 'Subscription does not exist', 404);
  }));

  const iam = mockClient(IAMClient);
  iam.on(ListOrganizationsFeaturesCommand).callsFake(serve('iam:ListOrganizationsFeatures', () => undefined, () => serviceError('Throttling', 'Rate exceeded'), () => ({
    OrganizationId: 'o-exampleorgid', EnabledFeatures: [...(model.rootAccessFeatures ?? ['RootCredentialsManagement', 'RootSessions'])],
  })));

  // The sentinel's read-only role (src/ops/sentinel-reader-role.ts): trust policies come URL-encoded.
  iam.on(GetRoleCommand).callsFake(serve('iam:GetRole', (i: { RoleName?: string }) => i.RoleName, () => serviceError('Throttling', 'Rate exceeded'), (input: { RoleName?: string }) => {
    const trust = model.readerRoleTrust === undefined ? 'arn:aws:iam::222222222222:role/root-guard-sentinel-verifier' : model.readerRoleTrust;
    if (input.RoleName !== 'root-guard-sentinel-reader' || trust === null) throw serviceError('NoSuchEntity', `The role with name ${input.RoleName} cannot be found.`, 404);
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: trust }, Action: 'sts:AssumeRole' }] };
    return { Role: { RoleName: input.RoleName, Path: '/', RoleId: 'AROAEXAMPLESENTINEL', Arn: `arn:aws:iam::111111111111:role/${input.RoleName}`, CreateDate: new Date(0), AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(document)) } };
  }));

  const callerAccount = options.callerAccount ?? model.managementAccountId ?? '111111111111';
  const sts = mockClient(STSClient);
  sts.on(GetCallerIdentityCommand).resolves({ Account: callerAccount, Arn: `arn:aws:sts::${callerAccount}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/jane`, UserId: 'AROAEXAMPLE:jane' });

  return {
    calls,
    throttled,
    peakInFlight,
    restore() {
      for (const m of [orgs, cfn, config, cw, logs, cloudtrail, sns, sts, iam]) m.restore();
    },
  };
}

/** A stack instance summary as ListStackInstances returns it. */
export function instance(account: string, region: string, status = 'CURRENT', detailed = 'SUCCEEDED', reason?: string): StackInstanceSummary {
  return {
    Account: account,
    Region: region,
    Status: status as StackInstanceSummary['Status'],
    StackInstanceStatus: { DetailedStatus: detailed as NonNullable<StackInstanceSummary['StackInstanceStatus']>['DetailedStatus'] },
    ...(reason ? { StatusReason: reason } : {}),
  };
}

/** The alert path as the package deploys it: filter with the CIS pattern, alarm → topic, one confirmed email. */
export function healthyDetection(names: { alarm: string; metricFilter: string; metricName: string; metricNamespace: string; pattern: string; topicArn: string }):
  Pick<SimModel, 'alarms' | 'metricFilters' | 'topics'> {
  return {
    alarms: [{
      AlarmName: names.alarm,
      MetricName: names.metricName,
      Namespace: names.metricNamespace,
      ActionsEnabled: true,
      AlarmActions: [names.topicArn],
      StateValue: 'OK',
    }],
    metricFilters: [{
      filterName: names.metricFilter,
      filterPattern: names.pattern,
      logGroupName: 'aws-controltower/CloudTrailLogs',
      metricTransformations: [{ metricName: names.metricName, metricNamespace: names.metricNamespace, metricValue: '1' }],
    }],
    topics: {
      [names.topicArn]: [{ SubscriptionArn: `${names.topicArn}:0b5c1d2e-example`, Protocol: 'email', Endpoint: 'security@example.com' }],
    },
  };
}

/**
 * The detection the package of `config` deploys, healthy (test/support/health-state.ts): every filter
 * and alarm as committed, the topic with one confirmed email. @default the minimal config (root,
 * tamper and sentinel canary filters and alarms).
 */
export function deployedDetection(config = minimalConfig()): Pick<SimModel, 'alarms' | 'metricFilters' | 'topics'> {
  const healthy = healthyResponses(expectedOf(config));
  return {
    alarms: 'value' in healthy.alarms ? healthy.alarms.value : [],
    metricFilters: 'value' in healthy.metricFilters ? healthy.metricFilters.value : [],
    topics: Object.fromEntries(Object.entries(healthy.topics).map(([arn, t]) => [arn, ('value' in t.subscriptions ? t.subscriptions.value : []).map((x) => ({ SubscriptionArn: x.SubscriptionArn!, Protocol: x.Protocol!, Endpoint: x.Endpoint! }))])),
  };
}

/** The topic the fixture config's package creates. */
export const DEPLOYED_TOPIC = 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity';
const MEMBERS = ['222222222222', '222222222223', '333333333333', '333333333334', '333333333335'];

/**
 * A Control Tower organization with the package of the fixture config (test/fixtures/example-org) deployed
 * (home region us-east-1, prefix root-guard, rootChecks on Root, SCP on Workloads, topic created in
 * 222222222222): Security (Audit, Log Archive), Workloads (one account) > Prod (one), Sandbox (one).
 */
export function deployedOrganization(): SimModel {
  return {
    rootId: 'r-abcd',
    ous: [
      { id: 'ou-abcd-security', name: 'Security', parentId: 'r-abcd' },
      { id: 'ou-abcd-workload', name: 'Workloads', parentId: 'r-abcd' },
      { id: 'ou-abcd-prod0000', name: 'Prod', parentId: 'ou-abcd-workload' },
      { id: 'ou-abcd-sandbox0', name: 'Sandbox', parentId: 'r-abcd' },
    ],
    accounts: [
      { id: '111111111111', name: 'Management', parentId: 'r-abcd' },
      { id: '222222222222', name: 'Audit', parentId: 'ou-abcd-security' },
      { id: '222222222223', name: 'Log Archive', parentId: 'ou-abcd-security' },
      { id: '333333333333', name: 'Prod App', parentId: 'ou-abcd-prod0000' },
      { id: '333333333334', name: 'Workload', parentId: 'ou-abcd-workload' },
      { id: '333333333335', name: 'Sandbox 1', parentId: 'ou-abcd-sandbox0' },
    ],
    policies: [
      { name: 'FullAWSAccess', id: 'p-FullAWSAccess', targets: ['r-abcd'] },
      { name: 'aws-guardrails-AbCdEf', id: 'p-guardrail1', targets: ['ou-abcd-workload'] },
      { name: 'root-guard-root-baseline', id: 'p-rootguard1', targets: ['ou-abcd-workload'] },
    ],
    stackSets: {
      'CustomControlTower-root-guard-security-topic': [instance('222222222222', 'us-east-1')],
      'CustomControlTower-root-guard-root-activity-alarm': [instance('111111111111', 'us-east-1')],
      'CustomControlTower-root-guard-tamper-alerts': [instance('111111111111', 'us-east-1')],
      'CustomControlTower-root-guard-sentinel-reader': [instance('111111111111', 'us-east-1')],
      'CustomControlTower-root-guard-sentinel': [instance('222222222222', 'us-east-1')],
      'CustomControlTower-root-guard-root-checks': MEMBERS.map((a) => instance(a, 'us-east-1')),
    },
    compliance: {
      'root-guard-root-mfa': Object.fromEntries(MEMBERS.map((a) => [a, 'COMPLIANT'])),
      'root-guard-root-access-key': Object.fromEntries(MEMBERS.map((a) => [a, 'COMPLIANT'])),
    },
    aggregatorName: 'aws-controltower-GuardrailsComplianceAggregator',
    region: 'us-east-1',
    ...deployedDetection(),
  };
}

/**
 * `model` with the fast-alert stack sets deployed as a config with `fastAlerts.regions: regions` has
 * them: the central bus in the security account (222222222222, home region), and a forwarder in every
 * account of the root checks plus the management account, in each Region.
 */
export function withFastAlerts(model: SimModel, regions: readonly string[]): SimModel {
  // One member stack set (src/plan/stack-sets.ts): the root checks' stack set also carries the forwarder, so it
  // has an instance in the management account and every root-check account in every fast-alert Region.
  const rootChecks = model.stackSets['CustomControlTower-root-guard-root-checks'] ?? [];
  const covered = ['111111111111', ...rootChecks.map((i) => i.Account!)];
  const have = new Set(rootChecks.map((i) => `${i.Account}/${i.Region}`));
  const added = [...new Set([model.region, ...regions])].flatMap((region) => covered.filter((a) => !have.has(`${a}/${region}`)).map((account) => instance(account, region)));
  return {
    ...model,
    stackSets: {
      ...model.stackSets,
      'CustomControlTower-root-guard-root-event-bus': [instance('222222222222', model.region)],
      'CustomControlTower-root-guard-root-checks': [...rootChecks, ...added],
    },
  };
}

import { CloudFormationClient, ListStackInstancesCommand, ListStackSetsCommand } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient, type Trail } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigServiceClient, GetAggregateDiscoveredResourceCountsCommand, NoSuchConfigurationAggregatorException } from '@aws-sdk/client-config-service';
import {
  AccountNotManagementOrDelegatedAdministratorException, GetRoleCommand, GetRolePolicyCommand, IAMClient, ListOrganizationsFeaturesCommand, ListRolePoliciesCommand, NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { AuthorizationErrorException, GetTopicAttributesCommand, NotFoundException, SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';
import { type FakeOrganization, mockOrganization, sampleOrganization } from './fake-organization';
import { LANDING_ZONE_3_3, mockTrails } from './fake-trails';

/**
 * A Control Tower management account as preflight sees it (STS, Organizations, CloudFormation stack
 * sets, CloudWatch Logs, CloudTrail, IAM, SNS; AWS Config's aggregator in the Audit account), served through aws-sdk-client-mock with one item per page.
 * Shared by the preflight tests of src/ops and src/cli.
 */

export const MGMT = '111111111111';
export const ENROLLED = ['222222222222', '222222222223', '333333333333', '333333333334', '333333333335', '333333333336'];
const TRUST = encodeURIComponent(JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MGMT}:role/service-role/AWSControlTowerStackSetRole` }, Action: 'sts:AssumeRole' }],
}));

/**
 * The Sids of the fixture config's prerequisite's inline policy (test/fixtures/example-org/management-account-execution-role.json,
 * what `build` writes to prerequisites/ for the fixture config; a test keeps the two the same): the role as deploying that file leaves it.
 */
export function committedPrerequisiteSids(): string[] {
  return committedPrerequisiteStatements().map((st) => st.Sid as string);
}

/**
 * The statements of the fixture prerequisite's inline policy as IAM holds them once deployed in
 * account 111111111111: CloudFormation's Fn::Join and the AWS::Partition / AWS::AccountId references resolved.
 */
export function committedPrerequisiteStatements(): Record<string, unknown>[] {
  const template = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'example-org', 'management-account-execution-role.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: { PolicyDocument?: { Statement: Record<string, unknown>[] } } }> };
  const pseudo: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::AccountId': MGMT, 'AWS::Region': 'us-east-1', 'AWS::URLSuffix': 'amazonaws.com' };
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      if (typeof node.Ref === 'string' && node.Ref in pseudo) return pseudo[node.Ref];
      const join = node['Fn::Join'] as [string, unknown[]] | undefined;
      if (join) return join[1].map(resolve).join(join[0]);
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v)]));
    }
    return value;
  };
  return Object.values(template.Resources).filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap((r) => r.Properties.PolicyDocument!.Statement.map((st) => resolve(st) as Record<string, unknown>));
}

/** What the fake AWS holds; every field has a healthy default. */
export interface World {
  callerAccount?: string;
  org?: FakeOrganization;
  /** Organizations calls that fail: `organizations:<Action>:<parent or target id>` → error. */
  orgFailures?: Readonly<Record<string, Error>>;
  stackSets?: string[];
  enrolled?: string[];
  logGroups?: string[];
  /** Every log group's class and deletion protection, as DescribeLogGroups returns them. @default STANDARD, protected */
  logGroupClass?: string;
  deletionProtection?: boolean;
  /** DescribeTrails' trails (default: a 3.3 landing zone) and whether they log. */
  trails?: readonly Trail[];
  trailsLogging?: boolean;
  role?: 'ok' | 'missing' | 'untrusted' | 'denied';
  /** The Sids of the role's one inline policy (default: the fixture prerequisite's), or GetRolePolicy denied. */
  roleSids?: readonly string[] | 'denied';
  topic?: Record<string, string> | 'not-found' | 'denied';
  /** Centralized root access (iam:ListOrganizationsFeatures): both features on by default. */
  rootAccess?: 'on' | 'off' | 'not-allowed';
  /**
   * The aggregator `aws-controltower-GuardrailsComplianceAggregator`: accounts with resources recorded
   * in us-east-1 (default: every enrolled account), or an error for GetAggregateDiscoveredResourceCounts.
   */
  recording?: readonly string[] | Error;
}

/** Every mock made by {@link mockWorld}; restore them after each test. */
export const mocks: AwsStub<any, any, any>[] = [];

/** Restores every mock made so far. */
export function restoreWorld(): void {
  while (mocks.length) mocks.pop()!.restore();
}

/** Pages of one item each, so every paginator follows its tokens. */
function paged<T>(items: readonly T[], token: string | undefined): { items: T[]; next?: string } {
  const i = token ? Number(token) : 0;
  return { items: items.slice(i, i + 1), ...(i + 1 < items.length ? { next: String(i + 1) } : {}) };
}

/** Mocks every client class preflight uses to serve `world`. */
export function mockWorld(world: World = {}): void {
  const sts = mockClient(STSClient);
  const caller = world.callerAccount ?? MGMT;
  sts.on(GetCallerIdentityCommand).resolves({ Account: caller, Arn: `arn:aws:sts::${caller}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/jane` });

  const organizations = mockOrganization(world.org ?? sampleOrganization(), { failures: world.orgFailures }).stub;

  const cfn = mockClient(CloudFormationClient);
  const stackSets = world.stackSets ?? ['AWSControlTowerBP-BASELINE-CLOUDTRAIL', 'AWSControlTowerBP-BASELINE-CONFIG', 'AWSControlTowerBP-BASELINE-ROLES', 'CustomControlTower-other'];
  cfn.on(ListStackSetsCommand).callsFake((input: { NextToken?: string; Status?: string }) => {
    if (input.Status !== 'ACTIVE') throw new Error('expected Status: ACTIVE');
    const p = paged(stackSets, input.NextToken);
    return { Summaries: p.items.map((StackSetName) => ({ StackSetName, Status: 'ACTIVE' })), NextToken: p.next };
  });
  const instances = (world.enrolled ?? ENROLLED).flatMap((Account) => ['us-east-1', 'us-west-2'].map((Region) => ({ Account, Region })));
  cfn.on(ListStackInstancesCommand).callsFake((input: { StackSetName: string; NextToken?: string }) => {
    if (!stackSets.includes(input.StackSetName)) throw new Error(`no stack set ${input.StackSetName}`);
    const p = paged(instances, input.NextToken);
    return { Summaries: p.items, NextToken: p.next };
  });

  const logs = mockClient(CloudWatchLogsClient);
  const groups = world.logGroups ?? ['aws-controltower/CloudTrailLogs'];
  logs.on(DescribeLogGroupsCommand).callsFake((input: { logGroupNamePrefix?: string; nextToken?: string }) => {
    const matching = groups.filter((g) => g.startsWith(input.logGroupNamePrefix ?? ''));
    const p = paged(matching, input.nextToken);
    return { logGroups: p.items.map((logGroupName) => ({ logGroupName, logGroupClass: (world.logGroupClass ?? 'STANDARD') as 'STANDARD', deletionProtectionEnabled: world.deletionProtection ?? true })), nextToken: p.next };
  });

  const iam = mockClient(IAMClient);
  const role = world.role ?? 'ok';
  if (role === 'missing') iam.on(GetRoleCommand).rejects(new NoSuchEntityException({ message: 'The role with name AWSControlTowerExecution cannot be found.', $metadata: {} }));
  else if (role === 'denied') iam.on(GetRoleCommand).rejects(Object.assign(new Error('not authorized to perform: iam:GetRole'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
  else {
    const doc = role === 'ok' ? TRUST : encodeURIComponent(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudformation.amazonaws.com' }, Action: 'sts:AssumeRole' }] }));
    iam.on(GetRoleCommand, { RoleName: 'AWSControlTowerExecution' }).resolves({ Role: { RoleName: 'AWSControlTowerExecution', Path: '/', RoleId: 'AROAEXAMPLE', Arn: `arn:aws:iam::${MGMT}:role/AWSControlTowerExecution`, CreateDate: new Date(0), AssumeRolePolicyDocument: doc } });
    // One inline policy, named as CloudFormation names the prerequisite's, URL-encoded as IAM returns it.
    const policyName = 'ManagementExecutionRole-ExecutionRolePolicy79A7F477-AbCdEfGh1234';
    iam.on(ListRolePoliciesCommand, { RoleName: 'AWSControlTowerExecution' }).resolves({ PolicyNames: [policyName], IsTruncated: false });
    const sids = world.roleSids ?? committedPrerequisiteSids();
    if (sids === 'denied') iam.on(GetRolePolicyCommand).rejects(Object.assign(new Error('not authorized to perform: iam:GetRolePolicy'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
    else {
      // The fixture prerequisite's statements with those Sids (a Sid it does not have: a statement allowing nothing useful).
      const deployed = committedPrerequisiteStatements();
      const policy = { Version: '2012-10-17', Statement: sids.map((Sid) => deployed.find((st) => st.Sid === Sid) ?? { Sid, Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }) };
      iam.on(GetRolePolicyCommand, { RoleName: 'AWSControlTowerExecution', PolicyName: policyName }).resolves({ RoleName: 'AWSControlTowerExecution', PolicyName: policyName, PolicyDocument: encodeURIComponent(JSON.stringify(policy)) });
    }
  }

  const rootAccess = world.rootAccess ?? 'on';
  if (rootAccess === 'not-allowed') {
    iam.on(ListOrganizationsFeaturesCommand).rejects(new AccountNotManagementOrDelegatedAdministratorException({ message: 'not the management account or delegated administrator', $metadata: {} }));
  } else {
    iam.on(ListOrganizationsFeaturesCommand).resolves({ OrganizationId: 'o-exampleorgid', EnabledFeatures: rootAccess === 'on' ? ['RootCredentialsManagement', 'RootSessions'] : [] });
  }

  const sns = mockClient(SNSClient);
  const topic = world.topic ?? 'not-found';
  if (topic === 'not-found') sns.on(GetTopicAttributesCommand).rejects(new NotFoundException({ message: 'Topic does not exist', $metadata: {} }));
  else if (topic === 'denied') sns.on(GetTopicAttributesCommand).rejects(new AuthorizationErrorException({ message: 'not authorized', $metadata: {} }));
  else sns.on(GetTopicAttributesCommand).resolves({ Attributes: topic });

  // GetAggregateDiscoveredResourceCounts grouped by ACCOUNT_ID: one group per account, one a page here.
  const config = mockClient(ConfigServiceClient);
  const recording = world.recording ?? ENROLLED;
  config.on(GetAggregateDiscoveredResourceCountsCommand).callsFake((input: { ConfigurationAggregatorName?: string; GroupByKey?: string; Filters?: { Region?: string }; NextToken?: string }) => {
    if (recording instanceof Error) throw recording;
    if (input.ConfigurationAggregatorName !== 'aws-controltower-GuardrailsComplianceAggregator') {
      throw new NoSuchConfigurationAggregatorException({ message: 'The configuration aggregator does not exist. Check the configuration aggregator name and try again.', $metadata: {} });
    }
    if (input.GroupByKey !== 'ACCOUNT_ID' || input.Filters?.Region !== 'us-east-1') throw new Error('expected GroupByKey ACCOUNT_ID and Filters.Region us-east-1');
    const p = paged(recording, input.NextToken);
    return { TotalDiscoveredResources: 42 * recording.length, GroupByKey: 'ACCOUNT_ID', GroupedResourceCounts: p.items.map((GroupName) => ({ GroupName, ResourceCount: 42 })), NextToken: p.next };
  });

  mocks.push(sts, organizations, cfn, logs, iam, sns, config, mockTrails(world.trails ?? LANDING_ZONE_3_3, world.trailsLogging ?? true));
}

/** Clients as the CLI would create them (mocked through their classes); `aggregator`: as with --aggregator-profile. */
export const clients = (options: { aggregator?: boolean } = {}) => ({
  ...(options.aggregator ? { aggregatorConfig: new ConfigServiceClient({ region: 'us-east-1' }) } : {}),
  sts: new STSClient({ region: 'us-east-1' }),
  organizations: new OrganizationsClient({ region: 'us-east-1' }),
  cloudformation: new CloudFormationClient({ region: 'us-east-1' }),
  logs: new CloudWatchLogsClient({ region: 'us-east-1' }),
  iam: new IAMClient({ region: 'us-east-1' }),
  sns: new SNSClient({ region: 'us-east-1' }),
  cloudtrail: new CloudTrailClient({ region: 'us-east-1' }),
});


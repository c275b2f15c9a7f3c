/**
 * Every AWS call each operating command makes, as IAM actions: the one list the IAM policies in `iam/`
 * are generated from (src/iam/policies.ts, `npm run iam`), and that the CLI tests check every SDK call
 * against (test/support/cli.ts: a call a command sends that its policy does not allow fails the test).
 *
 * Grouped by the identity that needs them: the operator's credentials in the management account (or,
 * for `--security-profile` / `--topic-profile`, the security account), and, for `root-credentials`,
 * the AssumeRoot sessions whose rights come from AWS's task policies, not from the operator's policy.
 */

/** One IAM action a command needs. */
export interface CommandCall {
  /** `service:Action`. */
  readonly action: string;
  /** What the command does with it (shown as the statement's reason in docs/operating.md). */
  readonly why: string;
  /**
   * Who is authorized for it:
   * - `caller` (default): the operator's credentials, through the SDK or a signed request;
   * - `athena`: Athena checks it against the caller's identity while running the caller's query;
   * - `root-session`: the AssumeRoot session, under the AWS managed task policy (not the operator's).
   */
  readonly by?: 'caller' | 'athena' | 'root-session';
  /** Resources the action is limited to; default `*` (list and describe calls take no resource). */
  readonly resources?: readonly string[];
}

/** The commands (and the fast path's security-account identity) that get a policy. */
export type PolicySubject = 'preflight' | 'resolve' | 'audit' | 'investigate' | 'hunt' | 'publish' | 'test-alert' | 'test-alert-fast-path' | 'root-credentials';

/** Reading the organization's tree (src/ops/organization/read-organization.ts). */
const READ_ORGANIZATION: readonly CommandCall[] = [
  { action: 'organizations:DescribeOrganization', why: 'the organization and its management account' },
  { action: 'organizations:ListRoots', why: 'the root of the OU tree' },
  { action: 'organizations:ListOrganizationalUnitsForParent', why: 'walk the OU tree' },
  { action: 'organizations:ListChildren', why: 'walk the OU tree' },
  { action: 'organizations:ListAccounts', why: 'every account and its status' },
  { action: 'organizations:ListAccountsForParent', why: 'the accounts of each OU' },
  { action: 'organizations:ListParents', why: 'where an account sits (the SCP reach of the security account)' },
];

const CALLER = { action: 'sts:GetCallerIdentity', why: 'whose credentials these are (needs no permission, listed for clarity)' } as const;
const TRAIL: readonly CommandCall[] = [
  { action: 'cloudtrail:DescribeTrails', why: 'find the organization trail and its log group' },
  { action: 'cloudtrail:GetTrailStatus', why: 'whether the trail is logging' },
];

/** Athena's default query-result buckets (`aws-athena-query-results-<account>-<region>`). */
const ATHENA_RESULTS_BUCKET = 'arn:aws:s3:::aws-athena-query-results-*';

/** What each command calls. */
export const COMMAND_CALLS: Readonly<Record<PolicySubject, readonly CommandCall[]>> = {
  preflight: [
    CALLER,
    ...READ_ORGANIZATION,
    { action: 'organizations:ListPoliciesForTarget', why: 'SCP slots used on each target' },
    { action: 'iam:GetRole', why: 'the AWSControlTowerExecution role exists in the management account' },
    { action: 'iam:ListRolePolicies', why: 'the execution role\'s inline policies' },
    { action: 'iam:GetRolePolicy', why: 'compare the execution role\'s statements with the prerequisite' },
    { action: 'iam:ListOrganizationsFeatures', why: 'centralized root access is enabled' },
    { action: 'cloudformation:ListStackSets', why: 'Control Tower\'s baseline stack set (enrolment)' },
    { action: 'cloudformation:ListStackInstances', why: 'which accounts are enrolled' },
    { action: 'logs:DescribeLogGroups', why: 'the organization trail\'s log group exists' },
    { action: 'sns:GetTopicAttributes', why: 'an existing security topic (securityTopic.arn) exists' },
    { action: 'sns:ListSubscriptionsByTopic', why: 'the management account can list the topic\'s subscriptions, as Security Hub CloudWatch.1 needs' },
    { action: 'config:GetAggregateDiscoveredResourceCounts', why: 'AWS Config records in the root-check accounts (through the aggregator)' },
    ...TRAIL,
  ],
  resolve: [
    ...READ_ORGANIZATION,
    ...TRAIL,
    { action: 'controltower:ListLandingZones', why: 'the landing zone (a signed request: no SDK client has it)' },
    { action: 'controltower:GetLandingZone', why: 'the landing zone\'s version and AWS Config integration' },
    { action: 'controltower:ListBaselines', why: 'the names of the baselines (a signed request)' },
    { action: 'controltower:ListEnabledBaselines', why: 'the baselines enabled on each OU (a signed request)' },
    { action: 'cloudformation:ListStackSets', why: 'whether CfCT\'s enrolment stack set AWSControlTowerBP-BASELINE-CONFIG exists' },
  ],
  audit: [
    CALLER,
    ...READ_ORGANIZATION,
    { action: 'organizations:ListPolicies', why: 'the baseline SCPs' },
    { action: 'organizations:ListTargetsForPolicy', why: 'where each baseline SCP is attached' },
    { action: 'cloudformation:ListStackInstances', why: 'the package\'s stack instances per account and Region' },
    { action: 'cloudwatch:DescribeAlarms', why: 'the root-activity and tamper alarms and their actions' },
    { action: 'logs:DescribeMetricFilters', why: 'the metric filters on the trail\'s log group' },
    { action: 'config:DescribeAggregateComplianceByConfigRules', why: 'the root Config rules\' compliance (through the aggregator)' },
    { action: 'config:GetAggregateComplianceDetailsByConfigRule', why: 'a NOT_APPLICABLE result (no root credentials), which the compliance summary cannot show' },
    { action: 'iam:ListOrganizationsFeatures', why: 'centralized root access is enabled (CIS AWS Foundations Benchmark v7.0 2.1.1)' },
    { action: 'sns:ListSubscriptionsByTopic', why: 'confirmed subscribers of the security topic (--topic-profile: in the security account)' },
    { action: 'sns:GetSubscriptionAttributes', why: 'whether an email subscription can be removed by a link' },
    { action: 'cloudwatch:ListAlarmMuteRules', why: 'mute rules that are scheduled or active (the shared health rules, src/health/)' },
    { action: 'cloudwatch:GetAlarmMuteRule', why: 'which alarms each such mute rule targets' },
    { action: 'sns:GetTopicAttributes', why: 'the security topic\'s policy (may the alarms publish?) and key' },
    { action: 'kms:GetKeyPolicy', why: 'the topic key\'s policy (may the publishing services use it?; --topic-profile only)' },
    { action: 'iam:GetRole', why: 'the sentinel\'s read-only role exists and trusts the verifier' },
    ...TRAIL,
  ],
  investigate: [
    { action: 'logs:StartQuery', why: 'the root-activity query on the trail\'s log group (Logs Insights)' },
    { action: 'logs:GetQueryResults', why: 'read the query\'s results' },
    { action: 'logs:StopQuery', why: 'stop the query when the command is interrupted or times out' },
    { action: 'organizations:DescribeAccount', why: 'the name of each account found (src/ops/account-labels.ts)' },
    { action: 'organizations:ListParents', why: 'the OU path of each account found' },
    { action: 'organizations:DescribeOrganizationalUnit', why: 'the names on that OU path' },
  ],
  hunt: [
    { action: 'athena:GetWorkGroup', why: 'the workgroup\'s result location and limits' },
    { action: 'athena:StartQueryExecution', why: 'run the hunt\'s SQL (and, with --create-table, the DDL)' },
    { action: 'athena:GetQueryExecution', why: 'poll the query\'s state and bytes scanned' },
    { action: 'athena:GetQueryResults', why: 'read the matches' },
    { action: 'athena:StopQueryExecution', why: 'stop a query over its time or scan limit' },
    { action: 'glue:GetDatabase', why: 'the table\'s database', by: 'athena' },
    { action: 'glue:GetTable', why: 'the CloudTrail table', by: 'athena' },
    { action: 'glue:GetPartitions', why: 'the table\'s partitions (none with partition projection, still checked)', by: 'athena' },
    { action: 's3:GetObject', why: 'read the organization trail\'s files in the log archive', by: 'athena' },
    { action: 's3:ListBucket', why: 'list the log archive\'s prefixes and the results location', by: 'athena' },
    { action: 's3:GetBucketLocation', why: 'the log archive\'s and the results bucket\'s Region', by: 'athena' },
    // The query results: Athena writes them with the caller's permissions. AWS's AmazonAthenaFullAccess
    // policy grants these on `aws-athena-query-results-*`, the default result buckets' names
    // (https://docs.aws.amazon.com/athena/latest/ug/managed-policies.html): a workgroup writing elsewhere
    // needs its own bucket here (docs/operating.md, "IAM policies").
    { action: 's3:ListBucketMultipartUploads', why: 'write the query results', by: 'athena', resources: [ATHENA_RESULTS_BUCKET] },
    { action: 's3:PutObject', why: 'write the query results', by: 'athena', resources: [`${ATHENA_RESULTS_BUCKET}/*`] },
    { action: 's3:AbortMultipartUpload', why: 'write the query results', by: 'athena', resources: [`${ATHENA_RESULTS_BUCKET}/*`] },
    { action: 's3:ListMultipartUploadParts', why: 'write the query results', by: 'athena', resources: [`${ATHENA_RESULTS_BUCKET}/*`] },
    // --discover (src/ops/hunt-inputs.ts): what the table needs, from the organization and the landing zone.
    { action: 'organizations:DescribeOrganization', why: '--discover: the organization id (the trail\'s prefix)' },
    { action: 'organizations:ListAccounts', why: '--discover: the accounts the table projects' },
    { action: 'controltower:ListLandingZones', why: '--discover: the landing zone (a signed request: no SDK client has it)' },
    { action: 'controltower:GetLandingZone', why: '--discover: its governed Regions and log archive account' },
  ],
  publish: [
    CALLER,
    { action: 's3:ListBucket', why: 'HeadBucket: CfCT\'s bucket exists and is the management account\'s', resources: ['arn:aws:s3:::custom-control-tower-configuration-*'] },
    { action: 's3:GetObject', why: 'HeadObject: whether the object already holds this package (so the pipeline is not started again)', resources: ['arn:aws:s3:::custom-control-tower-configuration-*/custom-control-tower-configuration.zip'] },
    { action: 's3:PutObject', why: 'upload the package (starts CfCT\'s pipeline)', resources: ['arn:aws:s3:::custom-control-tower-configuration-*/custom-control-tower-configuration.zip'] },
  ],
  'test-alert': [
    CALLER,
    { action: 'cloudwatch:DescribeAlarms', why: 'the root-activity alarm, its state and actions' },
    { action: 'cloudwatch:SetAlarmState', why: 'set the alarm to ALARM, then back to OK', resources: ['arn:aws:cloudwatch:*:*:alarm:*-root-activity'] },
    { action: 'cloudwatch:DescribeAlarmHistory', why: 'whether CloudWatch published to the topic' },
    { action: 'sns:ListSubscriptionsByTopic', why: 'who will receive the message' },
  ],
  'test-alert-fast-path': [
    CALLER,
    { action: 'events:PutEvents', why: 'put the drill event on the central bus', resources: ['arn:aws:events:*:*:event-bus/*-root-activity'] },
    { action: 'cloudwatch:GetMetricStatistics', why: 'the test rule\'s Invocations and FailedInvocations' },
    { action: 'sns:ListSubscriptionsByTopic', why: 'who will receive the message' },
    { action: 'states:StartExecution', why: '--path sentinel: run one verification of the sentinel now', resources: ['arn:aws:states:*:*:stateMachine:*-sentinel'] },
    { action: 'states:DescribeExecution', why: '--path sentinel: wait for it and read its findings', resources: ['arn:aws:states:*:*:execution:*-sentinel:*'] },
  ],
  'root-credentials': [
    CALLER,
    ...READ_ORGANIZATION,
    { action: 'iam:ListOrganizationsFeatures', why: 'centralized root access (RootCredentialsManagement, RootSessions) is enabled' },
    {
      action: 'sts:AssumeRoot',
      why: 'a short session as a member account\'s root user, limited to an AWS managed task policy',
      resources: ['*'],
    },
    { action: 'iam:GetLoginProfile', why: 'whether root has a password', by: 'root-session' },
    { action: 'iam:ListAccessKeys', why: 'root\'s access keys', by: 'root-session' },
    { action: 'iam:GetAccessKeyLastUsed', why: 'when each key was last used', by: 'root-session' },
    { action: 'iam:ListMFADevices', why: 'root\'s MFA devices', by: 'root-session' },
    { action: 'iam:ListSigningCertificates', why: 'root\'s signing certificates', by: 'root-session' },
    { action: 'iam:DeleteLoginProfile', why: '--delete PASSWORD --apply', by: 'root-session' },
    { action: 'iam:DeleteAccessKey', why: '--delete KEYS --apply', by: 'root-session' },
    { action: 'iam:DeleteSigningCertificate', why: '--delete CERTS --apply', by: 'root-session' },
    { action: 'iam:DeactivateMFADevice', why: '--delete MFA --apply', by: 'root-session' },
  ],
};

/** The root-task policies an AssumeRoot session may be given (src/ops/root-credentials/task-policies.ts). */
export const ROOT_TASK_POLICY_ARNS = [
  'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials',
  'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials',
] as const;

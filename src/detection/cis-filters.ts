/**
 * The optional CIS AWS Foundations Benchmark monitoring set (section 4 of v1.4-v3.0, section 3 of
 * v1.2): one metric filter per control on the organization trail's log group, each with an alarm to
 * the security topic. The root-usage control (4.3) is not here: the package always deploys it
 * (src/detection/root-activity-pattern.ts). 4.16 (Security Hub enabled) is not a metric filter.
 *
 * Each pattern is chosen so that the checkers teams actually run pass:
 * - Security Hub CloudWatch.2-14 compare the filter with the CIS v1.2 / v1.4 text exactly ("This
 *   control fails if the exact metric filters prescribed by CIS are not used. Additional fields or
 *   terms cannot be added", https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html).
 *   Where Security Hub has a control, its remediation string is used byte for byte.
 * - Prowler's checks (prowler/providers/aws/services/cloudwatch/*, read at prowler-cloud/prowler@0702f9d)
 *   search the filter text with a regular expression (`re.search(..., re.DOTALL)`): order-independent
 *   lookaheads built by `build_metric_filter_pattern(event_names, event_source, extra_clauses)`,
 *   or an order-dependent regex for 4.1 and 4.3. Names are listed in Prowler's order so that older,
 *   order-dependent Prowler versions pass too.
 * Where the two disagree, the control gets two filters publishing one metric, watched by one alarm
 * (one notification per event; the metric counts 2 for an event both filters match, and the alarm
 * fires at >= 1 either way). test/detection/cis-filters.test.ts proves every claim below.
 */

/** The CIS 4.x monitoring controls this package can deploy (`cisMonitoring` in the config). */
export const CIS_MONITORING_IDS = ['4.1', '4.2', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9', '4.10', '4.11', '4.12', '4.13', '4.14', '4.15'] as const;

/** A CIS 4.x monitoring control id. */
export type CisMonitoringId = (typeof CIS_MONITORING_IDS)[number];

/** What the config accepts: every control, or a list of ids. */
export type CisMonitoringSelection = 'all' | readonly string[];

/** One metric filter of a control. */
export interface CisFilterVariant {
  /** Appended to the control's filter name (`''` for the main filter). */
  readonly nameSuffix: string;
  /** The filter pattern, verbatim. */
  readonly pattern: string;
  /** Security Hub's control passes on this string (exact match). */
  readonly satisfiesSecurityHub: boolean;
  /** Prowler's check passes on this string (its regular expression finds it). */
  readonly satisfiesProwler: boolean;
}

/** One CIS monitoring control: its filters and why these strings were chosen. */
export interface CisMonitoringControl {
  readonly id: CisMonitoringId;
  /** The same control's number in CIS v1.2 (Security Hub's "CIS AWS Foundations Benchmark v1.2.0/3.x"). */
  readonly cisV12Id?: string;
  readonly title: string;
  /** Security Hub control, if there is one. */
  readonly securityHubControl?: string;
  /** Prowler check id. */
  readonly prowlerCheck: string;
  /** kebab-case name part of the filter and alarm names. */
  readonly slug: string;
  /** PascalCase metric name part. */
  readonly metricName: string;
  readonly filters: readonly CisFilterVariant[];
  /** Why these strings (shown in docs/fast-alerts-and-cis.md). */
  readonly choice: string;
}

const one = (pattern: string, satisfiesSecurityHub: boolean): CisFilterVariant[] => [
  { nameSuffix: '', pattern, satisfiesSecurityHub, satisfiesProwler: true },
];

const SECURITY_HUB_BOTH = 'Security Hub remediation string, byte for byte; Prowler\'s regular expression finds every clause in it.';

/** `($.eventName=A) || ($.eventName=B)` in the CIS text's three spellings: v1.2 compact, v3.0 spaced, v3.0 quoted. */
const eventNames = (names: readonly string[], style: 'compact' | 'spaced' | 'quoted' = 'compact'): string =>
  names.map((n) => {
    if (style === 'quoted') return `($.eventName = "${n}")`;
    return style === 'spaced' ? `($.eventName = ${n})` : `($.eventName=${n})`;
  }).join(' || ');

const ROUTE_TABLE_EVENT_NAMES = ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable'];

/** Organizations events, in Prowler's order: the CIS list plus CancelHandshake, CreateOrganization, EnableAllFeatures. */
const ORGANIZATIONS_EVENT_NAMES = [
  'AcceptHandshake', 'AttachPolicy', 'CancelHandshake', 'CreateAccount', 'CreateOrganization', 'CreateOrganizationalUnit',
  'CreatePolicy', 'DeclineHandshake', 'DeleteOrganization', 'DeleteOrganizationalUnit', 'DeletePolicy', 'EnableAllFeatures',
  'EnablePolicyType', 'InviteAccountToOrganization', 'LeaveOrganization', 'DetachPolicy', 'DisablePolicyType', 'MoveAccount',
  'RemoveAccountFromOrganization', 'UpdateOrganizationalUnit', 'UpdatePolicy',
];

/** The controls, in CIS order. */
export const CIS_MONITORING_CONTROLS: readonly CisMonitoringControl[] = [
  {
    id: '4.1',
    cisV12Id: '3.1',
    title: 'Unauthorized API calls',
    securityHubControl: 'CloudWatch.2',
    prowlerCheck: 'cloudwatch_log_metric_filter_unauthorized_api_calls',
    slug: 'unauthorized-api-calls',
    metricName: 'UnauthorizedAPICalls',
    filters: one('{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}', true),
    choice: `${SECURITY_HUB_BOTH} The CIS v1.4/v3.0 text adds "|| ($.sourceIPAddress!=delivery.logs.amazonaws.com) || ($.eventName!=HeadBucket)", which OR-ed matches nearly every event; it is not used.`,
  },
  {
    id: '4.2',
    cisV12Id: '3.2',
    title: 'Management console sign-in without MFA',
    securityHubControl: 'CloudWatch.3',
    prowlerCheck: 'cloudwatch_log_metric_filter_sign_in_without_mfa',
    slug: 'console-sign-in-without-mfa',
    metricName: 'ConsoleSignInWithoutMFA',
    filters: one('{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }', true),
    choice: `${SECURITY_HUB_BOTH} It counts successful IAM-user sign-ins only (root sign-ins are the root alarm's; failed ones are 4.6), so it does not fire for IAM Identity Center users, whose sign-in is not an IAM user's.`,
  },
  {
    id: '4.4',
    cisV12Id: '3.4',
    title: 'IAM policy changes',
    securityHubControl: 'CloudWatch.4',
    prowlerCheck: 'cloudwatch_log_metric_filter_policy_changes',
    slug: 'iam-policy-changes',
    metricName: 'IAMPolicyChanges',
    filters: one(`{${eventNames(['DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy'])}}`, true),
    choice: `${SECURITY_HUB_BOTH} It has no eventSource clause, so Auto Scaling's and Organizations' CreatePolicy/DeletePolicy also count (Security Hub documents this).`,
  },
  {
    id: '4.5',
    cisV12Id: '3.5',
    title: 'CloudTrail configuration changes',
    securityHubControl: 'CloudWatch.5',
    prowlerCheck: 'cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled',
    slug: 'cloudtrail-changes',
    metricName: 'CloudTrailChanges',
    filters: one(`{${eventNames(['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'])}}`, true),
    choice: SECURITY_HUB_BOTH,
  },
  {
    id: '4.6',
    cisV12Id: '3.6',
    title: 'Management console authentication failures',
    securityHubControl: 'CloudWatch.6',
    prowlerCheck: 'cloudwatch_log_metric_filter_authentication_failures',
    slug: 'console-authentication-failures',
    metricName: 'ConsoleAuthenticationFailures',
    filters: one('{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}', true),
    choice: SECURITY_HUB_BOTH,
  },
  {
    id: '4.7',
    cisV12Id: '3.7',
    title: 'Disabling or scheduled deletion of customer managed keys',
    securityHubControl: 'CloudWatch.7',
    prowlerCheck: 'cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk',
    slug: 'kms-key-disable-or-deletion',
    metricName: 'KMSKeyDisableOrDeletion',
    filters: one('{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}', true),
    choice: `${SECURITY_HUB_BOTH} Security Hub also fails the control if the trail excludes kms.amazonaws.com management events.`,
  },
  {
    id: '4.8',
    cisV12Id: '3.8',
    title: 'S3 bucket policy changes',
    securityHubControl: 'CloudWatch.8',
    prowlerCheck: 'cloudwatch_log_metric_filter_for_s3_bucket_policy_changes',
    slug: 's3-bucket-policy-changes',
    metricName: 'S3BucketPolicyChanges',
    filters: one(`{($.eventSource=s3.amazonaws.com) && (${eventNames(['PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication'])})}`, true),
    choice: SECURITY_HUB_BOTH,
  },
  {
    id: '4.9',
    cisV12Id: '3.9',
    title: 'AWS Config configuration changes',
    securityHubControl: 'CloudWatch.9',
    prowlerCheck: 'cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled',
    slug: 'config-changes',
    metricName: 'AWSConfigChanges',
    filters: one(`{($.eventSource=config.amazonaws.com) && (${eventNames(['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder'])})}`, true),
    choice: SECURITY_HUB_BOTH,
  },
  {
    id: '4.10',
    cisV12Id: '3.10',
    title: 'Security group changes',
    securityHubControl: 'CloudWatch.10',
    prowlerCheck: 'cloudwatch_log_metric_filter_security_group_changes',
    slug: 'security-group-changes',
    metricName: 'SecurityGroupChanges',
    filters: one(`{${eventNames(['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup'])}}`, true),
    choice: SECURITY_HUB_BOTH,
  },
  {
    id: '4.11',
    cisV12Id: '3.11',
    title: 'Network ACL changes',
    securityHubControl: 'CloudWatch.11',
    prowlerCheck: 'cloudwatch_changes_to_network_acls_alarm_configured',
    slug: 'network-acl-changes',
    metricName: 'NetworkACLChanges',
    filters: one(`{${eventNames(['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation'])}}`, true),
    choice: SECURITY_HUB_BOTH,
  },
  {
    id: '4.12',
    cisV12Id: '3.12',
    title: 'Network gateway changes',
    securityHubControl: 'CloudWatch.12',
    prowlerCheck: 'cloudwatch_changes_to_network_gateways_alarm_configured',
    slug: 'network-gateway-changes',
    metricName: 'NetworkGatewayChanges',
    filters: one(`{${eventNames(['CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway'])}}`, true),
    choice: SECURITY_HUB_BOTH,
  },
  {
    id: '4.13',
    cisV12Id: '3.13',
    title: 'Route table changes',
    securityHubControl: 'CloudWatch.13',
    prowlerCheck: 'cloudwatch_changes_to_network_route_tables_alarm_configured',
    slug: 'route-table-changes',
    metricName: 'RouteTableChanges',
    filters: [
      {
        nameSuffix: '',
        pattern: `{${eventNames(ROUTE_TABLE_EVENT_NAMES)}}`,
        satisfiesSecurityHub: true,
        satisfiesProwler: false,
      },
      {
        nameSuffix: '-ec2',
        pattern: `{($.eventSource = ec2.amazonaws.com) && (${eventNames(ROUTE_TABLE_EVENT_NAMES, 'spaced')}) }`,
        satisfiesSecurityHub: false,
        satisfiesProwler: true,
      },
    ],
    choice: 'The checkers disagree: Security Hub requires the CIS v1.2/v1.4 string (no eventSource clause) and Prowler requires "$.eventSource = ec2.amazonaws.com" (the CIS v3.0 audit form). Two filters publish one metric watched by one alarm: the first is Security Hub\'s string, the second the CIS v3.0 form. The first also counts API Gateway v2 CreateRoute/DeleteRoute, which the v3.0 form was written to exclude.',
  },
  {
    id: '4.14',
    cisV12Id: '3.14',
    title: 'VPC changes',
    securityHubControl: 'CloudWatch.14',
    prowlerCheck: 'cloudwatch_changes_to_vpcs_alarm_configured',
    slug: 'vpc-changes',
    metricName: 'VPCChanges',
    filters: one(`{${eventNames(['CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection', 'AttachClassicLinkVpc', 'DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink'])}}`, true),
    choice: SECURITY_HUB_BOTH,
  },
  {
    id: '4.15',
    title: 'AWS Organizations changes',
    prowlerCheck: 'cloudwatch_log_metric_filter_aws_organizations_changes',
    slug: 'organizations-changes',
    metricName: 'OrganizationsChanges',
    filters: one(`{ ($.eventSource = organizations.amazonaws.com) && (${eventNames(ORGANIZATIONS_EVENT_NAMES, 'quoted')}) }`, false),
    choice: 'No Security Hub control. The CIS v1.4/v3.0 text lists 18 event names; Prowler requires 21 (it adds CancelHandshake, CreateOrganization and EnableAllFeatures) and fails the CIS text. This filter is the CIS v3.0 form with all 21 names, in Prowler\'s order: a superset of the CIS list, which CIS\'s audit ("contains") accepts.',
  },
];

/** Whether `id` is a supported CIS monitoring id. */
export function isCisMonitoringId(id: string): id is CisMonitoringId {
  return (CIS_MONITORING_IDS as readonly string[]).includes(id);
}

/** The controls a selection stands for, in CIS order (unknown ids are the config schema's job). */
export function selectCisControls(selection: CisMonitoringSelection | undefined): CisMonitoringControl[] {
  if (selection === undefined) return [];
  if (selection === 'all') return [...CIS_MONITORING_CONTROLS];
  const wanted = new Set(selection);
  return CIS_MONITORING_CONTROLS.filter((c) => wanted.has(c.id));
}

/** Filter and alarm name of a control (dots are valid in both; Security Hub's own example is `CIS-1.7-RootAccountUsage`). */
export function cisResourceName(prefix: string, control: CisMonitoringControl): string {
  return `${prefix}-cis-${control.id}-${control.slug}`;
}

/** Metric name of a control (all its filters publish this one metric). */
export function cisMetricName(prefix: string, control: CisMonitoringControl): string {
  return `${prefix}-CIS-${control.id}-${control.metricName}`;
}

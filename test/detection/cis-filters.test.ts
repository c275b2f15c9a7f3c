import {
  CIS_MONITORING_CONTROLS,
  CIS_MONITORING_IDS,
  type CisMonitoringControl,
  cisMetricName,
  cisResourceName,
  selectCisControls,
} from '../../src/detection/cis-filters';
import { ROOT_ACTIVITY_FILTER_PATTERN } from '../../src/detection/root-activity-pattern';
import { compileFilterPattern } from '../../src/filter-pattern';
import { labelledCloudTrailSamples } from '../support/cloudtrail-samples';

/**
 * Security Hub's published filter strings, copied from the remediation steps of CloudWatch.1-14
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html; archived copy
 * awsdocs/aws-security-hub-user-guide doc_source/cloudwatch-controls.md). Security Hub fails the control
 * unless the filter is exactly this string.
 */
const SECURITY_HUB: Record<string, string> = {
  'CloudWatch.1': '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  'CloudWatch.2': '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  'CloudWatch.3': '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  'CloudWatch.4': '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
  'CloudWatch.5': '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
  'CloudWatch.6': '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  'CloudWatch.7': '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
  'CloudWatch.8': '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
  'CloudWatch.9': '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
  'CloudWatch.10': '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
  'CloudWatch.11': '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
  'CloudWatch.12': '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
  'CloudWatch.13': '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
  'CloudWatch.14': '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
};

/** Python's `re.escape` (3.7+): a backslash before each of `()[]{}?*+-|^$\.&~# \t\n\r\v\f`. */
function pythonReEscape(text: string): string {
  return text.replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (c) => `\\${c}`);
}

/**
 * Prowler's `build_metric_filter_pattern` (prowler/providers/aws/services/cloudwatch/lib/metric_filters.py
 * at prowler-cloud/prowler@0702f9d), line for line: one lookahead per required clause, order-independent,
 * searched with `re.DOTALL` (the JS `s` flag).
 */
function buildMetricFilterPattern(args: { eventNames?: string[]; eventSource?: string; extraClauses?: [string, '=' | '!=', string][] }): RegExp {
  const parts: string[] = [];
  if (args.eventSource !== undefined) parts.push(`(?=.*\\$\\.eventSource\\s*=\\s*.?${pythonReEscape(args.eventSource)})`);
  for (const name of args.eventNames ?? []) parts.push(`(?=.*\\$\\.eventName\\s*=\\s*.?${pythonReEscape(name)}\\b)`);
  for (const [field, operator, value] of args.extraClauses ?? []) {
    const op = operator === '!=' ? '\\s*!=\\s*' : '\\s*=\\s*';
    parts.push(`(?=.*\\$\\.${pythonReEscape(field)}${op}.?${pythonReEscape(value)})`);
  }
  return new RegExp(parts.join(''), 's');
}

/** Each Prowler check's regular expression, from the check's source at prowler-cloud/prowler@0702f9d. */
const PROWLER: Record<string, RegExp> = {
  cloudwatch_log_metric_filter_root_usage: /\$\.userIdentity\.type\s*=\s*.?Root.+\$\.userIdentity\.invokedBy NOT EXISTS.+\$\.eventType\s*!=\s*.?AwsServiceEvent.?/s,
  cloudwatch_log_metric_filter_unauthorized_api_calls: /\$\.errorCode\s*=\s*.?\*UnauthorizedOperation.+\$\.errorCode\s*=\s*.?AccessDenied\*.?/s,
  cloudwatch_log_metric_filter_sign_in_without_mfa: buildMetricFilterPattern({ eventNames: ['ConsoleLogin'], extraClauses: [['additionalEventData.MFAUsed', '!=', 'Yes']] }),
  cloudwatch_log_metric_filter_policy_changes: buildMetricFilterPattern({
    eventNames: ['DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy'],
  }),
  cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled: buildMetricFilterPattern({ eventNames: ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'] }),
  cloudwatch_log_metric_filter_authentication_failures: buildMetricFilterPattern({ eventNames: ['ConsoleLogin'], extraClauses: [['errorMessage', '=', 'Failed authentication']] }),
  cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk: buildMetricFilterPattern({ eventSource: 'kms.amazonaws.com', eventNames: ['DisableKey', 'ScheduleKeyDeletion'] }),
  cloudwatch_log_metric_filter_for_s3_bucket_policy_changes: buildMetricFilterPattern({
    eventSource: 's3.amazonaws.com',
    eventNames: ['PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication'],
  }),
  cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled: buildMetricFilterPattern({
    eventSource: 'config.amazonaws.com',
    eventNames: ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder'],
  }),
  cloudwatch_log_metric_filter_security_group_changes: buildMetricFilterPattern({
    eventNames: ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup'],
  }),
  cloudwatch_changes_to_network_acls_alarm_configured: buildMetricFilterPattern({
    eventNames: ['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation'],
  }),
  cloudwatch_changes_to_network_gateways_alarm_configured: buildMetricFilterPattern({
    eventNames: ['CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway'],
  }),
  cloudwatch_changes_to_network_route_tables_alarm_configured: buildMetricFilterPattern({
    eventSource: 'ec2.amazonaws.com',
    eventNames: ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable'],
  }),
  cloudwatch_changes_to_vpcs_alarm_configured: buildMetricFilterPattern({
    eventNames: ['CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection', 'AttachClassicLinkVpc', 'DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink'],
  }),
  cloudwatch_log_metric_filter_aws_organizations_changes: buildMetricFilterPattern({
    eventSource: 'organizations.amazonaws.com',
    eventNames: ['AcceptHandshake', 'AttachPolicy', 'CancelHandshake', 'CreateAccount', 'CreateOrganization', 'CreateOrganizationalUnit', 'CreatePolicy', 'DeclineHandshake', 'DeleteOrganization', 'DeleteOrganizationalUnit', 'DeletePolicy', 'EnableAllFeatures', 'EnablePolicyType', 'InviteAccountToOrganization', 'LeaveOrganization', 'DetachPolicy', 'DisablePolicyType', 'MoveAccount', 'RemoveAccountFromOrganization', 'UpdateOrganizationalUnit', 'UpdatePolicy'],
  }),
};

/**
 * Expected outcome per control and checker: every selectable control passes Prowler, and every
 * control Security Hub has passes Security Hub. `-` = the checker has no such control.
 */
const EXPECTED_OUTCOMES: Record<string, { securityHub: 'PASS' | '-'; prowler: 'PASS' }> = Object.fromEntries(
  CIS_MONITORING_IDS.map((id) => [id, { securityHub: id === '4.15' ? '-' : 'PASS', prowler: 'PASS' }]),
);

/** A CloudTrail record with the fields the CIS filters look at. */
function record(eventSource: string, eventName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'AssumedRole', accountId: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/Admin/jane' },
    eventSource,
    eventName,
    eventType: 'AwsApiCall',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    recipientAccountId: '111111111111',
    ...extra,
  };
}

const names = (source: string, list: string[]) => list.map((n) => record(source, n));
const signIn = (type: string, result: 'Success' | 'Failure', mfa: string) => record('signin.amazonaws.com', 'ConsoleLogin', {
  eventType: 'AwsConsoleSignIn',
  userIdentity: { type, accountId: '111111111111' },
  responseElements: { ConsoleLogin: result },
  additionalEventData: { MFAUsed: mfa },
  ...(result === 'Failure' ? { errorMessage: 'Failed authentication' } : {}),
});

/** Events each control's filters must count, and events they must not. */
const EVENTS: Record<string, { positive: Record<string, unknown>[]; negative: Record<string, unknown>[] }> = {
  '4.1': {
    positive: [
      record('ec2.amazonaws.com', 'RunInstances', { errorCode: 'Client.UnauthorizedOperation' }),
      record('s3.amazonaws.com', 'GetObject', { errorCode: 'AccessDenied' }),
      record('kms.amazonaws.com', 'Decrypt', { errorCode: 'AccessDeniedException' }),
    ],
    negative: [
      record('ec2.amazonaws.com', 'RunInstances'),
      record('ec2.amazonaws.com', 'RunInstances', { errorCode: 'Client.UnauthorizedOperationLimit' }),
      record('dynamodb.amazonaws.com', 'Query', { errorCode: 'ThrottlingException' }),
    ],
  },
  '4.2': {
    positive: [signIn('IAMUser', 'Success', 'No')],
    negative: [signIn('IAMUser', 'Success', 'Yes'), signIn('IAMUser', 'Failure', 'No'), signIn('Root', 'Success', 'No'), signIn('AssumedRole', 'Success', 'No')],
  },
  '4.4': {
    positive: [
      ...names('iam.amazonaws.com', ['DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy']),
      // No eventSource clause: Auto Scaling's DeletePolicy counts too (Security Hub documents it).
      record('autoscaling.amazonaws.com', 'DeletePolicy'),
    ],
    negative: names('iam.amazonaws.com', ['GetPolicy', 'ListPolicies', 'CreateRole', 'SetDefaultPolicyVersion']),
  },
  '4.5': {
    positive: names('cloudtrail.amazonaws.com', ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging']),
    negative: names('cloudtrail.amazonaws.com', ['DescribeTrails', 'LookupEvents', 'PutEventSelectors']),
  },
  '4.6': {
    positive: [signIn('IAMUser', 'Failure', 'No'), signIn('Root', 'Failure', 'No')],
    negative: [signIn('IAMUser', 'Success', 'No'), record('signin.amazonaws.com', 'ConsoleLogin', { errorMessage: 'No username found in supplied account' })],
  },
  '4.7': {
    positive: names('kms.amazonaws.com', ['DisableKey', 'ScheduleKeyDeletion']),
    negative: [...names('kms.amazonaws.com', ['EnableKey', 'CancelKeyDeletion', 'Decrypt']), record('example.amazonaws.com', 'DisableKey')],
  },
  '4.8': {
    positive: names('s3.amazonaws.com', ['PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication']),
    negative: [...names('s3.amazonaws.com', ['GetBucketPolicy', 'PutObject', 'PutBucketTagging']), record('s3control.amazonaws.com', 'PutBucketPolicy')],
  },
  '4.9': {
    positive: names('config.amazonaws.com', ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder']),
    negative: [...names('config.amazonaws.com', ['StartConfigurationRecorder', 'PutConfigRule']), record('example.amazonaws.com', 'PutDeliveryChannel')],
  },
  '4.10': {
    positive: names('ec2.amazonaws.com', ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup']),
    negative: names('ec2.amazonaws.com', ['DescribeSecurityGroups', 'ModifySecurityGroupRules']),
  },
  '4.11': {
    positive: names('ec2.amazonaws.com', ['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation']),
    negative: names('ec2.amazonaws.com', ['DescribeNetworkAcls']),
  },
  '4.12': {
    positive: names('ec2.amazonaws.com', ['CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway']),
    negative: names('ec2.amazonaws.com', ['DescribeInternetGateways', 'CreateNatGateway']),
  },
  '4.13': {
    positive: names('ec2.amazonaws.com', ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable']),
    negative: names('ec2.amazonaws.com', ['DescribeRouteTables', 'AssociateRouteTable']),
  },
  '4.14': {
    positive: names('ec2.amazonaws.com', ['CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection', 'AttachClassicLinkVpc', 'DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink']),
    negative: names('ec2.amazonaws.com', ['DescribeVpcs', 'CreateSubnet']),
  },
  '4.15': {
    positive: names('organizations.amazonaws.com', ['AcceptHandshake', 'AttachPolicy', 'CancelHandshake', 'CreateAccount', 'CreateOrganization', 'CreateOrganizationalUnit', 'CreatePolicy', 'DeclineHandshake', 'DeleteOrganization', 'DeleteOrganizationalUnit', 'DeletePolicy', 'EnableAllFeatures', 'EnablePolicyType', 'InviteAccountToOrganization', 'LeaveOrganization', 'DetachPolicy', 'DisablePolicyType', 'MoveAccount', 'RemoveAccountFromOrganization', 'UpdateOrganizationalUnit', 'UpdatePolicy']),
    negative: [...names('organizations.amazonaws.com', ['ListAccounts', 'DescribeOrganization']), record('iam.amazonaws.com', 'CreatePolicy')],
  },
};

const anyFilterMatches = (control: CisMonitoringControl, event: unknown) => control.filters.some((f) => compileFilterPattern(f.pattern).matches(event));

describe('the CIS monitoring set', () => {
  test('offers every CIS 4.x monitoring control except root usage (always deployed) and 4.16 (not a filter)', () => {
    expect(CIS_MONITORING_CONTROLS.map((c) => c.id)).toEqual([...CIS_MONITORING_IDS]);
    expect(CIS_MONITORING_IDS).toEqual(['4.1', '4.2', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9', '4.10', '4.11', '4.12', '4.13', '4.14', '4.15']);
  });

  describe.each(CIS_MONITORING_CONTROLS.map((c) => [`${c.id} ${c.title}`, c] as const))('%s', (_name, control) => {
    test('passes the checkers teams run (table of expected outcomes)', () => {
      const securityHub = control.securityHubControl
        ? (control.filters.some((f) => f.pattern === SECURITY_HUB[control.securityHubControl as string]) ? 'PASS' : 'FAIL')
        : '-';
      const prowler = control.filters.some((f) => PROWLER[control.prowlerCheck].test(f.pattern)) ? 'PASS' : 'FAIL';
      expect({ securityHub, prowler }).toEqual(EXPECTED_OUTCOMES[control.id]);
    });

    test('states per filter which checker it satisfies, and the statement is true', () => {
      for (const filter of control.filters) {
        const hub = control.securityHubControl ? filter.pattern === SECURITY_HUB[control.securityHubControl] : false;
        expect({ filter: filter.nameSuffix, securityHub: hub, prowler: PROWLER[control.prowlerCheck].test(filter.pattern) })
          .toEqual({ filter: filter.nameSuffix, securityHub: filter.satisfiesSecurityHub, prowler: filter.satisfiesProwler });
      }
    });

    test('counts its positive events and none of its negative events (filter-pattern engine)', () => {
      const { positive, negative } = EVENTS[control.id];
      expect(positive.length).toBeGreaterThan(0);
      expect(negative.length).toBeGreaterThan(0);
      for (const event of positive) expect({ event: event.eventName, matched: anyFilterMatches(control, event) }).toEqual({ event: event.eventName, matched: true });
      for (const event of negative) expect({ event: event.eventName, matched: anyFilterMatches(control, event) }).toEqual({ event: event.eventName, matched: false });
    });
  });

  test('route tables (4.13): the Security Hub filter also counts API Gateway routes, the CIS v3.0 filter counts EC2 only', () => {
    const control = CIS_MONITORING_CONTROLS.find((c) => c.id === '4.13') as CisMonitoringControl;
    const [hub, ec2] = control.filters.map((f) => compileFilterPattern(f.pattern));
    const apiGateway = record('apigateway.amazonaws.com', 'CreateRoute');
    expect([hub.matches(apiGateway), ec2.matches(apiGateway)]).toEqual([true, false]);
    const route = record('ec2.amazonaws.com', 'CreateRoute');
    expect([hub.matches(route), ec2.matches(route)]).toEqual([true, true]);
  });

  test('the checkers do fire: the strings they reject are rejected by this harness too', () => {
    // CIS v1.4/v3.0's Organizations text has 18 names; Prowler wants 21 (docs/reference/detection.md#prowler).
    const cisOrganizations = '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }';
    expect(PROWLER.cloudwatch_log_metric_filter_aws_organizations_changes.test(cisOrganizations)).toBe(false);
    expect(PROWLER.cloudwatch_changes_to_network_route_tables_alarm_configured.test(SECURITY_HUB['CloudWatch.13'])).toBe(false);
    // A short name must not satisfy a longer one (Prowler's \b): CreateRouteTable alone is not CreateRoute.
    expect(buildMetricFilterPattern({ eventNames: ['CreateRoute'] }).test('{($.eventName=CreateRouteTable)}')).toBe(false);
    // Security Hub: one extra space is a different string.
    expect(SECURITY_HUB['CloudWatch.5'].replace('{(', '{ (')).not.toBe(SECURITY_HUB['CloudWatch.5']);
  });

  test('the root filter the package always deploys passes Security Hub CloudWatch.1 and Prowler', () => {
    expect(ROOT_ACTIVITY_FILTER_PATTERN).toBe(SECURITY_HUB['CloudWatch.1']);
    expect(PROWLER.cloudwatch_log_metric_filter_root_usage.test(ROOT_ACTIVITY_FILTER_PATTERN)).toBe(true);
  });

  test('lists Organizations event names in Prowler\'s order, so order-dependent Prowler versions pass too', () => {
    // Prowler before build_metric_filter_pattern used one order-dependent regex per check.
    const orderDependent = /\$\.eventSource\s*=\s*.?organizations\.amazonaws\.com.+\$\.eventName\s*=\s*.?AcceptHandshake.+\$\.eventName\s*=\s*.?AttachPolicy.+\$\.eventName\s*=\s*.?CancelHandshake.+\$\.eventName\s*=\s*.?CreateAccount.+\$\.eventName\s*=\s*.?CreateOrganization.+\$\.eventName\s*=\s*.?CreateOrganizationalUnit.+\$\.eventName\s*=\s*.?CreatePolicy.+\$\.eventName\s*=\s*.?DeclineHandshake.+\$\.eventName\s*=\s*.?DeleteOrganization.+\$\.eventName\s*=\s*.?DeleteOrganizationalUnit.+\$\.eventName\s*=\s*.?DeletePolicy.+\$\.eventName\s*=\s*.?EnableAllFeatures.+\$\.eventName\s*=\s*.?EnablePolicyType.+\$\.eventName\s*=\s*.?InviteAccountToOrganization.+\$\.eventName\s*=\s*.?LeaveOrganization.+\$\.eventName\s*=\s*.?DetachPolicy.+\$\.eventName\s*=\s*.?DisablePolicyType.+\$\.eventName\s*=\s*.?MoveAccount.+\$\.eventName\s*=\s*.?RemoveAccountFromOrganization.+\$\.eventName\s*=\s*.?UpdateOrganizationalUnit.+\$\.eventName\s*=\s*.?UpdatePolicy.?/s;
    const organizations = CIS_MONITORING_CONTROLS.find((c) => c.id === '4.15') as CisMonitoringControl;
    expect(orderDependent.test(organizations.filters[0].pattern)).toBe(true);
  });

  test('agrees with the labelled CloudTrail samples where they touch a CIS control', () => {
    const samples = labelledCloudTrailSamples();
    const matched = samples.map((s) => CIS_MONITORING_CONTROLS.filter((c) => anyFilterMatches(c, s.record)).map((c) => c.id));
    // Failed root sign-in → 4.6; IAM user sign-in without MFA → 4.2; DeleteBucketPolicy in an AssumeRoot session → 4.8.
    expect(matched).toEqual([[], ['4.6'], [], [], [], [], [], ['4.2'], [], [], [], ['4.8']]);
  });
});

describe('selectCisControls', () => {
  test('selects nothing by default, everything for "all", and listed ids in CIS order', () => {
    expect(selectCisControls(undefined)).toEqual([]);
    expect(selectCisControls('all')).toHaveLength(14);
    expect(selectCisControls(['4.15', '4.1']).map((c) => c.id)).toEqual(['4.1', '4.15']);
  });

  test('names filters, alarms and metrics from the prefix and the CIS id', () => {
    const control = CIS_MONITORING_CONTROLS[0];
    expect(cisResourceName('root-guard', control)).toBe('root-guard-cis-4.1-unauthorized-api-calls');
    expect(cisMetricName('root-guard', control)).toBe('root-guard-CIS-4.1-UnauthorizedAPICalls');
  });
});

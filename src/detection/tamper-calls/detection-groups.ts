/**
 * Tamper groups on the detection itself, in the management account: root-guard's alarms, the
 * organization trail's log group and its metric filters, the trail. Every one of them can switch
 * path A off, so each has a path-B rule (`fastRule`).
 */
import type { TamperCallGroup, TamperNames } from './types';

export function detectionGroups(names: TamperNames): TamperCallGroup[] {
  const prefix = `${names.namePrefix}-`;
  return [
    {
      id: 'alarms',
      title: 'root-guard alarm deleted or its actions disabled',
      eventSource: 'monitoring.amazonaws.com',
      eventNames: ['DeleteAlarms', 'DisableAlarmActions'],
      scope: 'management',
      resource: { field: 'alarmNames', values: [`${prefix}*`], list: true },
      exempt: 'execution-role',
      disables: ['alarm', 'alarm actions'],
      fastRule: true,
    },
    {
      id: 'alarm-edits',
      title: 'root-guard alarm changed',
      eventSource: 'monitoring.amazonaws.com',
      eventNames: ['PutMetricAlarm'],
      scope: 'management',
      resource: { field: 'alarmName', values: [`${prefix}*`] },
      exempt: 'execution-role',
      disables: ['alarm'],
      fastRule: true,
    },
    {
      id: 'alarm-mutes',
      title: 'CloudWatch alarm mute rule created or changed (it can mute root-guard alarms on a schedule)',
      eventSource: 'monitoring.amazonaws.com',
      // Mute targets are a list of up to 100 alarm names: every mute rule in the management account
      // alerts; root-guard deploys none (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-alarmmuterule.html).
      eventNames: ['PutAlarmMuteRule'],
      scope: 'management',
      exempt: 'none',
      disables: ['alarm actions'],
      fastRule: true,
    },
    {
      id: 'log-filters',
      title: 'metric filter or log group of the organization trail deleted or changed',
      eventSource: 'logs.amazonaws.com',
      eventNames: ['DeleteMetricFilter', 'PutMetricFilter', 'DeleteLogGroup'],
      scope: 'management',
      resource: { field: 'logGroupName', values: [names.logGroupName] },
      exempt: 'execution-role',
      disables: ['metric filter', 'log group'],
      fastRule: true,
    },
    {
      id: 'log-group',
      title: 'organization trail log group re-keyed, subscribed or its retention changed',
      eventSource: 'logs.amazonaws.com',
      // A key CloudWatch Logs cannot use stops delivery; a subscription filter copies every record out.
      // CloudTrail writes each account's and Region's records to a log stream of its own.
      eventNames: ['AssociateKmsKey', 'DisassociateKmsKey', 'PutSubscriptionFilter', 'PutRetentionPolicy', 'DeleteRetentionPolicy', 'DeleteLogStream'],
      scope: 'management',
      resource: { field: 'logGroupName', values: [names.logGroupName] },
      exempt: 'execution-role',
      disables: ['log group', 'trail delivery'],
      fastRule: true,
    },
    {
      id: 'log-group-policies',
      title: 'transformer, data protection policy or deletion protection of the organization trail log group changed',
      eventSource: 'logs.amazonaws.com',
      // A transformer rewrites records before metric filters see them; these calls name the log group
      // by `logGroupIdentifier` (name or ARN).
      eventNames: ['PutTransformer', 'PutDataProtectionPolicy', 'PutLogGroupDeletionProtection'],
      scope: 'management',
      resource: { field: 'logGroupIdentifier', values: [names.logGroupName, `${names.logGroupArn}*`] },
      exempt: 'execution-role',
      disables: ['metric filter', 'log group'],
      fastRule: true,
    },
    {
      id: 'log-account-policies',
      title: 'CloudWatch Logs account-level policy put in the management account (transformer, data protection, subscription)',
      eventSource: 'logs.amazonaws.com',
      eventNames: ['PutAccountPolicy'],
      scope: 'management',
      exempt: 'none',
      disables: ['metric filter'],
      fastRule: true,
    },
    {
      id: 'trail',
      title: 'CloudTrail trail stopped, deleted or changed',
      eventSource: 'cloudtrail.amazonaws.com',
      // `name` is the trail's name or ARN: any trail in the organization alerts (CIS 4.5 does the same).
      eventNames: ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors'],
      scope: 'any',
      exempt: 'execution-role',
      disables: ['trail'],
      fastRule: true,
    },
  ];
}

import type { HealthCase, Recorded, RecordedResponses } from './health-state';
import { TaskError, type TaskCall } from './states-interpreter';

/**
 * Answers the sentinel's Tasks from recorded responses, as Step Functions' AWS SDK integration would:
 * field names in PascalCase (https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html),
 * lists in pages of `pageSize` with NextToken, errors as `Error`/`Cause`.
 */

/** Every object key with its first letter upper-cased, at every depth (CloudWatch Logs' camelCase names). */
export function pascalCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascalCase);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), pascalCase(v)]));
  }
  return value;
}

function answer<T>(recorded: Recorded<T> | undefined, what: string): T {
  if (!recorded) throw new TaskError('States.TaskFailed', `no recorded response for ${what}`);
  if ('error' in recorded) throw new TaskError(recorded.error.name, recorded.error.message);
  return recorded.value;
}

function page<T>(items: readonly T[], token: string | undefined, size: number): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  const next = start + size < items.length ? String(start + size) : undefined;
  return { items: items.slice(start, start + size), ...(next ? { next } : {}) };
}

export interface RecordedTaskOptions {
  /** Items per page of every listing. @default 50 */
  readonly pageSize?: number;
  /** The read-only role the management-account reads must use; another (or none) is refused. */
  readonly readerRoleArn: string;
  /** Published messages, appended here. */
  readonly published?: { TopicArn: string; Subject?: string; Message: string }[];
  /** A publish that fails (the topic's key denied, say). */
  readonly publishError?: { name: string; message: string };
}

/** The `call` of {@link runStateMachine} for one case. */
export function recordedTasks(responses: RecordedResponses, options: RecordedTaskOptions) {
  const size = options.pageSize ?? 50;
  return async (call: TaskCall): Promise<unknown> => {
    const args = call.args as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const management = (what: string) => {
      if (call.credentials?.RoleArn !== options.readerRoleArn) throw new TaskError('States.TaskFailed', `${what} in the management account without the read-only role`);
    };
    switch (call.resource) {
      case 'arn:aws:states:::aws-sdk:cloudwatchlogs:describeMetricFilters': {
        management('DescribeMetricFilters');
        const all = answer(responses.metricFilters, 'DescribeMetricFilters').filter((f) => f.logGroupName === args.LogGroupName);
        const p = page(all, args.NextToken, size);
        return pascalCase({ metricFilters: p.items, ...(p.next ? { nextToken: p.next } : {}) });
      }
      case 'arn:aws:states:::aws-sdk:cloudwatch:describeAlarms': {
        management('DescribeAlarms');
        const all = answer(responses.alarms, 'DescribeAlarms').filter((a) => (args.AlarmNames as string[]).includes(a.AlarmName!));
        return pascalCase({ MetricAlarms: all });
      }
      case 'arn:aws:states:::aws-sdk:cloudwatch:listAlarmMuteRules': {
        management('ListAlarmMuteRules');
        const all = answer(responses.muteRules, 'ListAlarmMuteRules').filter((r) => (args.Statuses as string[]).includes(r.Status ?? ''));
        const p = page(all.map((r) => ({ AlarmMuteRuleArn: r.AlarmMuteRuleArn, Status: r.Status })), args.NextToken, size);
        return { AlarmMuteRuleSummaries: p.items, ...(p.next ? { NextToken: p.next } : {}) };
      }
      case 'arn:aws:states:::aws-sdk:cloudwatch:getAlarmMuteRule': {
        management('GetAlarmMuteRule');
        const rule = answer(responses.muteRules, 'GetAlarmMuteRule').find((r) => r.AlarmMuteRuleArn?.endsWith(`:${args.AlarmMuteRuleName}`));
        if (!rule) throw new TaskError('CloudWatch.ResourceNotFoundException', `no mute rule ${args.AlarmMuteRuleName}`);
        return pascalCase(rule);
      }
      case 'arn:aws:states:::aws-sdk:cloudtrail:getTrailStatus':
        management('GetTrailStatus');
        return pascalCase(answer(responses.trailStatus, 'GetTrailStatus'));
      case 'arn:aws:states:::aws-sdk:sns:getTopicAttributes':
        return { Attributes: answer(responses.topics[args.TopicArn]?.attributes, `GetTopicAttributes ${args.TopicArn}`) };
      case 'arn:aws:states:::aws-sdk:sns:listSubscriptionsByTopic': {
        const p = page(answer(responses.topics[args.TopicArn]?.subscriptions, `ListSubscriptionsByTopic ${args.TopicArn}`), args.NextToken, size);
        return { Subscriptions: p.items, ...(p.next ? { NextToken: p.next } : {}) };
      }
      case 'arn:aws:states:::aws-sdk:kms:getKeyPolicy': {
        const topic = Object.values(responses.topics).find((t) => 'value' in t.attributes && t.attributes.value.KmsMasterKeyId === args.KeyId);
        return { Policy: answer(topic?.keyPolicy, `GetKeyPolicy ${args.KeyId}`), PolicyName: 'default' };
      }
      case 'arn:aws:states:::sns:publish':
        if (options.publishError) throw new TaskError(`SNS.${options.publishError.name}`, options.publishError.message);
        options.published?.push({ TopicArn: args.TopicArn, Subject: args.Subject, Message: args.Message });
        return { MessageId: '00000000-0000-0000-0000-000000000000' };
      default:
        throw new Error(`no recorded answer for ${call.resource}`);
    }
  };
}

export type { HealthCase };

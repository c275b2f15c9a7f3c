import { asSet, canonical, listShort, type SecurityChange, setDiff } from './change';
import { diffPolicyDocument } from './policy-diff';

/** A long pattern's start and its length: the file itself has it whole (git diff). */
function cut(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** One CloudFormation resource of a template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
}

/** The resource's name as a person knows it (its name property), else its logical id. */
export function resourceLabel(logicalId: string, resource: TemplateResource): string {
  if (logicalId === '') return KIND[resource.Type] ?? resource.Type;
  const p = resource.Properties ?? {};
  const name = [p.AlarmName, p.FilterName, p.Name, p.ConfigRuleName, p.RoleName, p.TopicName, p.AliasName, p.PolicyName].find((v) => typeof v === 'string');
  return `${KIND[resource.Type] ?? resource.Type} ${typeof name === 'string' ? name : logicalId}`;
}

const KIND: Readonly<Record<string, string>> = {
  'AWS::Logs::MetricFilter': 'metric filter',
  'AWS::CloudWatch::Alarm': 'alarm',
  'AWS::Events::Rule': 'EventBridge rule',
  'AWS::Config::ConfigRule': 'Config rule',
  'AWS::SNS::Topic': 'SNS topic',
  'AWS::SNS::TopicPolicy': 'topic policy',
  'AWS::SNS::Subscription': 'subscription',
  'AWS::KMS::Key': 'KMS key',
  'AWS::KMS::Alias': 'KMS alias',
  'AWS::IAM::Role': 'IAM role',
  'AWS::IAM::Policy': 'IAM policy',
  'AWS::Events::EventBus': 'event bus',
  'AWS::Events::EventBusPolicy': 'event bus policy',
};

/**
 * Resources whose removal takes detection, alerting or protection away; removing anything else
 * (an alias, a topic policy that goes with its topic) is listed for review.
 */
const PROTECTIVE = new Set(['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm', 'AWS::Events::Rule', 'AWS::Config::ConfigRule', 'AWS::SNS::Subscription', 'AWS::SNS::Topic', 'AWS::KMS::Key']);

/** A resource that appeared or went away. */
export function resourcePresence(subject: string, resource: TemplateResource, kind: 'added' | 'removed'): SecurityChange {
  const protective = PROTECTIVE.has(resource.Type);
  const detail = describeResource(resource);
  if (kind === 'added') return { subject, kind, detail, effect: protective ? 'strengthens' : 'review' };
  return { subject, kind, detail, effect: protective ? 'weakens' : 'review' };
}

function describeResource(r: TemplateResource): string {
  const p = r.Properties ?? {};
  switch (r.Type) {
    case 'AWS::Logs::MetricFilter': return `pattern ${cut(String(p.FilterPattern))} on ${canonical(p.LogGroupName)}`;
    case 'AWS::CloudWatch::Alarm': return `${String(p.Statistic)} ${String(p.ComparisonOperator)} ${String(p.Threshold)} over ${String(p.Period)} s x ${String(p.EvaluationPeriods)}, actions ${listShort(asSet(p.AlarmActions), 3) || 'none'}`;
    case 'AWS::Events::Rule': return `${String(p.State ?? 'ENABLED')}, targets ${listShort(asSet((p.Targets as { Id?: string }[] | undefined)?.map((t) => t.Id)), 4) || 'none'}`;
    case 'AWS::Config::ConfigRule': return `source ${canonical((p.Source as { SourceIdentifier?: unknown } | undefined)?.SourceIdentifier)}`;
    case 'AWS::SNS::Subscription': return `${String(p.Protocol)} ${canonical(p.Endpoint)}`;
    default: return r.Type;
  }
}

/** The changes between two versions of one resource, judged by what the property does. */
export function diffResource(subject: string, before: TemplateResource, after: TemplateResource): SecurityChange[] {
  if (before.Type !== after.Type) return [{ subject, kind: 'changed', detail: `type ${before.Type} -> ${after.Type}`, effect: 'review' }];
  const b = before.Properties ?? {};
  const a = after.Properties ?? {};
  const changes: SecurityChange[] = [];
  const change = (detail: string, effect: SecurityChange['effect']) => changes.push({ subject, kind: 'changed', detail, effect });
  const judged = new Set<string>();
  const differs = (key: string) => {
    judged.add(key);
    return canonical(b[key]) !== canonical(a[key]);
  };
  const numbers = (key: string, label: string, higherWeakens: boolean) => {
    if (!differs(key)) return;
    const up = Number(a[key]) > Number(b[key]);
    change(`${label} ${canonical(b[key])} -> ${canonical(a[key])}`, up === higherWeakens ? 'weakens' : 'strengthens');
  };
  const list = (key: string, label: string, moreStrengthens: boolean) => {
    if (!differs(key)) return;
    const d = setDiff(asSet(b[key]), asSet(a[key]));
    if (d.added.length > 0) change(`${label} added: ${listShort(d.added, 3)}`, moreStrengthens ? 'strengthens' : 'weakens');
    if (d.removed.length > 0) change(`${label} removed: ${listShort(d.removed, 3)}`, moreStrengthens ? 'weakens' : 'strengthens');
  };
  const policy = (key: string, label: string) => {
    if (!differs(key)) return;
    // An event bus policy holds one statement, not a document.
    const doc = (v: unknown) => (key === 'Statement' ? { Statement: v } : v);
    changes.push(...diffPolicyDocument(`${subject} ${label}`, doc(b[key]), doc(a[key])));
  };

  switch (after.Type) {
    case 'AWS::Logs::MetricFilter':
      if (differs('FilterPattern')) change(`pattern ${cut(String(b.FilterPattern))} -> ${cut(String(a.FilterPattern))}`, 'review');
      if (differs('LogGroupName')) change(`log group ${canonical(b.LogGroupName)} -> ${canonical(a.LogGroupName)}`, 'review');
      break;
    case 'AWS::CloudWatch::Alarm':
      // A higher threshold, a longer period or more periods to breach: fewer events raise it (later).
      numbers('Threshold', 'threshold', true);
      numbers('Period', 'period (s)', true);
      numbers('EvaluationPeriods', 'evaluation periods', true);
      numbers('DatapointsToAlarm', 'datapoints to alarm', true);
      if (differs('Statistic')) change(`statistic ${canonical(b.Statistic)} -> ${canonical(a.Statistic)}`, 'review');
      if (differs('ComparisonOperator')) change(`comparison ${canonical(b.ComparisonOperator)} -> ${canonical(a.ComparisonOperator)}`, 'review');
      if (differs('ActionsEnabled')) change(`actions enabled ${canonical(b.ActionsEnabled ?? true)} -> ${canonical(a.ActionsEnabled ?? true)}`, a.ActionsEnabled === false ? 'weakens' : 'strengthens');
      list('AlarmActions', 'alarm actions', true);
      list('OKActions', 'OK actions', true);
      if (differs('TreatMissingData')) change(`missing data ${canonical(b.TreatMissingData)} -> ${canonical(a.TreatMissingData)}`, 'review');
      break;
    case 'AWS::Events::Rule': {
      if (differs('EventPattern')) change(`event pattern ${cut(canonical(b.EventPattern))} -> ${cut(canonical(a.EventPattern))}`, 'review');
      if (differs('State')) change(`state ${canonical(b.State ?? 'ENABLED')} -> ${canonical(a.State ?? 'ENABLED')}`, a.State === 'DISABLED' ? 'weakens' : 'strengthens');
      judged.add('Targets');
      const targets = (v: unknown) => new Map(((v ?? []) as { Id?: string; Arn?: unknown }[]).map((t) => [String(t.Id), t]));
      const bt = targets(b.Targets);
      const at = targets(a.Targets);
      const d = setDiff([...bt.keys()], [...at.keys()]);
      if (d.added.length > 0) change(`targets added: ${listShort(d.added, 3)}`, 'strengthens');
      if (d.removed.length > 0) change(`targets removed: ${listShort(d.removed, 3)}`, 'weakens');
      const retargeted = [...at.keys()].filter((id) => bt.has(id) && canonical(bt.get(id)) !== canonical(at.get(id)));
      if (retargeted.length > 0) change(`targets changed: ${listShort(retargeted, 3)}`, 'review');
      break;
    }
    case 'AWS::Config::ConfigRule':
      if (differs('Source')) change(`source ${canonical(b.Source)} -> ${canonical(a.Source)}`, 'review');
      if (differs('MaximumExecutionFrequency')) change(`frequency ${canonical(b.MaximumExecutionFrequency)} -> ${canonical(a.MaximumExecutionFrequency)}`, 'review');
      if (differs('Scope')) change(`scope ${canonical(b.Scope)} -> ${canonical(a.Scope)}`, 'review');
      break;
    case 'AWS::SNS::TopicPolicy': policy('PolicyDocument', 'policy'); break;
    case 'AWS::KMS::Key': policy('KeyPolicy', 'key policy'); break;
    case 'AWS::IAM::Policy': policy('PolicyDocument', 'policy'); break;
    case 'AWS::Events::EventBusPolicy': policy('Statement', 'statement'); break;
    case 'AWS::IAM::Role':
      policy('AssumeRolePolicyDocument', 'trust policy');
      if (differs('Policies')) change('inline policies changed', 'review');
      list('ManagedPolicyArns', 'managed policies', false);
      break;
    default:
      break;
  }
  // Anything else that changed is listed, for a person to judge.
  const rest = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !judged.has(k) && canonical(b[k]) !== canonical(a[k]));
  if (rest.length > 0 && changes.length === 0) change(`changed: ${listShort(rest, 4)}`, 'review');
  else if (rest.length > 0) change(`also changed: ${listShort(rest, 4)}`, 'review');
  return changes;
}

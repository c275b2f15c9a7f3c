import type { ExpectedDetection, ExpectedTopic } from '../expected';
import type { HealthFinding } from '../findings';
import type { ObservedDetection } from '../observed';

/** One statement of a resource policy, as IAM's JSON allows it (strings or lists). */
interface PolicyStatement {
  readonly Effect?: string;
  readonly Principal?: '*' | { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[] };
  readonly Action?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

const list = <T>(value: T | readonly T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? [...value] : [value as T]);

/** The statements of a policy document, or undefined when it is not JSON. */
function statementsOf(policy: string | undefined): PolicyStatement[] | undefined {
  try {
    const doc = JSON.parse(policy ?? '') as { Statement?: PolicyStatement | PolicyStatement[] };
    return list(doc.Statement);
  } catch {
    return undefined;
  }
}

/** The statement names `principal` (a service principal), or everyone. */
function names(s: PolicyStatement, principal: string): boolean {
  if (s.Principal === '*') return true;
  return list(s.Principal?.AWS).includes('*') || list(s.Principal?.Service).includes(principal);
}

/** Every action in `wanted` is covered by the statement's actions (exactly, `<service>:*` or `*`). */
function covers(s: PolicyStatement, wanted: readonly string[]): boolean {
  const actions = list(s.Action);
  return wanted.every((w) => actions.includes(w) || actions.includes('*') || actions.includes(`${w.split(':')[0]}:*`));
}

/** An `aws:SourceAccount` condition (StringEquals or StringLike), when present, admits `account`. */
function admitsAccount(s: PolicyStatement, account: string): boolean {
  const values = [...list(s.Condition?.StringEquals?.['aws:SourceAccount']), ...list(s.Condition?.StringLike?.['aws:SourceAccount'])];
  return values.length === 0 || values.includes(account);
}

/**
 * Can `principal` do every action in `actions` under this policy? An Allow that names it (and, for
 * CloudWatch, admits the alarms' account), and no Deny without conditions that names it. Conditional
 * Denies (e.g. `aws:SecureTransport` false, which the package adds) are not evaluated: they do not
 * stop AWS services' own requests, which use TLS.
 */
function lets(statements: readonly PolicyStatement[], principal: string, actions: readonly string[], account: string): boolean {
  const allowed = statements.some((s) => s.Effect === 'Allow' && names(s, principal) && covers(s, actions) && (principal !== 'cloudwatch.amazonaws.com' || admitsAccount(s, account)));
  const denied = statements.some((s) => s.Effect === 'Deny' && names(s, principal) && list(s.Action).some((a) => actions.includes(a) || a === '*' || actions.some((w) => a === `${w.split(':')[0]}:*`)) && s.Condition === undefined);
  return allowed && !denied;
}

/** The KMS actions a publishing service needs on an encrypted topic's key (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services). */
export const TOPIC_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey*'];

function topicFindings(e: ExpectedTopic, observed: ObservedDetection): HealthFinding[] {
  const topic = observed.topics.find((t) => t.arn === e.arn);
  if (!topic) return [];
  const findings: HealthFinding[] = [];
  if (topic.attributes.ok) {
    const statements = statementsOf(topic.attributes.value.Policy) ?? [];
    const lost = e.publishers.filter((p) => !lets(statements, p, ['sns:Publish'], e.alarmAccountId));
    if (lost.length > 0) findings.push({ check: 'topic-publish', subject: e.arn, status: 'failing', detail: `the topic policy no longer lets ${lost.join(', ')} publish: alarms change state and notify nobody (redeploy the package)` });
  }
  if (topic.subscriptions.ok && !topic.subscriptions.value.some((s) => (s.SubscriptionArn ?? '').startsWith('arn:'))) {
    findings.push({ check: 'topic-subscriptions', subject: e.arn, status: 'failing', detail: 'no confirmed subscription: alerts reach nobody (confirm the subscription email, or add a subscriber)' });
  }
  if (topic.keyPolicy?.ok) {
    const statements = statementsOf(topic.keyPolicy.value) ?? [];
    const lost = e.publishers.filter((p) => !lets(statements, p, TOPIC_KEY_ACTIONS, e.alarmAccountId));
    if (lost.length > 0) findings.push({ check: 'topic-key', subject: e.arn, status: 'failing', detail: `the key policy of the topic no longer lets ${lost.join(', ')} use the key: their publishes fail (redeploy the package)` });
  }
  return findings;
}

/**
 * `topic-publish`, `topic-subscriptions`, `topic-key`: the security topic still lets the alarms (and
 * EventBridge, with fast alerts) publish, has a confirmed subscription, and its key policy (where
 * readable) still lets those services use the key. A resource control policy that denies the key to
 * AWS services is not in the key policy: the canary alarm's notification, and `test-alert`, find it.
 */
export function topicsFindings(expected: ExpectedDetection, observed: ObservedDetection): HealthFinding[] {
  return expected.topics.flatMap((e) => topicFindings(e, observed));
}

/** {@link topicsFindings} in JSONata (Step Functions' `$parse` reads the policy strings). */
export const TOPIC_FINDINGS_JSONATA = `(
  $list := function($v) { $exists($v) ? $append([], $v) : [] };
  $names := function($s, $p) { $s.Principal = '*' or '*' in $list($s.Principal.AWS) or $p in $list($s.Principal.Service) };
  $coversOne := function($actions, $w) { $w in $actions or '*' in $actions or ($substringBefore($w, ':') & ':*') in $actions };
  $covers := function($s, $wanted) { $count($wanted[$not($coversOne($list($s.Action), $))]) = 0 };
  $admits := function($s, $account) { (
    $values := $append($list($s.Condition.StringEquals.'aws:SourceAccount'), $list($s.Condition.StringLike.'aws:SourceAccount'));
    $count($values) = 0 or $account in $values
  ) };
  $lets := function($statements, $p, $actions, $account) { (
    $allowed := $count($statements[Effect = 'Allow' and $names($, $p) and $covers($, $actions) and ($p != 'cloudwatch.amazonaws.com' or $admits($, $account))]) > 0;
    $denies := function($a) { $a in $actions or $a = '*' or $count($actions[$substringBefore($, ':') & ':*' = $a]) > 0 };
    $denied := $count($statements[Effect = 'Deny' and $names($, $p) and $not($exists(Condition)) and $count($list(Action)[$denies($)]) > 0]) > 0;
    $allowed and $not($denied)
  ) };
  $statementsOf := function($policy) { $exists($policy) ? $list($parse($policy).Statement) : [] };
  [$expected.topics.(
    $e := $;
    $t := $observed.topics[arn = $e.arn][0];
    $exists($t) ? [
      $t.attributes.ok = true ? (
        $st := $statementsOf($t.attributes.value.Policy);
        $lost := $e.publishers[$not($lets($st, $, ['sns:Publish'], $e.alarmAccountId))];
        $count($lost) > 0 ? {'check': 'topic-publish', 'subject': $e.arn, 'status': 'failing', 'detail': 'the topic policy no longer lets ' & $join($lost, ', ') & ' publish: alarms change state and notify nobody (redeploy the package)'} : ()
      ) : (),
      ($t.subscriptions.ok = true and $count($t.subscriptions.value[$substring($string(SubscriptionArn), 0, 4) = 'arn:']) = 0)
        ? {'check': 'topic-subscriptions', 'subject': $e.arn, 'status': 'failing', 'detail': 'no confirmed subscription: alerts reach nobody (confirm the subscription email, or add a subscriber)'} : (),
      $t.keyPolicy.ok = true ? (
        $st := $statementsOf($t.keyPolicy.value);
        $lost := $e.publishers[$not($lets($st, $, ['kms:Decrypt', 'kms:GenerateDataKey*'], $e.alarmAccountId))];
        $count($lost) > 0 ? {'check': 'topic-key', 'subject': $e.arn, 'status': 'failing', 'detail': 'the key policy of the topic no longer lets ' & $join($lost, ', ') & ' use the key: their publishes fail (redeploy the package)'} : ()
      ) : ()
    ] : []
  )]
)`;

import type { RootGuardConfig } from '../../config/schema';
import { evaluateHealth, expectedDetection, HEALTH_CHECKS, type ExpectedDetection, type HealthCheckId, type HealthFinding } from '../../health';
import { createPlan } from '../../plan/create-plan';
import type { Pacer } from '../aws/api-pacer';
import type { OrgCheck } from '../readers/detection-checks';
import { readObservedDetection, type HealthClients } from './read-detection-health';

/** What the audit knows of the live trail: the log group it delivers to and its ARN. */
export interface LiveTrail {
  readonly logGroupName: string;
  readonly trailArn?: string;
}

/**
 * The package's detection as the shared rules expect it, on the log group the trail delivers to now.
 * Only the detection matters here, so the root checks' nested-OU expansion (which needs
 * root-guard.ous.yaml) is left out of the plan.
 */
export function auditExpectedDetection(config: RootGuardConfig, trail: LiveTrail, allTopics = false): ExpectedDetection {
  const plan = createPlan({ ...config, rootChecks: { ...config.rootChecks, includeNestedOUs: false } });
  const expected = expectedDetection(plan);
  // The security topic's policy lets the management account read it; the security account's tamper topic
  // is read only with the security account's credentials (`--topic-profile`).
  const topics = allTopics ? expected.topics : expected.topics.filter((t) => t.arn === plan.securityTopic.arn);
  return { ...expected, topics, logGroupName: trail.logGroupName, ...(trail.trailArn ? { trailName: trail.trailArn } : {}) };
}

/** The order and label of each rule's audit line. */
const LABELS: Readonly<Record<HealthCheckId, string>> = {
  read: 'health: every detection read succeeded',
  filter: 'health: every root-guard metric filter as committed',
  alarm: 'health: every root-guard alarm as committed',
  'alarm-muted': 'health: no mute rule targets a root-guard alarm',
  canary: 'health: the sentinel canary arrives',
  'trail-logging': 'health: the organization trail is logging',
  'trail-delivery': 'health: recent CloudWatch Logs delivery, no delivery error',
  'topic-publish': 'health: the topic policy lets the alarms publish',
  'topic-subscriptions': 'health: the topic has a confirmed subscription',
  'topic-key': 'health: the topic key lets the publishing services use it',
};

/**
 * The shared rules' findings as audit lines, one per rule (`health-<rule>`): ok with what the rule
 * proves, or the worst status and every finding's subject and detail. `read` findings make the line
 * `unknown` with the API, so the audit reports itself partial.
 */
export function healthOrgChecks(findings: readonly HealthFinding[], sentinel: boolean): OrgCheck[] {
  const ids = (Object.keys(HEALTH_CHECKS) as HealthCheckId[]).filter((id) => id !== 'canary' || sentinel);
  return ids.map((id): OrgCheck => {
    const own = findings.filter((f) => f.check === id);
    const base = { id: `health-${id}`, label: LABELS[id] };
    if (own.length === 0) return { ...base, status: 'ok', detail: HEALTH_CHECKS[id] };
    const status = own.some((f) => f.status === 'missing') ? 'missing' : own.some((f) => f.status === 'failing') ? 'failing' : 'unknown';
    const detail = own.map((f) => `${f.subject}: ${f.detail}`).join('; ');
    return { ...base, status, detail, ...(status === 'unknown' ? { api: own[0].subject.split(' ')[0] } : {}) };
  });
}

/** Reads and judges the detection with the shared rules: the audit's `health-*` lines. */
export async function checkDetectionHealth(clients: HealthClients, config: RootGuardConfig, trail: LiveTrail, pacer: Pacer, now: Date = new Date()): Promise<{ checks: OrgCheck[]; findings: HealthFinding[] }> {
  // With KMS of the topic's account (`--topic-profile`), SNS is that account's too: every topic is readable.
  const expected = auditExpectedDetection(config, trail, clients.kms !== undefined);
  const observed = await readObservedDetection(clients, expected, pacer, now);
  const findings = evaluateHealth(expected, observed);
  return { checks: healthOrgChecks(findings, config.sentinel.enabled), findings };
}

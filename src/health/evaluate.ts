import type { ExpectedDetection } from './expected';
import type { HealthFinding } from './findings';
import type { ObservedDetection } from './observed';
import { ALARM_FINDINGS_JSONATA, alarmFindings } from './rules/alarms';
import { FILTER_FINDINGS_JSONATA, filterFindings } from './rules/filters';
import { MUTE_RULE_FINDINGS_JSONATA, muteRuleFindings } from './rules/mute-rules';
import { READ_FINDINGS_JSONATA, readFindings } from './rules/reads';
import { TOPIC_FINDINGS_JSONATA, topicsFindings } from './rules/topics';
import { TRAIL_FINDINGS_JSONATA, trailFindings } from './rules/trail';

/**
 * The shared health rule set, in order: each rule as a TypeScript function (what `root-guard audit`
 * runs) and as a JSONata expression (what the sentinel's state machine runs). test/health/ runs both
 * over the same recorded SDK responses and fails when they disagree on any finding.
 */
export const HEALTH_RULES = [
  { name: 'reads', evaluate: readFindings, jsonata: READ_FINDINGS_JSONATA },
  { name: 'filters', evaluate: filterFindings, jsonata: FILTER_FINDINGS_JSONATA },
  { name: 'alarms', evaluate: alarmFindings, jsonata: ALARM_FINDINGS_JSONATA },
  { name: 'mute rules', evaluate: muteRuleFindings, jsonata: MUTE_RULE_FINDINGS_JSONATA },
  { name: 'trail', evaluate: trailFindings, jsonata: TRAIL_FINDINGS_JSONATA },
  { name: 'topics', evaluate: topicsFindings, jsonata: TOPIC_FINDINGS_JSONATA },
] as const;

/** Every finding of the rule set: empty when the detection is healthy. */
export function evaluateHealth(expected: ExpectedDetection, observed: ObservedDetection): HealthFinding[] {
  return HEALTH_RULES.flatMap((rule) => rule.evaluate(expected, observed));
}

/**
 * The rule set as one JSONata expression over `$expected` and `$observed` (Step Functions' shapes:
 * PascalCase field names), returning the findings array: the sentinel's Evaluate state.
 */
export function healthFindingsJsonata(): string {
  const parts = HEALTH_RULES.map((rule, i) => `$r${i} := ${rule.jsonata.trim()};`);
  const sum = HEALTH_RULES.map((_, i) => `$r${i}`).reduce((acc, v) => `$append(${acc}, ${v})`, '[]');
  return `(\n${parts.join('\n')}\n${sum}\n)`;
}

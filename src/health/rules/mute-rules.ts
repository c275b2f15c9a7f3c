import type { ExpectedDetection } from '../expected';
import type { HealthFinding } from '../findings';
import type { ObservedDetection } from '../observed';

/** Statuses of a mute rule that mutes now or will (EXPIRED never mutes again). */
const MUTING = ['SCHEDULED', 'ACTIVE'];

/**
 * `alarm-muted`: no SCHEDULED or ACTIVE alarm mute rule targets a root-guard alarm. A mute rule stops
 * an alarm's actions during its windows while the alarm still changes state
 * (docs/reference/detection.md#alarm-mute-rules), so a rule created before tamper alerts were
 * deployed, or on a recurring schedule, blinds the alarm without any later call.
 */
export function muteRuleFindings(expected: ExpectedDetection, observed: ObservedDetection): HealthFinding[] {
  if (!observed.muteRules.ok) return [];
  const rules = observed.muteRules.value.filter((r) => MUTING.includes(r.Status ?? ''));
  return expected.alarms.flatMap((e): HealthFinding[] => {
    const muting = rules.filter((r) => (r.MuteTargets?.AlarmNames ?? []).includes(e.alarmName));
    if (muting.length === 0) return [];
    const names = muting.map((r) => `${r.Name ?? r.AlarmMuteRuleArn} (${r.Status})`).join(', ');
    return [{ check: 'alarm-muted', subject: e.alarmName, status: 'failing', detail: `muted by ${names}: its notifications stop in every mute window (aws cloudwatch delete-alarm-mute-rule --alarm-mute-rule-name <name>)` }];
  });
}

/** {@link muteRuleFindings} in JSONata. */
export const MUTE_RULE_FINDINGS_JSONATA = `(
  $observed.muteRules.ok = true ? (
    $rules := $observed.muteRules.value[Status in ['SCHEDULED', 'ACTIVE']];
    [$expected.alarms.(
      $e := $;
      $muting := $rules[$e.alarmName in MuteTargets.AlarmNames];
      $count($muting) > 0
        ? {'check': 'alarm-muted', 'subject': $e.alarmName, 'status': 'failing', 'detail': 'muted by ' & $join($muting.(($exists(Name) ? Name : AlarmMuteRuleArn) & ' (' & Status & ')'), ', ') & ': its notifications stop in every mute window (aws cloudwatch delete-alarm-mute-rule --alarm-mute-rule-name <name>)'}
        : ()
    )]
  ) : []
)`;

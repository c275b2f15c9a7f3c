import { featureProblems } from '../../root-credentials/feature-check';
import type { RootAccessFacts } from '../../root-credentials/root-access-check';
import { ROOT_ACCESS_FEATURES } from '../../root-credentials/task-policies';
import type { PreflightFinding } from '../finding';

/**
 * Is centralized root access enabled, and does the baseline SCP's root deny leave AssumeRoot
 * sessions alone? Both matter together: SCPs apply inside AssumeRoot sessions, so a root deny
 * without the `aws:AssumedRoot` exemption makes every call of a root session fail in the accounts it
 * is attached to (the session opens, every call in it is denied); and with the features off, nobody
 * can remove a member's root credentials without signing in as that root user.
 * Sources: https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListOrganizationsFeatures.html
 * (the features and the errors), AWS's own SCP example with the same exemption
 * (https://github.com/aws-samples/service-control-policy-examples, Privileged-access-controls/
 * Prevent-root-credentials-management-in-member-accounts-in-AWS-Organizations.json), and
 * docs/reference/detection.md#assumeroot (centralized root access, since 2024-11).
 */
export function checkCentralizedRootAccess(facts: RootAccessFacts): PreflightFinding[] {
  const check = 'centralized-root-access' as const;
  const api = 'iam:ListOrganizationsFeatures';
  const doc = 'docs/root-credentials.md';
  const findings: PreflightFinding[] = [];
  const { features } = facts;
  let enabled: boolean | undefined;
  if (features.kind === 'unread') {
    // The error names what stops it (not the management account or IAM's delegated administrator,
    // trusted access off …): featureProblems says what to run for each.
    const [problem] = featureProblems(features);
    findings.push({ check, status: 'warn', target: 'organization', api, message: `not checked: ${problem.replace(`${api}: `, '')}` });
  } else {
    const target = `organization ${features.organizationId ?? ''}`.trim();
    const missing = ROOT_ACCESS_FEATURES.filter((f) => !features.enabled.includes(f));
    enabled = missing.length === 0;
    findings.push(enabled
      ? { check, status: 'pass', target, api, message: 'centralized root access is enabled (RootCredentialsManagement, RootSessions): root-guard root-credentials can read and remove member root credentials' }
      : { check, status: 'warn', target, api, message: `${featureProblems(features)[0].replace(`${api}: `, '')}; until then member root credentials can only be removed by signing in as each root user (see ${doc})` });
  }
  // The SCP half is judged from the config (scp.denyRootActions) and the statement the package
  // renders, together with the features read above: it rests on the same call.
  const scpApi = api;
  const target = 'baseline SCP';
  if (!facts.scpDeniesRoot) {
    findings.push({ check, status: 'pass', target, api: scpApi, message: 'the baseline SCP does not deny root user actions (scp.denyRootActions is off), so it does not block AssumeRoot sessions' });
  } else if (facts.scpExemptsAssumeRoot) {
    findings.push({ check, status: 'pass', target, api: scpApi, message: 'the baseline SCP (scp.denyRootActions) denies root user actions except in AssumeRoot sessions ("Null": {"aws:AssumedRoot": "true"}), as centralized root access needs' });
  } else {
    findings.push({
      check,
      status: enabled === false ? 'warn' : 'fail',
      target,
      api: scpApi,
      message: `the baseline SCP denies every root user action without exempting AssumeRoot sessions: ${enabled === false ? 'once centralized root access is enabled, ' : ''}every call in a root session would be denied (add "Null": {"aws:AssumedRoot": "true"} to the deny; see ${doc})`,
    });
  }
  return findings;
}

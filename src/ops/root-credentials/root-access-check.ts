import type { IAMClient } from '@aws-sdk/client-iam';
import { partitionOf } from '../../aws/regions';
import type { RootGuardConfig } from '../../config/schema';
import { denyRootUserStatement } from '../../scps/baseline';
import type { Pacer } from '../api-pacer';
import { ENABLE_COMMANDS, readRootAccessFeatures, type RootAccessFeatures } from './feature-check';
import { ROOT_ACCESS_FEATURES } from './task-policies';

/**
 * A preflight rule: is centralized root access enabled, and does the baseline SCP's root deny leave
 * AssumeRoot sessions alone? Pure: facts in, findings out, in preflight's finding shape
 * (src/ops/preflight.ts PreflightFinding), so preflight can list it with its other checks.
 *
 * Why both: SCPs apply inside AssumeRoot sessions, so a root deny without the `aws:AssumedRoot`
 * exemption makes centralized root access fail in every account it is attached to (the session
 * opens, every call in it is denied); and with the exemption but the features off, nobody can remove
 * a member's root credentials without signing in as that root user.
 */

/** The facts the rule needs. */
export interface RootAccessFacts {
  readonly features: RootAccessFeatures;
  /** Whether the baseline SCP denies root user actions (`scp.denyRootActions`). */
  readonly scpDeniesRoot: boolean;
  /** Whether that deny carries `"Null": {"aws:AssumedRoot": "true"}` (exempts AssumeRoot sessions). */
  readonly scpExemptsAssumeRoot: boolean;
}

/** A finding in preflight's shape. */
export interface RootAccessFinding {
  readonly check: 'centralized-root-access';
  readonly status: 'pass' | 'fail' | 'warn';
  readonly target: string;
  readonly api: string;
  readonly message: string;
}

const DOC = 'docs/root-credentials.md';

/** Evaluates the facts. */
export function checkRootAccess(facts: RootAccessFacts): RootAccessFinding[] {
  const check = 'centralized-root-access' as const;
  const api = 'iam:ListOrganizationsFeatures';
  const findings: RootAccessFinding[] = [];
  const { features } = facts;
  let enabled: boolean | undefined;
  if (features.kind === 'unread') {
    findings.push({ check, status: 'warn', target: 'organization', api, message: `cannot tell whether centralized root access is enabled: ${features.reason}` });
  } else {
    const missing = ROOT_ACCESS_FEATURES.filter((f) => !features.enabled.includes(f));
    enabled = missing.length === 0;
    findings.push(enabled
      ? { check, status: 'pass', target: `organization ${features.organizationId ?? ''}`.trim(), api, message: 'centralized root access is enabled (RootCredentialsManagement, RootSessions): root-guard root-credentials can read and remove member root credentials' }
      : { check, status: 'warn', target: `organization ${features.organizationId ?? ''}`.trim(), api, message: `centralized root access is not fully enabled (${missing.join(' and ')} off): member root credentials can only be removed by signing in as each root user (to enable, from the management account: ${ENABLE_COMMANDS.join(' && ')}; see ${DOC})` });
  }
  const scpApi = 'root-guard.config.yaml scp.denyRootActions';
  if (!facts.scpDeniesRoot) {
    findings.push({ check, status: 'pass', target: 'baseline SCP', api: scpApi, message: 'the baseline SCP does not deny root user actions, so it does not block AssumeRoot sessions' });
  } else if (facts.scpExemptsAssumeRoot) {
    findings.push({ check, status: 'pass', target: 'baseline SCP', api: scpApi, message: 'the baseline SCP denies root user actions except in AssumeRoot sessions ("Null": {"aws:AssumedRoot": "true"}), as centralized root access needs' });
  } else {
    findings.push({
      check,
      status: enabled === false ? 'warn' : 'fail',
      target: 'baseline SCP',
      api: scpApi,
      message: `the baseline SCP denies every root user action without exempting AssumeRoot sessions: ${enabled === false ? 'once centralized root access is enabled, ' : ''}every call in a root session would be denied (add "Null": {"aws:AssumedRoot": "true"} to the deny; see ${DOC})`,
    });
  }
  return findings;
}

/** Whether the statement the package renders for `scp.denyRootActions` exempts AssumeRoot sessions. */
export function baselineExemptsAssumeRoot(partition: string): boolean {
  const conditions = denyRootUserStatement(partition).conditions as Record<string, Record<string, unknown>> | undefined;
  return conditions?.Null?.['aws:AssumedRoot'] === 'true';
}

/** Reads the facts: the live features (management account's IAM client) and the configured baseline. */
export async function readRootAccessFacts(iam: IAMClient, config: Pick<RootGuardConfig, 'homeRegion' | 'scp'>, pacer: Pacer): Promise<RootAccessFacts> {
  return {
    features: await readRootAccessFeatures(iam, pacer),
    scpDeniesRoot: config.scp?.denyRootActions ?? false,
    scpExemptsAssumeRoot: baselineExemptsAssumeRoot(partitionOf(config.homeRegion)),
  };
}

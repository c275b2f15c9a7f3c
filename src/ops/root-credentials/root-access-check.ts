import type { IAMClient } from '@aws-sdk/client-iam';
import { partitionOf } from '../../aws/regions';
import type { RootGuardConfig } from '../../config/schema';
import { denyRootUserStatement } from '../../scps/baseline';
import type { Pacer } from '../aws/api-pacer';
import { readRootAccessFeatures, type RootAccessFeatures } from './feature-check';

/**
 * The facts preflight's rule `centralized-root-access` (src/ops/preflight/rules/centralized-root-access.ts)
 * needs: is centralized root access enabled, and does the baseline SCP's root deny exempt AssumeRoot
 * sessions (the statement the package renders for `scp.denyRootActions`).
 */

/** The facts the rule needs. */
export interface RootAccessFacts {
  readonly features: RootAccessFeatures;
  /** Whether the baseline SCP denies root user actions (`scp.denyRootActions`). */
  readonly scpDeniesRoot: boolean;
  /** Whether that deny carries `"Null": {"aws:AssumedRoot": "true"}` (exempts AssumeRoot sessions). */
  readonly scpExemptsAssumeRoot: boolean;
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

import type { IAMClient } from '@aws-sdk/client-iam';
import type { Pacer } from './api-pacer';
import type { OrgCheck } from './detection-checks';
import { featureProblems, readRootAccessFeatures } from './root-credentials/feature-check';
import { ROOT_ACCESS_FEATURES } from './root-credentials/task-policies';

/** The check's id and label: the label names the CIS item, as the report page shows it. */
export const CIS_2_1_1 = {
  id: 'cis-2.1.1-centralized-root-access',
  label: 'CIS AWS Foundations Benchmark v7.0 2.1.1: centralized root access in AWS Organizations',
} as const;

/**
 * CIS AWS Foundations Benchmark v7.0 2.1.1 "Ensure centralized root access in AWS Organizations"
 * (docs/reference/detection.md#cis-v70-211): both features of centralized root access,
 * RootCredentialsManagement and RootSessions, enabled (iam:ListOrganizationsFeatures,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListOrganizationsFeatures.html).
 * The same call and wording as preflight's `centralized-root-access` rule, for the command a team
 * runs on a schedule. Never throws.
 */
export async function checkCentralizedRootAccessCis(iam: IAMClient, pacer: Pacer): Promise<OrgCheck> {
  const features = await readRootAccessFeatures(iam, pacer);
  const api = 'iam:ListOrganizationsFeatures';
  if (features.kind === 'unread') {
    return { ...CIS_2_1_1, status: 'unknown', api, detail: featureProblems(features)[0].replace(`${api}: `, '') };
  }
  const missing = ROOT_ACCESS_FEATURES.filter((f) => !features.enabled.includes(f));
  return missing.length === 0
    ? { ...CIS_2_1_1, status: 'ok', detail: `enabled in ${features.organizationId ?? 'the organization'} (${ROOT_ACCESS_FEATURES.join(', ')})` }
    : { ...CIS_2_1_1, status: 'failing', detail: featureProblems(features)[0].replace(`${api}: `, '') };
}

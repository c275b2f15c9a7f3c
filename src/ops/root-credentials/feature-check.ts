import { type IAMClient, ListOrganizationsFeaturesCommand } from '@aws-sdk/client-iam';
import { paced, type Pacer } from '../aws/api-pacer';
import { describeAwsError, unreadReason } from '../aws/describe-aws-error';
import { ROOT_ACCESS_FEATURES } from './task-policies';

/**
 * Whether centralized root access is enabled, from `iam:ListOrganizationsFeatures`
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListOrganizationsFeatures.html).
 * Its errors are facts too: `AccountNotManagementOrDelegatedAdministrator` says the caller may not
 * use centralized root access at all, `ServiceAccessNotEnabled` that IAM's trusted access in
 * Organizations is off.
 */
export type RootAccessFeatures =
  | { readonly kind: 'read'; readonly organizationId?: string; readonly enabled: readonly string[] }
  | { readonly kind: 'unread'; readonly code: string; readonly reason: string };

/** Reads the enabled features; never throws. */
export async function readRootAccessFeatures(iam: IAMClient, pacer: Pacer): Promise<RootAccessFeatures> {
  try {
    const out = await paced(pacer, 'iam:ListOrganizationsFeatures', () => iam.send(new ListOrganizationsFeaturesCommand({})));
    return { kind: 'read', organizationId: out.OrganizationId, enabled: [...(out.EnabledFeatures ?? [])].sort() };
  } catch (err) {
    const info = describeAwsError(err);
    return { kind: 'unread', code: info.code, reason: unreadReason(info) };
  }
}

// Error names as the SDK throws them (client-iam models/errors.d.ts).
const NOT_ALLOWED = 'AccountNotManagementOrDelegatedAdministratorException';
const TRUSTED_ACCESS_OFF = 'ServiceAccessNotEnabledException';
const NO_ORGANIZATION = 'OrganizationNotFoundException';
const NOT_ALL_FEATURES = 'OrganizationNotInAllFeaturesModeException';

/** The commands that enable centralized root access (id_root-enable-root-access.html). */
export const ENABLE_COMMANDS = [
  'aws organizations enable-aws-service-access --service-principal iam.amazonaws.com',
  'aws iam enable-organizations-root-credentials-management',
  'aws iam enable-organizations-root-sessions',
] as const;

/**
 * What stops the command from running, one line each with what to run; empty when both features
 * are on. `needed` is the features this run needs (an inventory or a removal needs both: root
 * credentials management, and root sessions to open the AssumeRoot session).
 */
export function featureProblems(features: RootAccessFeatures, needed: readonly string[] = ROOT_ACCESS_FEATURES): string[] {
  const api = 'iam:ListOrganizationsFeatures';
  if (features.kind === 'unread') {
    switch (features.code) {
      case NOT_ALLOWED:
        return [`${api}: the caller's account is neither the management account nor IAM's delegated administrator (run with the management account's credentials, or register a delegated administrator: aws organizations register-delegated-administrator --service-principal iam.amazonaws.com --account-id <id>)`];
      case TRUSTED_ACCESS_OFF:
        return [`${api}: trusted access for IAM is not enabled in AWS Organizations (from the management account run: ${ENABLE_COMMANDS.join(' && ')})`];
      case NO_ORGANIZATION:
        return [`${api}: the caller's account is not in an organization (centralized root access needs AWS Organizations)`];
      case NOT_ALL_FEATURES:
        return [`${api}: the organization does not have all features enabled (enable all features in AWS Organizations first)`];
      default:
        return [`${api}: cannot tell whether centralized root access is enabled: ${features.reason}`];
    }
  }
  const missing = needed.filter((f) => !features.enabled.includes(f));
  if (missing.length === 0) return [];
  const commands = missing.map((f) => (f === 'RootSessions' ? ENABLE_COMMANDS[2] : ENABLE_COMMANDS[1]));
  return [`${api}: centralized root access is not enabled for ${features.organizationId ?? 'the organization'}: ${missing.join(' and ')} off (from the management account run: ${commands.join(' && ')})`];
}

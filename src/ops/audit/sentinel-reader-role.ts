import { GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { PlannedSentinel } from '../../plan/sentinel';
import { paced, type Pacer } from '../aws/api-pacer';
import { describeAwsError, unreadReason } from '../aws/describe-aws-error';
import type { OrgCheck } from '../readers/detection-checks';

/**
 * `sentinel-reader-role`: the sentinel's read-only role exists in the management account and trusts the
 * verifier's role (iam:GetRole, https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html:
 * the trust policy comes URL-encoded). A role deleted or re-trusted out of band leaves its stack instance
 * CURRENT; the sentinel then reports every read as failed, and this says why.
 */
export async function checkSentinelReaderRole(iam: IAMClient, sentinel: PlannedSentinel, pacer: Pacer): Promise<OrgCheck> {
  const base = { id: 'sentinel-reader-role', label: `sentinel read-only role ${sentinel.readerRoleName}` };
  try {
    const out = await paced(pacer, 'iam:GetRole', () => iam.send(new GetRoleCommand({ RoleName: sentinel.readerRoleName })));
    const trust = decodeURIComponent(out.Role?.AssumeRolePolicyDocument ?? '');
    if (!trust.includes(`"${sentinel.verifierRoleArn}"`)) {
      return { ...base, status: 'failing', detail: `its trust policy does not name ${sentinel.verifierRoleArn}: the verifier cannot read the management account (redeploy the package: CfCT restores it)` };
    }
    return { ...base, status: 'ok', detail: `trusts ${sentinel.verifierRoleArn}` };
  } catch (err) {
    const info = describeAwsError(err);
    if (info.kind === 'not-found') {
      return { ...base, status: 'missing', detail: `no role ${sentinel.readerRoleName}: the sentinel cannot read the management account and its silence alarm fires (redeploy the package, or find who deleted it: eventName DeleteRole)` };
    }
    return { ...base, status: 'unknown', api: 'iam:GetRole', detail: unreadReason(info) };
  }
}

import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Control Tower proactive control CT.KMS.PR.3: a key policy statement that denies `kms:CreateGrant` to
 * principals that are not AWS services (the Guard rule the package's judges run looks for this shape).
 */
export function denyGrantsToNonAwsServicePrincipals(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyGrantsToNonAwsServicePrincipals',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  });
}

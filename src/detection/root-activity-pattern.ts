/**
 * The root-activity filter pattern, byte for byte as Security Hub control CloudWatch.1 and CIS
 * AWS Foundations 1.7 / 4.3 prescribe it. Security Hub fails the control for any other string
 * ("Additional fields or terms cannot be added"):
 * https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-1
 */
export const ROOT_ACTIVITY_FILTER_PATTERN =
  '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}';

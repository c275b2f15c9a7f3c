/**
 * AWS Regions in which AWS Control Tower can be the home region, and so where CfCT can run.
 *
 * Source: https://docs.aws.amazon.com/controltower/latest/userguide/region-how.html (commercial
 * Regions) plus the two AWS GovCloud (US) Regions CfCT supports since v2.5.1 / v2.7.2
 * (docs/reference/cfct.md#regions). A Region missing here is reported as unknown; if AWS adds
 * one, add it here.
 */
export const CONTROL_TOWER_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'ca-central-1', 'ca-west-1',
  'sa-east-1', 'mx-central-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2',
  'eu-north-1', 'eu-south-1', 'eu-south-2',
  'af-south-1', 'il-central-1', 'me-central-1', 'me-south-1',
  'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4',
  'ap-southeast-5', 'ap-southeast-7',
  'us-gov-west-1', 'us-gov-east-1',
];

/** The ARN partition of a Region (`aws` or `aws-us-gov`). */
export function partitionOf(region: string): string {
  return region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/**
 * The Region where CloudTrail records a partition's global service events (IAM, the global STS
 * endpoint, Organizations): us-east-1, and us-gov-west-1 in AWS GovCloud (US)
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events,
 * https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-ct.html, read 2026-12-08).
 */
export function globalEventsRegion(region: string): string {
  return partitionOf(region) === 'aws-us-gov' ? 'us-gov-west-1' : 'us-east-1';
}

/**
 * Regions where the AWS Config managed rules ROOT_ACCOUNT_MFA_ENABLED and
 * ROOT_ACCOUNT_HARDWARE_MFA_ENABLED are not offered ("Region exceptions" on
 * https://docs.aws.amazon.com/config/latest/developerguide/root-account-mfa-enabled.html and
 * .../root-account-hardware-mfa-enabled.html): China, Middle East (UAE), Asia Pacific (Malaysia),
 * AWS GovCloud (US), Israel (Tel Aviv), Canada West (Calgary).
 */
export const ROOT_MFA_RULE_UNAVAILABLE_REGIONS: readonly string[] = [
  'cn-north-1', 'cn-northwest-1', 'me-central-1', 'ap-southeast-5',
  'us-gov-west-1', 'us-gov-east-1', 'il-central-1', 'ca-west-1',
];

/**
 * Regions where the AWS Config managed rule IAM_ROOT_ACCESS_KEY_CHECK is not offered: its own list,
 * not the MFA rules' ("AWS Region: All supported AWS regions except Asia Pacific (Thailand), Middle East
 * (UAE), Asia Pacific (Malaysia), Mexico (Central), Israel (Tel Aviv), Canada West (Calgary), Europe
 * (Spain), Europe (Zurich)", https://docs.aws.amazon.com/config/latest/developerguide/iam-root-access-key-check.html,
 * read 2026-12-05; see also https://docs.aws.amazon.com/config/latest/developerguide/managing-rules-by-region-availability.html).
 * Unlike the MFA rules it is offered in AWS GovCloud (US) and China.
 */
export const ROOT_ACCESS_KEY_RULE_UNAVAILABLE_REGIONS: readonly string[] = [
  'ap-southeast-7', 'me-central-1', 'ap-southeast-5', 'mx-central-1',
  'il-central-1', 'ca-west-1', 'eu-south-2', 'eu-central-2',
];

/** Nearest entries of `candidates` to `value` by edit distance, for "did you mean" hints. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(value.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(value.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/**
 * Rules per event bus, by Region: "af-south-1: 100, eu-south-1: 100, each other supported Region: 300"
 * ("Number of rules", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html, read
 * 2026-12-05; adjustable through Service Quotas, so this is the default a new account has).
 */
export function eventBusRuleQuota(region: string): number {
  return region === 'af-south-1' || region === 'eu-south-1' ? 100 : 300;
}

import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { AcknowledgedGap } from '../../config/acknowledged-gaps';
import type { RootGuardConfig } from '../../config/schema';
import { deployedMetricFilters } from '../../detection/metric-filters';
import { UserError } from '../../errors';
import { baselinePolicies, createPlan, CONTROL_TOWER_LOG_GROUP, expectationsOf, type OperatingLogGroup, resourceNames, securityTopicArn } from '../../plan';
import type { Pacer } from '../aws/api-pacer';
import { CONTROL_TOWER_AGGREGATOR, readRuleCompliance } from '../readers/config-compliance';
import { resolveNotApplicable } from '../readers/config-not-applicable';
import { evaluateCoverage, type AccountCoverage } from '../coverage';
import { describeAwsError, unreadReason, type UnreadItem } from '../aws/describe-aws-error';
import { checkDetection, type OrgCheck } from '../readers/detection-checks';
import { checkDetectionHealth } from './detection-health';
import { checkSentinelReaderRole } from './sentinel-reader-role';
import { readOrganization, type OrganizationReadProgress, type OrganizationSnapshot } from '../organization';
import { auditOrganizationTrail } from '../organization-trail/audit-trail';
import { cloudWatch1TopicCheck, readTopicVisibility } from '../readers/topic-visibility';
import { checkCentralizedRootAccessCis } from './centralized-root-access-check';
import { readScpAttachments } from '../readers/scp-attachment';
import { AUDIT_EXIT } from './audit-exit';
import { readStackSetInstances, type StackSetInstances } from '../readers/stack-instances';

export { AUDIT_EXIT } from './audit-exit';

/** The SDK clients the audit reads with: management account, home region (Config: the aggregator's account). */
export interface AuditClients {
  readonly organizations: OrganizationsClient;
  readonly cloudformation: CloudFormationClient;
  readonly cloudwatch: CloudWatchClient;
  readonly logs: CloudWatchLogsClient;
  readonly sns: SNSClient;
  /** SNS in the topic's account, for the subscriptions' attributes (see DetectionClients). @default sns */
  readonly topicSns?: SNSClient;
  readonly config: ConfigServiceClient;
  /** CloudTrail of the management account in the home region: which log group the trail delivers to now. */
  readonly cloudtrail: CloudTrailClient;
  /** IAM of the management account (or IAM's delegated administrator): centralized root access, CIS v7.0 2.1.1. */
  readonly iam: IAMClient;
  /** KMS in the topic's account (`audit --topic-profile`): the topic key's policy. Without it the key is not judged. */
  readonly topicKms?: KMSClient;
}

/** Options of {@link runAudit}. */
export interface AuditOptions {
  readonly config: RootGuardConfig;
  /** Paces calls at the published rates and counts them (`createPacer(API_RATES)`). */
  readonly pacer: Pacer;
  /** Organizations parents listed at once per API. @default DEFAULT_CONCURRENCY (3) */
  readonly concurrency?: number;
  /** @default CONTROL_TOWER_AGGREGATOR */
  readonly aggregatorName?: string;
  /**
   * The log group the package was built for and where its name came from (`operatingLogGroup`).
   * @default CONTROL_TOWER_LOG_GROUP, source 'default'
   */
  readonly logGroup?: OperatingLogGroup;
  /** root-guard.ous.yaml beside the config, named in the fix when the trail delivers elsewhere. @default 'root-guard.ous.yaml' */
  readonly recordFile?: string;
  readonly onProgress?: (progress: OrganizationReadProgress) => void;
  /** The OU paths root-guard.ous.yaml resolved rootChecks.organizationalUnits to (see CoverageInputs). */
  readonly resolvedRootCheckPaths?: readonly string[];
  /** The clock: the trail's last delivery is judged against it. @default () => new Date() */
  readonly now?: () => Date;
}

/** Counts of the audit's outcome. */
export interface AuditSummary {
  readonly accounts: number;
  readonly covered: number;
  readonly uncovered: number;
  readonly nonCompliant: number;
  readonly unknown: number;
  readonly notTargeted: number;
  readonly inactive: number;
  /** Org-level checks that are missing or failing. */
  readonly orgGaps: number;
  /** Something could not be read. */
  readonly partial: boolean;
  readonly exitCode: number;
}

/** The audit's result: what `--json` prints. */
export interface AuditReport {
  readonly summary: AuditSummary;
  readonly orgChecks: readonly OrgCheck[];
  readonly accounts: readonly AccountCoverage[];
  /** What could not be read, so which results are unknown. */
  readonly unread: readonly UnreadItem[];
  /** API calls made, per `service:Action`. */
  readonly apiCalls: Readonly<Record<string, number>>;
  /** The config's acknowledged gaps, shown so that they stay known (they change no result). */
  readonly acknowledgedGaps: readonly AcknowledgedGap[];
}

/**
 * Audits the organization against the config: for every account, the stack instances of each
 * stack set (status CURRENT; with fastAlerts, the forwarder's in every fast-alert Region), the
 * baseline SCP on its path, the root checks' Config results; for the organization, the alarm path,
 * the topic's confirmed subscribers, the OU paths and SCP targets, the organization trail (does it
 * deliver to the log group the package was built for?), and with fastAlerts the central bus's
 * instance in the security account. The metric filter is checked on the log group the trail
 * delivers to when that is known, else on the package's.
 *
 * Every read runs at once, each stream paced at its API's rate. Anything that cannot be read is
 * listed in `unread` and makes the items that depend on it `unknown`; only an unreadable account
 * list stops the audit (UserError).
 */
export async function runAudit(clients: AuditClients, options: AuditOptions): Promise<AuditReport> {
  const { config, pacer } = options;
  const expected = expectationsOf(config);
  const region = config.homeRegion;
  const aggregator = options.aggregatorName ?? CONTROL_TOWER_AGGREGATOR;
  const planned = options.logGroup ?? { logGroupName: CONTROL_TOWER_LOG_GROUP, source: 'default' };
  const stackSetNames = [
    expected.topicStackSet, expected.alarmStackSet, expected.tamperStackSet, expected.sentinel?.readerStackSet, expected.sentinel?.verifierStackSet,
    expected.fastAlerts?.eventBusStackSet, expected.rootChecksStackSet,
  ].filter((n): n is string => !!n);
  // The forwarder has instances in every fast-alert Region: one stream per Region (ListStackInstances filters by one Region).
  const forwarderStackSet = expected.fastAlerts?.forwarderStackSet;
  // With one member stack set (src/plan/stack-sets.ts) its home-region instances are already read above.
  const merged = forwarderStackSet === expected.rootChecksStackSet;
  const forwarderRegions = forwarderStackSet ? (expected.fastAlerts?.regions ?? []).filter((r) => !(merged && r === region)) : [];

  // The generator's own list: the baseline is one SCP, or several if it outgrows one policy's size.
  const scpNames = baselinePolicies(config).map((p) => p.name);

  const [org, stackSetReads, forwarderReads, scps, summaries, detection] = await Promise.all([
    readOrg(clients.organizations, options),
    Promise.all(stackSetNames.map((name) => readStackSetInstances(clients.cloudformation, name, region, pacer))),
    Promise.all(forwarderRegions.map((r) => readStackSetInstances(clients.cloudformation, forwarderStackSet!, r, pacer))),
    readScpAttachments(clients.organizations, scpNames, pacer),
    Promise.all(expected.rules.map((rule) => readRuleCompliance(clients.config, aggregator, rule.name, region, pacer))),
    readDetection(clients, options, planned),
  ]);
  // Security Hub CloudWatch.1's own condition on the topic (issue 24 §2), beside the detection checks.
  const topicArn = securityTopicArn(config);
  const sentinel = sentinelOf(config);
  const [visibility, centralizedRootAccess, readerRole] = await Promise.all([
    readTopicVisibility(clients.sns, topicArn, pacer), checkCentralizedRootAccessCis(clients.iam, pacer),
    sentinel ? checkSentinelReaderRole(clients.iam, sentinel, pacer) : undefined,
  ]);
  const cloudWatch1 = cloudWatch1TopicCheck(visibility, topicArn, config.managementAccountId, !config.securityTopic.arn);

  const stackSets = new Map<string, StackSetInstances>(stackSetReads.map((r) => [r.stackSetName, r]));
  // Accounts whose root credentials are gone report NOT_APPLICABLE, which the summary cannot say (issue 24 §4).
  const rootChecks = stackSets.get(expected.rootChecksStackSet);
  const deployedAccounts = new Set(rootChecks?.kind === 'found' ? [...rootChecks.instances.values()].map((i) => i.account) : []);
  const compliance = await Promise.all(summaries.map((read) => resolveNotApplicable(clients.config, read, { aggregatorName: aggregator, region, deployedAccounts }, pacer)));
  const forwarders = forwarderStackSet ? new Map(forwarderRegions.map((r, i) => [r, forwarderReads[i]])) : undefined;
  const coverage = evaluateCoverage({
    config, expected, org, stackSets, scps, compliance, ...(forwarders ? { forwarders } : {}),
    ...(options.resolvedRootCheckPaths ? { resolvedRootCheckPaths: options.resolvedRootCheckPaths } : {}),
  });
  const orgChecks = [...coverage.orgChecks, ...detection, cloudWatch1, centralizedRootAccess, ...(readerRole ? [readerRole] : [])];

  const unread: UnreadItem[] = org.unread.map(({ target, api, reason }) => ({ target, api, reason }));
  for (const r of stackSetReads) if (r.kind === 'unread') unread.push({ target: `stack set ${r.stackSetName}`, api: 'cloudformation:ListStackInstances', reason: r.reason });
  forwarderReads.forEach((r, i) => {
    if (r.kind === 'unread') unread.push({ target: `stack set ${r.stackSetName} in ${forwarderRegions[i]}`, api: 'cloudformation:ListStackInstances', reason: r.reason });
  });
  for (const scp of scps) if (scp.kind === 'unread') unread.push({ target: `SCP ${scp.policyName}`, api: scp.api, reason: scp.reason });
  for (const c of compliance) if (c.kind === 'unread') unread.push({ target: `Config rule ${c.ruleName}`, api: 'config:DescribeAggregateComplianceByConfigRules', reason: c.reason });
  for (const check of [...detection, cloudWatch1, centralizedRootAccess, ...(readerRole ? [readerRole] : [])]) {
    // The alarm's three checks share one DescribeAlarms call: list it once. The trail's checks are among these.
    if (check.status === 'unknown' && check.api && !unread.some((u) => u.api === check.api)) {
      unread.push({ target: check.label, api: check.api, reason: check.detail });
    }
  }

  return {
    summary: summarize(coverage.accounts, orgChecks, unread),
    orgChecks,
    accounts: coverage.accounts,
    unread,
    apiCalls: pacer.counts(),
    acknowledgedGaps: config.acknowledgedGaps ?? [],
  };
}

/**
 * The trail first (two calls), then the filter, alarm and topic: the filter on the log group the
 * trail delivers to when known. Runs beside the organization read, so the wait adds no time.
 */
async function readDetection(clients: AuditClients, options: AuditOptions, planned: OperatingLogGroup): Promise<OrgCheck[]> {
  const { config, pacer } = options;
  const trail = await auditOrganizationTrail(clients.cloudtrail, {
    region: config.homeRegion,
    managementAccountId: config.managementAccountId,
    planned,
    recordFile: options.recordFile ?? 'root-guard.ous.yaml',
  }, pacer);
  const logGroupName = trail.deliveredLogGroup ?? planned.logGroupName;
  const metricFilter = deployedMetricFilters({ namePrefix: config.namePrefix, logGroupName })[0];
  const [checks, health] = await Promise.all([
    checkDetection(clients, { metricFilter, alarmName: resourceNames(config.namePrefix).alarm, topicArn: securityTopicArn(config) }, pacer),
    // The shared health rules (src/health/, the sentinel's too): every filter and alarm, mute rules,
    // delivery time and error, the topic's publish grant and key.
    checkDetectionHealth({
      cloudwatch: clients.cloudwatch, logs: clients.logs, cloudtrail: clients.cloudtrail, sns: clients.topicSns ?? clients.sns,
      ...(clients.topicKms ? { kms: clients.topicKms } : {}),
    }, config, { logGroupName, ...(trail.trailArn ? { trailArn: trail.trailArn } : {}) }, pacer, options.now?.() ?? new Date()),
  ]);
  return [...trail.checks, ...checks, ...health.checks];
}

async function readOrg(client: OrganizationsClient, options: AuditOptions): Promise<OrganizationSnapshot> {
  try {
    return await readOrganization(client, { pacer: options.pacer, concurrency: options.concurrency, onProgress: options.onProgress });
  } catch (err) {
    throw new UserError(`organizations: cannot list the organization's accounts: ${unreadReason(describeAwsError(err))} (audit runs with the management account's credentials, or a delegated administrator's)`);
  }
}

function summarize(accounts: readonly AccountCoverage[], orgChecks: readonly OrgCheck[], unread: readonly UnreadItem[]): AuditSummary {
  const count = (result: AccountCoverage['result']) => accounts.filter((a) => a.result === result).length;
  const uncovered = count('uncovered');
  const nonCompliant = count('non-compliant');
  const unknown = count('unknown');
  const orgGaps = orgChecks.filter((c) => c.status === 'missing' || c.status === 'failing').length;
  const partial = unread.length > 0 || unknown > 0 || orgChecks.some((c) => c.status === 'unknown');
  const exitCode = uncovered + nonCompliant + orgGaps > 0 ? AUDIT_EXIT.gaps : partial ? AUDIT_EXIT.partial : AUDIT_EXIT.ok;
  return {
    accounts: accounts.length,
    covered: count('covered'),
    uncovered,
    nonCompliant,
    unknown,
    notTargeted: count('not-targeted'),
    inactive: count('inactive'),
    orgGaps,
    partial,
    exitCode,
  };
}

/** The config's sentinel, when on (the plan without the root checks' nested OUs, which the sentinel does not use). */
function sentinelOf(config: RootGuardConfig) {
  return config.sentinel.enabled ? createPlan({ ...config, rootChecks: { ...config.rootChecks, includeNestedOUs: false } }).sentinel : undefined;
}

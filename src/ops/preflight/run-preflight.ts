import type { GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts';
import type { RootGuardConfig } from '../../config/schema';
import { API_RATES, createPacer, type Pacer } from '../aws/api-pacer';
import type { UnreadItem } from '../aws/describe-aws-error';
import { DEFAULT_CONCURRENCY } from '../organization';
import { compareText } from '../text';
import { DEFAULT_SCP_LIMIT } from '../defaults';
import { CHECK_ORDER, type PreflightFinding } from './finding';
import { type PreflightClients, type PreflightFacts, readPreflightFacts } from './read-facts';
import { checkCentralizedRootAccess } from './rules/centralized-root-access';
import { checkBaselineStackSet } from './rules/baseline-stack-set';
import { checkCredentials } from './rules/credentials';
import { checkConfigRecording } from './rules/config-recording';
import { checkEnrolment } from './rules/enrolment';
import { checkExecutionRole } from './rules/execution-role';
import { checkExecutionRolePolicy } from './rules/execution-role-policy';
import { checkExplicitAccountEnrolment } from './rules/explicit-account-enrolment';
import { checkHomeRegion } from './rules/home-region';
import { checkLogGroup } from './rules/log-group';
import { checkLogGroupProperties } from './rules/log-group-properties';
import { checkOrganization } from './rules/organization';
import { checkOrganizationTrail } from './rules/organization-trail';
import { checkRecordedLogGroup } from './rules/recorded-log-group';
import { checkTrailDelivery } from './rules/trail-delivery';
import { checkTrailSettings } from './rules/trail-settings';
import { checkOuPaths } from './rules/ou-path';
import { checkOuResolution } from './rules/ou-resolution';
import { checkScpReach } from './rules/scp-reach';
import { checkScpSlots } from './rules/scp-slots';
import { checkSecurityTopic } from './rules/security-topic';
import { checkCloudWatch1Topic } from './rules/cloudwatch1-topic';

/**
 * `root-guard preflight`: what must hold in the organization before the package is committed, so
 * that CfCT's pipeline does not fail (or, worse, succeed while deploying nothing). The runner reads
 * the facts, runs every rule of rules/ on its part of them, and summarizes. Every finding names the
 * account or OU and the API call it rests on, and says how to fix a failure.
 */

/** Inputs of {@link runPreflight}. */
export interface PreflightOptions {
  readonly config: RootGuardConfig;
  /** The config file (root-guard.ous.yaml is read beside it). */
  readonly configFile: string;
  readonly clients: PreflightClients;
  /**
   * SCPs that may be attached to one root or OU.
   * @default 5 - the documented quota; the 2026-05 raise to 10 is reported but not in the docs yet:
   *   pass 10 once your organization shows it.
   */
  readonly scpLimit?: number;
  /** Organizations parents listed at once. @default DEFAULT_CONCURRENCY (3) */
  readonly concurrency?: number;
  /**
   * The Config aggregator the config-recording check reads (with `clients.aggregatorConfig`).
   * @default CONTROL_TOWER_AGGREGATOR
   */
  readonly aggregatorName?: string;
  /**
   * Paces the Organizations calls at the published rates and counts them.
   * @default createPacer(API_RATES)
   */
  readonly pacer?: Pacer;
  /**
   * The stack set CfCT reads enrolment from, when its `CONTROL_TOWER_BASELINE_CONFIG_STACKSET` names
   * another than AWSControlTowerBP-BASELINE-CONFIG (docs/reference/cfct.md#landing-zone-40-and-cfcts-enrolment-stack-set).
   */
  readonly enrolmentStackSet?: string;
  /** Progress of org-wide work: items done, total if known, and what is being read. */
  readonly onProgress?: (done: number, total: number | undefined, label: string) => void;
  /** sts:GetCallerIdentity already sent with `clients.sts` (the CLI sends it before loading the rest); default: sent here. */
  readonly callerIdentity?: Promise<GetCallerIdentityCommandOutput>;
}

/** Everything preflight found. */
export interface PreflightResult {
  readonly configFile: string;
  readonly managementAccountId: string;
  readonly homeRegion: string;
  /** The account and principal the credentials belong to. */
  readonly caller: { readonly account: string; readonly arn: string };
  /** The organization's id (`o-…`), when organizations:DescribeOrganization could be read. */
  readonly organizationId?: string;
  readonly scpLimit: number;
  readonly findings: readonly PreflightFinding[];
  /** What could not be read (access denied, throttled past the retries): the result is partial if any. */
  readonly unread: readonly UnreadItem[];
  readonly summary: { readonly pass: number; readonly warn: number; readonly fail: number };
  /** True when no finding failed. */
  readonly ok: boolean;
}

/** The rules, each on its part of the facts, in check order. */
export const PREFLIGHT_RULES: readonly ((facts: PreflightFacts) => PreflightFinding[])[] = [
  (f) => checkCredentials(f.credentials),
  (f) => checkOrganization(f.organization),
  (f) => checkHomeRegion(f.homeRegion),
  (f) => checkBaselineStackSet(f.baselineStackSet),
  (f) => checkLogGroup(f.logGroup),
  (f) => checkLogGroupProperties(f.logGroupProperties),
  (f) => checkOrganizationTrail(f.organizationTrail),
  (f) => checkTrailSettings(f.organizationTrail),
  (f) => checkTrailDelivery(f.organizationTrail),
  (f) => checkRecordedLogGroup(f.recordedLogGroup),
  (f) => checkExecutionRole(f.executionRole),
  (f) => checkExecutionRolePolicy(f.executionRolePolicy),
  (f) => checkOuPaths(f.ouPath),
  (f) => checkOuResolution(f.ouResolution),
  (f) => checkEnrolment(f.enrolment),
  (f) => checkConfigRecording(f.configRecording),
  (f) => checkExplicitAccountEnrolment(f.explicitAccount),
  (f) => checkScpSlots(f.scpSlots),
  (f) => checkSecurityTopic(f.securityTopic),
  (f) => checkCloudWatch1Topic(f.cloudWatch1Topic),
  (f) => checkCentralizedRootAccess(f.centralizedRootAccess),
  (f) => checkScpReach(f.scpReach),
];

/**
 * Runs every check. Access denied or throttling on one call becomes a `warn` finding (and an
 * `unread` entry) and the rest goes on; only missing credentials stop it, with a UserError.
 */
export async function runPreflight(options: PreflightOptions): Promise<PreflightResult> {
  const { config } = options;
  const scpLimit = options.scpLimit ?? DEFAULT_SCP_LIMIT;
  const { facts, unread, caller } = await readPreflightFacts({
    config,
    configFile: options.configFile,
    clients: options.clients,
    pacer: options.pacer ?? createPacer(API_RATES),
    scpLimit,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    ...(options.aggregatorName ? { aggregatorName: options.aggregatorName } : {}),
    ...(options.enrolmentStackSet ? { enrolmentStackSet: options.enrolmentStackSet } : {}),
    onProgress: options.onProgress,
    ...(options.callerIdentity ? { callerIdentity: options.callerIdentity } : {}),
  });
  const findings = PREFLIGHT_RULES.flatMap((rule) => rule(facts));
  // Print in check order, then by target: the same on every run.
  findings.sort((a, b) => CHECK_ORDER.indexOf(a.check) - CHECK_ORDER.indexOf(b.check) || compareText(a.target, b.target));
  unread.sort((a, b) => compareText(a.target, b.target) || compareText(a.api, b.api));
  const summary = {
    pass: findings.filter((f) => f.status === 'pass').length,
    warn: findings.filter((f) => f.status === 'warn').length,
    fail: findings.filter((f) => f.status === 'fail').length,
  };
  const org = facts.organization.organization;
  return {
    configFile: options.configFile,
    managementAccountId: config.managementAccountId,
    homeRegion: config.homeRegion,
    caller,
    ...(org.ok && org.value.id ? { organizationId: org.value.id } : {}),
    scpLimit,
    findings,
    unread,
    summary,
    ok: summary.fail === 0,
  };
}

export { DEFAULT_SCP_LIMIT } from '../defaults';

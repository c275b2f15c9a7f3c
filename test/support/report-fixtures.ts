import type { AuditReport } from '../../src/ops/audit/audit';
import type { AccountCoverage, AccountResult, CoverageItem } from '../../src/ops/coverage';
import type { AccountRootCredentials, RootCredentialsReport } from '../../src/ops/root-credentials/types';
import type { RunMetadata } from '../../src/cli/run-metadata';
import { seededRandom } from '../../scripts/seeded-random';

/**
 * The JSON the report reads, for an organization of `accounts` accounts, deterministic per seed:
 * shaped by the commands' own types (AuditReport, RootCredentialsReport, the backtest's --json).
 * Account ids are 12-digit documentation-style values counted up from 111111111111.
 */
export interface ReportFixtures {
  readonly audit: AuditReport & { readonly meta?: RunMetadata };
  readonly credentials: RootCredentialsReport & { readonly meta?: RunMetadata };
  readonly activity: Record<string, unknown>;
}

const OUS = ['Security', 'Sandbox', 'Workloads', 'Workloads:Prod', 'Workloads:Dev', 'Infrastructure', 'Suspended', 'Root'];
const RESULTS: AccountResult[] = ['covered', 'covered', 'covered', 'covered', 'covered', 'covered', 'uncovered', 'non-compliant', 'unknown', 'not-targeted', 'inactive'];
const EVENTS = ['ConsoleLogin', 'GetCallerIdentity', 'ListBuckets', 'CreateAccessKey', 'DescribeRegions', 'GetAccountSummary'];

export function accountId(i: number): string {
  return String(111111111111 + i).padStart(12, '0');
}

export function meta(command: string): RunMetadata {
  return { tool: 'root-guard', version: '0.1.0', command, generatedAt: '2026-12-01T09:30:00.000Z', configFile: 'root-guard.config.yaml', configSha256: 'a'.repeat(64) };
}

/** The caller every envelope fixture names: a documentation account and an SSO role session. */
export const FIXTURE_CALLER_ARN = 'arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/jane@example.com';

/**
 * A fixture as its command's `--json` prints it: the envelope, with the provenance a run against
 * the documentation organization records (src/cli/json-output.ts).
 */
export function envelope(fixture: { readonly meta?: RunMetadata } & object, exitCode: number): Record<string, unknown> {
  const { meta: given, ...result } = fixture as { meta?: RunMetadata } & Record<string, unknown>;
  const base = given ?? meta('unknown');
  return {
    meta: {
      ...base,
      commit: '0123456789abcdef0123456789abcdef01234567',
      arguments: ['--config', 'root-guard.config.yaml', '--profile', 'management', '--json'],
      organization: { id: 'o-exampleorgid', managementAccountId: '111111111111' },
      caller: { account: '111111111111', arn: FIXTURE_CALLER_ARN },
    },
    result,
    exitCode,
    error: null,
  };
}

export function makeReportFixtures(accounts: number, seed = 1): ReportFixtures {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const coverage: AccountCoverage[] = [];
  const creds: AccountRootCredentials[] = [];
  for (let i = 0; i < accounts; i++) {
    const id = accountId(i);
    const ouPath = OUS[i % OUS.length];
    const result = pick(RESULTS);
    // Every fifth covered account has no root credentials left: its root rule is NOT_APPLICABLE, counted ok (issue 24 §4).
    const items = itemsFor(result).map((item) => (result === 'covered' && i % 5 === 0 && item.id.startsWith('config:') ? { ...item, detail: 'NOT_APPLICABLE (no root credentials: centralized root access)' } : item));
    coverage.push({ id, name: `account-${i}`, state: result === 'inactive' ? 'SUSPENDED' : 'ACTIVE', ouPath, result, items });
    const unreadable = i === 3 || random() < 0.02;
    const password = !unreadable && random() < 0.3;
    const keys = !unreadable && random() < 0.1 ? [{ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', status: random() < 0.5 ? 'Active' : 'Inactive', created: '2020-01-01T00:00:00Z' }] : [];
    const certs = !unreadable && random() < 0.03 ? [{ certificateId: 'EXAMPLECERTID', status: 'Active' }] : [];
    const mfa = !unreadable && random() < 0.5 ? [{ serialNumber: `arn:aws:iam::${id}:mfa/root-account-mfa-device` }] : [];
    creds.push({
      accountId: id, accountName: `account-${i}`, ou: ouPath === 'Root' ? '' : ouPath,
      loginProfile: unreadable ? null : password, accessKeys: unreadable ? null : keys, mfaDevices: unreadable ? null : mfa, signingCertificates: unreadable ? null : certs,
      ...(unreadable ? { error: { api: 'sts:AssumeRoot', reason: 'AccessDenied: centralized root access is not enabled' } } : {}),
    });
  }
  const count = (r: AccountResult) => coverage.filter((a) => a.result === r).length;
  const uncovered = count('uncovered');
  const nonCompliant = count('non-compliant');
  const unknown = count('unknown');
  const audit = {
    meta: meta('audit'),
    summary: {
      accounts, covered: count('covered'), uncovered, nonCompliant, unknown, notTargeted: count('not-targeted'), inactive: count('inactive'),
      orgGaps: 1, partial: true, exitCode: uncovered + nonCompliant + 1 > 0 ? 1 : 3,
    },
    orgChecks: [
      { id: 'metric-filter', label: 'Metric filter on aws-controltower/CloudTrailLogs', status: 'ok' as const, detail: 'CIS pattern, exact' },
      { id: 'alarm', label: 'Alarm rg-root-activity', status: 'ok' as const, detail: 'Sum >= 1 over 300 s' },
      { id: 'subscriptions', label: 'Confirmed subscriptions on the topic', status: 'failing' as const, detail: 'no confirmed subscription (confirm the email sent to security@example.com)' },
      { id: 'cis-2.1.1-centralized-root-access', label: 'CIS AWS Foundations Benchmark v7.0 2.1.1: centralized root access in AWS Organizations', status: 'ok' as const, detail: 'enabled in o-exampleorgid (RootCredentialsManagement, RootSessions)' },
    ],
    accounts: coverage,
    unread: [{ target: 'Config rule rg-root-mfa', api: 'config:DescribeAggregateComplianceByConfigRules', reason: 'AccessDenied (run with the Audit account\'s credentials)' }],
    apiCalls: { 'organizations:ListAccounts': 1 },
    acknowledgedGaps: [{ check: 'scp-reach' as const, target: 'Sandbox', reason: 'Sandbox accounts are wiped nightly and hold nothing to protect' }],
  };
  const credentials: RootCredentialsReport & { meta: RunMetadata } = {
    meta: meta('root-credentials'),
    summary: {
      accounts,
      read: creds.filter((c) => !c.error).length,
      failed: creds.filter((c) => c.error).length,
      withPassword: creds.filter((c) => c.loginProfile === true).length,
      withAccessKeys: creds.filter((c) => (c.accessKeys?.length ?? 0) > 0).length,
      withSigningCertificates: creds.filter((c) => (c.signingCertificates?.length ?? 0) > 0).length,
      withMfa: creds.filter((c) => (c.mfaDevices?.length ?? 0) > 0).length,
      withLongTermCredentials: creds.filter((c) => c.loginProfile === true || (c.accessKeys?.length ?? 0) > 0 || (c.signingCertificates?.length ?? 0) > 0).length,
    },
    accounts: creds,
    unread: [],
  };
  return { audit, credentials, activity: activityFixture(accounts, random) };
}

function itemsFor(result: AccountResult): CoverageItem[] {
  const stackSet: CoverageItem = { id: 'stack-set:CustomControlTower-rg-root-checks', label: 'Stack set rg-root-checks', status: result === 'uncovered' ? 'missing' : result === 'covered' || result === 'non-compliant' ? 'ok' : result === 'unknown' ? 'unknown' : 'n/a', detail: result === 'uncovered' ? 'no stack instance (re-run the CfCT pipeline)' : 'CURRENT' };
  const scp: CoverageItem = { id: 'scp', label: 'SCP rg-root-baseline', status: result === 'not-targeted' || result === 'inactive' ? 'n/a' : 'ok', detail: 'attached to the OU' };
  const config: CoverageItem = { id: 'config:rg-root-mfa', label: 'Config rule rg-root-mfa', status: result === 'non-compliant' ? 'failing' : result === 'unknown' ? 'unknown' : result === 'covered' ? 'ok' : 'n/a', detail: result === 'non-compliant' ? 'NON_COMPLIANT: root has no MFA' : result === 'unknown' ? 'could not be read' : 'COMPLIANT' };
  return [stackSet, scp, config];
}

function activityFixture(accounts: number, random: () => number): Record<string, unknown> {
  const groups: { day: string; account: string; eventName: string; count: number }[] = [];
  const firstMatches: Record<string, unknown>[] = [];
  const days = 30;
  const active = Math.max(3, Math.round(accounts / 20));
  for (let d = 0; d < days; d++) {
    const day = `2026-11-${String(d + 1).padStart(2, '0')}`;
    for (let a = 0; a < active; a++) {
      if (random() > 0.15) continue;
      const account = accountId(Math.floor(random() * accounts));
      const eventName = EVENTS[Math.floor(random() * EVENTS.length)];
      if (groups.some((g) => g.day === day && g.account === account && g.eventName === eventName)) continue;
      const count = 1 + Math.floor(random() * 4);
      groups.push({ day, account, eventName, count });
      if (firstMatches.length < 5) {
        firstMatches.push({
          file: `AWSLogs/o-exampleorgid/${account}/CloudTrail/us-east-1/2026/11/${day.slice(8)}/trail.json.gz`,
          record: 1 + firstMatches.length,
          event: {
            eventVersion: '1.08', eventTime: `${day}T08:15:00Z`, eventSource: eventName === 'ConsoleLogin' ? 'signin.amazonaws.com' : 'iam.amazonaws.com',
            eventName, awsRegion: 'us-east-1', sourceIPAddress: '192.0.2.10', userAgent: 'Mozilla/5.0',
            userIdentity: { type: 'Root', principalId: account, arn: `arn:aws:iam::${account}:root`, accountId: account },
            recipientAccountId: account, eventType: 'AwsConsoleSignIn',
          },
        });
      }
    }
  }
  groups.sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : x.account < y.account ? -1 : x.account > y.account ? 1 : x.eventName < y.eventName ? -1 : 1));
  const matched = groups.reduce((s, g) => s + g.count, 0);
  return {
    meta: meta('backtest'),
    events: matched * 40,
    files: days * 24,
    filesRead: days * 24,
    skippedRecords: 0,
    ignoredPaths: 0,
    problems: [],
    problemsOmitted: 0,
    seconds: 1.234,
    filters: [{
      id: 'root-activity', filterName: 'rg-root-activity', pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
      events: matched * 40, matched, groups, ungroupedMatches: 0,
      alarm: { periodSeconds: 300, evaluationPeriods: 1, threshold: 1, breachingPeriods: groups.length, alarms: groups.length, untimedMatches: 0, truncated: false },
      firstMatches,
    }],
    matched,
  };
}

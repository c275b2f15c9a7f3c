/**
 * Benchmark of `root-guard audit` (not a test: it prints figures).
 *
 * Simulates an organization of 5,000 accounts with the package deployed (3 stack sets, the SCP,
 * two Config rules), serves every call through aws-sdk-client-mock with AWS's published per-API
 * rates imposed as token buckets (src/ops/api-pacer.ts API_RATES: Organizations from
 * orgs_reference_limits.html#throttling-limits, CloudWatch from cloudwatch_limits.html; the few
 * APIs AWS publishes no rate for are held to an assumed 5/s) and a 30–60 ms latency per call, runs
 * the audit, and prints the API calls, the wall time, the floor those rates imply for those calls
 * (per API: calls beyond the burst at the API's rate; the slowest API sets it) and the ratio.
 *
 *   npm run bench:audit                     # 5,000 accounts
 *   npm run bench:audit -- --accounts 1000 --latency 40
 *   npm run bench:audit -- --fast-regions 2 # with fastAlerts in 2 Regions (the bus; the forwarder rides in the root-checks stack set)
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IAMClient } from '@aws-sdk/client-iam';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SNSClient } from '@aws-sdk/client-sns';
import { configSchema } from '../src/config/schema';
import { API_RATES, createPacer, rateFloorSeconds } from '../src/ops/api-pacer';
import { runAudit } from '../src/ops/audit';
import { deployedOrganization, instance, simulateAws, withFastAlerts, type SimAccount, type SimModel } from '../test/support/simulated-aws';
import { seededRandom } from './seeded-random';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const ACCOUNTS = arg('accounts', 5000);
const LATENCY_MS = arg('latency', 45);
/** fastAlerts in this many Regions (0: off, the default): the member stack set adds one ListStackInstances stream per Region other than the home region. */
const FAST_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2', 'eu-central-1', 'ap-northeast-1'].slice(0, arg('fast-regions', 0));


/**
 * A large Control Tower organization: Security, Sandbox, Suspended, Workloads with 12 teams, each
 * team with Prod, Staging and Dev OUs (Prod with Web and Data below it): 90 OUs. Accounts spread
 * unevenly, a few OUs holding hundreds, as real organizations do.
 */
function largeOrganization(total: number): SimModel {
  const base = deployedOrganization();
  const rand = seededRandom(42);
  const ous: { id: string; name: string; parentId: string }[] = [
    { id: 'ou-abcd-security', name: 'Security', parentId: 'r-abcd' },
    { id: 'ou-abcd-workload', name: 'Workloads', parentId: 'r-abcd' },
    { id: 'ou-abcd-sandbox0', name: 'Sandbox', parentId: 'r-abcd' },
    { id: 'ou-abcd-suspend0', name: 'Suspended', parentId: 'r-abcd' },
  ];
  for (let t = 0; t < 12; t++) {
    const team = `ou-abcd-team${String(t).padStart(4, '0')}`;
    ous.push({ id: team, name: `Team${t}`, parentId: 'ou-abcd-workload' });
    for (const env of ['Prod', 'Staging', 'Dev']) ous.push({ id: `${team}-${env.toLowerCase()}`, name: env, parentId: team });
    for (const tier of ['Web', 'Data']) ous.push({ id: `${team}-prod-${tier.toLowerCase()}`, name: tier, parentId: `${team}-prod` });
  }
  // Uneven weights: Sandbox and a few team Prod OUs are large.
  const weights = ous.map((ou) => (ou.name === 'Sandbox' ? 40 : ou.name === 'Security' ? 0 : ou.name === 'Prod' ? 6 : 1 + rand() * 3));
  const sum = weights.reduce((a, b) => a + b, 0);
  const accounts: SimAccount[] = [
    { id: '111111111111', name: 'Management', parentId: 'r-abcd' },
    { id: '222222222222', name: 'Audit', parentId: 'ou-abcd-security' },
    { id: '222222222223', name: 'Log Archive', parentId: 'ou-abcd-security' },
  ];
  for (let i = accounts.length; i < total; i++) {
    let pick = rand() * sum;
    let o = 0;
    while (pick > weights[o]) pick -= weights[o++];
    const ou = ous[Math.min(o, ous.length - 1)];
    accounts.push({ id: `333333${String(i).padStart(6, '0')}`, name: `account-${i}`, parentId: ou.id, ...(ou.name === 'Suspended' ? { state: 'SUSPENDED' } : {}) });
  }
  const members = accounts.filter((a) => a.id !== '111111111111' && a.state !== 'SUSPENDED').map((a) => a.id);
  return {
    ...base,
    ous,
    accounts,
    stackSets: {
      ...base.stackSets,
      'CustomControlTower-root-guard-root-checks': members.map((a) => instance(a, 'us-east-1')),
    },
    compliance: {
      'root-guard-root-mfa': Object.fromEntries(members.map((a) => [a, 'COMPLIANT'])),
      'root-guard-root-access-key': Object.fromEntries(members.map((a) => [a, 'COMPLIANT'])),
    },
  };
}

async function main(): Promise<void> {
  const config = configSchema.parse({
    homeRegion: 'us-east-1',
    managementAccountId: '111111111111',
    namePrefix: 'root-guard',
    securityTopic: { accountId: '222222222222', emails: ['security@example.com'] },
    rootChecks: { organizationalUnits: ['Root'], includeManagementAccount: false },
    scp: { organizationalUnits: ['Workloads'] },
    ...(FAST_REGIONS.length > 0 ? { fastAlerts: { regions: FAST_REGIONS, organizationId: 'o-exampleorgid' } } : {}),
  });
  const model = FAST_REGIONS.length > 0 ? withFastAlerts(largeOrganization(ACCOUNTS), FAST_REGIONS) : largeOrganization(ACCOUNTS);
  const jitter = seededRandom(7);
  const sim = simulateAws(model, { rates: API_RATES, latencyMs: () => LATENCY_MS * (0.67 + 0.66 * jitter()) });
  const region = { region: 'us-east-1' };
  const clients = {
    organizations: new OrganizationsClient(region),
    cloudformation: new CloudFormationClient(region),
    cloudwatch: new CloudWatchClient(region),
    logs: new CloudWatchLogsClient(region),
    sns: new SNSClient(region),
    config: new ConfigServiceClient(region),
    cloudtrail: new CloudTrailClient(region),
    iam: new IAMClient(region),
  };

  const started = performance.now();
  const report = await runAudit(clients, { config, pacer: createPacer(API_RATES) });
  const wall = (performance.now() - started) / 1000;
  sim.restore();

  const calls = sim.calls;
  const floor = rateFloorSeconds(calls, API_RATES);
  const rows = Object.entries(calls).sort((a, b) => b[1] - a[1]).map(([api, n]) => {
    const rate = API_RATES[api];
    const apiFloor = rate ? Math.max(0, n - rate.burst) / rate.rate : 0;
    return `  ${api.padEnd(50)} ${String(n).padStart(6)}   ${rate ? `${rate.rate}/s burst ${rate.burst}`.padEnd(16) : 'unpaced'.padEnd(16)} ${apiFloor.toFixed(2).padStart(7)} s${rate?.source.startsWith('not published') ? '  (rate assumed: not published)' : ''}`;
  });
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  // What other ways of placing every account in its OU would cost at the same published rates.
  const perParent = new Map<string, number>();
  for (const a of model.accounts) perParent.set(a.parentId, (perParent.get(a.parentId) ?? 0) + 1);
  const parents = 1 + model.ous.length;
  const lafpPages = [...perParent.values()].reduce((sum, n) => sum + Math.ceil(n / 20), 0) + (parents - perParent.size);
  const lafp = API_RATES['organizations:ListAccountsForParent'];
  const listParents = API_RATES['organizations:ListParents'];
  const onlyForParent = (lafpPages - lafp.burst) / lafp.rate;
  const perAccount = (model.accounts.length - listParents.burst) / listParents.rate;
  const throttled = Object.values(sim.throttled).reduce((a, b) => a + b, 0);
  const { summary } = report;

  process.stdout.write([
    `bench-audit: ${model.accounts.length} accounts, ${model.ous.length} OUs, ${FAST_REGIONS.length > 0 ? `4 stack sets (fastAlerts in ${FAST_REGIONS.join(', ')}: the bus, and the forwarder in the root-checks stack set)` : '3 stack sets'}, 2 Config rules; ${LATENCY_MS} ms ±33 % per call`,
    '',
    `  ${'API'.padEnd(50)} ${'calls'.padStart(6)}   ${'published rate'.padEnd(16)} ${'floor'.padStart(9)}`,
    ...rows,
    '',
    `API calls:        ${total}`,
    `throttled calls:  ${throttled} (the mocks reject any call beyond the published rates)`,
    `wall time:        ${wall.toFixed(2)} s`,
    `rate floor:       ${floor.toFixed(2)} s (slowest API: calls beyond its burst at its published rate)`,
    `ratio:            ${(wall / floor).toFixed(3)}x (target <= 1.2x)`,
    `for comparison:   ListAccountsForParent alone (${lafpPages} pages at 5/s) >= ${onlyForParent.toFixed(1)} s; ListParents per account (${model.accounts.length} calls at 5/s) >= ${perAccount.toFixed(0)} s`,
    `audit result:     ${summary.covered} covered, ${summary.uncovered} uncovered, ${summary.inactive} inactive, ${summary.unknown} unknown; exit ${summary.exitCode}`,
    '',
  ].join('\n'));
  if (throttled > 0 || summary.exitCode !== 0) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`bench-audit: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

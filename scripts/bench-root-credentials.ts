/**
 * Benchmark of `root-guard root-credentials` (not a test: it prints figures).
 *
 * Simulates an organization of 5,000 accounts with centralized root access enabled, serves every
 * call through aws-sdk-client-mock (test/ops/root-credentials/simulated-root-access.ts) with the
 * rates imposed as token buckets — Organizations at its published rates (API_RATES), sts:AssumeRoot
 * at the assumed rate in ROOT_CREDENTIALS_RATES (one bucket: every session is opened by the caller's
 * account), IAM at an assumed rate per member account — and a 30–60 ms latency per call; runs the
 * inventory as the command does (readiness, account list, one audit session per account), and prints
 * the API calls, the wall time, the floor those rates imply for those calls (per API: calls beyond
 * the burst at the API's rate; the slowest API sets it) and the ratio. Any throttled call fails the run.
 *
 *   npm run bench:root-credentials                     # 5,000 accounts (about 4-5 minutes: the AssumeRoot floor is 250 s)
 *   npm run bench:root-credentials -- --accounts 1000 --latency 40 --concurrency 16
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { API_RATES, createPacer, rateFloorSeconds } from '../src/ops/api-pacer';
import { buildReport, readRootCredentials } from '../src/ops/root-credentials/inventory';
import { checkReadiness, listAccountsInScope } from '../src/ops/root-credentials/readiness';
import { createRootSessionFactory } from '../src/ops/root-credentials/root-session';
import { MEMBER_IAM_RATE, ROOT_CREDENTIALS_RATES } from '../src/ops/root-credentials/task-policies';
import { sampleOrganization, simulateRootAccess, type SimRootAccount } from '../test/ops/root-credentials/simulated-root-access';
import { seededRandom } from './seeded-random';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const ACCOUNTS = arg('accounts', 5000);
const LATENCY_MS = arg('latency', 45);
const CONCURRENCY = arg('concurrency', 16);

/** 5,000 accounts over 40 OUs; a few root users still hold a password, keys, certificates or MFA. */
function organization(total: number) {
  const base = sampleOrganization();
  const rand = seededRandom(42);
  const ous = [...base.ous];
  for (let t = 0; t < 36; t++) ous.push({ id: `ou-abcd-team${String(t).padStart(4, '0')}`, name: `Team${t}`, parentId: 'ou-abcd-workload' });
  const accounts: SimRootAccount[] = [{ id: '111111111111', name: 'Management', parentId: 'r-abcd' }];
  for (let i = 1; i < total; i++) {
    const id = `3333${String(i).padStart(8, '0')}`;
    const r = rand();
    accounts.push({
      id, name: `account-${i}`, parentId: ous[1 + Math.floor(rand() * (ous.length - 1))].id,
      ...(r < 0.05 ? { password: true } : {}),
      ...(r < 0.02 ? { keys: [{ id: `AKIA${String(i).padStart(16, '0')}`, status: 'Active' as const, created: '2019-01-01T00:00:00Z', lastUsed: '2026-11-01T00:00:00Z' }] } : {}),
      ...(r < 0.01 ? { certs: [{ id: `CERT${String(i).padStart(28, '0')}`, status: 'Active' as const, uploaded: '2018-01-01T00:00:00Z' }] } : {}),
      ...(rand() < 0.3 ? { mfa: [{ serial: `arn:aws:iam::${id}:mfa/root-account-mfa-device`, enabled: '2021-01-01T00:00:00Z' }] } : {}),
    });
  }
  return { ...base, ous, accounts };
}

async function main(): Promise<void> {
  const model = organization(ACCOUNTS);
  const jitter = seededRandom(7);
  const rates = { ...API_RATES, ...ROOT_CREDENTIALS_RATES };
  const sim = simulateRootAccess(model, { rates, memberIamRate: MEMBER_IAM_RATE, latencyMs: () => LATENCY_MS * (0.67 + 0.66 * jitter()) });
  const sessions = createRootSessionFactory({ region: 'us-east-1', partition: 'aws' });
  const clients = { sts: sessions.sts, organizations: new OrganizationsClient({ region: 'us-east-1' }), iam: new IAMClient({ region: 'us-east-1' }) };
  const pacer = createPacer(rates);

  const started = performance.now();
  const readiness = await checkReadiness(clients, pacer);
  if (readiness.problems.length > 0) throw new Error(readiness.problems.join('\n'));
  const scope = await listAccountsInScope(clients.organizations, pacer, readiness.caller?.managementAccountId, {});
  const listed = (performance.now() - started) / 1000;
  const accounts = await readRootCredentials(sessions, scope.accounts, { pacer, concurrency: CONCURRENCY });
  const wall = (performance.now() - started) / 1000;
  const report = buildReport(accounts, scope.unread);
  sim.restore();
  sessions.destroy();

  const calls = sim.calls;
  const floor = rateFloorSeconds(calls, rates);
  const rows = Object.entries(calls).sort((a, b) => b[1] - a[1]).map(([api, n]) => {
    const rate = rates[api];
    const apiFloor = rate ? Math.max(0, n - rate.burst) / rate.rate : 0;
    const label = rate ? `${rate.rate}/s burst ${rate.burst}` : api.startsWith('iam:') && !api.includes('Organizations') ? `${MEMBER_IAM_RATE.rate}/s per acct` : 'unpaced';
    return `  ${api.padEnd(48)} ${String(n).padStart(6)}   ${label.padEnd(18)} ${apiFloor.toFixed(2).padStart(7)} s${rate?.source.startsWith('not published') || label.includes('per acct') ? '  (rate assumed: not published)' : ''}`;
  });
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  const throttled = Object.values(sim.throttled).reduce((a, b) => a + b, 0);
  const assume = rates['sts:AssumeRoot'];
  // The account list must be complete before sessions start (scope, validation): its slowest API's floor, then AssumeRoot's.
  const orgCalls = Object.fromEntries(Object.entries(calls).filter(([api]) => api.startsWith('organizations:')));
  const sequential = rateFloorSeconds(orgCalls, rates) + Math.max(0, (calls['sts:AssumeRoot'] ?? 0) - assume.burst) / assume.rate;
  const s = report.summary;

  process.stdout.write([
    `bench-root-credentials: ${model.accounts.length} accounts, ${model.ous.length} OUs; ${LATENCY_MS} ms ±33 % per call; concurrency ${CONCURRENCY}`,
    '',
    `  ${'API'.padEnd(48)} ${'calls'.padStart(6)}   ${'rate'.padEnd(18)} ${'floor'.padStart(9)}`,
    ...rows,
    '',
    `API calls:        ${total}`,
    `throttled calls:  ${throttled} (the mocks reject any call beyond the imposed rates)${throttled > 0 ? `: ${JSON.stringify(sim.throttled)}, retried through the pacer` : ''}`,
    `account list:     ${listed.toFixed(2)} s (before the first session: sessions need the list)`,
    `wall time:        ${wall.toFixed(2)} s`,
    `rate floor:       ${floor.toFixed(2)} s (slowest API: calls beyond its burst at its rate; sts:AssumeRoot at an assumed ${assume.rate}/s)`,
    `ratio:            ${(wall / floor).toFixed(3)}x (target <= 1.2x)`,
    `list-then-assume: ${sequential.toFixed(2)} s (account-list floor + AssumeRoot floor, the order the command follows): ratio ${(wall / sequential).toFixed(3)}x`,
    `inventory:        ${s.accounts} member accounts, ${s.read} read, ${s.failed} failed; ${s.withPassword} with a password, ${s.withAccessKeys} with keys, ${s.withSigningCertificates} with certificates, ${s.withMfa} with MFA`,
    '',
  ].join('\n'));
  if (throttled > 0 || s.failed > 0) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`bench-root-credentials: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

/**
 * Benchmark of `root-guard root-credentials` (not a test: it prints figures).
 *
 * Simulates an organization of 5,000 accounts with centralized root access enabled, serves every
 * call through aws-sdk-client-mock (test/ops/root-credentials/simulated-root-access.ts) with the
 * rates imposed as token buckets — Organizations at its published rates (API_RATES), sts:AssumeRoot
 * at the STS request quota AWS publishes (ROOT_CREDENTIALS_RATES: 600/s, one bucket for the caller's
 * account; docs/reference/detection.md#sts-request-rate), IAM at an assumed rate per member account —
 * and a 30–60 ms latency per call. Runs the command itself, as a user would, twice:
 *   1. `--delete PASSWORD,KEYS,CERTS,MFA --ou Root --plan-out FILE`: readiness, the account list, one
 *      audit session per account, the plan;
 *   2. `--apply FILE`: the account list again, a fresh read of every planned account, then the
 *      removals in delete sessions, journalled.
 * For each it prints the API calls, the wall time, and the floor AWS's rates imply for those calls
 * (phase 1: the slowest API, as the sessions run while the accounts are listed; phase 2: the list,
 * then the removal sessions, which wait for every planned account's fresh read), then the ratio.
 * A root credential left after the removal fails the run.
 *
 *   npm run bench:root-credentials                     # 5,000 accounts
 *   npm run bench:root-credentials -- --accounts 1000 --latency 40 --concurrency 64
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { type RootCredentialsClients, runRootCredentialsCommand } from '../src/cli/root-credentials';
import { API_RATES, rateFloorSeconds } from '../src/ops/api-pacer';
import { clientSettings, createAwsClient } from '../src/ops/aws-clients';
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
const CONCURRENCY = arg('concurrency', 64);

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

/** Clients as the command makes them (the shared factory's settings); the mocks answer them. */
function makeClients(region: string): RootCredentialsClients {
  const settings = clientSettings(region);
  const sessions = createRootSessionFactory({ region, partition: 'aws', maxSockets: 256 });
  const organizations = createAwsClient(OrganizationsClient, settings);
  const iam = createAwsClient(IAMClient, settings);
  return { sts: sessions.sts, organizations, iam, sessions, destroy: () => { organizations.destroy(); iam.destroy(); sessions.destroy(); } };
}

const sum = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);
const minus = (after: Record<string, number>, before: Record<string, number>) =>
  Object.fromEntries(Object.entries(after).map(([api, n]) => [api, n - (before[api] ?? 0)]).filter(([, n]) => (n as number) > 0)) as Record<string, number>;

/**
 * The floor of a phase: what AWS's published rates imply for its calls. Phase 1 reads each account as
 * soon as ListAccounts shows it, so its floor is its slowest API. Phase 2 must read every planned
 * account again before the first removal (it refuses on any change), so its removal sessions come
 * after the list: the list's slowest API, then those sessions' AssumeRoot calls.
 */
function floorOf(calls: Record<string, number>, rates: typeof API_RATES, sequentialAssumeRoots: number): number {
  const org = Object.fromEntries(Object.entries(calls).filter(([api]) => api.startsWith('organizations:')));
  const assume = rates['sts:AssumeRoot'];
  return Math.max(rateFloorSeconds(calls, rates), rateFloorSeconds(org, rates) + Math.max(0, sequentialAssumeRoots - assume.burst) / assume.rate);
}

async function phase(name: string, sim: ReturnType<typeof simulateRootAccess>, rates: typeof API_RATES, floorNote: string, run: () => Promise<number>, removalPhase = false): Promise<string[]> {
  const before = { ...sim.calls };
  const sessionsBefore = sim.sessions.length;
  const started = performance.now();
  const code = await run();
  const wall = (performance.now() - started) / 1000;
  const calls = minus(sim.calls, before);
  const deleteSessions = sim.sessions.slice(sessionsBefore).filter((s) => s.taskPolicyArn.endsWith('/IAMDeleteRootUserCredentials')).length;
  const floor = floorOf(calls, rates, removalPhase ? deleteSessions : 0);
  const rows = Object.entries(calls).sort((a, b) => b[1] - a[1]).map(([api, n]) => {
    const rate = rates[api];
    const label = rate ? `${rate.rate}/s burst ${rate.burst}` : api.startsWith('iam:') && !api.includes('Organizations') ? `${MEMBER_IAM_RATE.rate}/s per acct (assumed)` : 'unpaced';
    return `    ${api.padEnd(46)} ${String(n).padStart(6)}   ${label}`;
  });
  return [
    `${name} (exit ${code})`,
    ...rows,
    `  API calls:        ${sum(calls)}`,
    `  wall time:        ${wall.toFixed(2)} s`,
    `  rate floor:       ${floor.toFixed(2)} s (${floorNote})`,
    `  ratio:            ${(wall / floor).toFixed(3)}x (target <= 1.2x)`,
    '',
  ];
}

async function main(): Promise<void> {
  const model = organization(ACCOUNTS);
  const jitter = seededRandom(7);
  const rates = { ...API_RATES, ...ROOT_CREDENTIALS_RATES };
  const sim = simulateRootAccess(model, { rates, memberIamRate: MEMBER_IAM_RATE, latencyMs: () => LATENCY_MS * (0.67 + 0.66 * jitter()) });
  const dir = mkdtempSync(join(tmpdir(), 'bench-root-credentials-'));
  const planPath = join(dir, 'plan.json');
  const sink = { write: () => undefined, error: () => undefined };
  const base = { region: 'us-east-1', config: 'none.yaml', concurrency: CONCURRENCY };
  try {
    const lines = [
      `bench-root-credentials: ${model.accounts.length} accounts, ${model.ous.length} OUs; ${LATENCY_MS} ms ±33 % per call; concurrency ${CONCURRENCY}`,
      '',
      ...await phase('1. inventory and plan (--delete PASSWORD,KEYS,CERTS,MFA --ou Root --plan-out)', sim, rates, 'the slowest API: sessions run while the accounts are listed',
        () => runRootCredentialsCommand({ ...base, delete: ['PASSWORD', 'KEYS', 'CERTS', 'MFA'], ou: ['Root'], planOut: planPath }, sink, makeClients)),
      // A person reviews the plan between the two: by then the service's buckets are full again (the
      // mocks run no SDK retries, so a bucket left empty by phase 1 would fail phase 2's first pages).
      ...await new Promise<string[]>((resolve) => setTimeout(() => resolve([]), 3000)),
      ...await phase('2. removal (--apply): list, read the planned accounts again, remove', sim, rates, 'the list\'s slowest API, then the removal sessions\' AssumeRoot: removals wait for every fresh read',
        () => runRootCredentialsCommand({ ...base, apply: planPath, journal: join(dir, 'journal.jsonl') }, sink, makeClients), true),
    ];
    const throttled = sum(sim.throttled);
    lines.push(`throttled calls: ${throttled} of ${sum(sim.calls)} (the mocks reject any call beyond the imposed rates; a throttled call is retried by the SDK, then through the pacer)${throttled > 0 ? `: ${JSON.stringify(sim.throttled)}` : ''}`);
    const left = model.accounts.filter((a) => a.id !== model.managementAccountId && (a.password || (a.keys ?? []).length > 0 || (a.certs ?? []).length > 0 || (a.mfa ?? []).length > 0)).length;
    lines.push(`member accounts still holding a root credential after the removal: ${left}`, '');
    process.stdout.write(lines.join('\n'));
    if (left > 0) process.exitCode = 1;
  } finally {
    sim.restore();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench-root-credentials: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

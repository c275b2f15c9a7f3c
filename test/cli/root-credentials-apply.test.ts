import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RootCredentialsCommandOptions, runRootCredentialsCommand } from '../../src/cli/root-credentials';
import { REMOVAL_ORDER, stepKey } from '../../src/ops/root-credentials/deletion-plan';
import { runWithinPolicy } from '../support/cli';
import { writeMinimalConfig } from '../support/config';
import { accessDenied, type RootSimulation, sampleOrganization, serviceError, simulateRootAccess } from '../ops/root-credentials/simulated-root-access';
import { validJsonOutput } from '../support/json-schema';

let sim: RootSimulation | undefined;
afterEach(() => sim?.restore());

const dir = () => mkdtempSync(join(tmpdir(), 'root-credentials-apply-'));
const base: RootCredentialsCommandOptions = { region: 'us-east-1', config: 'none.yaml', concurrency: 4 };
const ALL = ['PASSWORD', 'KEYS', 'CERTS', 'MFA'] as const;

/** Runs the command; `events` records stdout/stderr writes and removals in the order they happened. */
async function run(options: Partial<RootCredentialsCommandOptions>, signal?: AbortSignal) {
  let out = '';
  let err = '';
  // Every SDK call must be in iam/root-guard-root-credentials.json (or the task policies' list).
  const code = await runWithinPolicy(['root-credentials'], () => runRootCredentialsCommand({ ...base, ...options }, {
    write: (t) => { out += t; }, error: (t) => { err += t; }, now: () => new Date('2026-12-05T09:00:00Z'), ...(signal ? { signal } : {}),
  }));
  return { code, out, err };
}

/** Writes a reviewed plan of `kinds` over `scope` and returns its path. */
async function planFile(kinds: readonly (typeof ALL)[number][], scope: Partial<RootCredentialsCommandOptions> = { ou: ['Workloads'] }) {
  const path = join(dir(), 'plan.json');
  const r = await run({ delete: [...kinds], ...scope, planOut: path });
  expect(r.out).toContain(`written to ${path}`);
  return { path, dryRun: r };
}

const journalLines = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('root-credentials: the reviewed plan file', () => {
  test('the dry run prints the plan in removal order and its digest, writes the file, and removes nothing', async () => {
    sim = simulateRootAccess(sampleOrganization());
    const { path, dryRun } = await planFile(ALL);
    const plan = JSON.parse(readFileSync(path, 'utf8'));
    expect(plan.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(dryRun.out).toContain(`Plan ${plan.digest} written to ${path}. Nothing was removed. Review it, then: root-guard root-credentials --apply ${path}`);
    expect(plan.scope).toEqual({ ous: ['Workloads'] });
    // Per account: password, keys, certificates, MFA last.
    expect(plan.steps.filter((s: { accountId: string }) => s.accountId === '333333333333').map((s: { what: string }) => s.what))
      .toEqual(['password', 'access-key', 'access-key', 'signing-certificate', 'mfa-device']);
    expect(plan.accounts.find((a: { accountId: string }) => a.accountId === '333333333333')).toEqual(expect.objectContaining({ password: true, accessKeys: ['AKIAI44QH8DHBEXAMPLE', 'AKIAIOSFODNN7EXAMPLE'] }));
    expect(sim.removals).toEqual([]);
    // The same organization gives the same digest (the time of writing is not part of it).
    const again = await run({ delete: [...ALL], ou: ['Workloads'] });
    expect(again.out).toContain(`Plan ${plan.digest}. Nothing was removed.`);
  });

  test('refuses a plan that would deactivate MFA where a password stays, naming the account; MFA alone is fine where there is no password', async () => {
    sim = simulateRootAccess(sampleOrganization());
    const path = join(dir(), 'plan.json');
    const refused = await run({ delete: ['MFA'], ou: ['Workloads'], planOut: path });
    expect(refused.code).toBe(5);
    expect(refused.err).toContain('333333333333 (Payments): its root user has a password that this plan keeps: deactivating MFA would leave a password without MFA');
    expect(refused.err).not.toContain('444444444444');
    expect(() => readFileSync(path)).toThrow();
    const fine = await run({ delete: ['MFA'], accounts: ['444444444444'], planOut: path });
    expect(fine.code).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8')).steps.map(stepKey)).toEqual(['444444444444/mfa-device/arn:aws:iam::444444444444:mfa/root-account-mfa-device']);
  });

  test('refuses MFA where the password could not be read', async () => {
    sim = simulateRootAccess(sampleOrganization(), { failures: { 'iam:GetLoginProfile:444444444444': accessDenied() } });
    const r = await run({ delete: ['PASSWORD', 'MFA'], accounts: ['444444444444'] });
    expect(r.code).toBe(5);
    expect(r.err).toContain('444444444444 (Web): its password could not be read');
  });

  test('refuses a plan file edited after it was written, and one whose accounts gained a credential since', async () => {
    sim = simulateRootAccess(sampleOrganization());
    const { path } = await planFile(['KEYS']);
    const text = readFileSync(path, 'utf8');
    const edited = join(dir(), 'edited.json');
    writeFileSync(edited, text.replace('AKIAI44QH8DHBEXAMPLE', 'AKIAEXAMPLEOTHERKEY1'));
    const tampered = await run({ apply: edited });
    expect(tampered.code).toBe(5);
    expect(tampered.err).toContain(`${edited}: the plan was changed after it was written`);
    // A key created between the review and the apply: nothing is removed, the account and key are named.
    sim.restore();
    const model = sampleOrganization();
    model.accounts.find((a) => a.id === '333333333333')!.keys!.push({ id: 'AKIAJEXAMPLENEWKEY00', status: 'Active', created: '2026-12-05T08:30:00Z' });
    sim = simulateRootAccess(model);
    const changed = await run({ apply: path });
    expect(changed.code).toBe(5);
    expect(changed.err).toContain('333333333333 (Payments): access key AKIAJEXAMPLENEWKEY00 added since the plan');
    expect(changed.err).toContain('make and review a new plan: --delete KEYS --ou Workloads --plan-out NEW_FILE');
    expect(sim.removals).toEqual([]);
    expect(sim.sessions.every((s) => s.taskPolicyArn.endsWith('IAMAuditRootUserCredentials'))).toBe(true);
  });

  test('refuses a plan whose account left the organization or its scope', async () => {
    sim = simulateRootAccess(sampleOrganization());
    const { path } = await planFile(['PASSWORD'], { accounts: ['333333333333'] });
    sim.restore();
    const model = sampleOrganization();
    (model.accounts.find((a) => a.id === '333333333333') as { state?: string }).state = 'SUSPENDED';
    sim = simulateRootAccess(model);
    const r = await run({ apply: path });
    expect(r.code).toBe(5);
    expect(r.err).toContain('333333333333 is SUSPENDED, not ACTIVE');
    expect(sim.removals).toEqual([]);
  });
});

describe('root-credentials --apply', () => {
  test('says it runs as root and will raise the alarm, prints the journal before the first step, removes exactly the plan, MFA last', async () => {
    let errAtFirstRemoval: string | undefined;
    let err = '';
    sim = simulateRootAccess(sampleOrganization(), {
      failures: { 'iam:DeleteLoginProfile:333333333333': () => { errAtFirstRemoval = err; return undefined; } },
    });
    const { path } = await planFile(ALL);
    const journal = join(dir(), 'j.jsonl');
    let out = '';
    const code = await runRootCredentialsCommand({ ...base, apply: path, journal, config: writeMinimalConfig({ namePrefix: 'acme' }) }, {
      write: (t) => { out += t; }, error: (t) => { err += t; }, now: () => new Date('2026-12-05T09:00:00Z'),
    });
    expect(code).toBe(0);
    expect(out).toContain('this run opens root sessions (sts:AssumeRoot, task policy IAMDeleteRootUserCredentials');
    expect(out).toContain('an email with subject ALARM: "acme-root-activity" in US East (N. Virginia)');
    expect(out).toContain('(fastAlerts is off in the config: none)');
    expect(errAtFirstRemoval).toContain(`Journal: ${journal} (if this run stops, finish it with: root-guard root-credentials --resume ${journal} --apply ${path})`);
    const payments = sim.removals.filter((x) => x.account === '333333333333').map((x) => x.api);
    expect(payments).toEqual(['iam:DeleteLoginProfile', 'iam:DeleteAccessKey', 'iam:DeleteAccessKey', 'iam:DeleteSigningCertificate', 'iam:DeactivateMFADevice']);
    expect(sim.removals).toHaveLength(6);
    const lines = journalLines(journal);
    expect(lines[0]).toEqual(expect.objectContaining({ type: 'plan', digest: JSON.parse(readFileSync(path, 'utf8')).digest, planFile: path }));
    expect(lines.slice(1).every((l) => l.sessionAccessKeyId?.startsWith('ASIA'))).toBe(true);
    // The summary a ticket can quote.
    expect(out).toContain(`Summary: root-credentials --apply ${path} (plan sha256:`);
    expect(out).toContain('removed:  1 password(s), 2 access key(s), 1 signing certificate(s), 2 MFA device(s) deactivated');
    expect(out).toContain('by arn:aws:sts::111111111111:assumed-role/Admin/alice');
    expect(out).not.toContain('to finish:');
  });

  // Every step of every account fails once, in turn: the rest go on, MFA is kept where an earlier
  // step of its account failed, the exit code says so, and --resume finishes the job.
  const steps = ['333333333333 iam:DeleteLoginProfile', '333333333333 iam:DeleteAccessKey', '333333333333 iam:DeleteSigningCertificate', '333333333333 iam:DeactivateMFADevice', '444444444444 iam:DeactivateMFADevice', '333333333333 sts:AssumeRoot'];
  test.each(steps)('a failure at %s leaves a safe state, exits 1, and --resume finishes', async (where) => {
    const [account, api] = where.split(' ');
    let failOnce = true;
    let assumeCalls = 0;
    sim = simulateRootAccess(sampleOrganization(), {
      failures: {
        [`${api}:${account}`]: () => {
          // sts:AssumeRoot also reads the account (twice: dry run and the check before apply); fail the removal session.
          if (api === 'sts:AssumeRoot' && ++assumeCalls < 3) return undefined;
          if (!failOnce) return undefined;
          failOnce = false;
          return accessDenied(`User: arn:aws:iam::${account}:root is not authorized to perform: ${api} with an explicit deny in a service control policy`);
        },
      },
    });
    const { path } = await planFile(ALL);
    const journal = join(dir(), 'j.jsonl');
    const r = await run({ apply: path, journal });
    expect(r.code).toBe(1);
    expect(r.out).toContain('an SCP on the account or one of its OUs denies root actions without exempting AssumeRoot sessions');
    expect(r.out).not.toContain('grant the caller read access');
    expect(r.out).toContain(`to finish: root-guard root-credentials --resume ${journal} --apply ${path}`);
    const removedIn = (a: string) => sim!.removals.filter((x) => x.account === a).map((x) => x.api);
    // The other account is untouched by this account's failure.
    const other = account === '333333333333' ? '444444444444' : '333333333333';
    expect(removedIn(other).length).toBeGreaterThan(0);
    // Never a password left without MFA: if the password is still there, so is the MFA device.
    const payments = removedIn('333333333333');
    if (!payments.includes('iam:DeleteLoginProfile')) expect(payments).not.toContain('iam:DeactivateMFADevice');
    // Any failure before MFA in that account keeps MFA.
    if (account === '333333333333' && api !== 'iam:DeactivateMFADevice' && api !== 'sts:AssumeRoot') {
      expect(payments).not.toContain('iam:DeactivateMFADevice');
      expect(r.out).toMatch(/kept 333333333333 \(Payments\): MFA device .*did not go through/);
    }
    // Every `started` line has its result: the journal is consistent.
    const lines = journalLines(journal).slice(1);
    for (const l of lines.filter((x) => x.result === 'started')) expect(lines.some((x) => x.result !== 'started' && stepKey({ accountId: x.account, what: x.what, identifiers: x.identifiers }) === stepKey({ accountId: l.account, what: l.what, identifiers: l.identifiers }))).toBe(true);
    const resumed = await run({ resume: journal, apply: path });
    expect(resumed.code).toBe(0);
    expect(removedIn('333333333333').sort()).toEqual(['iam:DeactivateMFADevice', 'iam:DeleteAccessKey', 'iam:DeleteAccessKey', 'iam:DeleteLoginProfile', 'iam:DeleteSigningCertificate']);
    expect(sim.removals).toHaveLength(6); // nothing removed twice
  });

  test('Ctrl-C: the call in flight finishes and is journalled, nothing new starts, exit 130 with the --resume command; --resume finishes', async () => {
    const interrupt = new AbortController();
    sim = simulateRootAccess(sampleOrganization(), {
      failures: { 'iam:DeleteLoginProfile:333333333333': () => { interrupt.abort('SIGINT'); return undefined; } },
    });
    const { path } = await planFile(ALL);
    const journal = join(dir(), 'j.jsonl');
    const r = await run({ apply: path, journal, concurrency: 1 }, interrupt.signal);
    expect(r.code).toBe(130);
    expect(r.err).toContain(`Interrupted (SIGINT): finishing the calls in flight, starting no new step. Journal: ${journal}`);
    expect(r.err).toContain(`To finish: root-guard root-credentials --resume ${journal} --apply ${path}`);
    expect(sim.removals.map((x) => x.api)).toEqual(['iam:DeleteLoginProfile']);
    const lines = journalLines(journal).slice(1);
    expect(lines.map((l) => `${l.what} ${l.result}`)).toEqual(['password started', 'password done']);
    expect(r.out).toContain('interrupted by SIGINT');
    const resumed = await run({ resume: journal, apply: path });
    expect(resumed.code).toBe(0);
    expect(sim.removals).toHaveLength(6);
  });

  test('--json is one plain result object: plan, applied totals and steps, exit code', async () => {
    sim = simulateRootAccess(sampleOrganization());
    const { path } = await planFile(['PASSWORD', 'KEYS']);
    const r = await run({ apply: path, journal: join(dir(), 'j.jsonl'), json: true });
    const envelope = validJsonOutput('root-credentials', r.out);
    expect(envelope.exitCode).toBe(0);
    const json = envelope.result;
    expect(json.exitCode).toBe(0);
    expect(json.plan).toEqual(expect.objectContaining({ file: path, digest: expect.stringMatching(/^sha256:/) }));
    expect(json.applied.totals).toEqual(expect.objectContaining({ removed: { password: 1, 'access-key': 2, 'signing-certificate': 0, 'mfa-device': 0 }, failed: 0 }));
    expect(json.applied.steps).toHaveLength(3);
    expect(r.err).toContain('Summary:');
  });
});

describe('root-credentials --resume trusts nothing in the journal', () => {
  async function startedRun() {
    sim = simulateRootAccess(sampleOrganization(), { failures: { 'iam:DeleteAccessKey:333333333333': () => accessDenied('no') } });
    const { path } = await planFile(['PASSWORD', 'KEYS']);
    const journal = join(dir(), 'j.jsonl');
    expect((await run({ apply: path, journal })).code).toBe(1);
    return { path, journal };
  }

  test.each([
    ['an unknown step kind', { what: 'root-user' }, 'unknown step kind "root-user"'],
    ['an account not in the plan', { account: '999999999999' }, 'step 999999999999/access-key/AKIAIOSFODNN7EXAMPLE is not in the plan'],
    ['an identifier not in the plan', { identifiers: ['AKIAEXAMPLEFORGED001'] }, 'step 333333333333/access-key/AKIAEXAMPLEFORGED001 is not in the plan'],
    ['an unknown result', { result: 'skipped' }, 'unknown result "skipped"'],
    ['another API', { api: 'iam:DeleteUser' }, '333333333333/access-key/AKIAIOSFODNN7EXAMPLE names API "iam:DeleteUser", not iam:DeleteAccessKey'],
  ])('refuses a journal line with %s, naming file and line, and records nothing', async (_name, change, message) => {
    const { path, journal } = await startedRun();
    const before = sim!.removals.length;
    const forged = { type: 'step', account: '333333333333', what: 'access-key', identifiers: ['AKIAIOSFODNN7EXAMPLE'], time: '2026-12-05T09:00:00.000Z', result: 'done', api: 'iam:DeleteAccessKey', ...change };
    const text = `${readFileSync(journal, 'utf8')}${JSON.stringify(forged)}\n`;
    writeFileSync(journal, text);
    const lineNumber = text.trim().split('\n').length;
    const r = await run({ resume: journal, apply: path });
    expect(r.code).toBe(5);
    expect(r.err).toContain(`${journal}:${lineNumber}: ${message}`);
    expect(sim!.removals.length).toBe(before);
    expect(readFileSync(journal, 'utf8')).toBe(text); // nothing appended
  });

  test('refuses a journal that belongs to another plan', async () => {
    const { journal } = await startedRun();
    const other = join(dir(), 'other.json');
    expect((await run({ delete: ['PASSWORD'], accounts: ['333333333333'], planOut: other })).code).toBe(1);
    const r = await run({ resume: journal, apply: other });
    expect(r.code).toBe(5);
    expect(r.err).toContain(`${journal}:1: the journal belongs to plan sha256:`);
  });
});

describe('root-credentials: what a removal order relies on', () => {
  test('the order is password, keys, certificates, MFA', () => {
    expect(REMOVAL_ORDER).toEqual(['password', 'access-key', 'signing-certificate', 'mfa-device']);
  });

  test('an expired session on the last step leaves MFA, never a password without it', async () => {
    sim = simulateRootAccess(sampleOrganization(), { failures: { 'iam:DeleteSigningCertificate:333333333333': () => serviceError('ExpiredToken', 'The security token included in the request is expired', 403) } });
    const { path } = await planFile(ALL);
    const r = await run({ apply: path, journal: join(dir(), 'j.jsonl') });
    expect(r.code).toBe(1);
    expect(sim.removals.filter((x) => x.account === '333333333333').map((x) => x.api)).not.toContain('iam:DeactivateMFADevice');
  });
});

describe('the notice before --apply quotes the alerts as they are rendered', () => {
  test('its fast-alert lines are the fast path\'s template with this run\'s values, its alarm the config\'s', async () => {
    const { renderRootSessionNotice } = await import('../../src/cli/root-credentials-render');
    const { rootAlertTransformer } = await import('../../src/constructs/security-event-bus');
    const notice = renderRootSessionNotice({ steps: [{ accountId: '333333333333', accountName: 'Payments', what: 'password', identifiers: ['LoginProfile'] }] }, undefined, { alarm: 'acme-root-activity', homeRegion: 'eu-west-1', fastAlerts: true });
    const template = (JSON.parse(`[${rootAlertTransformer('api', 'Payments').inputTemplate.split('\n').join(',')}]`) as string[]);
    const filled = (line: string) => line.replace('<account>', '333333333333').replace('<eventName>', 'DeleteLoginProfile').replace('<eventSource>', 'iam.amazonaws.com').replace('<accessKeyId>', 'ASIA…');
    const quotes = [...notice.matchAll(/"([^"]+)"/g)].map((m) => m[1]).filter((q) => /^(ROOT|What|Credentials)/.test(q));
    expect(quotes).toHaveLength(3);
    for (const quoted of quotes) {
      const prefix = quoted.replace(/ \(…\)$/, '');
      expect(template.map(filled).some((line) => line.startsWith(prefix))).toBe(true);
    }
    expect(notice).toContain('ALARM: "acme-root-activity" in Europe (Ireland)');
  });
});

describe('the progress line of --apply', () => {
  test('says accounts done, removed, failed, remaining and the rate', async () => {
    const { applyProgressLine } = await import('../../src/cli/root-credentials-render');
    expect(applyProgressLine({ accountsDone: 120, accounts: 5000, removed: 300, failed: 2 }, 12_000)).toBe('120/5000 accounts done, 300 removed, 2 failed, 4880 remaining, 10.0 accounts/s');
  });
});

import { runWithinPolicy } from '../support/cli';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { type RootCredentialsCommandOptions, runRootCredentialsCommand, usageProblem } from '../../src/cli/root-credentials';
import {
  accessDenied,
  AccountNotManagementOrDelegatedAdministratorException,
  type RootSimulation,
  sampleOrganization,
  simulateRootAccess,
  throttling,
} from '../ops/root-credentials/simulated-root-access';
import { validJsonOutput } from '../support/json-schema';

let sim: RootSimulation | undefined;
afterEach(() => sim?.restore());

const dir = () => mkdtempSync(join(tmpdir(), 'root-credentials-'));
const base: RootCredentialsCommandOptions = { region: 'us-east-1', config: 'none.yaml', concurrency: 4 };

async function run(options: Partial<RootCredentialsCommandOptions>) {
  let out = '';
  let err = '';
  // Every SDK call must be in iam/root-guard-root-credentials.json (or the task policies' list).
  const code = await runWithinPolicy(['root-credentials'], () => runRootCredentialsCommand({ ...base, ...options }, {
    write: (t) => { out += t; }, error: (t) => { err += t; }, now: () => new Date('2026-12-05T09:00:00Z'),
  }));
  return { code, out, err };
}

describe('root-guard root-credentials: readiness', () => {
  test('stops with exit 4 and the commands to run when centralized root access is off', async () => {
    sim = simulateRootAccess(sampleOrganization({ features: ['RootCredentialsManagement'] }));
    const r = await run({});
    expect(r.code).toBe(4);
    expect(r.err).toContain('RootSessions off');
    expect(r.err).toContain('aws iam enable-organizations-root-sessions');
    expect(sim.calls['sts:AssumeRoot']).toBeUndefined();
  });

  test('stops with exit 4 when the caller is neither the management account nor the delegated administrator', async () => {
    sim = simulateRootAccess(sampleOrganization({
      caller: { account: '222222222222', arn: 'arn:aws:sts::222222222222:assumed-role/Admin/bob' },
      features: new AccountNotManagementOrDelegatedAdministratorException({ message: 'not allowed', $metadata: {} }),
    }));
    const r = await run({});
    expect(r.code).toBe(4);
    expect(r.err).toContain('account 222222222222 is neither the management account (111111111111) nor IAM\'s delegated administrator');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(sim.calls['sts:AssumeRoot']).toBeUndefined();
  });

  test('refuses root credentials as the caller', async () => {
    sim = simulateRootAccess(sampleOrganization({ caller: { account: '111111111111', arn: 'arn:aws:iam::111111111111:root' } }));
    const r = await run({});
    expect(r.code).toBe(4);
    expect(r.err).toContain('cannot be called with root credentials');
  });
});

describe('root-guard root-credentials: inventory', () => {
  test('reads every active member account in an audit session and names the holders', async () => {
    sim = simulateRootAccess(sampleOrganization());
    const r = await run({});
    expect(r.code).toBe(1);
    // Management (not a member) and the SUSPENDED account get no session.
    expect(sim.sessions.map((s) => s.account).sort()).toEqual(['222222222222', '333333333333', '444444444444']);
    expect(sim.sessions.every((s) => s.taskPolicyArn === 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' && s.durationSeconds === 900)).toBe(true);
    expect(r.out).toContain('AKIAIOSFODNN7EXAMPLE Active used 2026-11-30');
    expect(r.out).toContain('Root users with a password or a long-term credential (1): 333333333333 (Payments)');
    expect(r.out).not.toMatch(/^222222222222/m); // nothing held, nothing to show
  });

  test('--json carries meta and, per account, every kind present or absent', async () => {
    sim = simulateRootAccess(sampleOrganization());
    const r = await run({ json: true });
    const envelope = validJsonOutput('root-credentials', r.out);
    expect(envelope.meta).toEqual(expect.objectContaining({ tool: 'root-guard', command: 'root-credentials', generatedAt: '2026-12-05T09:00:00.000Z' }));
    const json = envelope.result;
    const payments = json.accounts.find((a: { accountId: string }) => a.accountId === '333333333333');
    expect(payments).toEqual(expect.objectContaining({
      accountName: 'Payments', ou: 'Workloads:Prod', loginProfile: true,
      mfaDevices: [{ serialNumber: 'arn:aws:iam::333333333333:mfa/root-account-mfa-device', enabled: '2019-05-01T10:05:00.000Z' }],
      signingCertificates: [{ certificateId: 'EXAMPLECERTID1234567890ABCDEFGHI', status: 'Active', uploaded: '2017-01-01T00:00:00.000Z' }],
    }));
    expect(payments.accessKeys).toEqual([
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', status: 'Active', created: '2019-05-01T10:00:00.000Z', lastUsed: '2026-11-30T08:00:00.000Z', lastUsedService: 'ec2', lastUsedRegion: 'eu-west-1' },
      { accessKeyId: 'AKIAI44QH8DHBEXAMPLE', status: 'Inactive', created: '2018-02-01T10:00:00.000Z' },
    ]);
    expect(payments.sessionAccessKeyId).toMatch(/^ASIA/);
    const audit = json.accounts.find((a: { accountId: string }) => a.accountId === '222222222222');
    expect(audit).toEqual(expect.objectContaining({ loginProfile: false, accessKeys: [], mfaDevices: [], signingCertificates: [] }));
    expect(audit.error).toBeUndefined();
    expect(json.summary).toEqual(expect.objectContaining({ accounts: 3, read: 3, failed: 0, withPassword: 1, withAccessKeys: 1, withMfa: 2, withLongTermCredentials: 1, longTermCredentialAccounts: ['333333333333'] }));
  });

  test('an account that denies the session is reported with the reason, the others are read (exit 1: found)', async () => {
    sim = simulateRootAccess(sampleOrganization(), { failures: { 'sts:AssumeRoot:444444444444': accessDenied('explicit deny in a service control policy') } });
    const r = await run({ json: true });
    const json = validJsonOutput('root-credentials', r.out).result;
    const web = json.accounts.find((a: { accountId: string }) => a.accountId === '444444444444');
    expect(web.loginProfile).toBeNull();
    expect(web.error.api).toBe('sts:AssumeRoot');
    expect(web.error.reason).toContain('"aws:AssumedRoot": "true"');
    expect(json.summary.failed).toBe(1);
    expect(r.code).toBe(1);
  });

  test('exit 3 when nothing is found but one kind of one account could not be read', async () => {
    const model = sampleOrganization();
    model.accounts.splice(2, 1); // no Payments
    sim = simulateRootAccess(model, { failures: { 'iam:ListSigningCertificates:444444444444': accessDenied() } });
    const r = await run({});
    expect(r.code).toBe(3);
    expect(r.out).toContain('account 444444444444 (Web): iam:ListSigningCertificates: access denied');
    expect(r.out).toMatch(/^444444444444\s+Web\s+Workloads:Prod\s+no\s+-\s+1\s+0/m); // the other kinds were read
  });

  test('retries a throttled AssumeRoot and follows IAM pagination', async () => {
    let first = true;
    sim = simulateRootAccess(sampleOrganization(), {
      iamPageSize: 1,
      failures: { 'sts:AssumeRoot:333333333333': () => (first ? ((first = false), throttling()) : undefined) },
    });
    const r = await run({ json: true });
    const payments = validJsonOutput('root-credentials', r.out).result.accounts.find((a: { accountId: string }) => a.accountId === '333333333333');
    expect(payments.error).toBeUndefined();
    expect(payments.accessKeys).toHaveLength(2);
    expect(sim.calls['sts:AssumeRoot']).toBe(4); // three accounts, one retry
    expect(sim.calls['iam:ListAccessKeys']).toBe(2 + 1 + 1); // two pages for Payments, one each elsewhere
  });

  test('--accounts and --ou narrow the scope; unknown ones are errors naming the fix', async () => {
    sim = simulateRootAccess(sampleOrganization());
    const r = await run({ ou: ['Workloads:Prod'], accounts: ['444444444444'] });
    expect(sim.sessions.map((s) => s.account)).toEqual(['444444444444']);
    expect(r.code).toBe(0);
    const bad = await run({ ou: ['Workloads:Dev'], accounts: ['111111111111'] });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--ou: "Workloads:Dev" is not an OU path');
    expect(bad.err).toContain('--accounts: 111111111111 is the management account');
  });
});

describe('root-guard root-credentials: removal', () => {
  test('--delete only prints the plan and removes nothing', async () => {
    sim = simulateRootAccess(sampleOrganization());
    const r = await run({ delete: ['PASSWORD', 'KEYS', 'CERTS'] });
    expect(r.out).toContain('Removal plan (PASSWORD,KEYS,CERTS): 4 step(s) in 1 account(s)');
    expect(r.out).toContain('Nothing was removed');
    expect(r.out).toContain('MFA devices are left as they are');
    expect(sim.removals).toEqual([]);
    expect(sim.sessions.some((s) => s.taskPolicyArn.endsWith('IAMDeleteRootUserCredentials'))).toBe(false);
  });

  test('--apply removes exactly the plan with the delete task policy, journalling before and after each step', async () => {
    sim = simulateRootAccess(sampleOrganization());
    const journal = join(dir(), 'j.jsonl');
    const r = await run({ delete: ['PASSWORD', 'KEYS', 'CERTS', 'MFA'], apply: true, journal });
    expect(r.code).toBe(0);
    expect(r.out.indexOf('Removal plan')).toBeLessThan(r.out.indexOf('Removed:'));
    expect(sim.removals.map((x) => `${x.account} ${x.api} ${x.id}`).sort()).toEqual([
      '333333333333 iam:DeactivateMFADevice arn:aws:iam::333333333333:mfa/root-account-mfa-device',
      '333333333333 iam:DeleteAccessKey AKIAI44QH8DHBEXAMPLE',
      '333333333333 iam:DeleteAccessKey AKIAIOSFODNN7EXAMPLE',
      '333333333333 iam:DeleteLoginProfile LoginProfile',
      '333333333333 iam:DeleteSigningCertificate EXAMPLECERTID1234567890ABCDEFGHI',
      '444444444444 iam:DeactivateMFADevice arn:aws:iam::444444444444:mfa/root-account-mfa-device',
    ]);
    const lines = readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual(expect.objectContaining({ type: 'plan', kinds: ['PASSWORD', 'KEYS', 'CERTS', 'MFA'] }));
    expect(lines[0].steps).toHaveLength(6);
    const steps = lines.slice(1);
    expect(steps).toHaveLength(12);
    // Per step: a `started` line, then a `done` line (accounts run at once, so steps interleave).
    const byStep = new Map<string, string[]>();
    for (const l of steps) {
      expect(l).toEqual(expect.objectContaining({ type: 'step', time: '2026-12-05T09:00:00.000Z', sessionAccessKeyId: expect.stringMatching(/^ASIA/) }));
      const key = `${l.account}/${l.what}/${l.identifiers.join(',')}`;
      byStep.set(key, [...(byStep.get(key) ?? []), l.result]);
    }
    expect([...byStep.values()]).toEqual(Array(6).fill(['started', 'done']));
    expect(sim.sessions.filter((s) => s.taskPolicyArn === 'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials').map((s) => s.account).sort()).toEqual(['333333333333', '444444444444']);
  });

  test('MFA is never deactivated unless named; a credential not in the plan is never removed', async () => {
    const model = sampleOrganization();
    const payments = model.accounts.find((a) => a.id === '333333333333')!;
    let sessions = 0;
    sim = simulateRootAccess(model, {
      failures: {
        // When the delete session opens (after the inventory read the account), a new key appears: it must survive.
        'sts:AssumeRoot:333333333333': () => {
          if (++sessions === 2) payments.keys = [...(payments.keys ?? []), { id: 'AKIAJEXAMPLENEWKEY00', status: 'Active', created: '2026-12-05T09:00:00Z' }];
          return undefined;
        },
      },
    });
    const r = await run({ delete: ['KEYS'], apply: true, journal: join(dir(), 'j.jsonl') });
    expect(r.code).toBe(0);
    expect(sim.removals.map((x) => x.id).sort()).toEqual(['AKIAI44QH8DHBEXAMPLE', 'AKIAIOSFODNN7EXAMPLE']);
    expect(sim.removals.some((x) => x.api === 'iam:DeactivateMFADevice')).toBe(false);
    expect(model.accounts.find((a) => a.id === '333333333333')!.keys!.map((k) => k.id)).toEqual(['AKIAJEXAMPLENEWKEY00']);
  });

  test('--resume continues a run that died, never repeating a done step', async () => {
    const model = sampleOrganization();
    sim = simulateRootAccess(model);
    const journal = join(dir(), 'j.jsonl');
    // A run that died: the plan, the first key done, the second started but never confirmed, and a torn line.
    const plan = {
      type: 'plan', time: '2026-12-05T08:00:00.000Z', kinds: ['KEYS', 'PASSWORD'], steps: [
        { accountId: '333333333333', accountName: 'Payments', what: 'access-key', identifiers: ['AKIAIOSFODNN7EXAMPLE'] },
        { accountId: '333333333333', accountName: 'Payments', what: 'access-key', identifiers: ['AKIAI44QH8DHBEXAMPLE'] },
        { accountId: '333333333333', accountName: 'Payments', what: 'password', identifiers: ['LoginProfile'] },
      ],
    };
    const step = (id: string, result: string) => JSON.stringify({ type: 'step', account: '333333333333', what: 'access-key', identifiers: [id], time: '2026-12-05T08:00:01.000Z', result, api: 'iam:DeleteAccessKey' });
    // The first key really was removed by the dead run; the second one too, but its `done` line was never written.
    model.accounts.find((a) => a.id === '333333333333')!.keys = [];
    writeFileSync(journal, [JSON.stringify(plan), step('AKIAIOSFODNN7EXAMPLE', 'started'), step('AKIAIOSFODNN7EXAMPLE', 'done'), step('AKIAI44QH8DHBEXAMPLE', 'started'), '{"type":"step","acc'].join('\n'));
    const r = await run({ resume: journal, apply: true });
    expect(r.code).toBe(0);
    expect(r.err).toContain('the last line is incomplete');
    expect(r.out).toContain('1 of 3 step(s) already done');
    // The done key is not touched again; the unconfirmed one is tried and found gone; the password removed.
    expect(sim.calls['iam:DeleteAccessKey']).toBe(1);
    expect(sim.removals.map((x) => x.id)).toEqual(['LoginProfile']);
    const results = readFileSync(journal, 'utf8').trim().split('\n').slice(6).map((l) => JSON.parse(l));
    expect(results.map((l) => `${l.identifiers[0]} ${l.result}`)).toEqual([
      'AKIAI44QH8DHBEXAMPLE started', 'AKIAI44QH8DHBEXAMPLE absent', 'LoginProfile started', 'LoginProfile done',
    ]);
    // Running it again does nothing.
    const again = await run({ resume: journal, apply: true });
    expect(again.out).toContain('3 of 3 step(s) already done');
    expect(sim.calls['iam:DeleteAccessKey']).toBe(1);
  });

  test('a failed removal is journalled and exits 1 with how to retry', async () => {
    sim = simulateRootAccess(sampleOrganization(), { failures: { 'iam:DeleteLoginProfile:333333333333': accessDenied() } });
    const journal = join(dir(), 'j.jsonl');
    const r = await run({ delete: ['PASSWORD'], apply: true, journal });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`--resume ${journal} --apply`);
    expect(readFileSync(journal, 'utf8')).toContain('"result":"failed"');
  });

  test('never overwrites an existing journal', async () => {
    sim = simulateRootAccess(sampleOrganization());
    const journal = join(dir(), 'j.jsonl');
    writeFileSync(journal, 'mine\n');
    await expect(run({ delete: ['PASSWORD'], apply: true, journal })).rejects.toThrow('the journal already exists');
    expect(readFileSync(journal, 'utf8')).toBe('mine\n');
    expect(sim.removals).toEqual([]);
  });
});

describe('root-guard root-credentials: usage', () => {
  test.each([
    [{ apply: true }, '--apply removes what --delete plans'],
    [{ resume: 'j.jsonl' }, '--resume continues removals: add --apply'],
    [{ journal: 'j.jsonl' }, '--journal is written only with --apply'],
  ])('rejects %j', (options, message) => {
    expect(usageProblem(options)).toContain(message);
  });

  test('usage errors exit 2 with one line', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['root-credentials', '--delete', 'PASSWORD,ROOTS'])).toBe(2);
      expect(await main(['root-credentials', '--apply'])).toBe(2);
      expect(await main(['root-credentials', '--accounts', '12345'])).toBe(2);
      const lines = stderr.mock.calls.map((c) => String(c[0])).join('').trim().split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toContain('"ROOTS" is not a kind (use a comma-separated list of PASSWORD, KEYS, CERTS, MFA)');
      expect(lines[1]).toContain('--apply removes what --delete plans');
    } finally {
      stderr.mockRestore();
    }
  });

  test('--help documents the exit codes', async () => {
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['root-credentials', '--help'])).toBe(0);
      const text = stdout.mock.calls.map((c) => String(c[0])).join('');
      expect(text).toContain('Exit codes: 0 nothing found and everything read');
      expect(text).toContain('4 cannot run: centralized root access not enabled');
    } finally {
      stdout.mockRestore();
    }
  });

  test('rejects the global STS endpoint', async () => {
    const r = await run({ region: 'aws-global' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('not served by the global endpoint');
  });
});

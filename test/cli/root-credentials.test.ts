import { runWithinPolicy } from '../support/cli';
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

  test('an account that could not be read shows ? for every kind, in the table and as null in --json (never 0)', async () => {
    sim = simulateRootAccess(sampleOrganization(), { failures: { 'sts:AssumeRoot:444444444444': accessDenied('no') } });
    const text = await run({});
    expect(text.out).toMatch(/^444444444444\s+Web\s+Workloads:Prod\s+\?\s+\?\s+\?\s+\?\s*$/m);
    expect(text.out).toContain('1 with MFA (+1 unknown)');
    const json = validJsonOutput('root-credentials', (await run({ json: true })).out).result;
    const web = json.accounts.find((a: { accountId: string }) => a.accountId === '444444444444');
    expect(web).toEqual(expect.objectContaining({ loginProfile: null, accessKeys: null, mfaDevices: null, signingCertificates: null }));
    expect(json.summary).toEqual(expect.objectContaining({ withMfa: 1, unknownMfa: 1, unknownSigningCertificates: 1, unknownAccessKeys: 1, unknownPassword: 1 }));
  });

  test('one reason for many accounts is printed once, with the accounts it affects', async () => {
    const denied = accessDenied('User: arn:aws:sts::111111111111:assumed-role/Admin/alice is not authorized to perform: sts:AssumeRoot with an explicit deny in a service control policy');
    sim = simulateRootAccess(sampleOrganization(), { failures: { 'sts:AssumeRoot': denied } });
    const r = await run({});
    const lines = r.out.split('\n').filter((l) => l.includes('sts:AssumeRoot: access denied'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ {2}3 accounts \(222222222222, 333333333333, 444444444444\): sts:AssumeRoot: access denied/);
  });

  test('an organization-level read failure is reported once, apart from the accounts', async () => {
    sim = simulateRootAccess(sampleOrganization(), { failures: { 'organizations:ListAccountsForParent': accessDenied('not allowed to list OU accounts') } });
    const r = await run({});
    const orgLines = r.out.split('\n').filter((l) => l.includes('organizations:ListAccountsForParent'));
    expect(orgLines.length).toBeGreaterThan(0);
    expect(orgLines.every((l) => l.startsWith('  organization ('))).toBe(true);
    expect(r.out.split('\n').filter((l) => /^\d{12}\s/.test(l) && l.includes('ListAccountsForParent'))).toEqual([]);
    expect(r.code).toBe(1); // Payments holds credentials: found outranks partial
  });

  test('--json of a refused plan says why, with exit code 5, and removes nothing', async () => {
    sim = simulateRootAccess(sampleOrganization());
    const r = await run({ delete: ['MFA'], ou: ['Workloads'], json: true });
    const envelope = validJsonOutput('root-credentials', r.out);
    expect(envelope.exitCode).toBe(5);
    const json = envelope.result;
    expect(r.code).toBe(5);
    expect(json.exitCode).toBe(5);
    expect(json.refused).toEqual([expect.stringContaining('333333333333 (Payments): its root user has a password that this plan keeps')]);
    expect(sim.removals).toEqual([]);
  });

  test('exit 3 when nothing is found but one kind of one account could not be read', async () => {
    const model = sampleOrganization();
    model.accounts.splice(2, 1); // no Payments
    sim = simulateRootAccess(model, { failures: { 'iam:ListSigningCertificates:444444444444': accessDenied() } });
    const r = await run({});
    expect(r.code).toBe(3);
    expect(r.out).toContain('account 444444444444 (Web): iam:ListSigningCertificates: access denied');
    expect(r.out).toMatch(/^444444444444\s+Web\s+Workloads:Prod\s+no\s+-\s+1\s+\?/m); // the other kinds were read; certificates unknown, not 0
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

describe('root-guard root-credentials: usage', () => {
  test.each([
    [{ apply: true }, '--apply takes the plan file --plan-out wrote'],
    [{ apply: true, delete: ['PASSWORD'] }, '--apply takes the reviewed plan file, not --delete'],
    [{ apply: 'plan.json', ou: ['Root'] }, '--apply FILE takes its kinds and scope from the plan file'],
    [{ planOut: 'plan.json', delete: ['PASSWORD'] }, '--plan-out needs an explicit scope: add --accounts IDS or --ou PATHS (--ou Root for every member account)'],
    [{ planOut: 'plan.json', ou: ['Root'] }, '--plan-out writes a removal plan: add --delete'],
    [{ resume: 'j.jsonl' }, '--resume finishes the removals of a plan: add --apply FILE'],
    [{ journal: 'j.jsonl' }, '--journal is written only with --apply FILE'],
  ] as const)('rejects %j', (options, message) => {
    expect(usageProblem(options)).toContain(message);
  });

  test('usage errors exit 2 with one line', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['root-credentials', '--delete', 'PASSWORD,ROOTS'])).toBe(2);
      expect(await main(['root-credentials', '--delete', 'PASSWORD', '--apply'])).toBe(2);
      expect(await main(['root-credentials', '--accounts', '12345'])).toBe(2);
      const lines = stderr.mock.calls.map((c) => String(c[0])).join('').trim().split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toContain('"ROOTS" is not a kind (use a comma-separated list of PASSWORD, KEYS, CERTS, MFA)');
      expect(lines[1]).toContain('--apply takes the reviewed plan file, not --delete: first --delete KINDS --accounts IDS|--ou PATHS --plan-out FILE');
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
      expect(text).toContain('4 cannot run: centralized root access');
      expect(text).toContain('5 refused, nothing removed');
      expect(text).toContain('130 interrupted');
      expect(text).toContain('raises the root-activity alarm');
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

describe('root-guard root-credentials: reading while the organization is listed', () => {
  function bigOrganization(events: string[]) {
    const model = sampleOrganization();
    for (let i = 0; i < 45; i++) model.accounts.push({ id: `6666${String(i).padStart(8, '0')}`, name: `team-${i}`, parentId: 'ou-abcd-prod0000' });
    return simulateRootAccess(model, {
      latencyMs: () => 5,
      failures: {
        'organizations:ListAccounts': () => { events.push('list'); return undefined; },
        'sts:AssumeRoot': () => { events.push('assume'); return undefined; },
      },
    });
  }

  test('every member in scope: sessions start as ListAccounts pages arrive, and each account still gets its OU', async () => {
    const events: string[] = [];
    sim = bigOrganization(events);
    const r = await run({ json: true });
    expect(events.filter((e) => e === 'list')).toHaveLength(3); // 50 accounts, 20 a page
    expect(events.indexOf('assume')).toBeLessThan(events.lastIndexOf('list'));
    const json = validJsonOutput('root-credentials', r.out).result;
    expect(json.accounts).toHaveLength(48);
    expect(json.accounts.find((a: { accountId: string }) => a.accountId === '666600000044').ou).toBe('Workloads:Prod');
  });

  test('a scope of named OUs or accounts is checked against the whole list before any session', async () => {
    const events: string[] = [];
    sim = bigOrganization(events);
    await run({ ou: ['Workloads:Prod'] });
    expect(events.indexOf('assume')).toBeGreaterThan(events.lastIndexOf('list'));
    events.length = 0;
    const bad = await run({ accounts: ['666600000001', '999999999999'] });
    expect(bad.code).toBe(2);
    expect(events).not.toContain('assume');
  });
});

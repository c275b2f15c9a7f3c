import { deployedOrganization, instance, serviceError, simulateAws, accessDenied, type Simulation } from '../support/simulated-aws';
import { renderAuditReport } from '../../src/cli/audit';
import type { AuditReport } from '../../src/ops/audit/audit';
import { runCli } from '../support/cli';
import { writeMinimalConfig } from '../support/config';
import { landingZone40RecordLines, OWN_ORGANIZATION_TRAIL } from '../support/fake-trails';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { validJsonOutput } from '../support/json-schema';

let sim: Simulation | undefined;
afterEach(() => sim?.restore());

/** The config the simulated organization was deployed from, in a scratch directory. */
function configFile(): string {
  return writeMinimalConfig();
}

describe('root-guard audit', () => {
  test('--json prints the whole report and exits 0 when every account is covered', async () => {
    sim = simulateAws(deployedOrganization());
    const result = await runCli(['audit', '--config', configFile(), '--json']);
    expect(result.code).toBe(0);
    const envelope = validJsonOutput('audit', result.stdout);
    expect(envelope).toMatchObject({ exitCode: 0, error: null, meta: { command: 'audit', organization: { managementAccountId: '111111111111' }, caller: { account: '111111111111' } } });
    const report = envelope.result;
    expect(report.summary).toEqual(expect.objectContaining({ accounts: 6, covered: 6, exitCode: 0, partial: false }));
    expect(report.accounts[0]).toEqual(expect.objectContaining({ id: '111111111111', name: 'Management', ouPath: 'Root', result: 'covered' }));
    expect(report.apiCalls['organizations:ListAccounts']).toBe(1);
  });

  test('shows the config\'s acknowledged gaps with their reasons, and on each account they cover, without counting them', async () => {
    sim = simulateAws(deployedOrganization());
    const reason = 'Sandbox and Security stay outside the SCP; tamper alerts watch them';
    const config = writeMinimalConfig({ acknowledgedGaps: `[{ check: scp-reach, target: Root, reason: "${reason}" }]` });
    const text = await runCli(['audit', '--config', config]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Acknowledged gaps (acknowledgedGaps in the config: accepted with a reason, not counted as gaps)\n  scp-reach Root: "${reason}"\n`);
    const report = validJsonOutput('audit', (await runCli(['audit', '--config', config, '--json'])).stdout).result as AuditReport;
    expect(report.acknowledgedGaps).toEqual([{ check: 'scp-reach', target: 'Root', reason }]);
    const sandbox = report.accounts.find((a) => a.ouPath === 'Sandbox')!;
    expect(sandbox.items.find((i) => i.id === 'scp')).toMatchObject({ status: 'n/a', detail: `not under Workloads in the config; acknowledged gap (acknowledgedGaps, Root): "${reason}"` });
    expect(report.summary.exitCode).toBe(0);
  });

  test('prints the gaps per account in a table and exits 1', async () => {
    const model = deployedOrganization();
    sim = simulateAws({
      ...model,
      stackSets: {
        ...model.stackSets,
        'CustomControlTower-root-guard-root-checks': model.stackSets['CustomControlTower-root-guard-root-checks']
          .filter((i) => i.Account !== '333333333335')
          .map((i) => (i.Account === '333333333333' ? instance('333333333333', 'us-east-1', 'OUTDATED', 'FAILED', 'Resource creation cancelled') : i)),
      },
    });
    const result = await runCli(['audit', '--config', configFile()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Accounts with gaps or unknowns (2 of 6; --all lists every account)');
    // The aggregator still reports the rule COMPLIANT there: the audit shows what it reads.
    expect(result.stdout).toMatch(/333333333335\s+Sandbox 1\s+Sandbox\s+uncovered\s+missing\s+n\/a\s+ok/);
    expect(result.stdout).toContain('333333333333 (Prod App, Workloads:Prod): the root checks: missing: instance of CustomControlTower-root-guard-root-checks is OUTDATED (FAILED: Resource creation cancelled)');
    expect(result.stdout).toContain('Summary: 6 accounts: 4 covered, 2 uncovered, 0 non-compliant, 0 unknown');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('Result: gaps found (exit 1).');
  });

  test('fits every line to COLUMNS (or the terminal): details wrap under their column, no word lost', async () => {
    const model = deployedOrganization();
    const gaps = {
      ...model,
      stackSets: {
        ...model.stackSets,
        'CustomControlTower-root-guard-root-checks': model.stackSets['CustomControlTower-root-guard-root-checks']
          .map((i) => (i.Account === '333333333333' ? instance('333333333333', 'us-east-1', 'OUTDATED', 'FAILED', 'Resource creation cancelled by the operator during the deployment of the stack set') : i)),
      },
    };
    sim = simulateAws(gaps);
    const wide = await runCli(['audit', '--config', configFile()]);
    sim.restore();
    sim = simulateAws(gaps);
    process.env.COLUMNS = '90';
    let fitted;
    try {
      fitted = await runCli(['audit', '--config', configFile()]);
    } finally {
      delete process.env.COLUMNS;
    }
    expect(Math.max(...wide.stdout.split('\n').map((l) => l.length))).toBeGreaterThan(90);
    // The accounts table is columns of ids and statuses; everything else fits.
    const accountsTable = /^(ACCOUNT|-{12}|\d{12})\s/;
    // Only an ARN, which is never split, may run over.
    expect(fitted.stdout.split('\n').filter((l) => l.length > 90 && !accountsTable.test(l) && !/arn:\S{40,}/.test(l))).toEqual([]);
    // Every word is still there (rules of dashes and the DETAIL heading, which moves under each row, aside).
    const words = (text: string) => text.split(/\s+/).filter((w) => w !== '' && w !== 'DETAIL' && !/^-+$/.test(w));
    expect(words(fitted.stdout)).toEqual(words(wide.stdout));
  });

  test('an organization-level read failure is said once, not on every account\'s row (issue 28 §3)', async () => {
    sim = simulateAws(deployedOrganization(), { failures: { 'organizations:ListPolicies': serviceError('AccessDeniedException', 'not authorized') } });
    const result = await runCli(['audit', '--config', configFile()]);
    expect(result.code).toBe(3);
    const denied = result.stdout.split('\n').filter((l) => l.includes('AccessDeniedException') || l.includes('access denied'));
    // The org check and the "could not read" list: twice in all, whatever the number of accounts.
    expect(denied.length).toBeLessThanOrEqual(2);
    expect(result.stdout).toContain('baseline SCP: unknown: not known: SCP root-guard-root-baseline could not be read (see the organization checks)');
  });

  test('lists what it could not read and exits 3 when nothing else is wrong', async () => {
    sim = simulateAws(deployedOrganization(), { failures: { 'config:DescribeAggregateComplianceByConfigRules': serviceError('AccessDeniedException', 'not authorized') } });
    const result = await runCli(['audit', '--config', configFile()]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('Could not read (the audit is partial)');
    expect(result.stdout).toMatch(/Config rule root-guard-root-mfa: config:DescribeAggregateComplianceByConfigRules: .*access denied/);
  });

  test('reads the trail live and says when the package was built for another log group than the one recorded', async () => {
    const file = configFile();
    // The record says the suffixed group (a 4.0 landing zone); the organization has since moved to its own trail.
    writeFileSync(join(dirname(file), 'root-guard.ous.yaml'), [...landingZone40RecordLines(), ''].join('\n'));
    sim = simulateAws({ ...deployedOrganization(), trails: OWN_ORGANIZATION_TRAIL });
    const result = await runCli(['audit', '--config', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/trail delivers to aws-controltower\/CloudTrailLogs-tfw-qeb\s+failing\s+the package was built for aws-controltower\/CloudTrailLogs-tfw-qeb \(recorded by root-guard resolve\) but arn:aws:cloudtrail:us-east-1:111111111111:trail\/org-trail delivers to \/org\/cloudtrail/);
    expect(result.stdout).toContain(`commit ${join(dirname(file), 'root-guard.ous.yaml')} and the package, and publish`);
    expect(result.stdout).toMatch(/metric filter root-guard-root-activity on \/org\/cloudtrail\s+missing/);
  });

  test('--all lists every account, covered ones too', async () => {
    sim = simulateAws(deployedOrganization());
    const result = await runCli(['audit', '--config', configFile(), '--all']);
    expect(result.stdout).toContain('Accounts (6)');
    expect(result.stdout).toMatch(/111111111111\s+Management\s+Root\s+covered\s+ok\s+n\/a\s+-/);
  });

  test('exits 1 with one line naming the call when the organization cannot be listed', async () => {
    sim = simulateAws(deployedOrganization(), { failures: { 'organizations:ListAccounts': accessDenied() } });
    const result = await runCli(['audit', '--config', configFile()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^organizations: cannot list the organization's accounts: access denied \(AccessDeniedException: .*\n$/);
  });

  test('stops with "wrong account" before reading anything when the credentials are another account\'s', async () => {
    sim = simulateAws(deployedOrganization(), { callerAccount: '222222222222' });
    const result = await runCli(['audit', '--config', configFile()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^audit: wrong account: the credentials are account 222222222222 \(arn:aws:sts::222222222222:.*\), the config's managementAccountId is 111111111111 \(run with the management account's credentials, e.g. --profile/);
    expect(sim.calls['organizations:ListAccounts'] ?? 0).toBe(0);
  });

  test('takes --profile, --region and --request-timeout, and says the time bounds in --help', async () => {
    const help = await runCli(['audit', '--help']);
    for (const option of ['--profile <name>', '--region <name>', '--request-timeout <seconds>']) expect(help.stdout).toContain(option);
    expect(help.stdout).toMatch(/Time bounds: connecting to an AWS endpoint may take 5 s and one request 20 s/);
  });

  test('--help says what each exit code means; a bad --concurrency is a usage error', async () => {
    const help = await runCli(['audit', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('3 no gap found but something could not be read (partial)');
    const bad = await runCli(['audit', '--concurrency', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"0" is not a whole number from 1 to 20');
  });

  test('"Could not read" lines name the API once, even when the reason starts with it', () => {
    const report = {
      orgChecks: [], accounts: [], acknowledgedGaps: [],
      unread: [
        { target: 'root r-abcd', api: 'organizations:ListRoots', reason: 'organizations:ListRoots failed: TimeoutError: no answer' },
        { target: 'SCP root-guard-root-baseline', api: 'organizations:ListPolicies', reason: 'organizations:ListPolicies: access denied' },
        { target: 'stack set X', api: 'cloudformation:ListStackInstances', reason: 'access denied' },
      ],
      summary: { accounts: 0, covered: 0, uncovered: 0, nonCompliant: 0, unknown: 0, notTargeted: 0, inactive: 0, orgGaps: 0, exitCode: 3, partial: true },
    } as unknown as AuditReport;
    const text = renderAuditReport(report);
    expect(text).toContain('  root r-abcd: organizations:ListRoots: TimeoutError: no answer\n');
    expect(text).toContain('  SCP root-guard-root-baseline: organizations:ListPolicies: access denied\n');
    expect(text).toContain('  stack set X: cloudformation:ListStackInstances: access denied\n');
  });
});

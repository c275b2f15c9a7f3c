import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { FIXTURE_CONFIG, fixtureConfigTextWithoutAcknowledgements } from '../support/config';
import { mockWorld, restoreWorld } from '../support/fake-control-tower';
import { validJsonOutput } from '../support/json-schema';

// Whole commands at AWS's published rates, on a virtual clock: no test waits out a rate (test/support/virtual-clock.ts).
jest.mock('../../src/ops/aws/api-pacer', () => require('../support/virtual-clock').pacerOnVirtualClock(jest.requireActual('../../src/ops/aws/api-pacer')));

/** The fixture config without its acknowledgedGaps: the example's two scp-reach gaps fail (exit 1). */
const CONFIG = join(mkdtempSync(join(tmpdir(), 'rg-cli-pre-')), 'root-guard.config.yaml');
writeFileSync(CONFIG, fixtureConfigTextWithoutAcknowledgements());
afterEach(restoreWorld);

describe('root-guard preflight', () => {
  test('the example config as it ships passes its own preflight (exit 0), showing each acknowledged gap with its reason', async () => {
    mockWorld();
    const result = await runCli(['preflight', '--config', FIXTURE_CONFIG, '--aggregator-profile', 'audit']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^WARN\s+scp-reach\s+root checks on Root\s+root-guard\.config\.yaml\n {8}acknowledged gap \(acknowledgedGaps in root-guard\.config\.yaml: "Security and Sandbox OUs stay outside the SCP for now; /m);
    expect(result.stdout).toMatch(/^WARN\s+scp-reach\s+account 222222222222\s+organizations:ListParents\n {8}acknowledged gap \(acknowledgedGaps in root-guard\.config\.yaml: "the Security OU is governed by/m);
    expect(result.stdout).toMatch(/^28 findings: 26 pass, 2 warn, 0 fail\.$/m);
    const json = validJsonOutput('preflight', (await runCli(['preflight', '--config', FIXTURE_CONFIG, '--json'])).stdout).result as { ok: boolean; findings: { status: string; target: string; acknowledged?: string }[] };
    expect(json.ok).toBe(true);
    expect(json.findings.filter((f) => f.acknowledged).map((f) => [f.status, f.target, f.acknowledged])).toEqual([
      ['warn', 'account 222222222222', expect.stringMatching(/^the Security OU is governed by Control Tower's own SCPs; /)],
      ['warn', 'root checks on Root', expect.stringMatching(/^Security and Sandbox OUs stay outside the SCP for now; /)],
    ]);
  });

  test('prints a table of findings and a summary, and exits 1 on the fixture config without its acknowledgements, whose SCP does not reach the root checks or the security account', async () => {
    mockWorld();
    const result = await runCli(['preflight', '--config', CONFIG, '--aggregator-profile', 'audit']);
    expect(result.stderr).toBe(''); // no progress line when stderr is not a terminal
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`Preflight of ${CONFIG}: management account 111111111111, home region us-east-1, as arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/jane`);
    expect(lines[2]).toMatch(/^STATUS\s+CHECK\s+TARGET\s+API$/);
    expect(result.stdout).toMatch(/^PASS\s+log-group\s+account 111111111111 us-east-1\s+logs:DescribeLogGroups\n {8}aws-controltower\/CloudTrailLogs exists/m);
    expect(result.stdout).toMatch(/^FAIL\s+scp-reach\s+root checks on Root\s+root-guard\.config\.yaml\n {8}the SCP on Workloads does not reach every account this stack set deploys to: add Root to scp\.organizationalUnits/m);
    expect(result.stdout).toMatch(/^FAIL\s+scp-reach\s+account 222222222222\s+organizations:ListParents\n {8}the security account is in OU Security/m);
    expect(result.stdout).toMatch(/^PASS\s+config-recording\s+aggregator aws-controltower-GuardrailsComplianceAggregator\s+config:GetAggregateDiscoveredResourceCounts\n {8}all 6 account\(s\) the root checks target record with AWS Config in us-east-1$/m);
    expect(result.stdout).toMatch(/^28 findings: 26 pass, 0 warn, 2 fail\.$/m);
    expect(result.stdout).toContain('Fix the failures above before committing the package.');
  });

  test('fits every line to COLUMNS (or the terminal), wrapping messages under their finding with no word lost', async () => {
    mockWorld();
    const wide = await runCli(['preflight', '--config', CONFIG, '--aggregator-profile', 'audit']);
    restoreWorld();
    mockWorld();
    process.env.COLUMNS = '100';
    let fitted;
    try {
      fitted = await runCli(['preflight', '--config', CONFIG, '--aggregator-profile', 'audit']);
    } finally {
      delete process.env.COLUMNS;
    }
    expect(Math.max(...wide.stdout.split('\n').map((l) => l.length))).toBeGreaterThan(100);
    // Only an ARN, which is never split, may run over.
    expect(fitted.stdout.split('\n').filter((l) => l.length > 100 && !/arn:\S{40,}/.test(l))).toEqual([]);
    // Too wide for 100 columns, the table leaves its API column out: the call starts the finding's message.
    expect(fitted.stdout).toMatch(/^PASS\s+log-group\s+account 111111111111 us-east-1\n {8}logs:DescribeLogGroups: aws-controltower\/CloudTrailLogs exists/m);
    // Every word is still there (rules of dashes and the API heading aside).
    const words = (text: string) => text.split(/\s+/).filter((w) => w !== '' && w !== 'API' && !/^-+$/.test(w)).map((w) => w.replace(/:$/, '')).sort();
    expect(words(fitted.stdout)).toEqual(words(wide.stdout));
  });

  test('without --aggregator-profile, says how to run the AWS Config recording check; --aggregator names another aggregator', async () => {
    mockWorld({ recording: ['222222222222'] });
    const plain = await runCli(['preflight', '--config', CONFIG]);
    expect(plain.stdout).toMatch(/^WARN\s+config-recording\s+AWS Config in us-east-1\s+config:GetAggregateDiscoveredResourceCounts\n {8}not checked: .*root-guard preflight --aggregator-profile <profile of the Audit account>/m);
    restoreWorld();
    mockWorld({ recording: ['222222222222'] });
    const other = await runCli(['preflight', '--config', CONFIG, '--aggregator', 'org-aggregator']);
    expect(other.stdout).toMatch(/^WARN\s+config-recording\s+aggregator org-aggregator\s+config:GetAggregateDiscoveredResourceCounts\n {8}not checked: no aggregator named org-aggregator/m);
    restoreWorld();
    mockWorld({ recording: ['222222222222'] });
    const audit = await runCli(['preflight', '--config', CONFIG, '--aggregator-profile', 'audit']);
    expect(audit.stdout).toMatch(/^FAIL\s+config-recording\s+aggregator aws-controltower-GuardrailsComplianceAggregator\s+config:GetAggregateDiscoveredResourceCounts\n {8}5 of 6 account\(s\) the root checks target record nothing/m);
  });

  test('exits 1 on a failure and says to fix it before committing', async () => {
    mockWorld({ role: 'missing' });
    const result = await runCli(['preflight', '--config', CONFIG]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL\s+execution-role\s+account 111111111111\s+iam:GetRole\n {8}no AWSControlTowerExecution role/m);
    expect(result.stdout).toContain('Fix the failures above before committing the package.');
  });

  test('lists what it could not read under a partial-result line', async () => {
    mockWorld({ role: 'denied' });
    const result = await runCli(['preflight', '--config', CONFIG]);
    expect(result.code).toBe(1); // the fixture config's two scp-reach failures
    expect(result.stdout).toContain('Partial result: 1 item(s) could not be read:\n  account 111111111111 (iam:GetRole): access denied');
  });

  test('prints JSON for CI with --json, with the same exit code', async () => {
    mockWorld({ logGroups: [] });
    const result = await runCli(['preflight', '--config', CONFIG, '--json', '--scp-limit', '10']);
    expect(result.code).toBe(1);
    const envelope = validJsonOutput('preflight', result.stdout);
    // The organization DescribeOrganization named, and the caller, are in meta for the report.
    expect(envelope).toMatchObject({ exitCode: 1, error: null, meta: { command: 'preflight', organization: { id: 'o-exampleorgid', managementAccountId: '111111111111' }, caller: { account: '111111111111' } } });
    const json = envelope.result;
    expect(json).toMatchObject({ ok: false, scpLimit: 10, managementAccountId: '111111111111', homeRegion: 'us-east-1', summary: { fail: 3 } }); // the log group, and the fixture config's two scp-reach failures
    expect(json.findings).toContainEqual(expect.objectContaining({ check: 'log-group', status: 'fail', target: 'account 111111111111 us-east-1', api: 'logs:DescribeLogGroups' }));
  });

  test('rejects a --scp-limit that is not a whole number as a usage error (exit 2)', async () => {
    const result = await runCli(['preflight', '--config', CONFIG, '--scp-limit', 'five']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"five" is not a whole number of at least 1 (e.g. 5).');
  });

  test('rejects an --enrolment-stack-set that is not a stack set name as a usage error (exit 2), naming it', async () => {
    const result = await runCli(['preflight', '--config', CONFIG, '--enrolment-stack-set', 'not a name']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"not a name" is not a stack set name');
  });

  test('documents its options in --help', async () => {
    const result = await runCli(['preflight', '--help']);
    expect(result.code).toBe(0);
    for (const option of ['--config <file>', '--json', '--scp-limit <n>', '--concurrency <n>', '--aggregator <name>', '--aggregator-profile <name>', '--enrolment-stack-set <name>']) expect(result.stdout).toContain(option);
    expect(result.stdout).toContain('0 nothing failed (warnings allowed)');
  });
});

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { FIXTURE_CONFIG, fixtureConfigTextWithoutAcknowledgements, REPO_ROOT } from '../support/config';

const scratch = () => mkdtempSync(join(tmpdir(), 'rg-build-'));

describe('root-guard build', () => {
  test('writes the package next to the config by default', async () => {
    const dir = scratch();
    copyFileSync(FIXTURE_CONFIG, join(dir, 'root-guard.config.yaml'));
    const result = await runCli(['build', '--config', join(dir, 'root-guard.config.yaml')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\d+ files: \d+ written, 0 unchanged, 0 removed\./);
    expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining(['manifest.yaml', 'templates', 'prerequisites', 'root-guard.config.yaml']));
    // The SCP slot report: ours plus Control Tower's minimum on a registered OU, against the limit of 5.
    expect(result.stdout).toMatch(/^ {2}SCP slots on Workloads: 3 of 5 \(root-guard 1, Control Tower at least 2: .*\); 2 free$/m);
  });

  test('prints every protected resource the SCP does not reach, with the fix, and still exits 0 (the fixture without its acknowledgements)', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'root-guard.config.yaml'), fixtureConfigTextWithoutAcknowledgements());
    const result = await runCli(['build', '--config', join(dir, 'root-guard.config.yaml')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const reach = result.stdout.slice(result.stdout.indexOf('SCP reach'));
    expect(result.stdout.indexOf('SCP slots per target')).toBeLessThan(result.stdout.indexOf('SCP reach'));
    expect(reach).toMatch(/^ {2}NOT REACHED {2}Root: root checks \(Config rules\): .*add Root to scp\.organizationalUnits/m);
    expect(reach).toMatch(/^ {2}check {7}account 222222222222: security topic and its key, the tamper bus and topic: reached only if the account is under Workloads; .*preflight` checks it$/m);
    expect(reach).toMatch(/^ {2}NOT REACHED {2}account 111111111111 \(management\): .*tamper alerts report changes/m);
  });

  test('prints each acknowledged gap with its reason (the fixture config, as the example ships)', async () => {
    const dir = scratch();
    copyFileSync(FIXTURE_CONFIG, join(dir, 'root-guard.config.yaml'));
    const result = await runCli(['build', '--config', join(dir, 'root-guard.config.yaml')]);
    expect(result.code).toBe(0);
    const reach = result.stdout.slice(result.stdout.indexOf('SCP reach'));
    expect(reach).toMatch(/^ {2}ACKNOWLEDGED Root: root checks \(Config rules\): "Security and Sandbox OUs stay outside the SCP for now; .*" \(acknowledgedGaps in the config\)$/m);
    expect(reach).toMatch(/^ {2}ACKNOWLEDGED account 222222222222: security topic and its key[^:]*: "the Security OU is governed by Control Tower's own SCPs; .*"/m);
    expect(reach).toMatch(/^ {2}NOT REACHED {2}account 111111111111 \(management\): /m);
  });

  test('prints only the management account when the SCP reaches every member account', async () => {
    const dir = scratch();
    const config = join(dir, 'root-guard.config.yaml');
    writeFileSync(config, readFileSync(FIXTURE_CONFIG, 'utf8').replace('organizationalUnits: [Workloads]', 'organizationalUnits: [Root]'));
    const result = await runCli(['build', '--config', config]);
    expect(result.code).toBe(0);
    const reach = result.stdout.slice(result.stdout.indexOf('SCP reach')).split('\n').filter((l) => /^ {2}(NOT REACHED|check)/.test(l));
    expect(reach).toEqual([expect.stringMatching(/^ {2}NOT REACHED {2}account 111111111111 \(management\): /)]);
  });

  test('says what a config change needs outside the pipeline, compared with the package it replaces', async () => {
    const dir = scratch();
    const config = join(dir, 'root-guard.config.yaml');
    const text = readFileSync(FIXTURE_CONFIG, 'utf8');
    writeFileSync(config, text);
    await runCli(['build', '--config', config]);

    writeFileSync(config, text.replace('organizationalUnits: [Workloads]', 'organizationalUnits: [Workloads, Sandbox]'));
    const widened = await runCli(['build', '--config', config]);
    expect(widened.stderr).toBe('');
    expect(widened.stdout).toContain('Outside the pipeline (CfCT will not do these):');
    expect(widened.stdout).toContain('New deployment targets: OU Sandbox. Check they exist and are enrolled before publishing: run `root-guard preflight`.');

    writeFileSync(config, text.replace(/denyRootActions: true/, 'denyRootActions: false').replace(/denyRootAccessKeys: true/, 'denyRootAccessKeys: false').replace(/protectBaseline: true/, 'protectBaseline: false'));
    const dropped = await runCli(['build', '--config', config]);
    expect(dropped.stderr).toBe('');
    expect(dropped.stdout).toMatch(/^ {2}root-guard-root-baseline left the package: .*the SCP stays attached/m);
    expect(dropped.stdout).toContain('aws organizations delete-policy --policy-id <policy-id>');

    const again = await runCli(['build', '--config', config]);
    expect(again.stdout).not.toContain('Outside the pipeline');
  });

  test('prints the security review of what it changed: an SCP statement turned off is marked as weakening', async () => {
    const dir = scratch();
    const config = join(dir, 'root-guard.config.yaml');
    const text = readFileSync(FIXTURE_CONFIG, 'utf8');
    writeFileSync(config, text);
    expect((await runCli(['build', '--config', config])).stdout).toContain('Security review: ');
    writeFileSync(config, text.replace(/denyRootAccessKeys: true/, 'denyRootAccessKeys: false'));
    const result = await runCli(['build', '--config', config]);
    expect(result.stdout).toContain('Security review: 1 change(s) against the committed package, 1 weakening, 0 to review:');
    expect(result.stdout).toContain('  ! WEAKENS [-] SCP root-guard-root-baseline, statement DenyRootAccessKeys: Deny iam:CreateAccessKey');
    // Nothing written, nothing reviewed.
    expect((await runCli(['build', '--config', config])).stdout).not.toContain('Security review');
  });

  test('--diff writes nothing and compares with the committed package (git HEAD), before and after a build', async () => {
    const dir = scratch();
    const config = join(dir, 'root-guard.config.yaml');
    const text = readFileSync(FIXTURE_CONFIG, 'utf8');
    writeFileSync(config, text);
    await runCli(['build', '--config', config]);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@example.com', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@example.com' } });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'package');
    writeFileSync(config, text.replace('threshold: 1', 'threshold: 5'));
    const before = readFileSync(join(dir, 'templates', 'root-activity-alarm.json'), 'utf8');
    const diff = await runCli(['build', '--config', config, '--diff']);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('Compared with the package at git HEAD (committed); nothing written.');
    expect(diff.stdout).toContain('  ! WEAKENS [~] templates/root-activity-alarm.json: alarm root-guard-root-activity: threshold 1 -> 5');
    expect(readFileSync(join(dir, 'templates', 'root-activity-alarm.json'), 'utf8')).toBe(before);
    // After the build, until it is committed, --diff still shows the change.
    await runCli(['build', '--config', config]);
    expect((await runCli(['build', '--config', config, '--diff'])).stdout).toContain('threshold 1 -> 5');
  });

  test('--diff outside a git checkout compares with the files on disk', async () => {
    const dir = scratch();
    const config = join(dir, 'root-guard.config.yaml');
    writeFileSync(config, readFileSync(FIXTURE_CONFIG, 'utf8'));
    await runCli(['build', '--config', config]);
    const diff = await runCli(['build', '--config', config, '--diff']);
    expect(diff.stdout).toContain('(not a git checkout); nothing written.');
    expect(diff.stdout).toContain('Security review: no change to what is denied, watched or alerted on.');
  });

  test('writes into --out and is idempotent', async () => {
    const out = scratch();
    const config = FIXTURE_CONFIG;
    await runCli(['build', '--config', config, '--out', out]);
    const again = await runCli(['build', '--config', config, '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/\d+ files: 0 written, \d+ unchanged, 0 removed\./);
  });

  test('on a bad config prints every problem as file:line:col, exits 1, no stack trace, writes nothing', async () => {
    const dir = scratch();
    const config = join(dir, 'root-guard.config.yaml');
    writeFileSync(config, [
      'homeRegion: us-east-1',
      'managementAccountId: "11111111111"',
      'namePrefix: root-guard',
      'securityTopic: { accountId: "222222222222", emails: [security@example.com] }',
      'rootChecks: { organizationalUnits: [Root], includeManagementAccount: false }',
      'scp:',
      '  organizationalUnits: ["Workloads/Prod"]',
    ].join('\n'));
    const result = await runCli(['build', '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      `${config}:2:22: managementAccountId: "11111111111" is not a 12-digit account id (write all 12 digits, e.g. "111111111111")`,
      `${config}:7:25: scp.organizationalUnits[0]: "Workloads/Prod" is not an OU path (use "Workloads:Prod": CfCT separates nested OUs with ":")`,
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual(['root-guard.config.yaml']);
  });

  test('--check exits 1 and names the files that are out of date, writing nothing', async () => {
    const out = scratch();
    const config = FIXTURE_CONFIG;
    await runCli(['build', '--config', config, '--out', out]);
    writeFileSync(join(out, 'manifest.yaml'), 'stale\n');
    const result = await runCli(['build', '--config', config, '--out', out, '--check']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('out of date: ');
    expect(result.stdout).toContain('manifest.yaml');
    expect(readFileSync(join(out, 'manifest.yaml'), 'utf8')).toBe('stale\n');
  });

  test('names a missing config file', async () => {
    const result = await runCli(['build', '--config', '/nonexistent/rg.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('/nonexistent/rg.yaml: no such config file (run from the repository root, or pass --config FILE)\n');
  });

  test('an unknown option is a usage error (exit 2)', async () => {
    const result = await runCli(['build', '--confg', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--confg'");
    expect(existsSync(join(REPO_ROOT, 'x'))).toBe(false);
  });
});

describe('root-guard build: the organization trail\'s log group', () => {
  test('says once that landing zones from 4.0 on need root-guard resolve when neither config nor record names the group', async () => {
    const dir = scratch();
    copyFileSync(FIXTURE_CONFIG, join(dir, 'root-guard.config.yaml'));
    const result = await runCli(['build', '--config', join(dir, 'root-guard.config.yaml')]);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/root-guard resolve/g)).toHaveLength(1);
    expect(result.stdout).toMatch(/^note: metric filters go on aws-controltower\/CloudTrailLogs, .* from 4\.0 on add a suffix/m);
  });

  test('says nothing when the config names the group', async () => {
    const dir = scratch();
    const config = join(dir, 'root-guard.config.yaml');
    writeFileSync(config, `${readFileSync(FIXTURE_CONFIG, 'utf8')}\norganizationTrail:\n  logGroupName: aws-controltower/CloudTrailLogs-tfw-qeb\n`);
    const result = await runCli(['build', '--config', config]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('root-guard resolve');
    expect(readFileSync(join(dir, 'templates', 'root-activity-alarm.json'), 'utf8')).toContain('aws-controltower/CloudTrailLogs-tfw-qeb');
  });

  test('does not read root-guard.ous.yaml when the config needs neither the OU expansion nor the record; reads it when it does', async () => {
    const dir = scratch();
    const config = join(dir, 'root-guard.config.yaml');
    const base = readFileSync(FIXTURE_CONFIG, 'utf8');
    writeFileSync(join(dir, 'root-guard.ous.yaml'), 'resolvedAt: not a time\ntargets: {}\n'); // broken by hand
    // rootChecks on an OU, not Root: with Root the record says whether CfCT can resolve it (issue 24 §1).
    const onOu = base.replace(/^ {2}organizationalUnits: \[Root\]$/m, '  organizationalUnits: [Workloads]');
    writeFileSync(config, `${onOu}\norganizationTrail:\n  logGroupName: aws-controltower/CloudTrailLogs-tfw-qeb\n`);
    const unused = await runCli(['build', '--config', config]);
    expect(unused.code).toBe(0);
    writeFileSync(config, `${base}\norganizationTrail:\n  logGroupName: aws-controltower/CloudTrailLogs-tfw-qeb\n`);
    expect((await runCli(['build', '--config', config])).code).toBe(1);
    writeFileSync(config, base); // no log group in the config: the record is where the name comes from
    const used = await runCli(['build', '--config', config]);
    expect(used.code).toBe(1);
    expect(used.stderr).toContain(`${join(dir, 'root-guard.ous.yaml')}:1:`);
  });

  test('a malformed organizationTrail.logGroupName is file:line:col, exit 1, nothing written', async () => {
    const dir = scratch();
    const config = join(dir, 'root-guard.config.yaml');
    const base = readFileSync(FIXTURE_CONFIG, 'utf8');
    writeFileSync(config, `${base}\norganizationTrail:\n  logGroupName: "aws-controltower/CloudTrail Logs"\n`);
    const result = await runCli(['build', '--config', config]);
    const line = base.split('\n').length + 2;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${config}:${line}:17: organizationTrail.logGroupName: "aws-controltower/CloudTrail Logs" is not a log group name`);
    expect(readdirSync(dir)).toEqual(['root-guard.config.yaml']);
  });
});

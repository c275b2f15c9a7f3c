import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsStub } from 'aws-sdk-client-mock';
import { parse } from 'yaml';
import { runCli } from '../support/cli';
import { fixtureConfigTextWithoutAcknowledgements, REPO_ROOT } from '../support/config';
import type { FakeOrganization } from '../support/fake-organization';
import { mockOrganization } from '../support/fake-organization';
import { mockTrails } from '../support/fake-trails';

// resolve at AWS's published rates, on a virtual clock (test/support/virtual-clock.ts).
jest.mock('../../src/ops/api-pacer', () => require('../support/virtual-clock').pacerOnVirtualClock(jest.requireActual('../../src/ops/api-pacer')));

/*
 * Issue 27 §1, the proof: a team forks the repository and, as the README says, replaces every
 * documentation value in root-guard.config.yaml with its own organization's, runs `resolve` and
 * `build`, and commits. The suite's tests about the committed package must pass there too. This test
 * does exactly that in a copy of the repository, with another organization's values served by the
 * fake AWS of test/support, and runs those tests in the copy with jest.
 */

/** The organization the repository's committed package was built for (the example's, or a fork's own). */
const COMMITTED_ORGANIZATION = (JSON.parse(readFileSync(join(REPO_ROOT, '.root-guard-generated.json'), 'utf8')) as { organization?: { managementAccountId?: string } })
  .organization?.managementAccountId;

/** Another organization: documentation-style ids that are not the example's (nor the committed package's), another Region, other OUs. */
const OTHER = {
  region: 'eu-central-1',
  management: ['444455556666', '555566667777'].find((id) => id !== COMMITTED_ORGANIZATION)!,
  security: '777788889999',
  email: 'soc@example.org',
  prefix: 'acme-guard',
  logGroup: 'aws-controltower/CloudTrailLogs-acme',
} as const;

/** The example's documentation values, none of which may be left in the other organization's config. */
const DOCUMENTATION_VALUES = ['111111111111', '222222222222', '333333333333', 'example.com', 'us-east-1', 'Workloads', 'root-guard'];

/** The other organization's config: the example with every value replaced (its acknowledged gaps do not exist there). */
function otherOrganizationConfig(): string {
  const replace = (text: string, from: RegExp, to: string) => {
    if (!from.test(text)) throw new Error(`the example config has no line ${from}`);
    return text.replace(from, to);
  };
  let text = fixtureConfigTextWithoutAcknowledgements();
  text = replace(text, /^homeRegion: us-east-1$/m, `homeRegion: ${OTHER.region}`);
  text = replace(text, /^managementAccountId: "111111111111"$/m, `managementAccountId: "${OTHER.management}"`);
  text = replace(text, /^namePrefix: root-guard$/m, `namePrefix: ${OTHER.prefix}`);
  text = replace(text, /^ {2}accountId: "222222222222"$/m, `  accountId: "${OTHER.security}"`);
  text = replace(text, /^ {4}- security@example\.com$/m, `    - ${OTHER.email}`);
  text = replace(text, /^ {2}organizationalUnits: \[Root\]$/m, '  organizationalUnits: [Production]\n  includeNestedOUs: true');
  text = replace(text, /^ {2}organizationalUnits: \[Workloads\]$/m, '  organizationalUnits: [Production, Infrastructure]');
  return text;
}

/** Every scalar of a parsed YAML value, as text. */
const scalars = (value: unknown): string[] => (Array.isArray(value) ? value.flatMap(scalars)
  : value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [k, ...scalars(v)]) : [String(value)]);

/** The other organization as AWS Organizations lists it. */
const ORGANIZATION: FakeOrganization = {
  rootId: 'r-wxyz',
  managementAccountId: OTHER.management,
  ous: [
    { id: 'ou-wxyz-infra000', name: 'Infrastructure', parentId: 'r-wxyz' },
    { id: 'ou-wxyz-prod0000', name: 'Production', parentId: 'r-wxyz' },
    { id: 'ou-wxyz-payments', name: 'Payments', parentId: 'ou-wxyz-prod0000' },
  ],
  accounts: [
    { id: OTHER.management, name: 'Management', parentId: 'r-wxyz' },
    { id: OTHER.security, name: 'Audit', parentId: 'ou-wxyz-infra000' },
    { id: '777788881111', name: 'Shop', parentId: 'ou-wxyz-prod0000' },
    { id: '777788882222', name: 'Payments', parentId: 'ou-wxyz-payments' },
  ],
};

/** Its Control Tower trail (landing zone 4.0: the log group name has a suffix). */
const TRAIL = {
  Name: 'aws-controltower-BaselineCloudTrail',
  S3BucketName: `aws-controltower-logs-${OTHER.security}-${OTHER.region}`,
  IncludeGlobalServiceEvents: true,
  IsMultiRegionTrail: true,
  IsOrganizationTrail: true,
  HomeRegion: OTHER.region,
  TrailARN: `arn:aws:cloudtrail:${OTHER.region}:${OTHER.management}:trail/aws-controltower-BaselineCloudTrail`,
  CloudWatchLogsLogGroupArn: `arn:aws:logs:${OTHER.region}:${OTHER.management}:log-group:${OTHER.logGroup}:*`,
  CloudWatchLogsRoleArn: `arn:aws:iam::${OTHER.management}:role/aws-controltower-CloudWatchLogsRole`,
};

/** The repository as a clone has it: what the tests and a build need, node_modules linked. */
function copyRepository(): string {
  const copy = mkdtempSync(join(tmpdir(), 'rg-fork-'));
  for (const entry of ['package.json', 'tsconfig.json', 'jest.config.js', 'manifest.yaml', '.root-guard-generated.json', 'src', 'test', 'scripts', 'bin', 'templates', 'policies', 'prerequisites']) {
    cpSync(join(REPO_ROOT, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

describe('a fork that replaces every documentation value with its own organization\'s', () => {
  let stubs: AwsStub<any, any, any>[] = [];
  afterEach(() => {
    for (const stub of stubs) stub.restore();
    stubs = [];
  });

  test('resolves and builds, prints no removal for what was never deployed, and the suite\'s package tests pass in it', async () => {
    const copy = copyRepository();
    const config = join(copy, 'root-guard.config.yaml');
    writeFileSync(config, otherOrganizationConfig());
    const values = scalars(parse(readFileSync(config, 'utf8')));
    expect(values.filter((v) => DOCUMENTATION_VALUES.some((d) => v.includes(d)))).toEqual([]);

    stubs = [mockOrganization(ORGANIZATION).stub, mockTrails([TRAIL])];
    const resolved = await runCli(['resolve', '--config', config]);
    expect(resolved.stderr).toBe('');
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain(`Log group: ${OTHER.logGroup}`);
    expect(readFileSync(join(copy, 'root-guard.ous.yaml'), 'utf8')).toContain('      - Production:Payments\n');

    const built = await runCli(['build', '--config', config]);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toContain(`The previous build here was for the organization of management account ${COMMITTED_ORGANIZATION}; this one is for ${OTHER.management}.`);
    expect(built.stdout).not.toMatch(/left the package|delete-stack|detach-policy|delete-policy|--accounts/);
    expect(readFileSync(join(copy, 'templates', 'root-activity-alarm.json'), 'utf8')).toContain(`"LogGroupName": "${OTHER.logGroup}"`);

    // The tests about the committed package, and two that once read the committed config, run in the copy.
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.ROOT_GUARD_TEST_SUMMARY; // the copy's run must not write the summary line of this run
    const jest = spawnSync(process.execPath, [
      join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--runInBand', '--colors=false',
      'test/package/committed-package.test.ts', 'test/plan/arns.test.ts', 'test/plan/targets.test.ts',
    ], { cwd: copy, env, encoding: 'utf8', timeout: 240_000 });
    const output = `${jest.stdout}${jest.stderr}`;
    expect({ status: jest.status, failed: output.split('\n').filter((l) => /✕|●/.test(l)) }).toEqual({ status: 0, failed: [] });
    expect(output).toMatch(/^Tests: .*\b\d+ passed, \d+ total$/m);
    expect(output).toContain('committed-package.test.ts');
  }, 300_000);
});

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliProcessResult, spawnCli } from '../support/cli';
import { REPO_ROOT } from '../support/config';
import { type FakeAwsEndpoint, startFakeAwsEndpoint } from '../support/fake-aws-endpoint';

/*
 * `root-guard root-credentials` against an endpoint that stops answering at one call, as its own
 * process (bin/root-guard.js): whichever client path waits (the caller's STS client, the Regional
 * STS endpoint's AssumeRoot, a root session's IAM client), the command gives up within the bound and
 * prints one line naming that call (issue 25 §1: it used to run on past 170 s).
 */
const PATHS: ReadonlyArray<readonly [string, string, string]> = [
  ['the caller\'s STS client', 'GetCallerIdentity', 'STS GetCallerIdentity'],
  ['AssumeRoot on the Regional STS endpoint', 'AssumeRoot', 'STS AssumeRoot'],
  ['the root session\'s IAM client', 'GetLoginProfile', 'IAM GetLoginProfile'],
];

describe('root-credentials against an endpoint that stops answering', () => {
  const endpoints: FakeAwsEndpoint[] = [];
  let results: Map<string, CliProcessResult>;
  beforeAll(async () => {
    for (const [, silent] of PATHS) endpoints.push(await startFakeAwsEndpoint([silent, 'ListAccessKeys', 'ListMFADevices', 'ListSigningCertificates']));
    const finished = await Promise.all(endpoints.map((e) => spawnCli(['root-credentials', '--region', 'us-east-1', '--config', 'none.yaml', '--request-timeout', '1'], { AWS_ENDPOINT_URL: e.endpoint })));
    results = new Map(PATHS.map(([, silent], i) => [silent, finished[i]]));
  }, 30_000);
  afterAll(async () => {
    for (const e of endpoints) await e.close();
  });

  test.each(PATHS)('%s: gives up within the bound with one line naming %s, exit 1', (_path, silent, call) => {
    const result = results.get(silent)!;
    const endpoint = endpoints[PATHS.findIndex(([, s]) => s === silent)].endpoint;
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^(${call}|IAM (ListAccessKeys|ListMFADevices|ListSigningCertificates)): no answer from ${endpoint.replace(/\./g, '\\.')}/: 2 attempts of 1 s each \\(the limit is per call, not for the whole command; connection timeout 1 s\\)`))]);
    expect(lines[0]).not.toContain('20000 ms');
    expect(result.code).toBe(1);
    // Two attempts of 1 s and a backoff, plus start-up: not one wait per account, not forever.
    expect(result.elapsedMs).toBeLessThan(10_000);
  });

  test('the calls before the silent one were answered: each path was really reached', () => {
    expect(endpoints[1].received).toContain('ListAccountsForParent');
    expect(endpoints[2].received).toContain('AssumeRoot');
  });
});

describe('Ctrl-C during root-credentials --apply, as a process', () => {
  test('prints the journal before the first step, and on SIGINT the --resume command; the call in flight is journalled; exit 130', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'root-credentials-sigint-'));
    const plan = join(dir, 'plan.json');
    const journal = join(dir, 'journal.jsonl');
    const fake = await startFakeAwsEndpoint([], { DeleteLoginProfile: 1500 });
    try {
      const env = { AWS_ENDPOINT_URL: fake.endpoint };
      const common = ['root-credentials', '--region', 'us-east-1', '--config', 'none.yaml'];
      const planned = await spawnCli([...common, '--delete', 'PASSWORD,MFA', '--accounts', '222222222222', '--plan-out', plan], env);
      expect(planned.stdout).toContain(`written to ${plan}`);
      const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'root-guard.js'), ...common, '--apply', plan, '--journal', journal], { env: { ...process.env, ...env } });
      let stderr = '';
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => { stdout += c; });
      child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      // Interrupt while the password's removal is in flight.
      const deadline = Date.now() + 15_000;
      while (!fake.received.includes('DeleteLoginProfile') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const journalShownFirst = stderr.includes(`Journal: ${journal} (if this run stops, finish it with: root-guard root-credentials --resume ${journal} --apply ${plan})`);
      child.kill('SIGINT');
      const code = await exited;
      expect(journalShownFirst).toBe(true);
      expect(code).toBe(130);
      expect(stderr).toContain(`Interrupted (SIGINT): finishing the calls in flight, starting no new step. Journal: ${journal}`);
      expect(stderr).toContain(`To finish: root-guard root-credentials --resume ${journal} --apply ${plan}`);
      expect(stdout).toContain('interrupted by SIGINT');
      const lines = readFileSync(journal, 'utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l) as { what: string; result: string });
      expect(lines.map((l) => `${l.what} ${l.result}`)).toEqual(['password started', 'password done']);
      expect(fake.received).not.toContain('DeactivateMFADevice');
    } finally {
      await fake.close();
    }
  }, 30_000);
});

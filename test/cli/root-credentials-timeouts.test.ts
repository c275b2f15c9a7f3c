import { type CliProcessResult, spawnCli } from '../support/cli';
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
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^(${call}|IAM (ListAccessKeys|ListMFADevices|ListSigningCertificates)): no answer from ${endpoint.replace(/\./g, '\\.')}/ within 1 s \\(2 attempts; connection timeout 1 s, request timeout 1 s each\\)`))]);
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

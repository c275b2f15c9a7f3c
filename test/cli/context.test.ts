import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { Command } from 'commander';
import { createClientFactory, loadCommandContext } from '../../src/cli/context';
import { addAwsOptions } from '../../src/cli/aws-options';
import { UserError } from '../../src/errors';
import { type CliProcessResult, spawnCli } from '../support/cli';
import { REPO_ROOT, writeMinimalConfig } from '../support/config';

/** A TCP server on 127.0.0.1 that accepts every connection and never writes a byte (a stuck proxy, a firewall). */
async function silentServer(): Promise<{ server: Server; endpoint: string; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, endpoint: `http://127.0.0.1:${address.port}`, sockets };
}

describe('the AWS commands against an endpoint that never answers', () => {
  // Each command's first call: the one that waits. --request-timeout 1 keeps the test short; the
  // default (20 s x 2 attempts) is the same code path with a bigger number. The commands run as
  // processes of bin/root-guard.js, all at once: each one spends its time waiting.
  const commands: ReadonlyArray<readonly [string, readonly string[], string]> = [
    ['preflight', [], 'STS GetCallerIdentity'],
    ['audit', [], 'STS GetCallerIdentity'],
    ['resolve-ous', [], '(Organizations ListRoots|CloudTrail DescribeTrails)'],
    ['test-alert', [], '(STS|CloudWatch) '],
    ['investigate', ['--since', '1h'], 'CloudWatchLogs StartQuery'],
  ];
  let silent: Awaited<ReturnType<typeof silentServer>>;
  let results: Map<string, CliProcessResult>;
  beforeAll(async () => {
    silent = await silentServer();
    const config = writeMinimalConfig({ rootChecks: '{ organizationalUnits: [Workloads], includeNestedOUs: true, includeManagementAccount: false }' });
    const finished = await Promise.all(commands.map(([command, extra]) =>
      spawnCli([command, '--config', config, '--request-timeout', '1', ...extra], { AWS_ENDPOINT_URL: silent.endpoint })));
    results = new Map(commands.map(([command], index) => [command, finished[index]]));
  }, 30_000);
  afterAll(async () => {
    for (const socket of silent.sockets) socket.destroy();
    await new Promise((resolve) => silent.server.close(resolve));
  });

  test.each(commands)('%s gives up within the bound, prints one line naming service, endpoint and timeout, exits 1', (command, _extra, service) => {
    const result = results.get(command)!;
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    // Either the line itself ("STS GetCallerIdentity: no answer …"), or the command's own prefix (which
    // account/OU and API) in its place: the call is named once (issue 28 §7), and the limit is per call.
    const call = `(${service}\\S*|((organization root|account \\d{12} [a-z0-9-]+): )?[a-z]+:[A-Za-z]+( failed)?( on [^:]+)?)`;
    expect(lines[0]).toMatch(new RegExp(`^${call}: no answer from ${silent.endpoint.replace(/[.]/g, '\\.')}/: 2 attempts of 1 s each \\(the limit is per call, not for the whole command; connection timeout 1 s\\)`));
    expect(lines[0]).not.toContain('TimeoutError');
    expect(lines[0]).toContain('allow each call more time with --request-timeout');
    // 2 attempts of 1 s and a backoff, plus the process's start-up; the SDK alone would wait forever.
    expect(result.elapsedMs).toBeLessThan(8000);
  });
});

describe('createClientFactory', () => {
  test('gives every client the bounded timeouts, the profile and the region, and explains a timeout', async () => {
    const { server, endpoint, sockets } = await silentServer();
    try {
      const factory = createClientFactory('eu-west-1', { requestTimeout: 1, profile: 'management' });
      expect(factory.settings).toEqual(expect.objectContaining({ region: 'eu-west-1', profile: 'management' }));
      expect(factory.settings.requestHandler).toEqual({ connectionTimeout: 1000, requestTimeout: 1000, throwOnRequestTimeout: true });
      const sts = factory.create(STSClient);
      // Without a profile (none is defined on this machine), pointed at the silent server.
      const explained = createClientFactory('eu-west-1', { requestTimeout: 1 });
      const client = explained.create(class extends STSClient {
        constructor(config: ConstructorParameters<typeof STSClient>[0]) {
          super({ ...config, endpoint });
        }
      });
      await expect(client.send(new GetCallerIdentityCommand({}))).rejects.toBeInstanceOf(UserError);
      expect(await sts.config.region()).toBe('eu-west-1');
      factory.destroy();
      explained.destroy();
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 15_000);

  test('--region overrides the command\'s region; the default is the given one', () => {
    expect(createClientFactory('us-east-1').settings.region).toBe('us-east-1');
    expect(createClientFactory('us-east-1', { region: 'eu-central-1' }).settings.region).toBe('eu-central-1');
  });
});

describe('loadCommandContext', () => {
  test('loads the config and uses its homeRegion unless --region', () => {
    const file = writeMinimalConfig();
    const context = loadCommandContext({ config: file });
    expect([context.file, context.region, context.config.managementAccountId]).toEqual([file, 'us-east-1', '111111111111']);
    expect(loadCommandContext({ config: file, region: 'eu-west-1' }).region).toBe('eu-west-1');
    expect(context.ouResolution()).toBeUndefined();
  });
});

describe('addAwsOptions', () => {
  test('adds --profile, --region and --request-timeout and states the time bounds', () => {
    const command = addAwsOptions(new Command('x').exitOverride());
    const help = command.helpInformation() + '';
    expect(help).toContain('--request-timeout <seconds>');
    command.parse(['--profile', 'p', '--region', 'eu-west-1', '--request-timeout', '60'], { from: 'user' });
    expect(command.opts()).toEqual({ profile: 'p', region: 'eu-west-1', requestTimeout: 60 });
  });

  test('no command module builds an AWS client itself: every one goes through the shared factory', () => {
    const dir = join(REPO_ROOT, 'src', 'cli');
    const direct = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'context.ts')
      .filter((f) => /new [A-Z][A-Za-z]*Client\(/.test(readFileSync(join(dir, f), 'utf8')));
    expect(direct).toEqual([]);
  });
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { generateJsonSchemas, JSON_OUTPUTS, schemaPath } from '../../scripts/json-schemas';
import { rootLogin, tempDir, writeFile, writeRecordsFile } from '../backtest/fixtures';
import { runCli } from '../support/cli';
import { REPO_ROOT, writeMinimalConfig } from '../support/config';
import { validJsonOutput } from '../support/json-schema';
import { deployedOrganization, serviceError, simulateAws, type Simulation } from '../support/simulated-aws';
import { sampleOrganization, simulateRootAccess } from '../ops/root-credentials/simulated-root-access';

/*
 * Issue 28 §1–2: every command's --json is one envelope (meta, result, exitCode, error), valid
 * against its committed JSON Schema, on success, on a partial result and when the run stops.
 */
let sim: Simulation | undefined;
afterEach(() => sim?.restore());

describe('the JSON Schemas in schemas/', () => {
  test('are what the result types generate (run `npx tsx scripts/json-schemas.ts` after changing one)', () => {
    const generated = generateJsonSchemas();
    expect([...generated.keys()].sort()).toEqual(Object.keys(JSON_OUTPUTS).map(schemaPath).sort());
    for (const [path, text] of generated) {
      expect([path, readFileSync(join(REPO_ROOT, path), 'utf8')]).toEqual([path, text]);
    }
  }, 120_000);
});

describe('--json when the run stops', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const missing = join(dir, 'no-such.config.yaml');

  // Every command with --json, stopped by a config file that is not there (exit 1, nothing read).
  const STOPPED: readonly (readonly [string, readonly string[]])[] = [
    ['audit', ['audit', '--config', missing, '--json']],
    ['preflight', ['preflight', '--config', missing, '--json']],
    ['resolve', ['resolve', '--config', missing, '--json']],
    ['publish', ['publish', '--config', missing, '--json']],
    ['test-alert', ['test-alert', '--config', missing, '--json']],
    ['investigate', ['investigate', '--config', missing, '--json']],
    ['backtest', ['backtest', '--config', missing, '--json', dir]],
    ['hunt', ['hunt', '--config', missing, '--json', '--since', '1d']],
  ];

  test.each(STOPPED)('%s writes one envelope with the error and exit 1, valid against its schema', async (command, args) => {
    const result = await runCli(args);
    expect(result.code).toBe(1);
    const envelope = validJsonOutput(command, result.stdout);
    expect(envelope).toMatchObject({ result: null, exitCode: 1, error: { kind: 'user' } });
    expect(envelope.error!.message).toContain('no-such.config.yaml');
    // The same lines as stderr, so a CI log and the JSON say the same thing.
    expect(result.stderr).toContain(envelope.error!.lines[0]);
    expect(envelope.meta).toMatchObject({ tool: 'root-guard', command, arguments: args.slice(1) });
  });

  test('root-credentials writes one envelope on a usage error, exit 2', async () => {
    const result = await runCli(['root-credentials', '--json', '--accounts', '12345']);
    expect(result.code).toBe(2);
    const envelope = validJsonOutput('root-credentials', result.stdout);
    expect(envelope).toMatchObject({ result: null, exitCode: 2, error: { kind: 'usage' } });
    expect(envelope.error!.message).toContain('12-digit account id');
  });

  test('root-credentials that cannot run (exit 4, its lines on stderr) still writes one envelope with those lines', async () => {
    const root = simulateRootAccess(sampleOrganization({ features: ['RootCredentialsManagement'] }));
    try {
      const result = await runCli(['root-credentials', '--json', '--region', 'us-east-1']);
      expect(result.code).toBe(4);
      const envelope = validJsonOutput('root-credentials', result.stdout);
      expect(envelope).toMatchObject({ result: null, exitCode: 4, error: { kind: 'user' } });
      expect(envelope.error!.lines.join('\n')).toContain('aws iam enable-organizations-root-sessions');
    } finally {
      root.restore();
    }
  });

  test('a usage error of any command is an envelope with kind "usage" and exit 2', async () => {
    const result = await runCli(['audit', '--json', '--concurrency', '0']);
    expect(result.code).toBe(2);
    expect(validJsonOutput('audit', result.stdout)).toMatchObject({ result: null, exitCode: 2, error: { kind: 'usage' } });
  });

  test('the wrong account stops the audit with an envelope that names the caller', async () => {
    sim = simulateAws(deployedOrganization(), { callerAccount: '222222222222' });
    const result = await runCli(['audit', '--config', writeMinimalConfig(), '--json']);
    expect(result.code).toBe(1);
    const envelope = validJsonOutput('audit', result.stdout);
    expect(envelope.error!.message).toContain('wrong account');
  });

  test('without --json nothing is written on stdout when the run stops', async () => {
    const result = await runCli(['audit', '--config', missing]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
  });
});

describe('--json provenance and partial results', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  test('meta names the version, the commit, the arguments, the config by name and digest, the organization and the caller', async () => {
    sim = simulateAws(deployedOrganization(), { failures: { 'config:DescribeAggregateComplianceByConfigRules': serviceError('AccessDeniedException', 'not authorized') } });
    const config = writeMinimalConfig();
    const result = await runCli(['audit', '--config', config, '--json']);
    // Partial: no gap found, but the aggregator could not be read (exit 3), and the envelope says so.
    expect(result.code).toBe(3);
    const envelope = validJsonOutput('audit', result.stdout);
    expect(envelope).toMatchObject({ exitCode: 3, error: null, result: { summary: { partial: true, exitCode: 3 } } });
    expect(envelope.meta).toMatchObject({
      version: '0.1.0',
      command: 'audit',
      arguments: ['--config', config, '--json'],
      configFile: basename(config),
      configSha256: createHash('sha256').update(readFileSync(config)).digest('hex'),
      organization: { managementAccountId: '111111111111' },
      caller: { account: '111111111111' },
    });
    expect(envelope.meta.commit).toMatch(/^([0-9a-f]{12,40}(-dirty)?|unknown)$/);
  });

  test('backtest: a file it could not read is a partial result (exit 1) with the result and no error', async () => {
    const archive = join(dir, 'archive');
    writeRecordsFile(join(archive, 'a.json.gz'), [rootLogin('111111111111', '2024-03-01T10:00:00Z')]);
    writeFile(join(archive, 'b.json'), '{"Records": [ not json');
    const result = await runCli(['backtest', '--json', '--pattern', '{ $.eventName = "ConsoleLogin" }', archive]);
    expect(result.code).toBe(1);
    const envelope = validJsonOutput('backtest', result.stdout);
    expect(envelope).toMatchObject({ exitCode: 1, error: null, result: { events: 1, matched: 1 } });
    expect(envelope.result.problems).toHaveLength(1);
  });
});

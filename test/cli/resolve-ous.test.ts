import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsStub } from 'aws-sdk-client-mock';
import { runCli } from '../support/cli';
import { REPO_ROOT } from '../support/config';
import { mockOrganization, sampleOrganization } from '../support/fake-organization';

let mock: AwsStub<any, any, any> | undefined;
afterEach(() => {
  mock?.restore();
  mock = undefined;
});

/** A copy of the committed config with rootChecks set to `ous` and includeNestedOUs to `nested`. */
function configIn(ous: string, nested: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'rg-cli-ous-'));
  const text = readFileSync(join(REPO_ROOT, 'root-guard.config.yaml'), 'utf8')
    .replace(/^ {2}organizationalUnits: \[Root\]$/m, `  organizationalUnits: ${ous}\n  includeNestedOUs: ${nested}`);
  writeFileSync(join(dir, 'root-guard.config.yaml'), text);
  return join(dir, 'root-guard.config.yaml');
}

describe('root-guard resolve-ous', () => {
  test('writes root-guard.ous.yaml beside the config and lists every path, then reports it up to date', async () => {
    mock = mockOrganization(sampleOrganization()).stub;
    const config = configIn('[Workloads]', true);
    const first = await runCli(['resolve-ous', '--config', config]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^CONFIG KEY\s+OU PATH\s+FROM\s+CHANGE$/m);
    expect(first.stdout).toMatch(/^rootChecks\.organizationalUnits\s+Workloads:Prod:Web\s+nested\s+added$/m);
    expect(first.stdout).toContain('rootChecks.organizationalUnits: 1 listed OU(s) -> 4 CfCT path(s).');
    expect(first.stdout).toMatch(/Wrote .*root-guard\.ous\.yaml \(resolved at \d{4}-\d\d-\d\dT[\d:.]+Z\)\. Run `root-guard build` and commit both\./);
    expect(readFileSync(join(config, '..', 'root-guard.ous.yaml'), 'utf8')).toContain('      - Workloads:Test\n');

    const second = await runCli(['resolve-ous', '--config', config]);
    expect(second.stdout).toMatch(/root-guard\.ous\.yaml is up to date \(content unchanged since .*; file not touched\)\./);
  });

  test('prints the result as JSON with --json', async () => {
    mock = mockOrganization(sampleOrganization()).stub;
    const result = await runCli(['resolve-ous', '--config', configIn('[Workloads:Prod]', true), '--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'written', lists: [{ key: 'rootChecks.organizationalUnits', from: ['Workloads:Prod'], paths: ['Workloads:Prod', 'Workloads:Prod:Web'] }] });
  });

  test('says there is nothing to resolve when includeNestedOUs is false, without calling AWS', async () => {
    mock = mockOrganization(sampleOrganization()).stub;
    const result = await runCli(['resolve-ous', '--config', configIn('[Workloads]', false)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to resolve');
    expect(mock.calls()).toHaveLength(0);
  });

  test('exits 1 and writes nothing when a listed OU does not exist', async () => {
    mock = mockOrganization(sampleOrganization()).stub;
    const config = configIn('[Workloads, Sandbx]', true);
    const result = await runCli(['resolve-ous', '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${config}: rootChecks.organizationalUnits: Sandbx: no OU named "Sandbx" at the top level of the organization (did you mean "Sandbox"?`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(config, '..', 'root-guard.ous.yaml'))).toBe(false);
  });
});

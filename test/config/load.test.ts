import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load as loadJsYaml, CORE_SCHEMA } from 'js-yaml';
import { parse as parseYaml } from 'yaml';
import { loadConfig, parseConfig } from '../../src/config/load';
import { UserError } from '../../src/errors';
import { FIXTURE_CONFIG } from '../support/config';

const INVALID = join(__dirname, '..', 'fixtures', 'config', 'invalid');

function problemsOf(source: string, file: string): string[] {
  try {
    parseConfig(source, file);
  } catch (err) {
    if (err instanceof UserError) return [...err.problems];
    throw err;
  }
  throw new Error(`${file} was accepted`);
}

describe('loadConfig', () => {
  test('loads the fixture config with defaults applied', () => {
    const { config } = loadConfig(FIXTURE_CONFIG);
    expect(config.homeRegion).toBe('us-east-1');
    expect(config.managementAccountId).toBe('111111111111');
    expect(config.alarm).toEqual({ periodSeconds: 300, evaluationPeriods: 1, threshold: 1 });
    expect(config.rootChecks.includeNestedOUs).toBe(false);
  });

  test('applies defaults for optional keys', () => {
    const config = parseConfig(
      [
        'homeRegion: eu-west-1',
        'managementAccountId: "111111111111"',
        'namePrefix: rg',
        'securityTopic: { arn: "arn:aws:sns:eu-west-1:222222222222:alerts" }',
        'rootChecks: { organizationalUnits: [Root], includeManagementAccount: true }',
        'scp: { organizationalUnits: ["Workloads:Prod"] }',
      ].join('\n'),
      'c.yaml',
    );
    expect(config.alarm).toEqual({ periodSeconds: 300, evaluationPeriods: 1, threshold: 1 });
    expect(config.rootChecks).toMatchObject({ hardwareMfa: false, accessKeys: true, maximumExecutionFrequency: 'TwentyFour_Hours' });
    expect(config.scp).toMatchObject({ denyRootActions: true, denyRootAccessKeys: true, protectBaseline: true });
  });

  test('names a missing file and how to fix it', () => {
    expect(() => loadConfig('/nonexistent/root-guard.config.yaml')).toThrow(
      '/nonexistent/root-guard.config.yaml: no such config file (run from the repository root, or pass --config FILE)',
    );
  });

  test('rejects an empty file with its name and position', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-config-'));
    writeFileSync(join(dir, 'empty.yaml'), '# nothing\n');
    expect(() => loadConfig(join(dir, 'empty.yaml'))).toThrow(`${join(dir, 'empty.yaml')}:1:1: the config file is empty`);
  });

  // One fixture per class of mistake; the expected file holds every message, in file order.
  const fixtures = readdirSync(INVALID).filter((f) => f.endsWith('.yaml')).sort();
  test.each(fixtures)('reports every problem in %s as file:line:col: key: what (fix)', (fixture) => {
    const expected = readFileSync(join(INVALID, fixture.replace(/\.yaml$/, '.expected.txt')), 'utf8').trim().split('\n');
    expect(problemsOf(readFileSync(join(INVALID, fixture), 'utf8'), fixture)).toEqual(expected);
  });

  test.each([
    ['"Root:Workloads"', 'starts with "Root:" (CfCT paths leave out the root: write "Workloads")'],
    ['"Workloads:"', 'has an empty segment'],
    ['"Workloads : Prod"', 'has spaces around ":" (write "Workloads:Prod")'],
    ['" Workloads"', 'has leading or trailing spaces (write "Workloads")'],
    ['root', 'is not an OU path (write "Root" for every enrolled account)'],
  ])('rejects the OU path %s', (ou, message) => {
    const source = readFileSync(FIXTURE_CONFIG, 'utf8').replace('organizationalUnits: [Workloads]', `organizationalUnits: [${ou}]`);
    const problems = problemsOf(source, 'c.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`scp.organizationalUnits[0]: `);
    expect(problems[0]).toContain(message);
  });

  test('accepts nested OU paths and Root', () => {
    const source = readFileSync(FIXTURE_CONFIG, 'utf8').replace('organizationalUnits: [Workloads]', 'organizationalUnits: [Workloads, "Workloads:Prod", "Workloads:Prod:Payments Team"]');
    expect(parseConfig(source, 'c.yaml').scp.organizationalUnits).toEqual(['Workloads', 'Workloads:Prod', 'Workloads:Prod:Payments Team']);
  });

  test('the fast parser and the position-keeping parser read configs the same way', () => {
    const sources = [
      readFileSync(FIXTURE_CONFIG, 'utf8'),
      'a: yes\nb: on\nc: "012345670123"\nd: 012\ne: 0x1F\nf: 1_000\ng: 2021-03-15\nh: ~\ni: [Root, "Workloads:Prod", Workloads:Dev]\nj: .inf\n',
    ];
    for (const source of sources) {
      expect(loadJsYaml(source, { schema: CORE_SCHEMA })).toEqual(parseYaml(source));
    }
  });
});

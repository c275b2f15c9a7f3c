import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load';
import { FIXTURE_CONFIG, REPO_ROOT } from '../support/config';

const committed = readFileSync(FIXTURE_CONFIG, 'utf8');

/** The fixture config with its commented-out fastAlerts and cisMonitoring examples switched on. */
function withExamplesUncommented(): string {
  const lines = committed.split('\n');
  const start = lines.findIndex((l) => l.startsWith('# fastAlerts:'));
  return lines.map((line, i) => (i >= start && /^# ( {2}|fastAlerts:|cisMonitoring:)/.test(line) ? line.slice(2) : line)).join('\n');
}

/** The example config as this repository ships it; a team's fork replaces its values. */
const shipped = readFileSync(join(REPO_ROOT, 'root-guard.config.yaml'), 'utf8');
const stillTheExample = /^managementAccountId: "111111111111"$/m.test(shipped);

describe('the test suite\'s fixture config', () => {
  // Only while the repository's config is the example: in a fork with its own values there is nothing to compare.
  (stillTheExample ? test : test.skip)('is the example config as shipped, but for its first three comment lines', () => {
    const body = (text: string) => text.split('\n').slice(3).join('\n');
    expect(body(committed)).toBe(body(shipped));
  });
});

describe('fastAlerts and cisMonitoring in the config', () => {
  test('are off in the fixture config', () => {
    const config = parseConfig(committed, 'root-guard.config.yaml');
    expect(config.fastAlerts).toBeUndefined();
    expect(config.cisMonitoring).toBeUndefined();
  });

  test('the commented-out examples in the fixture config are valid once uncommented', () => {
    const config = parseConfig(withExamplesUncommented(), 'root-guard.config.yaml');
    expect(config.fastAlerts).toEqual({ regions: ['us-east-1', 'eu-west-1'], organizationId: 'o-exampleorgid', accountNames: { '333333333333': 'Workloads Prod' } });
    expect(config.cisMonitoring).toBe('all');
  });

  test('accepts a list of CIS ids in quotes, in any order', () => {
    const config = parseConfig(`${committed}\ncisMonitoring: ["4.15", "4.1", "4.10"]\n`, 'c.yaml');
    expect(config.cisMonitoring).toEqual(['4.15', '4.1', '4.10']);
  });

  test('accepts fast alerts covering only us-east-1 (sign-ins, IAM and STS)', () => {
    const config = parseConfig(`${committed}\nfastAlerts: { regions: [us-east-1], organizationId: o-exampleorgid }\n`, 'c.yaml');
    expect(config.fastAlerts?.regions).toEqual(['us-east-1']);
  });
});

describe('fastAlerts.accountNames within the central bus\'s rule quota of the home region', () => {
  const named = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `"${333333333300 + i}": "Account ${i}"`).join(', ')} }`;
  const configIn = (region: string, count: number) => committed.replace(/^homeRegion: .*$/m, `homeRegion: ${region}`)
    + `\nfastAlerts: { regions: [us-east-1, ${region}], organizationId: o-exampleorgid, accountNames: ${named(count)} }\n`;

  test('eu-south-1 and af-south-1 allow 100 rules per bus: 48 named accounts (99 rules) pass, 49 (101 rules) are refused with the most allowed', () => {
    for (const region of ['eu-south-1', 'af-south-1']) {
      expect(Object.keys(parseConfig(configIn(region, 48), 'c.yaml').fastAlerts?.accountNames ?? {})).toHaveLength(48);
      expect(() => parseConfig(configIn(region, 49), 'c.yaml')).toThrow(
        `c.yaml:${configIn(region, 49).split('\n').length - 1}:`,
      );
      expect(() => parseConfig(configIn(region, 49), 'c.yaml')).toThrow(`fastAlerts.accountNames: names 49 accounts: the central bus in ${region} would need 101 rules (2 per named account + 3), and EventBridge allows 100 rules per bus there by default (name at most 48 accounts there)`);
    }
  });

  test('elsewhere the 300-rule quota is not what limits: 50 named accounts (the config\'s own cap) pass', () => {
    expect(Object.keys(parseConfig(configIn('eu-west-1', 50), 'c.yaml').fastAlerts?.accountNames ?? {})).toHaveLength(50);
  });
});

describe('tamperAlerts in the config', () => {
  test('is on when absent (the fixture config) and off with false', () => {
    expect(parseConfig(committed, 'root-guard.config.yaml').tamperAlerts).toBe(true);
    expect(parseConfig(`${committed}\ntamperAlerts: false\n`, 'c.yaml').tamperAlerts).toBe(false);
  });

  test('anything but true or false is an error naming the file, line, key and fix', () => {
    const lines = committed.split('\n').length;
    expect(() => parseConfig(`${committed}\ntamperAlerts: "no"\n`, 'c.yaml')).toThrow(
      `c.yaml:${lines + 1}:15: tamperAlerts: must be true or false (false turns tamper alerts off; see docs/tamper-alerts.md)`,
    );
  });
});

describe('IAM_ROOT_ACCESS_KEY_CHECK Region availability (its own list, not the MFA rules\')', () => {
  const base = (home: string, accessKeys: string) => [
    `homeRegion: ${home}`, 'managementAccountId: "111111111111"', 'namePrefix: root-guard',
    'securityTopic: { accountId: "222222222222", emails: [security@example.com] }',
    `rootChecks: { organizationalUnits: [Root], includeManagementAccount: false${accessKeys} }`,
    'scp: { organizationalUnits: [Workloads] }',
  ].join('\n');

  test('refuses a home region without the rule (Europe (Spain) has the MFA rules but not this one), naming the key and the fix', () => {
    expect(() => parseConfig(base('eu-south-2', ''), 'c.yaml')).toThrow(/c\.yaml:1:13: homeRegion: AWS Config does not offer IAM_ROOT_ACCESS_KEY_CHECK \(rootChecks\.accessKeys, on by default\) in eu-south-2 \(set rootChecks\.accessKeys: false/);
  });

  test('accepts that home region once the access-key check is off', () => {
    expect(parseConfig(base('eu-south-2', ', accessKeys: false'), 'c.yaml').rootChecks.accessKeys).toBe(false);
  });

  test('accepts AWS GovCloud (US), where the MFA rules are missing but this one is offered, when only the MFA rule is the problem', () => {
    expect(() => parseConfig(base('us-gov-west-1', ''), 'c.yaml')).not.toThrow(/IAM_ROOT_ACCESS_KEY_CHECK/);
  });
});

describe('scp.exemptRoleNames', () => {
  const withExempt = (list: string) => `${committed}`.replace('  protectBaseline: true\n', `  protectBaseline: true\n  exemptRoleNames: ${list}\n`);

  test('is optional, and accepts role names and prefixes of at least 4 characters', () => {
    expect(parseConfig(committed, 'c.yaml').scp.exemptRoleNames).toBeUndefined();
    expect(parseConfig(withExempt('[AWSAFTExecution, "cdk-accel-cfn-exec-*"]'), 'c.yaml').scp.exemptRoleNames).toEqual(['AWSAFTExecution', 'cdk-accel-cfn-exec-*']);
  });

  test('refuses more than 10 names, with the reason', () => {
    const eleven = `[${Array.from({ length: 11 }, (_, i) => `deployer-${i}`).join(', ')}]`;
    expect(() => parseConfig(withExempt(eleven), 'c.yaml')).toThrow(/scp\.exemptRoleNames: list at most 10 role names/);
  });
});

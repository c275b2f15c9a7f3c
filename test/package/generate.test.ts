import { parseOuResolution } from '../../src/config/ou-resolution';
import { generatePackage } from '../../src/package/generate';
import { PACKAGE_PATHS } from '../../src/plan';
import { fixtureConfig, configWith } from '../support/config';

type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>; Parameters?: unknown; Rules?: unknown; Metadata?: unknown };
const template = (files: ReadonlyMap<string, string>, path: string): Template => JSON.parse(files.get(path) as string) as Template;

describe('generatePackage', () => {
  const files = generatePackage(fixtureConfig());

  test('is deterministic: the same config gives the same bytes', () => {
    expect([...generatePackage(fixtureConfig())]).toEqual([...files]);
  });

  test('writes the manifest, the two stack-set templates and the management-account prerequisite', () => {
    expect([...files.keys()]).toEqual(expect.arrayContaining([
      'manifest.yaml',
      PACKAGE_PATHS.securityTopicTemplate,
      PACKAGE_PATHS.alarmTemplate,
      PACKAGE_PATHS.executionRoleTemplate,
    ]));
  });

  test('templates carry no bootstrap parameters or rules, no CDK metadata and no assets', () => {
    for (const [path, text] of files) {
      if (path.startsWith('policies/')) continue;
      if (!path.endsWith('.json')) continue;
      const t = JSON.parse(text) as Template;
      expect(t.Parameters).toBeUndefined();
      expect(t.Rules).toBeUndefined();
      expect(t.Metadata).toBeUndefined();
      expect(Object.values(t.Resources).map((r) => r.Type)).not.toContain('AWS::CDK::Metadata');
      expect(text).not.toMatch(/cdk-hnb659fds|aws:cdk:path|aws:asset/);
    }
  });

  test('the alarm notifies the topic the package creates in the security account', () => {
    const alarm = Object.values(template(files, PACKAGE_PATHS.alarmTemplate).Resources).find((r) => r.Type === 'AWS::CloudWatch::Alarm');
    expect(alarm?.Properties.AlarmActions).toEqual(['arn:aws:sns:us-east-1:222222222222:root-guard-root-activity']);
  });

  test('puts the topic before the alarm in the manifest (CfCT runs stack sets in manifest order)', () => {
    const manifest = files.get('manifest.yaml') as string;
    expect(manifest.indexOf('name: root-guard-security-topic')).toBeGreaterThan(0);
    expect(manifest.indexOf('name: root-guard-security-topic')).toBeLessThan(manifest.indexOf('name: root-guard-root-activity-alarm'));
  });

  test('targets the security account with the topic and the management account with the alarm, home region only', () => {
    const manifest = files.get('manifest.yaml') as string;
    const topic = manifest.slice(manifest.indexOf('name: root-guard-security-topic'), manifest.indexOf('name: root-guard-root-activity-alarm'));
    expect(topic).toContain('- "222222222222"');
    expect(topic).toContain('regions:\n      - us-east-1');
    const alarm = manifest.slice(manifest.indexOf('name: root-guard-root-activity-alarm'));
    expect(alarm).toMatch(/accounts:\n\s+- "111111111111"/);
  });

  test('with an existing topic ARN, creates no topic and alarms to that ARN', () => {
    const config = configWith((c) => { c.securityTopic = { arn: 'arn:aws:sns:us-east-1:222222222222:security-alerts' }; });
    const out = generatePackage(config);
    expect(out.has(PACKAGE_PATHS.securityTopicTemplate)).toBe(false);
    expect(out.get('manifest.yaml')).not.toContain('security-topic');
    const alarm = Object.values(template(out, PACKAGE_PATHS.alarmTemplate).Resources).find((r) => r.Type === 'AWS::CloudWatch::Alarm');
    expect(alarm?.Properties.AlarmActions).toEqual(['arn:aws:sns:us-east-1:222222222222:security-alerts']);
  });

  test('names everything from the prefix', () => {
    const out = generatePackage(configWith((c) => { c.namePrefix = 'acme-rg'; }));
    expect(out.get('manifest.yaml')).toContain('name: acme-rg-root-activity-alarm');
    expect(out.get(PACKAGE_PATHS.alarmTemplate)).toContain('"AlarmName": "acme-rg-root-activity"');
    expect(out.get(PACKAGE_PATHS.securityTopicTemplate)).toContain('"TopicName": "acme-rg-root-activity"');
  });

  const entry = (manifest: string, name: string) => {
    const start = manifest.indexOf(`- name: ${name}`);
    const next = manifest.indexOf('\n  - name:', start + 1);
    return manifest.slice(start, next === -1 ? undefined : next);
  };

  test('deploys the root checks as one stack set to the configured OUs, home region only, without the management account by default', () => {
    const checks = entry(files.get('manifest.yaml') as string, 'root-guard-root-checks');
    expect(checks).toContain('resource_file: templates/root-checks.json');
    expect(checks).toContain('organizational_units:\n        - Root');
    expect(checks).not.toContain('accounts:');
    expect(checks).toContain('regions:\n      - us-east-1');
  });

  test('adds the management account to the root checks only when includeManagementAccount is true', () => {
    const out = generatePackage(configWith((c) => { c.rootChecks.includeManagementAccount = true; }));
    expect(entry(out.get('manifest.yaml') as string, 'root-guard-root-checks')).toMatch(/accounts:\n\s+- "111111111111"/);
  });

  test('attaches the SCP baseline to the configured OUs and writes its policy file as compact JSON', () => {
    const scp = entry(files.get('manifest.yaml') as string, 'root-guard-root-baseline');
    expect(scp).toContain('deploy_method: scp');
    expect(scp).toContain('resource_file: policies/root-guard-root-baseline.json');
    expect(scp).toContain('organizational_units:\n        - Workloads');
    const text = files.get('policies/root-guard-root-baseline.json') as string;
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
  });

  test('writes no SCP when every switch is off', () => {
    const out = generatePackage(configWith((c) => { c.scp = { ...c.scp, denyRootActions: false, denyRootAccessKeys: false, protectBaseline: false }; }));
    expect([...out.keys()].filter((p) => p.startsWith('policies/'))).toEqual([]);
    expect(out.get('manifest.yaml')).not.toContain('deploy_method: scp');
  });

  test('with includeNestedOUs, targets the OUs root-guard.ous.yaml resolved, and refuses without it', () => {
    const config = configWith((c) => { c.rootChecks.organizationalUnits = ['Workloads']; c.rootChecks.includeNestedOUs = true; });
    expect(() => generatePackage(config)).toThrow(/run `root-guard resolve`/);
    const resolution = parseOuResolution([
      'resolvedAt: 2026-01-31T12:00:00.000Z',
      'targets:',
      '  rootChecks.organizationalUnits:',
      '    from: [Workloads]',
      '    paths: [Workloads, "Workloads:Prod", "Workloads:Prod:Payments"]',
    ].join('\n'), 'root-guard.ous.yaml');
    const checks = entry(generatePackage(config, { ouResolution: resolution }).get('manifest.yaml') as string, 'root-guard-root-checks');
    expect(checks).toContain('- Workloads\n        - Workloads:Prod\n        - Workloads:Prod:Payments');
  });
});

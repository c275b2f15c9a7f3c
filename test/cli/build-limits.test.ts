import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCli } from '../support/cli';
import { minimalConfigLines, writeMinimalConfig } from '../support/config';

/** A config in a fresh directory whose security topic subscribes `count` addresses. */
function configWithAddresses(count: number): string {
  const file = writeMinimalConfig();
  const lines = minimalConfigLines({ securityTopic: '' }).filter((l) => !l.startsWith('securityTopic'));
  const emails = Array.from({ length: count }, (_, i) => `    - security${i}@example.com`);
  writeFileSync(file, [...lines, 'securityTopic:', '  accountId: "222222222222"', '  emails:', ...emails, ''].join('\n'));
  return file;
}

describe('root-guard build: CloudFormation limits', () => {
  test('500 addresses: each template over 500 resources is one line at securityTopic.emails, and nothing is written', async () => {
    const config = configWithAddresses(500);
    const result = await runCli(['build', '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `${config}:9:5: securityTopic.emails: templates/security-topic.json would declare 504 resources, and CloudFormation accepts at most 500 in one template (each address adds one resource there: list at most 496, or one mailing list that reaches everyone)`,
      // The bus, its policy, 18 rules and the topic with its key, alias and policy: 24.
      `${config}:9:5: securityTopic.emails: templates/tamper-receiver.json would declare 524 resources, and CloudFormation accepts at most 500 in one template (each address adds one resource there: list at most 476, or one mailing list that reaches everyone)`,
      // 36 filters, 2 alarms, 18 rules and the topic with its key, alias and policy: 60 besides the addresses.
      `${config}:9:5: securityTopic.emails: templates/tamper-alerts.json would declare 560 resources, and CloudFormation accepts at most 500 in one template (each address adds one resource there: list at most 440, or one mailing list that reaches everyone)`,
      'Nothing was written.',
    ]);
    expect(readdirSync(dirname(config))).toEqual(['root-guard.config.yaml']);
  });

  test('build --check fails the same way instead of comparing', async () => {
    const config = configWithAddresses(500);
    const result = await runCli(['build', '--check', '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('up to date');
    expect(result.stderr).toContain('securityTopic.emails: templates/security-topic.json would declare 504 resources');
  });

  test('440 addresses fit every template', async () => {
    const config = configWithAddresses(440);
    const result = await runCli(['build', '--config', config]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(join(dirname(config), 'templates', 'tamper-alerts.json'))).toBe(true);
  });

  test('a 10 MB address is a clear error, not two 10 MB templates', async () => {
    const config = writeMinimalConfig({ securityTopic: `{ accountId: "222222222222", emails: ["${'a'.repeat(10 * 1024 * 1024)}@example.com"] }` });
    for (const args of [['build'], ['build', '--check']]) {
      const result = await runCli([...args, '--config', config]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/securityTopic\.emails\[0\]: "a{40}…" \(10,485,772 characters\) is longer than an email address can be/);
      expect(result.stdout).not.toContain('up to date');
    }
    expect(readdirSync(dirname(config))).toEqual(['root-guard.config.yaml']);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type App, Stack, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks } from 'cdk-nag';
import { generatePackage } from '../../src/package/generate';
import { synthesizeTemplates } from '../../src/package/synthesize';
import { committedConfig, configWith } from '../support/config';

/** cdk-nag (AWS Solutions pack) and Control Tower's proactive-control Guard rules, as validation plugins. */
function addJudges(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new CfnGuardValidator({ controlTowerRulesEnabled: true }));
}

/** External judges run over every template the package ships (../shared/STYLE.md, Tests). */
describe('external judges over the synthesized package', () => {
  const configs = {
    'the committed config': committedConfig(),
    'an existing topic and management-account root checks': configWith((c) => {
      c.securityTopic = { arn: 'arn:aws:sns:us-east-1:222222222222:security-alerts' };
      c.rootChecks.includeManagementAccount = true;
      c.rootChecks.hardwareMfa = true;
    }),
    'fast alerts in two Regions with named accounts, and the full CIS monitoring set': configWith((c) => {
      c.fastAlerts = { regions: ['us-east-1', 'eu-west-1'], organizationId: 'o-exampleorgid', accountNames: { '333333333333': 'Workloads Prod' } };
      c.cisMonitoring = 'all';
    }),
  };

  test.each(Object.entries(configs))('cdk-nag and Control Tower Guard rules find nothing in %s', (_name, config) => {
    expect(() => generatePackage(config, { configureApp: addJudges })).not.toThrow();
  });

  test('the judges do fire: a KMS key without rotation fails them', () => {
    const spec = {
      file: 'templates/bad.json',
      stackId: 'Bad',
      create: (app: App, id: string, props: object) => {
        const stack = new Stack(app, id, props);
        new kms.Key(stack, 'Key', { enableKeyRotation: false });
        return stack;
      },
    };
    expect(() => synthesizeTemplates([spec], { configureApp: addJudges })).toThrow(/AwsSolutions-KMS5[\s\S]*CT\.KMS\.PR\.1/);
  });

  test('cfn-lint passes every template (CfCT runs validate-template on each)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-lint-'));
    const files = [...generatePackage(configs['an existing topic and management-account root checks'])]
      .concat([...generatePackage(committedConfig())])
      .concat([...generatePackage(configs['fast alerts in two Regions with named accounts, and the full CIS monitoring set'])])
      .filter(([path]) => path.endsWith('.json') && !path.startsWith('policies/'));
    const paths = files.map(([path, text], i) => {
      const target = join(dir, String(i), path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
      return target;
    });
    const result = spawnSync('cfn-lint', paths, { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type App, Stack, Validations } from 'aws-cdk-lib/core';
import * as kms from 'aws-cdk-lib/aws-kms';
import { generatePackage } from '../../src/package/generate';
import { synthesizeTemplates } from '../../src/package/synthesize';
import { fixtureConfig, configWith } from '../support/config';
import { CFN_LINT, judgeTest } from '../support/external-judges';
import { AwsSolutionsChecks, CfnGuardValidator } from '../support/judge-plugins';

/** Control Tower's proactive-control Guard rules, one directory per service, as the validator ships them. */
const GUARD_RULES = join(dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')), 'rules', 'control-tower', 'cfn-guard');

/**
 * Resource-type service → Control Tower Guard rule directory, or null where Control Tower ships no
 * rules for that service. Running only the directories of the services in use is the same check
 * at a fraction of the cost (all 237 rules cost ~0.5 s per template: docs/reference/toolchain.md#control-tower-guard-rules). A service the
 * package starts to use fails the test below until it is added here.
 */
const GUARD_DIRECTORY_OF_SERVICE: Readonly<Record<string, string | null>> = {
  CloudWatch: 'cloudwatch',
  IAM: 'identityandaccessmanagement',
  KMS: 'keymanagementservice',
  SQS: 'sqs',
  Lambda: 'lambda',
  S3: 's3',
  SNS: null,
  Logs: null,
  Config: null,
  Events: null,
  StepFunctions: 'stepfunctions',
  Scheduler: null,
};

const serviceOf = (type: string) => type.split('::')[1];
const resourceTypes = (files: ReadonlyMap<string, string>) => [...files]
  .filter(([path]) => path.endsWith('.json') && !path.startsWith('policies/'))
  .flatMap(([, text]) => Object.values((JSON.parse(text) as { Resources: Record<string, { Type: string }> }).Resources).map((r) => r.Type));

/** cdk-nag (AWS Solutions pack) and Control Tower's Guard rules for the given services, as validation plugins. */
function judges(services: readonly string[]): (app: App) => void {
  const rules = [...new Set(services.map((s) => GUARD_DIRECTORY_OF_SERVICE[s]).filter((d): d is string => typeof d === 'string'))]
    .map((d) => join(GUARD_RULES, d));
  return (app) => Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new CfnGuardValidator({ controlTowerRulesEnabled: false, rules }));
}

/** External judges run over every template the package ships (docs/reference/conventions.md#external-judges). */
describe('external judges over the synthesized package', () => {
  const configs = {
    'the fixture config': fixtureConfig(),
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

  const packages = Object.fromEntries(Object.entries(configs).map(([name, config]) => [name, generatePackage(config)]));
  const services = [...new Set(Object.values(packages).flatMap(resourceTypes).map(serviceOf))].sort();

  test('knows, for every service the package uses, which Control Tower Guard rules apply', () => {
    expect(services.filter((s) => !(s in GUARD_DIRECTORY_OF_SERVICE))).toEqual([]);
    const shipped = readdirSync(GUARD_RULES);
    for (const [service, directory] of Object.entries(GUARD_DIRECTORY_OF_SERVICE)) {
      if (directory) expect(shipped).toContain(directory);
      else expect(shipped.filter((d) => d.includes(service.toLowerCase()))).toEqual([]);
    }
  });

  test.each(Object.entries(configs))('cdk-nag and Control Tower Guard rules find nothing in %s', (_name, config) => {
    expect(() => generatePackage(config, { configureApp: judges(services) })).not.toThrow();
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
    expect(() => synthesizeTemplates([spec], { configureApp: judges(['KMS']) })).toThrow(/AwsSolutions-KMS5[\s\S]*CT\.KMS\.PR\.1/);
  });

  judgeTest(CFN_LINT)('cfn-lint passes every template (CfCT runs validate-template on each)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-lint-'));
    const files = Object.values(packages).flatMap((files) => [...files])
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

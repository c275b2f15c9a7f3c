import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { createPacer } from '../../src/ops/api-pacer';
import { CONTROL_TOWER_AGGREGATOR, readRuleCompliance } from '../../src/ops/config-compliance';
import { resolveNotApplicable } from '../../src/ops/config-not-applicable';
import { serviceError, simulateAws, type SimModel, type Simulation } from '../support/simulated-aws';

let sim: Simulation | undefined;
afterEach(() => sim?.restore());

const model = (compliance: SimModel['compliance']): SimModel => ({
  rootId: 'r-abcd', ous: [], accounts: [], policies: [], stackSets: {}, compliance, aggregatorName: CONTROL_TOWER_AGGREGATOR, region: 'us-east-1', alarms: [], topics: {},
});
const read = (aggregator = CONTROL_TOWER_AGGREGATOR) =>
  readRuleCompliance(new ConfigServiceClient({ region: 'us-east-1' }), aggregator, 'root-guard-root-mfa', 'us-east-1', createPacer());

describe('readRuleCompliance', () => {
  test('reads one rule for every account, every page, filtered to the rule and the home region', async () => {
    sim = simulateAws(model({
      'root-guard-root-mfa': { '222222222222': 'COMPLIANT', '333333333333': 'NON_COMPLIANT', '333333333334': 'NOT_APPLICABLE' },
      'root-guard-root-access-key': { '222222222222': 'NON_COMPLIANT' },
    }), { pageSize: { config: 2 } });
    const result = await read();
    expect(result).toEqual({
      kind: 'found',
      ruleName: 'root-guard-root-mfa',
      // The summary cannot say NOT_APPLICABLE (API_Compliance.html): resolveNotApplicable asks per account.
      byAccount: new Map([['222222222222', 'COMPLIANT'], ['333333333333', 'NON_COMPLIANT'], ['333333333334', 'INSUFFICIENT_DATA']]),
    });
    expect(sim.calls['config:DescribeAggregateComplianceByConfigRules']).toBe(2);
  });

  test('resolveNotApplicable: an account with only NOT_APPLICABLE evaluations (no root credentials) is NOT_APPLICABLE, one call per undecided deployed account', async () => {
    sim = simulateAws(model({
      'root-guard-root-mfa': { '222222222222': 'COMPLIANT', '333333333334': 'NOT_APPLICABLE', '333333333335': 'INSUFFICIENT_DATA' },
    }));
    const pacer = createPacer();
    const summary = await read();
    const deployedAccounts = new Set(['222222222222', '333333333334', '333333333335', '333333333336']);
    const result = await resolveNotApplicable(new ConfigServiceClient({ region: 'us-east-1' }), summary, { aggregatorName: CONTROL_TOWER_AGGREGATOR, region: 'us-east-1', deployedAccounts }, pacer);
    expect(result).toEqual({
      kind: 'found',
      ruleName: 'root-guard-root-mfa',
      byAccount: new Map([['222222222222', 'COMPLIANT'], ['333333333334', 'NOT_APPLICABLE'], ['333333333335', 'INSUFFICIENT_DATA']]),
    });
    // 333333333334, 333333333335 (INSUFFICIENT_DATA) and 333333333336 (no entry); never the decided 222222222222.
    expect(sim.calls['config:GetAggregateComplianceDetailsByConfigRule']).toBe(3);
  });

  test('resolveNotApplicable leaves an account undecided when the details cannot be read', async () => {
    sim = simulateAws(model({ 'root-guard-root-mfa': { '333333333334': 'NOT_APPLICABLE' } }), { failures: { 'config:GetAggregateComplianceDetailsByConfigRule': serviceError('AccessDeniedException', 'denied') } });
    const summary = await read();
    const result = await resolveNotApplicable(new ConfigServiceClient({ region: 'us-east-1' }), summary, { aggregatorName: CONTROL_TOWER_AGGREGATOR, region: 'us-east-1', deployedAccounts: new Set(['333333333334']) }, createPacer());
    expect(result.kind === 'found' && result.byAccount.get('333333333334')).toBe('INSUFFICIENT_DATA');
  });

  test('explains an aggregator that is not in the caller\'s account', async () => {
    sim = simulateAws(model({}));
    const result = await read('not-here');
    expect(result).toEqual({ kind: 'unread', ruleName: 'root-guard-root-mfa', reason: expect.stringContaining('no aggregator named not-here for these credentials') });
  });

  test('reports throttling that outlived the retries as unread', async () => {
    sim = simulateAws(model({}), { failures: { 'config:DescribeAggregateComplianceByConfigRules': serviceError('ThrottlingException', 'Rate exceeded') } });
    expect(await read()).toEqual(expect.objectContaining({ kind: 'unread', reason: expect.stringContaining('still throttled after the SDK\'s retries') }));
  });
});

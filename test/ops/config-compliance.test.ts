import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { createPacer } from '../../src/ops/api-pacer';
import { CONTROL_TOWER_AGGREGATOR, readRuleCompliance } from '../../src/ops/config-compliance';
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
      byAccount: new Map([['222222222222', 'COMPLIANT'], ['333333333333', 'NON_COMPLIANT'], ['333333333334', 'NOT_APPLICABLE']]),
    });
    expect(sim.calls['config:DescribeAggregateComplianceByConfigRules']).toBe(2);
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

import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { createPacer } from '../../../src/ops/aws/api-pacer';
import { readStackSetInstances } from '../../../src/ops/readers/stack-instances';
import { instance, serviceError, simulateAws, type SimModel, type Simulation } from '../../support/simulated-aws';

let sim: Simulation | undefined;
afterEach(() => sim?.restore());

const NAME = 'CustomControlTower-root-guard-root-checks';
const model = (instances: SimModel['stackSets'][string] | undefined): SimModel => ({
  rootId: 'r-abcd', ous: [], accounts: [], policies: [], compliance: {}, aggregatorName: 'a', region: 'us-east-1', alarms: [], topics: {},
  stackSets: instances ? { [NAME]: instances } : {},
});
const read = () => readStackSetInstances(new CloudFormationClient({ region: 'us-east-1' }), NAME, 'us-east-1', createPacer());

describe('readStackSetInstances', () => {
  test('reads every page and keys the instances of the region by account', async () => {
    sim = simulateAws(model([
      instance('222222222222', 'us-east-1'),
      instance('333333333333', 'us-east-1', 'OUTDATED', 'FAILED', 'Stack creation failed'),
      instance('333333333334', 'eu-west-1'),
    ]), { pageSize: { cloudformation: 1 } });
    const result = await read();
    expect(result.kind).toBe('found');
    if (result.kind !== 'found') return;
    expect([...result.instances.keys()]).toEqual(['222222222222', '333333333333']);
    expect(result.instances.get('333333333333')).toEqual({ account: '333333333333', region: 'us-east-1', status: 'OUTDATED', detailedStatus: 'FAILED', reason: 'Stack creation failed' });
    expect(sim.calls['cloudformation:ListStackInstances']).toBe(2);
  });

  test('says the stack set is absent when CloudFormation does not know it', async () => {
    sim = simulateAws(model(undefined));
    expect(await read()).toEqual({ kind: 'absent', stackSetName: NAME });
  });

  test('returns access denied as unread, with the fix', async () => {
    sim = simulateAws(model([]), { failures: { 'cloudformation:ListStackInstances': serviceError('AccessDenied', 'not authorized to perform: cloudformation:ListStackInstances', 403) } });
    expect(await read()).toEqual({ kind: 'unread', stackSetName: NAME, reason: expect.stringMatching(/^access denied \(AccessDenied: grant the caller read access/) });
  });
});

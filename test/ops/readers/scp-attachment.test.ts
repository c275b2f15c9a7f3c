import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { createPacer } from '../../../src/ops/aws/api-pacer';
import { readScpAttachments } from '../../../src/ops/readers/scp-attachment';
import { accessDenied, simulateAws, type SimModel, type Simulation } from '../../support/simulated-aws';

let sim: Simulation | undefined;
afterEach(() => sim?.restore());

const model = (policies: SimModel['policies']): SimModel => ({
  rootId: 'r-abcd', ous: [], accounts: [], policies, stackSets: {}, compliance: {}, aggregatorName: 'a', region: 'us-east-1', alarms: [], topics: {},
});
const read = async () => (await readScpAttachments(new OrganizationsClient({ region: 'us-east-1' }), ['root-guard-root-baseline'], createPacer()))[0];

describe('readScpAttachments', () => {
  test('finds the policy by name across pages and lists every target, every page', async () => {
    sim = simulateAws(model([
      { name: 'FullAWSAccess', id: 'p-FullAWSAccess', targets: ['r-abcd'] },
      { name: 'aws-guardrails-AbCdEf', id: 'p-guardrail1', targets: ['ou-abcd-workload'] },
      { name: 'root-guard-root-baseline', id: 'p-rootguard1', targets: ['ou-abcd-workload', 'ou-abcd-sandbox0', '333333333333'] },
    ]), { pageSize: { organizations: 1 } });
    const result = await read();
    expect(result).toEqual({ kind: 'found', policyName: 'root-guard-root-baseline', policyId: 'p-rootguard1', targetIds: new Set(['ou-abcd-workload', 'ou-abcd-sandbox0', '333333333333']) });
    expect(sim.calls['organizations:ListPolicies']).toBe(3);
    expect(sim.calls['organizations:ListTargetsForPolicy']).toBe(3);
  });

  test('stops listing policies once the name is found', async () => {
    sim = simulateAws(model([
      { name: 'root-guard-root-baseline', id: 'p-rootguard1', targets: [] },
      { name: 'FullAWSAccess', id: 'p-FullAWSAccess', targets: ['r-abcd'] },
    ]), { pageSize: { organizations: 1 } });
    await read();
    expect(sim.calls['organizations:ListPolicies']).toBe(1);
  });

  test('says the policy is absent when no SCP has the name', async () => {
    sim = simulateAws(model([{ name: 'FullAWSAccess', id: 'p-FullAWSAccess', targets: ['r-abcd'] }]));
    expect(await read()).toEqual({ kind: 'absent', policyName: 'root-guard-root-baseline' });
  });

  test('reads several policies with one ListPolicies stream', async () => {
    sim = simulateAws(model([
      { name: 'root-guard-root-baseline', id: 'p-rootguard1', targets: ['ou-abcd-workload'] },
      { name: 'FullAWSAccess', id: 'p-FullAWSAccess', targets: ['r-abcd'] },
      { name: 'root-guard-root-baseline-2', id: 'p-rootguard2', targets: [] },
    ]), { pageSize: { organizations: 1 } });
    const results = await readScpAttachments(new OrganizationsClient({ region: 'us-east-1' }), ['root-guard-root-baseline', 'root-guard-root-baseline-2', 'root-guard-root-baseline-3'], createPacer());
    expect(results.map((r) => r.kind)).toEqual(['found', 'found', 'absent']);
    expect(sim.calls['organizations:ListPolicies']).toBe(3);
  });

  test('names the call that was denied', async () => {
    sim = simulateAws(model([{ name: 'root-guard-root-baseline', id: 'p-rootguard1', targets: [] }]), { failures: { 'organizations:ListTargetsForPolicy': accessDenied() } });
    expect(await read()).toEqual(expect.objectContaining({ kind: 'unread', api: 'organizations:ListTargetsForPolicy', reason: expect.stringMatching(/^access denied/) }));
  });
});

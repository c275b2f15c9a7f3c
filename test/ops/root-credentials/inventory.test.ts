import { createPacer } from '../../../src/ops/api-pacer';
import { readRootCredentials, startReading } from '../../../src/ops/root-credentials/inventory';
import { createRootSessionFactory } from '../../../src/ops/root-credentials/root-session';
import { accessDenied, type RootSimulation, sampleOrganization, simulateRootAccess } from './simulated-root-access';

let sim: RootSimulation;
afterEach(() => sim.restore());

const accounts = ['444444444444', '222222222222', '333333333333'].map((id) => ({ id, name: id, state: 'ACTIVE', path: 'Workloads:Prod' }));

describe('readRootCredentials', () => {
  test('one audit session per account, results sorted by id, progress per account', async () => {
    sim = simulateRootAccess(sampleOrganization(), { latencyMs: () => 2 });
    const progress: number[] = [];
    const out = await readRootCredentials(createRootSessionFactory({ region: 'us-east-1', partition: 'aws' }), accounts, { pacer: createPacer(), concurrency: 2, onProgress: (d) => progress.push(d) });
    expect(out.map((a) => a.accountId)).toEqual(['222222222222', '333333333333', '444444444444']);
    expect(progress).toEqual([1, 2, 3]);
    expect(sim.calls['sts:AssumeRoot']).toBe(3);
  });

  test('a refused session names the SCP exemption; the other accounts are still read', async () => {
    sim = simulateRootAccess(sampleOrganization(), { failures: { 'sts:AssumeRoot:222222222222': accessDenied() } });
    const out = await readRootCredentials(createRootSessionFactory({ region: 'us-east-1', partition: 'aws' }), accounts, { pacer: createPacer() });
    expect(out[0]).toEqual(expect.objectContaining({ loginProfile: null, error: { api: 'sts:AssumeRoot', reason: expect.stringContaining('"Null": {"aws:AssumedRoot": "true"}') } }));
    expect(out[1].loginProfile).toBe(true);
  });
});

describe('startReading', () => {
  test('a timeout stops it: nothing new starts, and finish throws it after the reads in flight', async () => {
    const timeout = Object.assign(new Error('STS AssumeRoot: no answer'), { name: 'TimeoutError' });
    let opened = 0;
    const sessions = { sts: undefined as never, destroy: () => undefined, open: async () => { opened += 1; await new Promise((r) => setTimeout(r, 5)); throw timeout; } };
    const reader = startReading(sessions, { pacer: createPacer(), concurrency: 2 });
    const accounts = ['222222222222', '333333333333', '444444444444', '555555555555'].map((id) => ({ id, name: id, state: 'ACTIVE' }));
    await expect(reader.finish(accounts)).rejects.toBe(timeout);
    expect(opened).toBe(2);
  });
});

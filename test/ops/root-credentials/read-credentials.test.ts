import { createPacer } from '../../../src/ops/aws/api-pacer';
import { readAccessKeys, readLoginProfile, readMfaDevices, readSigningCertificates } from '../../../src/ops/root-credentials/read-credentials';
import { createRootSessionFactory } from '../../../src/ops/root-credentials/root-session';
import { accessDenied, type RootSimulation, sampleOrganization, simulateRootAccess } from './simulated-root-access';

let sim: RootSimulation;
afterEach(() => sim.restore());

async function session(account: string) {
  return createRootSessionFactory({ region: 'us-east-1', partition: 'aws' }).open(account, 'IAMAuditRootUserCredentials', createPacer());
}

describe('reads inside an audit session', () => {
  test('a password is there, or NoSuchEntity means none', async () => {
    sim = simulateRootAccess(sampleOrganization());
    expect(await readLoginProfile((await session('333333333333')).iam, createPacer())).toEqual({ ok: true, value: true });
    expect(await readLoginProfile((await session('444444444444')).iam, createPacer())).toEqual({ ok: true, value: false });
  });

  test('follows every page of keys, MFA devices and certificates', async () => {
    sim = simulateRootAccess(sampleOrganization(), { iamPageSize: 1 });
    const { iam } = await session('333333333333');
    const pacer = createPacer();
    const keys = await readAccessKeys(iam, pacer);
    expect(keys.ok && keys.value.map((k) => k.accessKeyId)).toEqual(['AKIAIOSFODNN7EXAMPLE', 'AKIAI44QH8DHBEXAMPLE']);
    expect(keys.ok && keys.value[1].lastUsed).toBeUndefined(); // never used: IAM says N/A
    expect(await readMfaDevices(iam, pacer)).toEqual({ ok: true, value: [{ serialNumber: 'arn:aws:iam::333333333333:mfa/root-account-mfa-device', enabled: '2019-05-01T10:05:00.000Z' }] });
    expect((await readSigningCertificates(iam, pacer)).ok).toBe(true);
    expect(pacer.counts()).toEqual(expect.objectContaining({ 'iam:ListAccessKeys': 2, 'iam:GetAccessKeyLastUsed': 2, 'iam:ListMFADevices': 1 }));
  });

  test('an empty account reads as empty lists', async () => {
    sim = simulateRootAccess(sampleOrganization());
    const { iam } = await session('222222222222');
    expect(await readAccessKeys(iam, createPacer())).toEqual({ ok: true, value: [] });
    expect(await readSigningCertificates(iam, createPacer())).toEqual({ ok: true, value: [] });
  });

  test('access denied on one kind is reported with the API, not thrown', async () => {
    sim = simulateRootAccess(sampleOrganization(), { failures: { 'iam:ListMFADevices': accessDenied() } });
    const r = await readMfaDevices((await session('333333333333')).iam, createPacer());
    expect(r).toEqual({ ok: false, api: 'iam:ListMFADevices', reason: expect.stringContaining('access denied') });
  });
});

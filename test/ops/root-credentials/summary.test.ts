import { summarizeRootCredentials } from '../../../src/ops/root-credentials/summary';
import type { AccountRootCredentials } from '../../../src/ops/root-credentials/types';

const clean = (id: string): AccountRootCredentials => ({ accountId: id, accountName: id, loginProfile: false, accessKeys: [], mfaDevices: [], signingCertificates: [] });

describe('summarizeRootCredentials', () => {
  test('exit 0 when nothing is held and all was read; MFA alone is not a long-term credential', () => {
    const s = summarizeRootCredentials([clean('222222222222'), { ...clean('333333333333'), mfaDevices: [{ serialNumber: 'x' }] }], 0);
    expect(s).toEqual(expect.objectContaining({ accounts: 2, read: 2, withMfa: 1, withLongTermCredentials: 0, exitCode: 0 }));
  });
  test('exit 1 names the holders; a certificate counts', () => {
    const s = summarizeRootCredentials([clean('222222222222'), { ...clean('333333333333'), signingCertificates: [{ certificateId: 'c', status: 'Active' }] }, { ...clean('444444444444'), loginProfile: true }], 0);
    expect(s.longTermCredentialAccounts).toEqual(['333333333333', '444444444444']);
    expect(s.exitCode).toBe(1);
  });
  test('exit 3 when nothing is found but an account or the account list was not read', () => {
    expect(summarizeRootCredentials([{ ...clean('222222222222'), loginProfile: null, error: { api: 'sts:AssumeRoot', reason: 'denied' } }], 0)).toEqual(expect.objectContaining({ failed: 1, read: 0, exitCode: 3 }));
    expect(summarizeRootCredentials([clean('222222222222')], 1).exitCode).toBe(3);
  });
});

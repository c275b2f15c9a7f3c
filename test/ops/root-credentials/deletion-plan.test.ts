import { parseDeleteKinds, planDeletions, stepKey } from '../../../src/ops/root-credentials/deletion-plan';
import type { AccountRootCredentials } from '../../../src/ops/root-credentials/types';

const payments: AccountRootCredentials = {
  accountId: '333333333333', accountName: 'Payments', loginProfile: true,
  accessKeys: [{ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', status: 'Active' }],
  mfaDevices: [{ serialNumber: 'arn:aws:iam::333333333333:mfa/root-account-mfa-device' }],
  signingCertificates: [{ certificateId: 'EXAMPLECERTID1234567890ABCDEFGHI', status: 'Active' }],
};

describe('parseDeleteKinds', () => {
  test('accepts any order and case, returns the canonical order', () => {
    expect(parseDeleteKinds('mfa, password')).toEqual(['PASSWORD', 'MFA']);
  });
  test('rejects an unknown kind naming the allowed ones', () => {
    expect(() => parseDeleteKinds('PASSWORD,ROOT')).toThrow('"ROOT" is not a kind (use a comma-separated list of PASSWORD, KEYS, CERTS, MFA)');
    expect(() => parseDeleteKinds(',')).toThrow('names no kind');
  });
});

describe('planDeletions', () => {
  test('plans one step per listed identifier, password first, MFA only when named and last', () => {
    const plan = planDeletions([payments], ['PASSWORD', 'KEYS', 'CERTS']);
    expect(plan.steps.map(stepKey)).toEqual([
      '333333333333/password/LoginProfile',
      '333333333333/access-key/AKIAIOSFODNN7EXAMPLE',
      '333333333333/signing-certificate/EXAMPLECERTID1234567890ABCDEFGHI',
    ]);
    expect(planDeletions([payments], ['MFA', 'PASSWORD']).steps.map((s) => s.what)).toEqual(['password', 'mfa-device']);
    expect(planDeletions([{ ...payments, loginProfile: false }], ['MFA']).steps.map((s) => s.what)).toEqual(['mfa-device']);
  });

  test('marks unsafe, and plans no MFA step for, an account whose password would stay or is unknown', () => {
    const kept = planDeletions([payments], ['MFA']);
    expect(kept.steps).toEqual([]);
    expect(kept.unsafe).toEqual([{ accountId: '333333333333', accountName: 'Payments', reason: expect.stringContaining('has a password that this plan keeps') }]);
    const unknown = planDeletions([{ ...payments, loginProfile: null }], ['PASSWORD', 'MFA']);
    expect(unknown.unsafe?.[0].reason).toContain('its password could not be read');
  });

  test('skips a kind that could not be read, and a whole account without a session', () => {
    const partial = { ...payments, unreadParts: [{ api: 'iam:ListAccessKeys', reason: 'access denied' }], error: { api: 'iam:ListAccessKeys', reason: 'access denied' } };
    const plan = planDeletions([partial], ['KEYS', 'PASSWORD']);
    expect(plan.steps.map((s) => s.what)).toEqual(['password']);
    expect(plan.skipped).toEqual([{ accountId: '333333333333', reason: 'KEYS: not read (iam:ListAccessKeys: access denied)' }]);
    const noSession = { ...payments, loginProfile: null, accessKeys: null, mfaDevices: null, signingCertificates: null, error: { api: 'sts:AssumeRoot', reason: 'denied' } };
    expect(planDeletions([noSession], ['PASSWORD']).skipped).toHaveLength(1);
  });

  test('plans nothing for an account that holds nothing', () => {
    const empty = { ...payments, loginProfile: false, accessKeys: [], mfaDevices: [], signingCertificates: [] };
    expect(planDeletions([empty], ['PASSWORD', 'KEYS', 'CERTS', 'MFA']).steps).toEqual([]);
  });
});

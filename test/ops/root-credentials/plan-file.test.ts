import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planDeletions } from '../../../src/ops/root-credentials/deletion-plan';
import { createPlanFile, credentialChanges, planDigest, readPlanFile, writePlanFile } from '../../../src/ops/root-credentials/plan-file';
import type { AccountRootCredentials } from '../../../src/ops/root-credentials/types';

const payments: AccountRootCredentials = {
  accountId: '333333333333', accountName: 'Payments', loginProfile: true,
  accessKeys: [{ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', status: 'Active' }],
  mfaDevices: [{ serialNumber: 'arn:aws:iam::333333333333:mfa/root-account-mfa-device' }],
  signingCertificates: [],
};
const audit: AccountRootCredentials = { accountId: '222222222222', accountName: 'Audit', loginProfile: false, accessKeys: [], mfaDevices: [], signingCertificates: [] };
const dir = () => mkdtempSync(join(tmpdir(), 'plan-file-'));
const at = new Date('2026-12-05T09:00:00Z');

function planOf(accounts = [payments, audit]) {
  return createPlanFile(planDeletions(accounts, ['PASSWORD', 'KEYS', 'MFA']), accounts, { ous: ['Workloads'] }, at, 'arn:aws:sts::111111111111:assumed-role/Admin/alice');
}

describe('the plan file', () => {
  test('snapshots only the planned accounts, and its digest covers what is removed, not when or by whom', () => {
    const plan = planOf();
    expect(plan.accounts.map((a) => a.accountId)).toEqual(['333333333333']);
    expect(plan.digest).toBe(planDigest(plan));
    const later = createPlanFile(planDeletions([payments, audit], ['PASSWORD', 'KEYS', 'MFA']), [payments, audit], { ous: ['Workloads'] }, new Date('2027-01-01T00:00:00Z'));
    expect(later.digest).toBe(plan.digest);
    expect(planOf([{ ...payments, accessKeys: [] }, audit]).digest).not.toBe(plan.digest);
  });

  test('round-trips, never overwrites, and refuses any edit', () => {
    const path = join(dir(), 'plan.json');
    const plan = planOf();
    writePlanFile(path, plan);
    expect(readPlanFile(path)).toEqual(plan);
    expect(() => writePlanFile(path, plan)).toThrow('a plan file is never overwritten');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('"access-key"', '"password"'));
    expect(() => readPlanFile(path)).toThrow(`${path}: the plan was changed after it was written (it records digest ${plan.digest}, its content hashes to sha256:`);
    writeFileSync(path, text.replace('"what": "access-key"', '"what": "root-user"'));
    expect(() => readPlanFile(path)).toThrow(`${path}: not a root-credentials plan (steps.1.what:`);
    writeFileSync(path, '{');
    expect(() => readPlanFile(path)).toThrow(`${path}: not JSON`);
  });

  test('names every change between the plan and a fresh read', () => {
    const plan = planOf();
    expect(credentialChanges(plan, [payments])).toEqual([]);
    expect(credentialChanges(plan, [{ ...payments, accessKeys: [...(payments.accessKeys ?? []), { accessKeyId: 'AKIAJEXAMPLENEWKEY00', status: 'Active' }], loginProfile: false }]))
      .toEqual(['333333333333 (Payments): the password was removed, access key AKIAJEXAMPLENEWKEY00 added since the plan']);
    expect(credentialChanges(plan, [{ ...payments, mfaDevices: null }])).toEqual(['333333333333 (Payments): MFA devices can no longer be read since the plan']);
    expect(credentialChanges(plan, [])).toEqual(['333333333333 (Payments): not read again']);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkJournal, createJournal, readJournal, reopenJournal } from '../../../src/ops/root-credentials/journal';

const dir = () => mkdtempSync(join(tmpdir(), 'journal-'));
const plan = { kinds: ['PASSWORD' as const], steps: [{ accountId: '333333333333', accountName: 'Payments', what: 'password' as const, identifiers: ['LoginProfile'] }], skipped: [] };
const now = () => new Date('2026-12-05T09:00:00Z');

describe('journal', () => {
  test('writes the plan, then step lines, and reads back the last result of each step', () => {
    const path = join(dir(), 'j.jsonl');
    const j = createJournal(path, plan, now);
    j.append({ account: '333333333333', what: 'password', identifiers: ['LoginProfile'], result: 'started', api: 'iam:DeleteLoginProfile' });
    j.append({ account: '333333333333', what: 'password', identifiers: ['LoginProfile'], result: 'done', api: 'iam:DeleteLoginProfile' });
    j.close();
    const state = readJournal(path);
    expect(state.plan.steps).toEqual(plan.steps);
    expect(state.results.get('333333333333/password/LoginProfile')).toBe('done');
    expect(readFileSync(path, 'utf8').split('\n')[1]).toBe('{"type":"step","account":"333333333333","what":"password","identifiers":["LoginProfile"],"result":"started","api":"iam:DeleteLoginProfile","time":"2026-12-05T09:00:00.000Z"}');
  });

  test('never overwrites a file', () => {
    const path = join(dir(), 'j.jsonl');
    writeFileSync(path, 'keep');
    expect(() => createJournal(path, plan, now)).toThrow(`${path}: the journal already exists (to continue that run use --resume ${path}`);
    expect(readFileSync(path, 'utf8')).toBe('keep');
  });

  test('names the file and line of a broken journal', () => {
    const path = join(dir(), 'j.jsonl');
    writeFileSync(path, `${JSON.stringify({ type: 'plan', kinds: [], steps: [] })}\nnot json\n{"type":"step"}\n`);
    expect(() => readJournal(path)).toThrow(`${path}:2:1: not a JSON line`);
    writeFileSync(path, '{"hello":1}\n');
    expect(() => readJournal(path)).toThrow(`${path}:1:1: the first line is not a removal plan`);
    expect(() => readJournal(join(dir(), 'missing.jsonl'))).toThrow('no such journal');
  });

  test('tolerates a torn last line, and keeps tolerating it after a resume appended below it', () => {
    const path = join(dir(), 'j.jsonl');
    writeFileSync(path, `${JSON.stringify({ type: 'plan', kinds: ['PASSWORD'], steps: plan.steps })}\n{"type":"st`);
    expect(readJournal(path).tornLastLine).toContain(':2: the last line is incomplete');
    const j = reopenJournal(path, now);
    j.append({ account: '333333333333', what: 'password', identifiers: ['LoginProfile'], result: 'done', api: 'iam:DeleteLoginProfile' });
    j.close();
    const state = readJournal(path);
    expect(state.tornLastLine).toBeUndefined();
    expect(state.results.get('333333333333/password/LoginProfile')).toBe('done');
  });
});

describe('checkJournal', () => {
  const apis = { password: 'iam:DeleteLoginProfile', 'access-key': 'iam:DeleteAccessKey', 'signing-certificate': 'iam:DeleteSigningCertificate', 'mfa-device': 'iam:DeactivateMFADevice' } as const;
  const reviewed = { digest: 'sha256:aaaa', steps: plan.steps };

  test('trusts a journal this tool wrote for the plan, and refuses one of another plan', () => {
    const path = join(dir(), 'j.jsonl');
    const j = createJournal(path, plan, now, { digest: 'sha256:aaaa', planFile: 'plan.json' });
    j.append({ account: '333333333333', what: 'password', identifiers: ['LoginProfile'], result: 'done', api: 'iam:DeleteLoginProfile' });
    j.close();
    expect(checkJournal(path, readJournal(path), reviewed, apis)).toEqual([]);
    expect(checkJournal(path, readJournal(path), { ...reviewed, digest: 'sha256:bbbb' }, apis)).toEqual([`${path}:1: the journal belongs to plan sha256:aaaa, not to this plan (sha256:bbbb): give the plan file the journal was started with`]);
  });

  test('refuses an edited plan line, and a closed journal writes nothing', () => {
    const path = join(dir(), 'j.jsonl');
    const j = createJournal(path, { ...plan, steps: [...plan.steps, { accountId: '444444444444', accountName: 'Web', what: 'password', identifiers: ['LoginProfile'] }] }, now, { digest: 'sha256:aaaa', planFile: 'plan.json' });
    j.close();
    expect(() => j.append({ account: '333333333333', what: 'password', identifiers: ['LoginProfile'], result: 'done', api: 'iam:DeleteLoginProfile' })).toThrow('the journal is closed');
    expect(checkJournal(path, readJournal(path), reviewed, apis)).toEqual([`${path}:1: the journal's plan line lists other steps than the plan file (the journal was edited): restore it from a copy`]);
  });
});

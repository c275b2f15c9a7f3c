import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPacer } from '../../../src/ops/api-pacer';
import { applyDeletions } from '../../../src/ops/root-credentials/apply-deletions';
import type { DeletionStep } from '../../../src/ops/root-credentials/deletion-plan';
import { createJournal } from '../../../src/ops/root-credentials/journal';
import { createRootSessionFactory } from '../../../src/ops/root-credentials/root-session';
import { accessDenied, type RootSimulation, sampleOrganization, simulateRootAccess } from './simulated-root-access';

let sim: RootSimulation;
afterEach(() => sim.restore());

const key = (accountId: string, id: string): DeletionStep => ({ accountId, accountName: accountId, what: 'access-key', identifiers: [id] });
function journalFor(steps: DeletionStep[]) {
  const path = join(mkdtempSync(join(tmpdir(), 'apply-')), 'j.jsonl');
  return { path, journal: createJournal(path, { kinds: ['KEYS'], steps }) };
}

describe('applyDeletions', () => {
  test('removes only the listed identifier, leaving the account\'s other key', async () => {
    sim = simulateRootAccess(sampleOrganization());
    const steps = [key('333333333333', 'AKIAIOSFODNN7EXAMPLE')];
    const { journal } = journalFor(steps);
    const out = await applyDeletions(createRootSessionFactory({ region: 'us-east-1', partition: 'aws' }), steps, journal, { pacer: createPacer() });
    journal.close();
    expect(out.map((o) => o.result)).toEqual(['done']);
    expect(sim.removals).toEqual([{ account: '333333333333', api: 'iam:DeleteAccessKey', id: 'AKIAIOSFODNN7EXAMPLE' }]);
  });

  test('skips settled steps without opening a session, and journals a refused session as failed', async () => {
    sim = simulateRootAccess(sampleOrganization(), { failures: { 'sts:AssumeRoot:444444444444': accessDenied('denied by SCP') } });
    const steps = [key('333333333333', 'AKIAIOSFODNN7EXAMPLE'), key('444444444444', 'AKIAEXAMPLEOTHER0001')];
    const { path, journal } = journalFor(steps);
    const out = await applyDeletions(createRootSessionFactory({ region: 'us-east-1', partition: 'aws' }), steps, journal, {
      pacer: createPacer(), previous: new Map([['333333333333/access-key/AKIAIOSFODNN7EXAMPLE', 'done']]),
    });
    journal.close();
    expect(out.map((o) => `${o.step.accountId} ${o.result}`)).toEqual(['333333333333 skipped', '444444444444 failed']);
    expect(sim.sessions.map((s) => s.account)).toEqual([]);
    expect(sim.removals).toEqual([]);
    const last = JSON.parse(readFileSync(path, 'utf8').trim().split('\n').pop()!);
    expect(last).toEqual(expect.objectContaining({ account: '444444444444', result: 'failed', api: 'sts:AssumeRoot' }));
  });
});

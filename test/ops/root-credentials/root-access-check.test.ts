import { IAMClient } from '@aws-sdk/client-iam';
import { createPacer } from '../../../src/ops/api-pacer';
import { baselineExemptsAssumeRoot, checkRootAccess, type RootAccessFacts, readRootAccessFacts } from '../../../src/ops/root-credentials/root-access-check';
import { sampleOrganization, simulateRootAccess } from './simulated-root-access';

const on: RootAccessFacts['features'] = { kind: 'read', organizationId: 'o-exampleorgid', enabled: ['RootCredentialsManagement', 'RootSessions'] };
const off: RootAccessFacts['features'] = { kind: 'read', organizationId: 'o-exampleorgid', enabled: [] };

describe('checkRootAccess', () => {
  test('passes: features on, root deny with the AssumeRoot exemption', () => {
    const f = checkRootAccess({ features: on, scpDeniesRoot: true, scpExemptsAssumeRoot: true });
    expect(f.map((x) => x.status)).toEqual(['pass', 'pass']);
    expect(f[1].message).toContain('except in AssumeRoot sessions');
  });

  test('fails: features on, root deny without the exemption (every root session call would be denied)', () => {
    const f = checkRootAccess({ features: on, scpDeniesRoot: true, scpExemptsAssumeRoot: false });
    expect(f[1]).toEqual(expect.objectContaining({ check: 'centralized-root-access', status: 'fail', target: 'baseline SCP' }));
    expect(f[1].message).toContain('"Null": {"aws:AssumedRoot": "true"}');
  });

  test('warns with the commands to run when the features are off', () => {
    const f = checkRootAccess({ features: off, scpDeniesRoot: true, scpExemptsAssumeRoot: false });
    expect(f[0].status).toBe('warn');
    expect(f[0].message).toContain('aws iam enable-organizations-root-credentials-management');
    expect(f[1].status).toBe('warn'); // not yet harmful, but will be once enabled
  });

  test('warns when the features cannot be read, and passes the SCP when it denies nothing', () => {
    const f = checkRootAccess({ features: { kind: 'unread', code: 'AccessDenied', reason: 'access denied' }, scpDeniesRoot: false, scpExemptsAssumeRoot: false });
    expect(f.map((x) => x.status)).toEqual(['warn', 'pass']);
  });
});

describe('baselineExemptsAssumeRoot', () => {
  test('reads the exemption from the statement the package renders', () => {
    expect(baselineExemptsAssumeRoot('aws')).toBe(true);
  });
});

describe('readRootAccessFacts', () => {
  test('reads the live features and the configured root deny, and the rule passes them', async () => {
    const sim = simulateRootAccess(sampleOrganization());
    try {
      const facts = await readRootAccessFacts(new IAMClient({}), { homeRegion: 'eu-west-1', scp: { organizationalUnits: ['Workloads'], denyRootActions: true, denyRootAccessKeys: true, protectBaseline: true } }, createPacer());
      expect(facts).toEqual({ features: { kind: 'read', organizationId: 'o-exampleorgid', enabled: ['RootCredentialsManagement', 'RootSessions'] }, scpDeniesRoot: true, scpExemptsAssumeRoot: true });
      expect(checkRootAccess(facts).every((f) => f.status === 'pass')).toBe(true);
    } finally {
      sim.restore();
    }
  });
});

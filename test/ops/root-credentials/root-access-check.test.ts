import { IAMClient } from '@aws-sdk/client-iam';
import { createPacer } from '../../../src/ops/aws/api-pacer';
import { checkCentralizedRootAccess } from '../../../src/ops/preflight/rules/centralized-root-access';
import { baselineExemptsAssumeRoot, readRootAccessFacts } from '../../../src/ops/root-credentials/root-access-check';
import { sampleOrganization, simulateRootAccess } from './simulated-root-access';

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
      expect(checkCentralizedRootAccess(facts).every((f) => f.status === 'pass')).toBe(true);
    } finally {
      sim.restore();
    }
  });
});

import { IAMClient } from '@aws-sdk/client-iam';
import { createPacer } from '../../../src/ops/aws/api-pacer';
import { featureProblems, readRootAccessFeatures } from '../../../src/ops/root-credentials/feature-check';
import { type RootSimulation, sampleOrganization, serviceError, simulateRootAccess } from './simulated-root-access';

describe('featureProblems', () => {
  test('nothing to fix when both features are on', () => {
    expect(featureProblems({ kind: 'read', enabled: ['RootCredentialsManagement', 'RootSessions'] })).toEqual([]);
  });
  test('names each missing feature and the command that enables it', () => {
    const [line] = featureProblems({ kind: 'read', organizationId: 'o-exampleorgid', enabled: [] });
    expect(line).toContain('not enabled for o-exampleorgid: RootCredentialsManagement and RootSessions off');
    expect(line).toContain('aws iam enable-organizations-root-credentials-management && aws iam enable-organizations-root-sessions');
  });
  test('turns each documented error into its fix', () => {
    expect(featureProblems({ kind: 'unread', code: 'ServiceAccessNotEnabledException', reason: '' })[0]).toContain('aws organizations enable-aws-service-access --service-principal iam.amazonaws.com');
    expect(featureProblems({ kind: 'unread', code: 'OrganizationNotInAllFeaturesModeException', reason: '' })[0]).toContain('all features');
    expect(featureProblems({ kind: 'unread', code: 'AccountNotManagementOrDelegatedAdministratorException', reason: '' })[0]).toContain('register-delegated-administrator');
  });
});

describe('readRootAccessFeatures', () => {
  let sim: RootSimulation;
  afterEach(() => sim.restore());
  test('reads the enabled features', async () => {
    sim = simulateRootAccess(sampleOrganization({ features: ['RootSessions'] }));
    expect(await readRootAccessFeatures(new IAMClient({}), createPacer())).toEqual({ kind: 'read', organizationId: 'o-exampleorgid', enabled: ['RootSessions'] });
  });
  test('keeps the error code when the call fails', async () => {
    sim = simulateRootAccess(sampleOrganization({ features: serviceError('ServiceAccessNotEnabledException', 'trusted access off') }));
    expect(await readRootAccessFeatures(new IAMClient({}), createPacer())).toEqual(expect.objectContaining({ kind: 'unread', code: 'ServiceAccessNotEnabledException' }));
  });
});

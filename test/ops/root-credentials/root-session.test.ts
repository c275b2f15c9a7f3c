import { AssumeRootCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createPacer } from '../../../src/ops/api-pacer';
import { createRootSessionFactory } from '../../../src/ops/root-credentials/root-session';
import { type RootSimulation, sampleOrganization, simulateRootAccess } from './simulated-root-access';

/** Captures the host a real (unmocked) STS client would send to, without sending. */
async function hostOf(region: string): Promise<string> {
  const sessions = createRootSessionFactory({ region, partition: region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws' });
  sessions.sts.middlewareStack.add(() => async (args) => {
    const request = args.request as { hostname: string };
    throw Object.assign(new Error(request.hostname), { name: 'Captured' });
  }, { step: 'finalizeRequest', name: 'captureHost' });
  try {
    await sessions.sts.send(new GetCallerIdentityCommand({}));
    return 'sent';
  } catch (err) {
    return (err as Error).message;
  } finally {
    sessions.destroy();
  }
}

describe('createRootSessionFactory', () => {
  test('sends to the Regional STS endpoint, in us-east-1 too (AssumeRoot is not on the global one)', async () => {
    expect(await hostOf('us-east-1')).toBe('sts.us-east-1.amazonaws.com');
    expect(await hostOf('eu-west-1')).toBe('sts.eu-west-1.amazonaws.com');
  });

  describe('open', () => {
    let sim: RootSimulation;
    afterEach(() => sim.restore());

    test('asks for the account, the task policy in the partition and 900 s, and returns an IAM client with the session', async () => {
      sim = simulateRootAccess(sampleOrganization());
      const sessions = createRootSessionFactory({ region: 'us-east-1', partition: 'aws' });
      const session = await sessions.open('333333333333', 'IAMAuditRootUserCredentials', createPacer());
      expect(sim.sessions).toEqual([{ account: '333333333333', taskPolicyArn: 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials', durationSeconds: 900, accessKeyId: session.accessKeyId }]);
      const creds = await session.iam.config.credentials();
      expect(creds.accessKeyId).toBe(session.accessKeyId);
      // Each session's IAM client signs with its own credentials.
      const other = await sessions.open('444444444444', 'IAMAuditRootUserCredentials', createPacer());
      expect((await other.iam.config.credentials()).accessKeyId).not.toBe(creds.accessKeyId);
      sessions.destroy();
    });

    test('fails with the service error when the session is refused', async () => {
      sim = simulateRootAccess(sampleOrganization());
      const sessions = createRootSessionFactory({ region: 'us-east-1', partition: 'aws' });
      await expect(sessions.open('111111111111', 'IAMAuditRootUserCredentials', createPacer())).rejects.toThrow('not a member account');
      sessions.destroy();
    });
  });
});

// Keep the import used: the SDK type exists in the installed version.
void AssumeRootCommand;

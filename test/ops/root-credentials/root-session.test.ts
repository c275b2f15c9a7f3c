import { createServer, type Server, type Socket } from 'node:net';
import { GetLoginProfileCommand } from '@aws-sdk/client-iam';
import { AssumeRootCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { UserError } from '../../../src/errors';
import { createPacer } from '../../../src/ops/aws/api-pacer';
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

/** A TCP server on 127.0.0.1 that accepts every connection and never writes a byte. */
async function silentServer(): Promise<{ server: Server; endpoint: string; sockets: Socket[]; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    server, endpoint: `http://127.0.0.1:${address.port}`, sockets,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('every client of a root session has a bounded time (issue 25 §1)', () => {
  let silent: Awaited<ReturnType<typeof silentServer>>;
  const previous = process.env.AWS_ENDPOINT_URL;
  beforeEach(async () => {
    silent = await silentServer();
    process.env.AWS_ENDPOINT_URL = silent.endpoint;
  });
  afterEach(async () => {
    if (previous === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = previous;
    await silent.close();
  });

  const oneLine = (service: string, endpoint: string) => new RegExp(`^${service}: no answer from ${endpoint.replace(/\./g, '\\.')}/: 2 attempts of 0\\.3 s each \\(the limit is per call, not for the whole command; connection timeout 0\\.3 s\\)`);

  test('the Regional STS endpoint: AssumeRoot on a silent endpoint fails within the bound, with the one line naming it', async () => {
    const sessions = createRootSessionFactory({ region: 'us-east-1', partition: 'aws', requestTimeoutMs: 300 });
    const started = Date.now();
    const err = await sessions.open('333333333333', 'IAMAuditRootUserCredentials', createPacer()).catch((e: unknown) => e);
    sessions.destroy();
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(oneLine('STS AssumeRoot', silent.endpoint));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(silent.sockets.length).toBe(2);
  });

  test('the per-session IAM client: a call on a silent endpoint fails within the bound, with the one line naming it', async () => {
    const sts = mockClient(STSClient);
    sts.on(AssumeRootCommand).resolves({ Credentials: { AccessKeyId: 'ASIAEXAMPLESESSION01', SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', SessionToken: 'FwoGZXIvYXdzEXAMPLE', Expiration: new Date('2026-12-05T09:15:00Z') } });
    try {
      const sessions = createRootSessionFactory({ region: 'us-east-1', partition: 'aws', requestTimeoutMs: 300 });
      const session = await sessions.open('333333333333', 'IAMAuditRootUserCredentials', createPacer());
      const started = Date.now();
      const err = await session.iam.send(new GetLoginProfileCommand({})).catch((e: unknown) => e);
      sessions.destroy();
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(oneLine('IAM GetLoginProfile', silent.endpoint));
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      sts.restore();
    }
  });
});

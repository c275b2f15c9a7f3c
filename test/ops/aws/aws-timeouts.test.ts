import { createServer, type Server, type Socket } from 'node:net';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientSettings, DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, TIMEOUT_ATTEMPTS, timeoutsOf } from '../../../src/ops/aws/aws-clients';
import { describeTimeout, explainTimeouts, isTimeoutError } from '../../../src/ops/aws/aws-timeouts';
import { UserError } from '../../../src/errors';
import { describeAwsError, unreadReason } from '../../../src/ops/aws/describe-aws-error';

/** A TCP server on 127.0.0.1 that accepts every connection and never writes a byte. */
async function silentServer(): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port, sockets };
}

describe('AWS client timeouts', () => {
  test('the defaults bound every call: 5 s to connect, 20 s per attempt, 2 attempts on a timeout', () => {
    const settings = clientSettings('us-east-1');
    expect(settings.requestHandler).toEqual({ connectionTimeout: DEFAULT_CONNECTION_TIMEOUT_MS, requestTimeout: DEFAULT_REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true });
    expect([DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, TIMEOUT_ATTEMPTS]).toEqual([5000, 20000, 2]);
    expect(timeoutsOf(clientSettings('us-east-1', { requestTimeoutMs: 120_000 }))).toEqual({ connectionTimeoutMs: 5000, requestTimeoutMs: 120000, attempts: 2 });
  });

  test('an endpoint that accepts the connection and never answers fails within the bound, naming service, endpoint and timeout', async () => {
    const { server, port, sockets } = await silentServer();
    const endpoint = `http://127.0.0.1:${port}`;
    const previous = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = endpoint;
    try {
      const settings = clientSettings('us-east-1', { requestTimeoutMs: 500 });
      const sts = explainTimeouts(new STSClient({ ...settings, endpoint }), timeoutsOf(settings));
      const started = Date.now();
      let caught: unknown;
      try {
        await sts.send(new GetCallerIdentityCommand({}));
      } catch (err) {
        caught = err;
      }
      const elapsed = Date.now() - started;
      expect(caught).toBeInstanceOf(UserError);
      expect((caught as UserError).problems).toEqual([
        `STS GetCallerIdentity: no answer from ${endpoint}/: 2 attempts of 0.5 s each (the limit is per call, not for the whole command; connection timeout 0.5 s) `
        + `(AWS_ENDPOINT_URL is set to ${endpoint}: check it, your network, proxy (HTTPS_PROXY) or firewall, or allow each call more time with --request-timeout)`,
      ]);
      // Two attempts of 0.5 s and one short backoff; far below the SDK's default of waiting forever.
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(5000);
      expect(sockets.length).toBe(TIMEOUT_ATTEMPTS);
      sts.destroy();
    } finally {
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = previous;
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('recognises the handler timeout errors and nothing else', () => {
    expect(isTimeoutError(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toBe(true);
    expect(isTimeoutError(Object.assign(new Error('x'), { code: 'ETIMEDOUT' }))).toBe(true);
    expect(isTimeoutError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isTimeoutError('TimeoutError')).toBe(false);
  });

  test('without a custom endpoint the message points at the network, not at AWS_ENDPOINT_URL', () => {
    const previous = process.env.AWS_ENDPOINT_URL;
    delete process.env.AWS_ENDPOINT_URL;
    try {
      expect(describeTimeout({ service: 'Organizations', operation: 'ListRoots', endpoint: 'https://organizations.us-east-1.amazonaws.com/' }, { connectionTimeoutMs: 5000, requestTimeoutMs: 20000, attempts: 2 }))
        .toBe('Organizations ListRoots: no answer from https://organizations.us-east-1.amazonaws.com/: 2 attempts of 20 s each (the limit is per call, not for the whole command; connection timeout 5 s) (check your network, proxy (HTTPS_PROXY) or firewall, or allow each call more time with --request-timeout)');
    } finally {
      if (previous !== undefined) process.env.AWS_ENDPOINT_URL = previous;
    }
  });

  test('names the service\'s own AWS_ENDPOINT_URL_<SERVICE> when that set the endpoint, not AWS_ENDPOINT_URL (issue 28 §8)', () => {
    const figures = { connectionTimeoutMs: 5000, requestTimeoutMs: 20000, attempts: 2 };
    const env = { AWS_ENDPOINT_URL: 'http://global.example.com', AWS_ENDPOINT_URL_CONTROLTOWER: 'http://ct.example.com' };
    expect(describeTimeout({ service: 'ControlTower', operation: 'ListLandingZones', endpoint: 'http://ct.example.com/' }, figures, env))
      .toContain('(AWS_ENDPOINT_URL_CONTROLTOWER is set to http://ct.example.com: check it,');
    expect(describeTimeout({ service: 'CloudWatchLogs', operation: 'StartQuery', endpoint: 'http://logs.example.com/' }, figures, { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://logs.example.com' }))
      .toContain('(AWS_ENDPOINT_URL_CLOUDWATCH_LOGS is set to');
    expect(describeTimeout({ service: 'STS', operation: 'GetCallerIdentity', endpoint: 'http://global.example.com/' }, figures, env))
      .toContain('(AWS_ENDPOINT_URL is set to http://global.example.com: check it,');
  });

  test('names the call once when listed under its API name', () => {
    const info = describeAwsError(Object.assign(new UserError(describeTimeout({ service: 'STS', operation: 'GetCallerIdentity', endpoint: undefined }, { connectionTimeoutMs: 5000, requestTimeoutMs: 20000, attempts: 2 }, {})), { name: 'TimeoutError' }));
    const line = `sts:GetCallerIdentity: ${unreadReason(info)}`;
    expect(line).toBe('sts:GetCallerIdentity: no answer: 2 attempts of 20 s each (the limit is per call, not for the whole command; connection timeout 5 s) (check your network, proxy (HTTPS_PROXY) or firewall, or allow each call more time with --request-timeout)');
  });
});

import { Readable } from 'node:stream';
import type { HttpRequest } from '@smithy/core/protocols';
import { clientSettings } from '../../../src/ops/aws/aws-clients';
import { createPacer } from '../../../src/ops/aws/api-pacer';
import { controlTowerEndpoint, createControlTowerApi, type RequestHandler } from '../../../src/ops/control-tower/control-tower-api';
import { describeAwsError } from '../../../src/ops/aws/describe-aws-error';

const credentials = async () => ({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
const env = {}; // no AWS_ENDPOINT_URL*: the Region's public endpoint

/** A handler that answers from `answer` and keeps every request it was given (no network). */
function fakeHandler(answer: (request: HttpRequest, attempt: number) => { status: number; body: object; headers?: Record<string, string> } | Error) {
  const requests: HttpRequest[] = [];
  const handler: RequestHandler = {
    async handle(request) {
      requests.push(request);
      const a = answer(request, requests.length);
      if (a instanceof Error) throw a;
      return { response: { statusCode: a.status, headers: { 'content-type': 'application/json', ...a.headers }, body: Readable.from([Buffer.from(JSON.stringify(a.body))]) } };
    },
  };
  return { handler, requests };
}

describe('createControlTowerApi', () => {
  test('signs a JSON POST to the documented path on controltower.<region>.amazonaws.com with SigV4 for service controltower', async () => {
    const { handler, requests } = fakeHandler(() => ({ status: 200, body: { landingZones: [] } }));
    const api = createControlTowerApi({ settings: clientSettings('eu-west-1'), pacer: createPacer(), handler, credentials, env });
    expect(await api.call('ListLandingZones', { maxResults: 1 })).toEqual({ landingZones: [] });
    const [request] = requests;
    expect([request.method, request.protocol, request.hostname, request.path]).toEqual(['POST', 'https:', 'controltower.eu-west-1.amazonaws.com', '/list-landingzones']);
    expect(request.headers.host).toBe('controltower.eu-west-1.amazonaws.com');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body as string)).toEqual({ maxResults: 1 });
    expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/controltower\/aws4_request, SignedHeaders=[a-z0-9;-]*\bhost\b[a-z0-9;-]*, Signature=[0-9a-f]{64}$/);
    expect(request.headers['x-amz-content-sha256'] ?? request.headers['x-amz-date']).toBeDefined();
  });

  test('GetLandingZone goes to /get-landingzone with the identifier', async () => {
    const { handler, requests } = fakeHandler(() => ({ status: 200, body: { landingZone: { version: '3.3' } } }));
    const api = createControlTowerApi({ settings: clientSettings('us-east-1'), pacer: createPacer(), handler, credentials, env });
    await api.call('GetLandingZone', { landingZoneIdentifier: 'arn:aws:controltower:us-east-1:111111111111:landingzone/1A2B3C4D5E6F7G8H' });
    expect(requests[0].path).toBe('/get-landingzone');
    expect(JSON.parse(requests[0].body as string)).toEqual({ landingZoneIdentifier: 'arn:aws:controltower:us-east-1:111111111111:landingzone/1A2B3C4D5E6F7G8H' });
  });

  test('a 403 with x-amzn-errortype AccessDeniedException is an access-denied error with the service\'s message, not retried', async () => {
    const { handler, requests } = fakeHandler(() => ({ status: 403, body: { message: 'not authorized to perform: controltower:ListLandingZones' }, headers: { 'x-amzn-errortype': 'AccessDeniedException:http://internal.amazon.com/coral/' } }));
    const api = createControlTowerApi({ settings: clientSettings('us-east-1'), pacer: createPacer(), handler, credentials, env });
    const error = await api.call('ListLandingZones', {}).catch((e: unknown) => e);
    expect(describeAwsError(error)).toEqual({ kind: 'access-denied', code: 'AccessDeniedException', message: 'not authorized to perform: controltower:ListLandingZones' });
    expect(requests).toHaveLength(1);
  });

  test('the error code falls back to the body\'s __type (namespace#Code)', async () => {
    const { handler } = fakeHandler(() => ({ status: 404, body: { __type: 'com.amazonaws.controltower#ResourceNotFoundException', Message: 'no landing zone' } }));
    const api = createControlTowerApi({ settings: clientSettings('us-east-1'), pacer: createPacer(), handler, credentials, env });
    expect(describeAwsError(await api.call('GetLandingZone', {}).catch((e: unknown) => e))).toEqual({ kind: 'not-found', code: 'ResourceNotFoundException', message: 'no landing zone' });
  });

  test('throttling is retried with the SDK\'s strategy, then answers', async () => {
    const { handler, requests } = fakeHandler((_r, attempt) => (attempt === 1
      ? { status: 429, body: { message: 'Rate exceeded' }, headers: { 'x-amzn-errortype': 'ThrottlingException' } }
      : { status: 200, body: { landingZones: [] } }));
    const api = createControlTowerApi({ settings: clientSettings('us-east-1'), pacer: createPacer(), handler, credentials, env });
    expect(await api.call('ListLandingZones', {})).toEqual({ landingZones: [] });
    expect(requests).toHaveLength(2);
  });

  test('a timeout is tried twice, then gives the one line naming service, call, endpoint and the bounds', async () => {
    const timeout = () => Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' });
    const { handler, requests } = fakeHandler(() => timeout());
    const api = createControlTowerApi({ settings: clientSettings('us-east-1', { requestTimeoutMs: 1000 }), pacer: createPacer(), handler, credentials, env });
    const error = await api.call('ListLandingZones', {}).catch((e: unknown) => e) as Error;
    expect(requests).toHaveLength(2);
    expect(error.name).toBe('TimeoutError');
    expect(error.message).toBe('ControlTower ListLandingZones: no answer from https://controltower.us-east-1.amazonaws.com/: 2 attempts of 1 s each (the limit is per call, not for the whole command; connection timeout 1 s) '
      + '(check your network, proxy (HTTPS_PROXY) or firewall, or allow each call more time with --request-timeout)');
  });

  test('counts each call on the pacer as controltower:<Operation>', async () => {
    const pacer = createPacer();
    const { handler } = fakeHandler(() => ({ status: 200, body: {} }));
    const api = createControlTowerApi({ settings: clientSettings('us-east-1'), pacer, handler, credentials, env });
    await api.call('ListLandingZones', {});
    await api.call('GetLandingZone', {});
    expect(pacer.counts()).toEqual({ 'controltower:ListLandingZones': 1, 'controltower:GetLandingZone': 1 });
  });
});

describe('controlTowerEndpoint', () => {
  test('AWS_ENDPOINT_URL_CONTROLTOWER, then AWS_ENDPOINT_URL, then the Region\'s endpoint; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns both off', () => {
    expect(controlTowerEndpoint('us-east-1', {})).toBe('https://controltower.us-east-1.amazonaws.com/');
    expect(controlTowerEndpoint('us-east-1', { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })).toBe('http://127.0.0.1:4566/');
    expect(controlTowerEndpoint('us-east-1', { AWS_ENDPOINT_URL: 'http://a.example.com', AWS_ENDPOINT_URL_CONTROLTOWER: 'http://b.example.com/' })).toBe('http://b.example.com/');
    expect(controlTowerEndpoint('us-east-1', { AWS_ENDPOINT_URL: 'http://a.example.com', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBe('https://controltower.us-east-1.amazonaws.com/');
  });
});

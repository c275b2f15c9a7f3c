import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import { streamCollector } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider, HttpResponse, RetryErrorType, SdkError } from '@smithy/types';
import { UserError } from '../../errors';
import { type ClientSettings, createHttpHandler, timeoutsOf } from '../aws/aws-clients';
import { describeTimeout, isTimeoutError } from '../aws/aws-timeouts';
import type { Pacer } from '../aws/api-pacer';

/**
 * Control Tower's landing-zone read calls, signed and sent with the AWS SDK's own parts.
 *
 * Why by hand: `@aws-sdk/client-controltower` stops at 3.332.0 on the npm registry, whose commands are
 * DisableControl, EnableControl, GetControlOperation and ListEnabledControls only: no ListLandingZones
 * or GetLandingZone. Both are plain restJson1 calls (a JSON POST to a fixed path), so this module sends
 * them with what every SDK client of this project sends its calls with: the SigV4 signer
 * (`@smithy/signature-v4` with the SDK's `Sha256`), `NodeHttpHandler` with the bounded connection and
 * request timeouts of src/ops/aws/aws-clients.ts, the same retry strategy (throttling retried with
 * backoff, a timeout once), and the standard credential chain for the command's `--profile`.
 *
 * - ListLandingZones: `POST /list-landingzones`, `{maxResults, nextToken}` → `{landingZones: [{arn}], nextToken}`
 *   (https://docs.aws.amazon.com/controltower/latest/APIReference/API_ListLandingZones.html, read 2026-12-05).
 * - GetLandingZone: `POST /get-landingzone`, `{landingZoneIdentifier}` → `{landingZone: LandingZoneDetail}`;
 *   errors AccessDeniedException 403, ResourceNotFoundException 404, ThrottlingException 429, InternalServerException 500
 *   (https://docs.aws.amazon.com/controltower/latest/APIReference/API_GetLandingZone.html, read 2026-12-05).
 * - ListBaselines: `POST /list-baselines`, `{maxResults, nextToken}` → `{baselines: [{arn, name, description}], nextToken}`
 *   (https://docs.aws.amazon.com/controltower/latest/APIReference/API_ListBaselines.html, read 2026-12-08).
 * - ListEnabledBaselines: `POST /list-enabled-baselines`, `{filter, includeChildren, maxResults (5 to 100), nextToken}` →
 *   `{enabledBaselines: [{arn, baselineIdentifier, baselineVersion, statusSummary: {status}, targetIdentifier,
 *   parentIdentifier}], nextToken}` (https://docs.aws.amazon.com/controltower/latest/APIReference/API_ListEnabledBaselines.html,
 *   https://docs.aws.amazon.com/controltower/latest/APIReference/API_EnabledBaselineSummary.html, read 2026-12-08).
 * - Endpoint `controltower.<region>.amazonaws.com`, HTTPS
 *   (https://docs.aws.amazon.com/general/latest/gr/controltower.html, read 2026-12-05); the SigV4
 *   service name is the IAM service prefix `controltower`
 *   (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscontroltower.html).
 */

/** The calls this module makes, by operation name, with their path. */
export const CONTROL_TOWER_OPERATIONS = {
  ListLandingZones: '/list-landingzones',
  GetLandingZone: '/get-landingzone',
  ListBaselines: '/list-baselines',
  ListEnabledBaselines: '/list-enabled-baselines',
} as const;
export type ControlTowerOperation = keyof typeof CONTROL_TOWER_OPERATIONS;

/** The SigV4 service name (the IAM service prefix). */
export const CONTROL_TOWER_SIGNING_NAME = 'controltower';

/** Sends one request; NodeHttpHandler in use, a fake in tests. */
export interface RequestHandler {
  handle(request: HttpRequest, options?: { abortSignal?: AbortSignal }): Promise<{ response: HttpResponse }>;
  destroy?(): void;
}

/** Inputs of {@link createControlTowerApi}. */
export interface ControlTowerApiOptions {
  /** The shared client settings (region, timeouts, retry strategy) from the command's client factory. */
  readonly settings: ClientSettings & { readonly profile?: string };
  /** Paces and counts the calls (`controltower:<Operation>`). */
  readonly pacer: Pacer;
  /** @default NodeHttpHandler with settings.requestHandler */
  readonly handler?: RequestHandler;
  /** @default defaultProvider({ profile }) of @aws-sdk/credential-provider-node */
  readonly credentials?: AwsCredentialIdentityProvider;
  /** Where AWS_ENDPOINT_URL* are read. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** The calls, and the sockets to close. */
export interface ControlTowerApi {
  /** The URL requests go to (for messages). */
  readonly endpoint: string;
  /** Sends `body` to `operation`; resolves to the parsed JSON answer, rejects with an SDK-shaped error. */
  call(operation: ControlTowerOperation, body: Record<string, unknown>): Promise<unknown>;
  destroy(): void;
}

/**
 * The endpoint: `AWS_ENDPOINT_URL_CONTROLTOWER`, else `AWS_ENDPOINT_URL` (as the SDK clients honour them,
 * unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`; https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html),
 * else the Region's public endpoint.
 */
export function controlTowerEndpoint(region: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() !== 'true') {
    const configured = env.AWS_ENDPOINT_URL_CONTROLTOWER || env.AWS_ENDPOINT_URL;
    if (configured) return configured.endsWith('/') ? configured : `${configured}/`;
  }
  return `https://controltower.${region}.amazonaws.com/`;
}

/** An error shaped like the SDK's service errors, so describeAwsError words it the same way. */
export interface ControlTowerError extends Error {
  readonly $metadata: { readonly httpStatusCode?: number };
}

/** Makes the client. */
export function createControlTowerApi(options: ControlTowerApiOptions): ControlTowerApi {
  const { settings } = options;
  const region = settings.region;
  if (!region) throw new UserError('Control Tower: no Region for the landing zone calls (pass --region or set homeRegion)');
  const endpoint = controlTowerEndpoint(region, options.env);
  const url = new URL(endpoint);
  const handler = options.handler ?? createHttpHandler(settings);
  const signer = new SignatureV4({
    credentials: options.credentials ?? defaultProvider(settings.profile ? { profile: settings.profile } : {}),
    region,
    service: CONTROL_TOWER_SIGNING_NAME,
    sha256: Sha256,
  });
  const figures = timeoutsOf(settings);

  async function attempt(operation: ControlTowerOperation, payload: string): Promise<unknown> {
    const request = new HttpRequest({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: `${url.pathname.replace(/\/$/, '')}${CONTROL_TOWER_OPERATIONS[operation]}`,
      headers: { host: url.host, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) },
      body: payload,
    });
    const signed = await signer.sign(request);
    const { response } = await handler.handle(signed as HttpRequest);
    const text = response.body ? Buffer.from(await streamCollector(response.body)).toString('utf8') : '';
    if (response.statusCode >= 200 && response.statusCode < 300) return text ? JSON.parse(text) : {};
    throw serviceError(response, text);
  }

  return {
    endpoint,
    async call(operation, body) {
      await options.pacer.take(`controltower:${operation}`);
      const payload = JSON.stringify(body);
      let token = await settings.retryStrategy.acquireInitialRetryToken('controltower');
      for (;;) {
        try {
          const result = await attempt(operation, payload);
          settings.retryStrategy.recordSuccess(token);
          return result;
        } catch (err) {
          try {
            token = await settings.retryStrategy.refreshRetryTokenForRetry(token, { error: err as SdkError, errorType: retryErrorType(err) });
          } catch {
            if (isTimeoutError(err)) {
              // The same line every SDK client gives (aws-timeouts.ts), named TimeoutError for describeAwsError.
              throw Object.assign(new UserError(describeTimeout({ service: 'ControlTower', operation, endpoint }, figures, options.env ?? process.env)), { name: 'TimeoutError' });
            }
            throw err;
          }
          await new Promise((resolve) => setTimeout(resolve, token.getRetryDelay()));
        }
      }
    },
    destroy() {
      handler.destroy?.();
    },
  };
}

/**
 * A restJson1 error: the code from the `x-amzn-errortype` header (`Code:…`), else the body's `__type`
 * (`namespace#Code`) or `code`; the message from the body's `message` or `Message`
 * (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html#operation-error-serialization).
 */
export function serviceError(response: HttpResponse, text: string): ControlTowerError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's HTML page): the status code says what there is to say.
  }
  const header = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'x-amzn-errortype')?.[1];
  const raw = header ?? (typeof body.__type === 'string' ? body.__type : typeof body.code === 'string' ? body.code : undefined);
  const code = raw ? raw.split(':')[0].split('#').pop()! : `HTTP${response.statusCode}`;
  const message = typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : `HTTP status ${response.statusCode}`;
  return Object.assign(new Error(message), { name: code, $metadata: { httpStatusCode: response.statusCode } });
}

/** How the SDK's retry strategy treats an error: throttling and transient ones are retried. */
function retryErrorType(err: unknown): RetryErrorType {
  if (isTimeoutError(err)) return 'TRANSIENT';
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (status === 429 || e.name === 'ThrottlingException') return 'THROTTLING';
  if (status === 500 || status === 502 || status === 503 || status === 504) return 'TRANSIENT';
  // A reset connection is worth another attempt; a refused one (nothing listens there) is not.
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE') return 'TRANSIENT';
  return 'CLIENT_ERROR';
}

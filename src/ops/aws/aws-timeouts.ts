import type { HandlerExecutionContext, InitializeMiddleware, MiddlewareStack } from '@smithy/types';
import { UserError } from '../../errors';
import { profileDefined } from './aws-profiles';
import { profileNotFound } from './describe-aws-error';

/**
 * Turning the AWS SDK's timeout errors into one line a user can act on.
 *
 * @smithy/node-http-handler rejects a timed-out attempt with an Error named `TimeoutError` ("the
 * request socket did not establish a connection … within the configured timeout", "a request has
 * exceeded the configured … requestTimeout", code ETIMEDOUT). Those messages name neither the
 * service nor the endpoint; this says which call waited for which endpoint, and for how long.
 */

/** Whether an error is the SDK's (or Node's) timeout of one attempt. */
export function isTimeoutError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { name, code } = err as { name?: unknown; code?: unknown };
  return name === 'TimeoutError' || code === 'ETIMEDOUT';
}

/** The timeouts a client runs with (from `timeoutsOf(clientSettings(…))` in aws-clients.ts). */
export interface TimeoutFigures {
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** Attempts made before giving up on a timeout. */
  readonly attempts: number;
}

/** What was being called when the time ran out. */
export interface TimedOutCall {
  /** e.g. "STS". */
  readonly service: string;
  /** e.g. "GetCallerIdentity". */
  readonly operation: string;
  /** The URL the SDK sent the request to, e.g. https://sts.us-east-1.amazonaws.com/ or a custom AWS_ENDPOINT_URL. */
  readonly endpoint: string | undefined;
}

/**
 * The one line printed for a call that timed out. It names the call once, first (callers that list
 * it under its API name drop that part: {@link withoutTimedOutCall}), and says the limit is per call.
 */
export function describeTimeout(call: TimedOutCall, figures: TimeoutFigures, env: NodeJS.ProcessEnv = process.env): string {
  const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
  const where = call.endpoint ? ` from ${call.endpoint}` : '';
  const variable = endpointVariable(call.service, env);
  const custom = variable ? `${variable} is set to ${env[variable]}: check it, ` : 'check ';
  return `${call.service} ${call.operation}: no answer${where}: ${figures.attempts} attempts of ${seconds(figures.requestTimeoutMs)} each `
    + `(the limit is per call, not for the whole command; connection timeout ${seconds(figures.connectionTimeoutMs)}) `
    + `(${custom}your network, proxy (HTTPS_PROXY) or firewall, or allow each call more time with --request-timeout)`;
}

/** The timeout line without its leading `<Service> <Operation>: `, for a line that already names the call. */
export function withoutTimedOutCall(line: string): string {
  return line.replace(/^[A-Za-z0-9]+ [A-Za-z0-9]+: (?=no answer)/, '');
}

/**
 * The environment variable that set the endpoint of `service`'s calls, if any: the service's own
 * `AWS_ENDPOINT_URL_<SERVICE>` wins over `AWS_ENDPOINT_URL`
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html, read 2026-12-08; the
 * `<SERVICE>` is the service id upper-cased, spaces as underscores: "CloudWatch Logs" is CLOUDWATCH_LOGS).
 */
export function endpointVariable(service: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const id = SERVICE_IDS[service] ?? service.toUpperCase();
  if (env[`AWS_ENDPOINT_URL_${id}`]) return `AWS_ENDPOINT_URL_${id}`;
  return env.AWS_ENDPOINT_URL ? 'AWS_ENDPOINT_URL' : undefined;
}

/** Client names whose service id has a space (the others are the client name upper-cased). */
const SERVICE_IDS: Readonly<Record<string, string>> = { CloudWatchLogs: 'CLOUDWATCH_LOGS', ConfigService: 'CONFIG_SERVICE' };

/**
 * Makes every call of `client` that times out throw a {@link UserError} with {@link describeTimeout}'s
 * line instead of the SDK's TimeoutError. Returns the client, so it wraps a construction:
 * `explainTimeouts(new STSClient(settings), timeoutsOf(settings))`, which only `createAwsClient` in
 * aws-clients.ts does (test/aws-client-construction.test.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any client's stack: inputs and outputs differ per service
export function explainTimeouts<T extends { readonly middlewareStack: MiddlewareStack<any, any> }>(client: T, figures: TimeoutFigures): T {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const middleware: InitializeMiddleware<any, any> = (next, context) => async (args) => {
    try {
      return await next(args);
    } catch (err) {
      // A --profile that does not exist: one wording in every command (describe-aws-error.ts). The SDK's
      // chain says only "Could not load credentials from any providers" then.
      const profile = (client as { config?: { profile?: unknown } }).config?.profile;
      if ((err as { name?: unknown })?.name === 'CredentialsProviderError' && typeof profile === 'string' && !profileDefined(profile)) {
        throw Object.assign(new UserError(profileNotFound(profile)), { name: 'CredentialsProviderError' });
      }
      if (!isTimeoutError(err)) throw err;
      // Named TimeoutError so code that words AWS errors (describe-aws-error.ts) prints
      // "<api>: TimeoutError: <this line>" rather than "UserError".
      throw Object.assign(new UserError(describeTimeout(timedOutCall(context), figures)), { name: 'TimeoutError' });
    }
  };
  // The initialize step runs outside the retry middleware, so this sees the error after the last attempt.
  client.middlewareStack.add(middleware, { step: 'initialize', name: 'rootGuardExplainTimeouts', override: true });
  return client;
}

/** Service, operation and endpoint from the SDK's handler context (clientName, commandName, endpointV2). */
function timedOutCall(context: HandlerExecutionContext): TimedOutCall {
  const clientName = typeof context.clientName === 'string' ? context.clientName : 'AWS';
  const commandName = typeof context.commandName === 'string' ? context.commandName : 'call';
  const url = (context.endpointV2 as { url?: URL } | undefined)?.url;
  return {
    service: clientName.replace(/Client$/, ''),
    operation: commandName.replace(/Command$/, ''),
    endpoint: url ? url.href : undefined,
  };
}

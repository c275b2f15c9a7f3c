import { withoutTimedOutCall } from './aws-timeouts';

/**
 * Sorts AWS SDK errors into what an operating command does with them: an account or call that
 * denies access is reported and the command goes on; throttling that outlived the SDK's retries is
 * reported the same way; missing credentials stop the command (nothing else can work).
 */

/** What kind of failure an SDK error is. */
export type AwsErrorKind = 'access-denied' | 'throttled' | 'not-found' | 'credentials' | 'other';

/** An SDK error, classified, with the service's code and message. */
export interface AwsErrorInfo {
  readonly kind: AwsErrorKind;
  /** The error code (`AccessDeniedException`, `NoSuchEntity` …), or the JavaScript error name. */
  readonly code: string;
  readonly message: string;
}

// Codes per service: Organizations/CloudFormation/Logs `AccessDeniedException`, IAM/STS/S3 `AccessDenied`,
// SNS `AuthorizationError`, S3 HEAD requests have no body and give `Forbidden`.
const ACCESS_DENIED = new Set([
  'AccessDenied', 'AccessDeniedException', 'AuthorizationError', 'AuthorizationErrorException',
  'UnauthorizedOperation', 'Forbidden', 'AccessDeniedForDependencyException',
]);
// The SDK's own list of throttling codes (@smithy/service-error-classification), plus HTTP 429.
const THROTTLED = new Set([
  'Throttling', 'ThrottlingException', 'ThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded',
  'RequestThrottled', 'RequestThrottledException', 'SlowDown', 'BandwidthLimitExceeded', 'LimitExceededException',
  'ProvisionedThroughputExceededException', 'PriorRequestNotComplete',
]);
const NOT_FOUND = new Set([
  'NotFound', 'NotFoundException', 'NoSuchEntity', 'NoSuchEntityException', 'NoSuchBucket', 'NoSuchKey',
  'ResourceNotFoundException', 'StackSetNotFoundException', 'ParentNotFoundException', 'TargetNotFoundException',
]);
// No usable credentials: the standard chain found none, or they are expired or invalid.
const CREDENTIALS = new Set([
  'CredentialsProviderError', 'ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId',
  'UnrecognizedClientException', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'TokenRefreshRequired',
]);

/** Classifies an error thrown by an SDK v3 client (or anything else). */
export function describeAwsError(err: unknown): AwsErrorInfo {
  const e = (err ?? {}) as { name?: unknown; Code?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number } };
  const code = typeof e.name === 'string' && e.name !== 'Error' ? e.name : typeof e.Code === 'string' ? e.Code : 'Error';
  const message = typeof e.message === 'string' && e.message !== '' ? e.message.split('\n')[0] : code;
  const status = e.$metadata?.httpStatusCode;
  let kind: AwsErrorKind = 'other';
  if (CREDENTIALS.has(code)) kind = 'credentials';
  else if (ACCESS_DENIED.has(code) || status === 403) kind = 'access-denied';
  else if (THROTTLED.has(code) || status === 429) kind = 'throttled';
  else if (NOT_FOUND.has(code) || status === 404) kind = 'not-found';
  return { kind, code, message };
}

/** One line saying why something could not be read, with what to do about it. */
export function unreadReason(info: AwsErrorInfo): string {
  // A timeout's line already says everything; the caller names the call (aws-timeouts.ts).
  if (info.code === 'TimeoutError') return withoutTimedOutCall(info.message);
  const profile = missingProfile(info);
  if (profile !== undefined) return profileNotFound(profile);
  switch (info.kind) {
    case 'access-denied':
      return `access denied (${info.code}: grant the caller read access, or run with the management account's credentials)`;
    case 'throttled':
      return `still throttled after the SDK's retries (${info.code}: run again later; where the command has --concurrency, lower it)`;
    case 'credentials':
      return `no usable AWS credentials (${info.code}: set AWS_PROFILE, run \`aws sso login\`, or export AWS_ACCESS_KEY_ID)`;
    default:
      return `${info.code}: ${info.message}`;
  }
}

/**
 * The one wording, for every command, of a profile that is not in the shared config or credentials
 * files (the SDK says "Could not resolve credentials using profile: [NAME] in configuration/credentials file(s).").
 */
export function profileNotFound(name: string): string {
  return `profile ${name} not found (it is in neither ~/.aws/config nor ~/.aws/credentials, or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE: check --profile and AWS_PROFILE; \`aws configure list-profiles\` lists them)`;
}

/** The profile name of the SDK's "profile not found" error, or undefined for any other error. */
export function missingProfile(info: AwsErrorInfo): string | undefined {
  return (/Could not resolve credentials using profile: \[([^\]]*)\]/.exec(info.message) ?? /^profile (\S+) not found \(/.exec(info.message))?.[1];
}

/** Something an operating command could not read, so its result is partial. */
export interface UnreadItem {
  /** The account, OU or resource that could not be read. */
  readonly target: string;
  /** The API call, as `service:Action`. */
  readonly api: string;
  /** Why, and what to do. */
  readonly reason: string;
}

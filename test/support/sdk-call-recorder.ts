/**
 * Records the AWS SDK calls a piece of code sends to aws-sdk-client-mock's stubs, as IAM actions
 * (`cloudwatch:SetAlarmState`), with the profile of the client that sent each. Installed by
 * test/setup-env.js before any test file loads: it wraps sinon's `stub` (which aws-sdk-client-mock uses
 * on each client class's `send`) to keep every `send` stub it makes, so {@link recordSdkCalls} can read
 * the calls made while a command ran, whichever helper mocked the client.
 */

/** One SDK call as IAM sees it. */
export interface RecordedCall {
  /** `service:Action`, e.g. `s3:GetObject` for a HeadObject. */
  readonly action: string;
  /** The SDK command's name, e.g. `HeadObjectCommand`. */
  readonly command: string;
  /** The `profile` of the client that sent it (`--security-profile` clients have one). */
  readonly profile?: string;
}

interface SinonCall { readonly thisValue: unknown; readonly args: readonly unknown[] }
interface SendStub { getCalls(): SinonCall[]; callCount: number }
interface ClientLike { readonly config?: { readonly serviceId?: string; readonly profile?: string } }

const stubs: SendStub[] = [];
let installed = false;

/** IAM's service prefix for an SDK client's `serviceId`. */
const PREFIX: Readonly<Record<string, string>> = {
  Athena: 'athena',
  CloudFormation: 'cloudformation',
  CloudTrail: 'cloudtrail',
  CloudWatch: 'cloudwatch',
  'CloudWatch Logs': 'logs',
  'Config Service': 'config',
  EventBridge: 'events',
  Glue: 'glue',
  IAM: 'iam',
  KMS: 'kms',
  Organizations: 'organizations',
  S3: 's3',
  SFN: 'states',
  SNS: 'sns',
  STS: 'sts',
};

/** S3 operations whose IAM action has another name (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html, API_HeadBucket.html, API_ListObjectsV2.html). */
const S3_ACTIONS: Readonly<Record<string, string>> = { HeadObject: 'GetObject', HeadBucket: 'ListBucket', ListObjectsV2: 'ListBucket', ListObjects: 'ListBucket' };

/** The IAM action of an SDK command sent by `client`. */
export function iamActionOf(serviceId: string, commandName: string): string {
  const operation = commandName.replace(/Command$/, '');
  const prefix = PREFIX[serviceId];
  if (!prefix) throw new Error(`sdk-call-recorder: no IAM prefix known for the SDK service "${serviceId}" (add it to PREFIX)`);
  return `${prefix}:${prefix === 's3' ? S3_ACTIONS[operation] ?? operation : operation}`;
}

/** Wraps sinon's `stub` once per module registry (called from test/setup-env.js). */
export function installSdkCallRecorder(sinon: { stub: (...args: unknown[]) => unknown }): void {
  if (installed) return;
  installed = true;
  const original = sinon.stub;
  sinon.stub = function stub(this: unknown, ...args: unknown[]) {
    const made = original.apply(this, args);
    if (args.length === 2 && args[1] === 'send') stubs.push(made as SendStub);
    return made;
  };
}

/** Runs `fn` and returns what it resolved to and every SDK call it sent to a mocked client. */
export async function recordSdkCalls<T>(fn: () => Promise<T>): Promise<{ result: T; calls: RecordedCall[] }> {
  const before = new Map(stubs.map((s) => [s, s.callCount]));
  const result = await fn();
  const calls: RecordedCall[] = [];
  for (const stub of stubs) {
    for (const call of stub.getCalls().slice(before.get(stub) ?? 0)) {
      const client = call.thisValue as ClientLike;
      const command = (call.args[0] as { constructor: { name: string } }).constructor.name;
      const serviceId = client.config?.serviceId ?? 'unknown';
      calls.push({
        action: iamActionOf(serviceId, command),
        command,
        ...(client.config?.profile ? { profile: client.config.profile } : {}),
      });
    }
  }
  return { result, calls };
}

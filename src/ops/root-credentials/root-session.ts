import { Agent } from 'node:https';
import { IAMClient } from '@aws-sdk/client-iam';
import { AssumeRootCommand, STSClient } from '@aws-sdk/client-sts';
import type { Pacer } from '../api-pacer';
import { pacedWithRetry as paced } from './paced-retry';
import { clientSettings, createAwsClient, withSharedAgent } from '../aws-clients';
import { MAX_ROOT_SESSION_SECONDS, taskPolicyArn } from './task-policies';

/** Temporary root credentials of one member account. */
export interface RootSessionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration?: Date;
}

/** An open AssumeRoot session: its credentials and an IAM client that signs with them. */
export interface RootSession {
  readonly accountId: string;
  readonly taskPolicy: string;
  /** The session's access key id (ASIA…): what CloudTrail records in both accounts, so what links them. */
  readonly accessKeyId: string;
  readonly iam: IAMClient;
}

/** Options of {@link createRootSessionFactory}. */
export interface RootSessionFactoryOptions {
  /** The Regional STS endpoint's Region: AssumeRoot is not served by the global endpoint. */
  readonly region: string;
  readonly partition: string;
  readonly profile?: string;
  /** Longest time one attempt of one request may take (`--request-timeout`), in milliseconds. @default DEFAULT_REQUEST_TIMEOUT_MS */
  readonly requestTimeoutMs?: number;
  /** Sockets kept open to each endpoint (STS, IAM): 64 accounts at once, each with 4 reads in flight. @default 256 */
  readonly maxSockets?: number;
}

/** Opens AssumeRoot sessions through one STS client and one connection pool. */
export interface RootSessionFactory {
  /** The STS client every AssumeRoot goes through (the caller's credentials). */
  readonly sts: STSClient;
  /** Calls sts:AssumeRoot for `accountId` with the named task policy, paced as `sts:AssumeRoot`. */
  open(accountId: string, taskPolicy: string, pacer: Pacer): Promise<RootSession>;
  /** Closes the connection pool. */
  destroy(): void;
}

/**
 * What is shared across 5,000 sessions: one STS client (every AssumeRoot is signed with the caller's
 * credentials) and one keep-alive HTTPS agent, so that each session's IAM client (one per session:
 * an SDK client signs with one set of credentials) reuses open TLS connections to IAM instead of
 * opening its own. Every client is made by `createAwsClient`, like every other AWS client of the
 * tool: bounded connection and request timeouts, a timeout retried once, and a timed-out call
 * reported as one line naming it (aws-clients.ts, aws-timeouts.ts).
 */
export function createRootSessionFactory(options: RootSessionFactoryOptions): RootSessionFactory {
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 256 });
  const base = withSharedAgent(clientSettings(options.region, options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}), agent);
  // useGlobalEndpoint false: always sts.<region>.amazonaws.com, even in us-east-1 (API_AssumeRoot.html).
  const sts = createAwsClient(STSClient, base, { useGlobalEndpoint: false, ...(options.profile ? { profile: options.profile } : {}) });
  return {
    sts,
    async open(accountId, taskPolicy, pacer) {
      const out = await paced(pacer, 'sts:AssumeRoot', () => sts.send(new AssumeRootCommand({
        TargetPrincipal: accountId,
        TaskPolicyArn: { arn: taskPolicyArn(taskPolicy, options.partition) },
        DurationSeconds: MAX_ROOT_SESSION_SECONDS,
      })));
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error(`sts:AssumeRoot returned no credentials for account ${accountId}`);
      const credentials: RootSessionCredentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
      // Not destroyed per session: destroy() would close the shared agent; the client holds nothing else.
      const iam = createAwsClient(IAMClient, base, { credentials });
      return { accountId, taskPolicy, accessKeyId: c.AccessKeyId, iam };
    },
    destroy() {
      sts.destroy();
      agent.destroy();
    },
  };
}

/**
 * Test-only harness: evaluates SCPs with an IAM policy simulator over a small organization
 * (root → OU → account, FullAWSAccess on every level, the policies under test on the OU).
 *
 * @cloud-copilot/iam-simulate is AGPL-3.0-or-later: it is a devDependency and is imported from
 * test files only, never from src/ (docs/reference/toolchain.md#scp-simulation, docs/reference/toolchain.md#licences).
 *
 * Simulator caveats this harness handles (docs/reference/toolchain.md#scp-simulation):
 * - `aws:PrincipalArn` is NOT derived from the request principal: the caller sets it (the role ARN,
 *   not the session ARN; the root ARN for root and AssumeRoot sessions);
 * - `aws:AssumedRoot` is set to "true" for AssumeRoot sessions only, and absent otherwise, as AWS does;
 * - the root user's implicit full rights are not modelled: the root caller gets an Allow-* identity policy;
 * - a KMS key needs its key policy: the default key policy (the account may use the key) is supplied.
 */
import { getDenialReasons, runSimulation } from '@cloud-copilot/iam-simulate';

/** The organization the policies are simulated in (documentation values). */
export const ORG = {
  rootId: 'r-abcd',
  ouId: 'ou-abcd-11111111',
  /** A workload account: Config rules and the root-checks stack instance live here. */
  workloadAccount: '222222222222',
  /** The security (Audit) account: the alert topic and its key live here. */
  securityAccount: '333333333333',
} as const;

/** A policy document as JSON. */
export type PolicyJson = { readonly Version: string; readonly Statement: readonly object[] };

/** AWS's default SCP, attached to every root, OU and account. */
export const FULL_AWS_ACCESS: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** An SCP under test, as attached to the OU. */
export interface AttachedScp {
  readonly name: string;
  readonly document: PolicyJson;
}

/** Who makes a request. */
export interface Caller {
  readonly label: string;
  readonly accountId: string;
  /** The request principal: a session ARN for roles, the root ARN for root. */
  readonly principal: string;
  /** `aws:PrincipalArn` as AWS sets it: the role ARN (path included) or `arn:aws:iam::<account>:root`. */
  readonly principalArn: string;
  /** True for sessions opened with sts:AssumeRoot (`aws:AssumedRoot` = "true"). */
  readonly assumedRoot?: boolean;
  /** The identity policy of the principal (a task policy for AssumeRoot sessions). */
  readonly identityPolicy: PolicyJson;
}

/** What is requested. */
export interface SimRequest {
  readonly action: string;
  /** A concrete ARN of the resource type the action needs (the simulator rejects a mismatch). */
  readonly resource: string;
  /** Extra request context, e.g. `kms:ResourceAliases`. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

/** The simulator's verdict. */
export interface SimOutcome {
  readonly result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
  /** `<policy>/<Sid>` of every SCP statement that denied the request. */
  readonly deniedBy: readonly string[];
}

export const ALLOW_ALL: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** An IAM role of `accountId` and one of its sessions. */
export function roleCaller(label: string, accountId: string, roleName: string, options: { path?: string; identityPolicy?: PolicyJson } = {}): Caller {
  return {
    label,
    accountId,
    principal: `arn:aws:sts::${accountId}:assumed-role/${roleName}/session-1`,
    principalArn: `arn:aws:iam::${accountId}:role/${options.path ?? ''}${roleName}`,
    identityPolicy: options.identityPolicy ?? ALLOW_ALL,
  };
}

/** The member account's root user, signed in with its own credentials. */
export function rootCaller(accountId: string): Caller {
  return {
    label: `root user of ${accountId}`,
    accountId,
    principal: `arn:aws:iam::${accountId}:root`,
    principalArn: `arn:aws:iam::${accountId}:root`,
    identityPolicy: ALLOW_ALL,
  };
}

/**
 * A privileged root session opened from the management account with sts:AssumeRoot. Member-side,
 * AWS records it as the root user (`arn:aws:iam::<member>:root`) with `aws:AssumedRoot` = "true";
 * its rights are those of the task policy (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html).
 */
export function assumeRootCaller(accountId: string, taskPolicyName: string, taskPolicy: PolicyJson): Caller {
  return { ...rootCaller(accountId), label: `AssumeRoot session (${taskPolicyName}) in ${accountId}`, assumedRoot: true, identityPolicy: taskPolicy };
}

function defaultKeyPolicy(accountId: string): PolicyJson {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' }],
  };
}

/** Runs one request through the organization with `scps` attached to the OU. */
export async function simulate(scps: readonly AttachedScp[], caller: Caller, request: SimRequest): Promise<SimOutcome> {
  const full = { name: 'FullAWSAccess', policy: FULL_AWS_ACCESS };
  const resourceAccount = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(request.resource)?.[1] ?? caller.accountId;
  const context: Record<string, string | string[]> = { 'aws:PrincipalArn': caller.principalArn };
  if (caller.assumedRoot) context['aws:AssumedRoot'] = 'true';
  for (const [key, value] of Object.entries(request.context ?? {})) context[key] = typeof value === 'string' ? value : [...value];

  const result = await runSimulation({
    request: {
      principal: caller.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: resourceAccount },
      contextVariables: context,
    },
    identityPolicies: [{ name: 'identity', policy: caller.identityPolicy }],
    serviceControlPolicies: [
      { orgIdentifier: ORG.rootId, policies: [full] },
      { orgIdentifier: ORG.ouId, policies: [full, ...scps.map((scp) => ({ name: scp.name, policy: scp.document }))] },
      { orgIdentifier: caller.accountId, policies: [full] },
    ],
    resourceControlPolicies: [],
    resourcePolicy: /^arn:aws:kms:[^:]+:\d{12}:key\//.test(request.resource) ? defaultKeyPolicy(resourceAccount) : undefined,
  }, {});

  // A wildcard-only action (resource "*") comes back as a wildcard result holding its one simulation.
  const single = result.resultType === 'single' ? result.result
    : result.resultType === 'wildcard' && result.results.length === 1 ? result.results[0] : undefined;
  if (result.resultType === 'error' || !single) {
    throw new Error(`simulation of ${caller.label} ${request.action} on ${request.resource} did not run as one request: ${JSON.stringify(result)}`);
  }
  const ignored = single.ignoredContextKeys ?? [];
  if (ignored.length > 0) {
    throw new Error(`the simulator ignored context keys ${ignored.join(', ')} for ${request.action}: the scenario would not test what it claims`);
  }
  const deniedBy = getDenialReasons(single.analysis)
    .filter((reason) => reason.policyType === 'scp' && reason.denialType === 'Explicit')
    .map((reason) => `${'policyIdentifier' in reason ? reason.policyIdentifier : ''}/${'statementId' in reason ? reason.statementId : ''}`);
  return { result: result.overallResult as SimOutcome['result'], deniedBy };
}

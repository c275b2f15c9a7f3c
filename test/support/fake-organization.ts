import {
  AccessDeniedException,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListParentsCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
  TooManyRequestsException,
} from '@aws-sdk/client-organizations';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';
import type { ApiRate } from '../../src/ops/aws/api-pacer';

/**
 * The one fake organization of the tests of preflight, resolve-ous and audit, and of
 * scripts/bench-audit.ts: AWS Organizations served through aws-sdk-client-mock from one model,
 * every listing paginated, optionally slowed by a latency and throttled by token buckets at given
 * rates (a call that finds its bucket empty fails with the service's throttling error, as the
 * service would: the client is expected to pace itself). Ids and names are documentation values.
 */

export interface FakeAccount {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
  /** @default 'ACTIVE' */
  readonly state?: string;
}

export interface FakePolicy {
  readonly name: string;
  readonly id: string;
  /** Root, OU and account ids it is attached to. */
  readonly targets: readonly string[];
}

export interface FakeOrganization {
  readonly rootId: string;
  readonly ous: readonly { readonly id: string; readonly name: string; readonly parentId: string }[];
  readonly accounts: readonly FakeAccount[];
  /** SCPs with their attachments, in the order the service lists them. */
  readonly policies?: readonly FakePolicy[];
  /** @default '111111111111' */
  readonly managementAccountId?: string;
}

/** How the fake serves calls (shared by the other fake services of test/support/simulated-aws.ts). */
export interface ServeOptions {
  /** Milliseconds each call takes. */
  readonly latencyMs?: () => number;
  /** Token buckets per `service:Action`: an empty bucket throttles the call (the rate-limit imposition). */
  readonly rates?: Readonly<Record<string, ApiRate>>;
  /** `service:Action` or `service:Action:<parent/target/stack set/rule id>` → error thrown by that call. */
  readonly failures?: Readonly<Record<string, Error>>;
}

/** What the fake saw. */
export interface CallLog {
  readonly calls: Record<string, number>;
  readonly throttled: Record<string, number>;
  /** Most calls in flight at once, per API. */
  readonly peakInFlight: Record<string, number>;
}

/** Wraps a handler with counting, failures, throttling and latency. */
export type Serve = <I, O>(api: string, key: (input: I) => string | undefined, throttle: () => Error, handler: (input: I) => O) => (input: I) => Promise<O>;

/** A call log and the `serve` wrapper that fills it. */
export function createServer(options: ServeOptions = {}): CallLog & { serve: Serve } {
  const calls: Record<string, number> = {};
  const throttled: Record<string, number> = {};
  const inFlight: Record<string, number> = {};
  const peakInFlight: Record<string, number> = {};
  const buckets = new Map<string, { tokens: number; at: number }>();
  const take = (api: string): boolean => {
    const limit = options.rates?.[api];
    if (!limit) return true;
    const now = performance.now();
    const bucket = buckets.get(api) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.rate);
    bucket.at = now;
    buckets.set(api, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
  const serve: Serve = (api, key, throttle, handler) => async (input) => {
    calls[api] = (calls[api] ?? 0) + 1;
    inFlight[api] = (inFlight[api] ?? 0) + 1;
    peakInFlight[api] = Math.max(peakInFlight[api] ?? 0, inFlight[api]);
    try {
      const failure = options.failures?.[`${api}:${key(input) ?? ''}`] ?? options.failures?.[api];
      if (failure) throw failure;
      if (!take(api)) {
        throttled[api] = (throttled[api] ?? 0) + 1;
        throw throttle();
      }
      const latency = options.latencyMs?.() ?? 0;
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      return handler(input);
    } finally {
      inFlight[api]--;
    }
  };
  return { calls, throttled, peakInFlight, serve };
}

/** Errors as the SDK throws them. */
export const accessDenied = (message = 'You don\'t have permissions to access this resource.') =>
  new AccessDeniedException({ message, $metadata: { httpStatusCode: 400 } });
export const orgThrottled = () =>
  new TooManyRequestsException({ message: 'You have sent too many requests in too short a period of time.', $metadata: { httpStatusCode: 400 } });

/** Slices a list into pages of `size`, the NextToken being the next offset. */
export function slice<T>(items: readonly T[], token: string | undefined, size: number): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}

/** Options of {@link mockOrganization}. */
export interface MockOrganizationOptions extends ServeOptions {
  /** Items per page. @default 1 - every NextToken path is taken */
  readonly pageSize?: number;
}

/** The mocked Organizations service and what it saw. */
export interface MockedOrganization extends CallLog {
  readonly stub: AwsStub<any, any, any>;
  restore(): void;
}

/** Mocks every OrganizationsClient (created anywhere) to serve `org`. Call `.restore()` when done. */
export function mockOrganization(org: FakeOrganization, options: MockOrganizationOptions = {}): MockedOrganization {
  const server = createServer(options);
  return { ...server, ...mockOrganizationOn(org, options.pageSize ?? 1, server.serve) };
}

/** Installs the Organizations handlers with a given `serve` (shared with the other simulated services). */
export function mockOrganizationOn(org: FakeOrganization, pageSize: number, serve: Serve): { stub: AwsStub<any, any, any>; restore(): void } {
  const policies = org.policies ?? [];
  const children = new Map<string, { ous: FakeOrganization['ous'][number][]; accounts: FakeAccount[] }>();
  const entryOf = (id: string) => {
    let entry = children.get(id);
    if (!entry) children.set(id, (entry = { ous: [], accounts: [] }));
    return entry;
  };
  for (const ou of org.ous) entryOf(ou.parentId).ous.push(ou);
  for (const account of org.accounts) entryOf(account.parentId).accounts.push(account);
  const accountShape = (a: FakeAccount) => ({
    Id: a.id, Name: a.name, Arn: `arn:aws:organizations::111111111111:account/o-exampleorgid/${a.id}`, Email: `aws+${a.id}@example.com`,
    State: a.state ?? 'ACTIVE', Status: a.state === 'SUSPENDED' ? 'SUSPENDED' : 'ACTIVE',
  });
  const parentKey = (i: { ParentId?: string }) => i.ParentId;
  const throttle = orgThrottled;

  const stub = mockClient(OrganizationsClient);
  stub.on(ListRootsCommand).callsFake(serve('organizations:ListRoots', () => undefined, throttle, () => ({
    Roots: [{ Id: org.rootId, Name: 'Root', Arn: `arn:aws:organizations::111111111111:root/o-exampleorgid/${org.rootId}` }],
  })));
  stub.on(DescribeOrganizationCommand).callsFake(serve('organizations:DescribeOrganization', () => undefined, throttle, () => ({
    Organization: { Id: 'o-exampleorgid', MasterAccountId: org.managementAccountId ?? '111111111111' },
  })));
  stub.on(ListAccountsCommand).callsFake(serve('organizations:ListAccounts', () => undefined, throttle, (input: { NextToken?: string }) => {
    const page = slice(org.accounts, input.NextToken, pageSize);
    return { Accounts: page.items.map(accountShape), NextToken: page.next };
  }));
  stub.on(ListAccountsForParentCommand).callsFake(serve('organizations:ListAccountsForParent', parentKey, throttle, (input: { ParentId?: string; NextToken?: string }) => {
    const page = slice(entryOf(input.ParentId!).accounts, input.NextToken, pageSize);
    return { Accounts: page.items.map(accountShape), NextToken: page.next };
  }));
  stub.on(ListParentsCommand).callsFake(serve('organizations:ListParents', (i: { ChildId?: string }) => i.ChildId, throttle, (input: { ChildId?: string }) => {
    const parentId = org.accounts.find((a) => a.id === input.ChildId)?.parentId ?? org.ous.find((o) => o.id === input.ChildId)?.parentId;
    if (!parentId) throw Object.assign(new Error(`no child ${input.ChildId}`), { name: 'ChildNotFoundException', $metadata: { httpStatusCode: 400 } });
    return { Parents: [{ Id: parentId, Type: parentId === org.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }] };
  }));
  stub.on(ListChildrenCommand).callsFake(serve('organizations:ListChildren', parentKey, throttle, (input: { ParentId?: string; ChildType?: string; NextToken?: string }) => {
    const entry = entryOf(input.ParentId!);
    const list = input.ChildType === 'ACCOUNT' ? entry.accounts.map((a) => ({ Id: a.id, Type: 'ACCOUNT' })) : entry.ous.map((o) => ({ Id: o.id, Type: 'ORGANIZATIONAL_UNIT' }));
    const page = slice(list, input.NextToken, pageSize);
    return { Children: page.items, NextToken: page.next };
  }));
  stub.on(ListOrganizationalUnitsForParentCommand).callsFake(serve('organizations:ListOrganizationalUnitsForParent', parentKey, throttle, (input: { ParentId?: string; NextToken?: string }) => {
    const page = slice(entryOf(input.ParentId!).ous, input.NextToken, pageSize);
    return { OrganizationalUnits: page.items.map((o) => ({ Id: o.id, Name: o.name, Arn: `arn:aws:organizations::111111111111:ou/o-exampleorgid/${o.id}` })), NextToken: page.next };
  }));
  stub.on(ListPoliciesCommand).callsFake(serve('organizations:ListPolicies', () => undefined, throttle, (input: { NextToken?: string }) => {
    const page = slice(policies, input.NextToken, pageSize);
    return { Policies: page.items.map((p) => ({ Id: p.id, Name: p.name, Type: 'SERVICE_CONTROL_POLICY' })), NextToken: page.next };
  }));
  stub.on(ListPoliciesForTargetCommand).callsFake(serve('organizations:ListPoliciesForTarget', (i: { TargetId?: string }) => i.TargetId, throttle, (input: { TargetId?: string; Filter?: string; NextToken?: string }) => {
    if (input.Filter !== 'SERVICE_CONTROL_POLICY') throw new Error(`unexpected filter ${input.Filter}`);
    const attached = policies.filter((p) => p.targets.includes(input.TargetId!));
    const page = slice(attached, input.NextToken, pageSize);
    return { Policies: page.items.map((p) => ({ Id: p.id, Name: p.name, Type: 'SERVICE_CONTROL_POLICY', AwsManaged: p.name === 'FullAWSAccess' })), NextToken: page.next };
  }));
  stub.on(ListTargetsForPolicyCommand).callsFake(serve('organizations:ListTargetsForPolicy', (i: { PolicyId?: string }) => i.PolicyId, throttle, (input: { PolicyId?: string; NextToken?: string }) => {
    const policy = policies.find((p) => p.id === input.PolicyId);
    const page = slice(policy?.targets ?? [], input.NextToken, pageSize);
    return { Targets: page.items.map((id) => ({ TargetId: id, Type: id.startsWith('r-') ? 'ROOT' : id.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT' })), NextToken: page.next };
  }));
  return { stub, restore: () => stub.restore() };
}

/** SCPs attached per target (names in listing order), as a policy list. */
export function attachedScps(byTarget: Readonly<Record<string, readonly string[]>>): FakePolicy[] {
  const policies: FakePolicy[] = [];
  for (const [target, names] of Object.entries(byTarget)) {
    for (const name of names) {
      const known = policies.find((p) => p.name === name);
      if (known) (known.targets as string[]).push(target);
      else policies.push({ name, id: `p-${String(policies.length).padStart(8, '0')}`, targets: [target] });
    }
  }
  return policies;
}

/** A typical Control Tower organization: Security (Audit, Log Archive), Workloads > Prod > Web, Workloads > Test, Sandbox. */
export function sampleOrganization(): FakeOrganization {
  return {
    rootId: 'r-abcd',
    managementAccountId: '111111111111',
    ous: [
      { id: 'ou-abcd-security', name: 'Security', parentId: 'r-abcd' },
      { id: 'ou-abcd-workload', name: 'Workloads', parentId: 'r-abcd' },
      { id: 'ou-abcd-sandbox0', name: 'Sandbox', parentId: 'r-abcd' },
      { id: 'ou-abcd-prod0000', name: 'Prod', parentId: 'ou-abcd-workload' },
      { id: 'ou-abcd-test0000', name: 'Test', parentId: 'ou-abcd-workload' },
      { id: 'ou-abcd-web00000', name: 'Web', parentId: 'ou-abcd-prod0000' },
    ],
    accounts: [
      { id: '111111111111', name: 'Management', parentId: 'r-abcd' },
      { id: '222222222222', name: 'Audit', parentId: 'ou-abcd-security' },
      { id: '222222222223', name: 'Log Archive', parentId: 'ou-abcd-security' },
      { id: '333333333333', name: 'Prod App', parentId: 'ou-abcd-prod0000' },
      { id: '333333333334', name: 'Prod Web', parentId: 'ou-abcd-web00000' },
      { id: '333333333335', name: 'Test App', parentId: 'ou-abcd-test0000' },
      { id: '333333333336', name: 'Sandbox 1', parentId: 'ou-abcd-sandbox0' },
    ],
    policies: attachedScps({
      'r-abcd': ['FullAWSAccess'],
      'ou-abcd-workload': ['FullAWSAccess', 'aws-guardrails-AbCdEf'],
    }),
  };
}

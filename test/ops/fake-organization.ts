import {
  AccessDeniedException,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  OrganizationsClient,
  TooManyRequestsException,
} from '@aws-sdk/client-organizations';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';

/**
 * An organization served page by page through aws-sdk-client-mock, so that every listing the
 * operating commands make is paginated (page size 1 by default: every NextToken path is taken).
 * Shared by the tests of src/ops/*; ids and names are documentation values.
 */
export interface FakeOrganization {
  readonly rootId: string;
  readonly ous: readonly { id: string; name: string; parentId: string }[];
  readonly accounts: readonly { id: string; name: string; parentId: string; state?: string }[];
  /** Target id → names of the SCPs attached to it. */
  readonly scps?: Readonly<Record<string, readonly string[]>>;
  readonly managementAccountId?: string;
}

/** Calls that fail: `<Command name>:<ParentId or TargetId>` → the error to throw. */
export type Failures = Record<string, Error>;

/** Errors as the SDK throws them. */
export const accessDenied = () => new AccessDeniedException({ message: 'You don\'t have permissions to access this resource.', $metadata: { httpStatusCode: 400 } });
export const throttled = () => new TooManyRequestsException({ message: 'AWS Organizations can\'t complete your request because another request is already in progress.', $metadata: { httpStatusCode: 400 } });

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
    scps: {
      'r-abcd': ['FullAWSAccess'],
      'ou-abcd-workload': ['FullAWSAccess', 'aws-guardrails-AbCdEf'],
    },
  };
}

/** Slices a list into pages of `pageSize`, with NextToken being the next offset. */
function page<T>(items: readonly T[], token: string | undefined, pageSize: number): { items: T[]; NextToken?: string } {
  const start = token ? Number(token) : 0;
  const next = start + pageSize;
  return { items: items.slice(start, next), ...(next < items.length ? { NextToken: String(next) } : {}) };
}

/** Options of {@link mockOrganizations}. */
export interface MockOrganizationsOptions {
  readonly pageSize?: number;
  readonly failures?: Failures;
  /** Milliseconds each listing takes (to observe concurrency). */
  readonly delayMs?: number;
  /** Called on each ListOrganizationalUnitsForParent start/end, to count calls in flight. */
  readonly onCall?: (inFlight: number) => void;
}

/** Mocks every OrganizationsClient (created anywhere) to serve `org`. Call `.restore()` when done. */
export function mockOrganizations(org: FakeOrganization, options: MockOrganizationsOptions = {}): AwsStub<any, any, any> {
  const pageSize = options.pageSize ?? 1;
  const failures = options.failures ?? {};
  let inFlight = 0;
  const fail = (key: string) => {
    const err = failures[key];
    if (err) throw err;
  };
  const mock = mockClient(OrganizationsClient);
  mock.on(ListRootsCommand).callsFake(() => {
    fail('ListRootsCommand:');
    return { Roots: [{ Id: org.rootId, Name: 'Root', Arn: `arn:aws:organizations::111111111111:root/o-exampleorgid/${org.rootId}` }] };
  });
  mock.on(DescribeOrganizationCommand).callsFake(() => {
    fail('DescribeOrganizationCommand:');
    return { Organization: { Id: 'o-exampleorgid', MasterAccountId: org.managementAccountId ?? '111111111111' } };
  });
  mock.on(ListOrganizationalUnitsForParentCommand).callsFake(async (input: { ParentId: string; NextToken?: string }) => {
    inFlight++;
    options.onCall?.(inFlight);
    try {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      fail(`ListOrganizationalUnitsForParentCommand:${input.ParentId}`);
      const children = org.ous.filter((o) => o.parentId === input.ParentId).map((o) => ({ Id: o.id, Name: o.name, Arn: `arn:aws:organizations::111111111111:ou/o-exampleorgid/${o.id}` }));
      const p = page(children, input.NextToken, pageSize);
      return { OrganizationalUnits: p.items, NextToken: p.NextToken };
    } finally {
      inFlight--;
    }
  });
  const account = (a: FakeOrganization['accounts'][number]) => ({ Id: a.id, Name: a.name, State: a.state ?? 'ACTIVE', Status: a.state === 'SUSPENDED' ? 'SUSPENDED' : 'ACTIVE', Email: `aws+${a.id}@example.com` });
  mock.on(ListAccountsForParentCommand).callsFake((input: { ParentId: string; NextToken?: string }) => {
    fail(`ListAccountsForParentCommand:${input.ParentId}`);
    const p = page(org.accounts.filter((a) => a.parentId === input.ParentId).map(account), input.NextToken, pageSize);
    return { Accounts: p.items, NextToken: p.NextToken };
  });
  mock.on(ListAccountsCommand).callsFake((input: { NextToken?: string }) => {
    fail('ListAccountsCommand:');
    const p = page(org.accounts.map(account), input.NextToken, pageSize);
    return { Accounts: p.items, NextToken: p.NextToken };
  });
  mock.on(ListPoliciesForTargetCommand).callsFake((input: { TargetId: string; Filter: string; NextToken?: string }) => {
    fail(`ListPoliciesForTargetCommand:${input.TargetId}`);
    if (input.Filter !== 'SERVICE_CONTROL_POLICY') throw new Error(`unexpected filter ${input.Filter}`);
    const names = org.scps?.[input.TargetId] ?? [];
    const p = page(names.map((n, i) => ({ Id: `p-${String(i).padStart(8, '0')}`, Name: n, Type: 'SERVICE_CONTROL_POLICY', AwsManaged: n === 'FullAWSAccess' })), input.NextToken, pageSize);
    return { Policies: p.items, NextToken: p.NextToken };
  });
  return mock;
}

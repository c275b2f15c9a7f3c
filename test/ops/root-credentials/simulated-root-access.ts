import {
  AccountNotManagementOrDelegatedAdministratorException,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteSigningCertificateCommand,
  GetAccessKeyLastUsedCommand,
  GetLoginProfileCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListOrganizationsFeaturesCommand,
  ListSigningCertificatesCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  OrganizationsClient,
  TooManyRequestsException,
} from '@aws-sdk/client-organizations';
import { AssumeRootCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { ApiRate } from '../../../src/ops/aws/api-pacer';

/**
 * Centralized root access, simulated through aws-sdk-client-mock: Organizations lists the accounts,
 * STS issues one ASIA… key per AssumeRoot, and IAM answers each call from the root credentials of
 * the account whose session key signed it, allowing only what the session's task policy allows
 * (audit: reads; delete: removals). Optional latency, and token buckets that throttle like the
 * service (AssumeRoot: one bucket for the caller; IAM: one bucket per member account). Used by the
 * root-credentials tests and scripts/bench-root-credentials.ts. Ids are documentation values.
 */

export interface SimRootKey { id: string; status: 'Active' | 'Inactive'; created: string; lastUsed?: string; service?: string; region?: string }
export interface SimRootAccount {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
  readonly state?: string;
  password?: boolean;
  keys?: SimRootKey[];
  mfa?: { serial: string; enabled: string }[];
  certs?: { id: string; status: 'Active' | 'Inactive'; uploaded: string }[];
}

export interface SimRootModel {
  readonly managementAccountId: string;
  /** The caller: account and ARN (GetCallerIdentity). */
  readonly caller: { readonly account: string; readonly arn: string };
  readonly rootId: string;
  readonly ous: readonly { readonly id: string; readonly name: string; readonly parentId: string }[];
  readonly accounts: SimRootAccount[];
  /** EnabledFeatures, or an error ListOrganizationsFeatures throws. */
  readonly features: readonly string[] | Error;
}

export interface SimRootOptions {
  readonly latencyMs?: () => number;
  /** `sts:AssumeRoot` and `organizations:*` buckets (caller account). */
  readonly rates?: Readonly<Record<string, ApiRate>>;
  /** One bucket per member account for all its IAM calls. */
  readonly memberIamRate?: ApiRate;
  /** IAM list page size. @default 100 */
  readonly iamPageSize?: number;
  /** `api` or `api:<account>` → error; `api:<account>` may be a function for one-off failures. */
  readonly failures?: Readonly<Record<string, Error | (() => Error | undefined)>>;
}

export interface RootSimulation {
  readonly calls: Record<string, number>;
  readonly throttled: Record<string, number>;
  /** Every removal call made: account, api and identifier. */
  readonly removals: { account: string; api: string; id: string }[];
  /** Task policy ARN of every AssumeRoot, per account. */
  readonly sessions: { account: string; taskPolicyArn: string; durationSeconds?: number; accessKeyId: string }[];
  restore(): void;
}

export const serviceError = (name: string, message: string, httpStatusCode = 400): Error =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode } });
export const accessDenied = (message = 'User is not authorized to perform this operation') => serviceError('AccessDenied', message, 403);
export const throttling = () => serviceError('Throttling', 'Rate exceeded');

/** Installs the simulation; `restore()` removes it. */
export function simulateRootAccess(model: SimRootModel, options: SimRootOptions = {}): RootSimulation {
  const calls: Record<string, number> = {};
  const throttled: Record<string, number> = {};
  const removals: RootSimulation['removals'] = [];
  const sessions: RootSimulation['sessions'] = [];
  const keys = new Map<string, { account: string; policy: string }>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  const pageSize = options.iamPageSize ?? 100;
  const byId = new Map(model.accounts.map((a) => [a.id, a]));

  const take = (bucketKey: string, limit: ApiRate | undefined): boolean => {
    if (!limit) return true;
    const now = performance.now();
    const b = buckets.get(bucketKey) ?? { tokens: limit.burst, at: now };
    b.tokens = Math.min(limit.burst, b.tokens + ((now - b.at) / 1000) * limit.rate);
    b.at = now;
    buckets.set(bucketKey, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  };
  const failure = (api: string, account?: string): Error | undefined => {
    const f = (account ? options.failures?.[`${api}:${account}`] : undefined) ?? options.failures?.[api];
    return typeof f === 'function' ? f() : f;
  };
  const serve = async <T>(api: string, bucketKey: string, limit: ApiRate | undefined, account: string | undefined, throttle: () => Error, handler: () => T): Promise<T> => {
    calls[api] = (calls[api] ?? 0) + 1;
    const f = failure(api, account);
    if (f) throw f;
    if (!take(bucketKey, limit)) {
      throttled[api] = (throttled[api] ?? 0) + 1;
      throw throttle();
    }
    const latency = options.latencyMs?.() ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    return handler();
  };

  // Organizations
  const children = new Map<string, { ous: SimRootModel['ous'][number][]; accounts: SimRootAccount[] }>();
  const childrenOf = (id: string) => {
    let e = children.get(id);
    if (!e) children.set(id, (e = { ous: [], accounts: [] }));
    return e;
  };
  for (const ou of model.ous) childrenOf(ou.parentId).ous.push(ou);
  for (const a of model.accounts) childrenOf(a.parentId).accounts.push(a);
  const slice = <T>(items: readonly T[], token: string | undefined, size: number) => {
    const start = token ? Number(token) : 0;
    return { items: items.slice(start, start + size), next: start + size < items.length ? String(start + size) : undefined };
  };
  const orgThrottle = () => new TooManyRequestsException({ message: 'Too many requests', $metadata: { httpStatusCode: 400 } });
  const org = (api: string, handler: (input: any) => unknown) => (input: any) => serve(api, api, options.rates?.[api], undefined, orgThrottle, () => handler(input));
  const orgs = mockClient(OrganizationsClient);
  orgs.on(DescribeOrganizationCommand).callsFake(org('organizations:DescribeOrganization', () => ({ Organization: { Id: 'o-exampleorgid', MasterAccountId: model.managementAccountId } })));
  orgs.on(ListRootsCommand).callsFake(org('organizations:ListRoots', () => ({ Roots: [{ Id: model.rootId, Name: 'Root' }] })));
  orgs.on(ListAccountsCommand).callsFake(org('organizations:ListAccounts', (input) => {
    const page = slice(model.accounts, input.NextToken, 20);
    return { Accounts: page.items.map((a) => ({ Id: a.id, Name: a.name, State: a.state ?? 'ACTIVE' })), NextToken: page.next };
  }));
  orgs.on(ListAccountsForParentCommand).callsFake(org('organizations:ListAccountsForParent', (input) => {
    const page = slice(childrenOf(input.ParentId).accounts, input.NextToken, 20);
    return { Accounts: page.items.map((a) => ({ Id: a.id, Name: a.name })), NextToken: page.next };
  }));
  orgs.on(ListChildrenCommand).callsFake(org('organizations:ListChildren', (input) => {
    const page = slice(childrenOf(input.ParentId).accounts, input.NextToken, 20);
    return { Children: page.items.map((a) => ({ Id: a.id, Type: 'ACCOUNT' })), NextToken: page.next };
  }));
  orgs.on(ListOrganizationalUnitsForParentCommand).callsFake(org('organizations:ListOrganizationalUnitsForParent', (input) => {
    const page = slice(childrenOf(input.ParentId).ous, input.NextToken, 20);
    return { OrganizationalUnits: page.items.map((o) => ({ Id: o.id, Name: o.name })), NextToken: page.next };
  }));

  // STS
  let issued = 0;
  const sts = mockClient(STSClient);
  sts.on(GetCallerIdentityCommand).callsFake(() => serve('sts:GetCallerIdentity', 'sts:GetCallerIdentity', undefined, undefined, throttling, () => ({ Account: model.caller.account, Arn: model.caller.arn })));
  sts.on(AssumeRootCommand).callsFake((input: any) => serve('sts:AssumeRoot', 'sts:AssumeRoot', options.rates?.['sts:AssumeRoot'], input.TargetPrincipal, throttling, () => {
    const target = byId.get(input.TargetPrincipal);
    if (!target || target.id === model.managementAccountId) throw accessDenied(`${input.TargetPrincipal} is not a member account`);
    if (input.DurationSeconds !== undefined && input.DurationSeconds > 900) throw serviceError('ValidationError', 'DurationSeconds must be at most 900');
    const accessKeyId = `ASIA${String(++issued).padStart(16, '0')}`;
    keys.set(accessKeyId, { account: target.id, policy: input.TaskPolicyArn?.arn ?? '' });
    sessions.push({ account: target.id, taskPolicyArn: input.TaskPolicyArn?.arn ?? '', durationSeconds: input.DurationSeconds, accessKeyId });
    return { Credentials: { AccessKeyId: accessKeyId, SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', SessionToken: 'FwoGZXIvYXdzEXAMPLE', Expiration: new Date(Date.now() + 900_000) } };
  }));

  // IAM: the caller's ListOrganizationsFeatures, and every call of a root session.
  const iam = mockClient(IAMClient);
  iam.on(ListOrganizationsFeaturesCommand).callsFake(() => serve('iam:ListOrganizationsFeatures', 'caller-iam', undefined, undefined, throttling, () => {
    if (model.features instanceof Error) throw model.features;
    return { OrganizationId: 'o-exampleorgid', EnabledFeatures: [...model.features] };
  }));
  const noSuch = (message: string) => new NoSuchEntityException({ message, $metadata: { httpStatusCode: 404 } });
  /** An IAM call in a root session: resolves the account from the signing key and checks the task policy. */
  const inSession = (api: string, kind: 'read' | 'delete', handler: (account: SimRootAccount, input: any) => unknown) =>
    async (input: any, getClient: () => IAMClient) => {
      const creds = await (getClient().config.credentials as () => Promise<{ accessKeyId: string }>)();
      const session = keys.get(creds.accessKeyId);
      if (!session) throw serviceError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
      const account = byId.get(session.account)!;
      return serve(api, `iam:${account.id}`, options.memberIamRate, account.id, throttling, () => {
        const allowed = kind === 'read' ? session.policy.endsWith('/IAMAuditRootUserCredentials') : session.policy.endsWith('/IAMDeleteRootUserCredentials');
        if (!allowed) throw accessDenied(`not authorized to perform ${api} with task policy ${session.policy}`);
        if (input.UserName !== undefined) throw accessDenied('a root session names no UserName');
        return handler(account, input);
      });
    };
  const page = <T>(items: readonly T[], marker: string | undefined) => {
    const p = slice(items, marker, pageSize);
    return { items: p.items, IsTruncated: p.next !== undefined, Marker: p.next };
  };
  iam.on(GetLoginProfileCommand).callsFake(inSession('iam:GetLoginProfile', 'read', (a) => {
    if (!a.password) throw noSuch('Login Profile for User root cannot be found.');
    return { LoginProfile: { UserName: 'root', CreateDate: new Date('2020-01-01T00:00:00Z') } };
  }));
  iam.on(ListAccessKeysCommand).callsFake(inSession('iam:ListAccessKeys', 'read', (a, input) => {
    const p = page(a.keys ?? [], input.Marker);
    return { AccessKeyMetadata: p.items.map((k) => ({ AccessKeyId: k.id, Status: k.status, CreateDate: new Date(k.created) })), IsTruncated: p.IsTruncated, Marker: p.Marker };
  }));
  iam.on(GetAccessKeyLastUsedCommand).callsFake(inSession('iam:GetAccessKeyLastUsed', 'read', (a, input) => {
    const k = (a.keys ?? []).find((x) => x.id === input.AccessKeyId);
    if (!k) throw noSuch('no such key');
    return { AccessKeyLastUsed: k.lastUsed ? { LastUsedDate: new Date(k.lastUsed), ServiceName: k.service ?? 's3', Region: k.region ?? 'us-east-1' } : { ServiceName: 'N/A', Region: 'N/A' } };
  }));
  iam.on(ListMFADevicesCommand).callsFake(inSession('iam:ListMFADevices', 'read', (a, input) => {
    const p = page(a.mfa ?? [], input.Marker);
    return { MFADevices: p.items.map((d) => ({ UserName: 'root', SerialNumber: d.serial, EnableDate: new Date(d.enabled) })), IsTruncated: p.IsTruncated, Marker: p.Marker };
  }));
  iam.on(ListSigningCertificatesCommand).callsFake(inSession('iam:ListSigningCertificates', 'read', (a, input) => {
    const p = page(a.certs ?? [], input.Marker);
    return { Certificates: p.items.map((c) => ({ UserName: 'root', CertificateId: c.id, CertificateBody: '-----BEGIN CERTIFICATE-----', Status: c.status, UploadDate: new Date(c.uploaded) })), IsTruncated: p.IsTruncated, Marker: p.Marker };
  }));
  const remove = (api: string, id: string, a: SimRootAccount) => removals.push({ account: a.id, api, id });
  iam.on(DeleteLoginProfileCommand).callsFake(inSession('iam:DeleteLoginProfile', 'delete', (a) => {
    if (!a.password) throw noSuch('Login Profile for User root cannot be found.');
    a.password = false;
    remove('iam:DeleteLoginProfile', 'LoginProfile', a);
    return {};
  }));
  iam.on(DeleteAccessKeyCommand).callsFake(inSession('iam:DeleteAccessKey', 'delete', (a, input) => {
    if (!(a.keys ?? []).some((k) => k.id === input.AccessKeyId)) throw noSuch(`The Access Key with id ${input.AccessKeyId} cannot be found.`);
    a.keys = (a.keys ?? []).filter((k) => k.id !== input.AccessKeyId);
    remove('iam:DeleteAccessKey', input.AccessKeyId, a);
    return {};
  }));
  iam.on(DeleteSigningCertificateCommand).callsFake(inSession('iam:DeleteSigningCertificate', 'delete', (a, input) => {
    if (!(a.certs ?? []).some((c) => c.id === input.CertificateId)) throw noSuch('no such certificate');
    a.certs = (a.certs ?? []).filter((c) => c.id !== input.CertificateId);
    remove('iam:DeleteSigningCertificate', input.CertificateId, a);
    return {};
  }));
  iam.on(DeactivateMFADeviceCommand).callsFake(inSession('iam:DeactivateMFADevice', 'delete', (a, input) => {
    if (!(a.mfa ?? []).some((d) => d.serial === input.SerialNumber)) throw noSuch('no such MFA device');
    a.mfa = (a.mfa ?? []).filter((d) => d.serial !== input.SerialNumber);
    remove('iam:DeactivateMFADevice', input.SerialNumber, a);
    return {};
  }));

  return {
    calls, throttled, removals, sessions,
    restore() {
      orgs.restore();
      sts.restore();
      iam.restore();
    },
  };
}

/** A small organization: management account, Security (Audit), Workloads:Prod with four members of every shape. */
export function sampleOrganization(overrides: Partial<SimRootModel> = {}): SimRootModel {
  return {
    managementAccountId: '111111111111',
    caller: { account: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/Admin/alice' },
    rootId: 'r-abcd',
    ous: [
      { id: 'ou-abcd-security', name: 'Security', parentId: 'r-abcd' },
      { id: 'ou-abcd-workload', name: 'Workloads', parentId: 'r-abcd' },
      { id: 'ou-abcd-prod0000', name: 'Prod', parentId: 'ou-abcd-workload' },
    ],
    accounts: [
      { id: '111111111111', name: 'Management', parentId: 'r-abcd', password: true },
      { id: '222222222222', name: 'Audit', parentId: 'ou-abcd-security' },
      {
        id: '333333333333', name: 'Payments', parentId: 'ou-abcd-prod0000', password: true,
        keys: [
          { id: 'AKIAIOSFODNN7EXAMPLE', status: 'Active', created: '2019-05-01T10:00:00Z', lastUsed: '2026-11-30T08:00:00Z', service: 'ec2', region: 'eu-west-1' },
          { id: 'AKIAI44QH8DHBEXAMPLE', status: 'Inactive', created: '2018-02-01T10:00:00Z' },
        ],
        mfa: [{ serial: 'arn:aws:iam::333333333333:mfa/root-account-mfa-device', enabled: '2019-05-01T10:05:00Z' }],
        certs: [{ id: 'EXAMPLECERTID1234567890ABCDEFGHI', status: 'Active', uploaded: '2017-01-01T00:00:00Z' }],
      },
      { id: '444444444444', name: 'Web', parentId: 'ou-abcd-prod0000', mfa: [{ serial: 'arn:aws:iam::444444444444:mfa/root-account-mfa-device', enabled: '2021-01-01T00:00:00Z' }] },
      { id: '555555555555', name: 'Closed', parentId: 'ou-abcd-workload', state: 'SUSPENDED', password: true },
    ],
    features: ['RootCredentialsManagement', 'RootSessions'],
    ...overrides,
  };
}

export { AccountNotManagementOrDelegatedAdministratorException };

import { startLoopbackServer } from './loopback-server';

/**
 * One local HTTP endpoint that answers, as AWS would for a small organization, the calls
 * `root-guard root-credentials` makes before it removes anything (STS and IAM in the Query protocol,
 * XML answers; Organizations in JSON 1.1), and never answers the operations named in `silent`: the
 * endpoint a subprocess test points AWS_ENDPOINT_URL at, to make any one client path hang, or
 * (`delayMs`) to hold one call long enough to interrupt the process during it.
 * Shapes from the API references (GetCallerIdentity, AssumeRoot, ListOrganizationsFeatures,
 * DescribeOrganization, ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent);
 * ids are documentation values.
 */
export interface FakeAwsEndpoint {
  readonly endpoint: string;
  /** Operations received, in order. */
  readonly received: string[];
  close(): Promise<void>;
}

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const xml = (op: string, ns: string, result: string) =>
  `<${op}Response xmlns="${ns}"><${op}Result>${result}</${op}Result><ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata></${op}Response>`;

const empty = (op: string, ns: string) => `<${op}Response xmlns="${ns}"><ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata></${op}Response>`;

const QUERY: Readonly<Record<string, () => string>> = {
  // A root session in 222222222222 (Audit): a password and an MFA device, nothing else.
  GetLoginProfile: () => xml('GetLoginProfile', IAM_NS, '<LoginProfile><UserName>root</UserName><CreateDate>2020-01-01T00:00:00Z</CreateDate></LoginProfile>'),
  ListAccessKeys: () => xml('ListAccessKeys', IAM_NS, '<AccessKeyMetadata/><IsTruncated>false</IsTruncated>'),
  ListMFADevices: () => xml('ListMFADevices', IAM_NS, '<MFADevices><member><UserName>root</UserName><SerialNumber>arn:aws:iam::222222222222:mfa/root-account-mfa-device</SerialNumber><EnableDate>2021-01-01T00:00:00Z</EnableDate></member></MFADevices><IsTruncated>false</IsTruncated>'),
  ListSigningCertificates: () => xml('ListSigningCertificates', IAM_NS, '<Certificates/><IsTruncated>false</IsTruncated>'),
  DeleteLoginProfile: () => empty('DeleteLoginProfile', IAM_NS),
  DeactivateMFADevice: () => empty('DeactivateMFADevice', IAM_NS),
  GetCallerIdentity: () => xml('GetCallerIdentity', STS_NS, '<Arn>arn:aws:sts::111111111111:assumed-role/Admin/alice</Arn><UserId>AROAEXAMPLEID:alice</UserId><Account>111111111111</Account>'),
  AssumeRoot: () => xml('AssumeRoot', STS_NS, '<Credentials><AccessKeyId>ASIAEXAMPLESESSION01</AccessKeyId><SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</SecretAccessKey><SessionToken>FwoGZXIvYXdzEXAMPLE</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>'),
  ListOrganizationsFeatures: () => xml('ListOrganizationsFeatures', IAM_NS, '<OrganizationId>o-exampleorgid</OrganizationId><EnabledFeatures><member>RootCredentialsManagement</member><member>RootSessions</member></EnabledFeatures>'),
};

const JSON_OPS: Readonly<Record<string, (input: { ParentId?: string }) => unknown>> = {
  DescribeOrganization: () => ({ Organization: { Id: 'o-exampleorgid', MasterAccountId: '111111111111', FeatureSet: 'ALL' } }),
  ListRoots: () => ({ Roots: [{ Id: 'r-abcd', Name: 'Root' }] }),
  ListAccounts: () => ({ Accounts: [{ Id: '111111111111', Name: 'Management', Status: 'ACTIVE', State: 'ACTIVE' }, { Id: '222222222222', Name: 'Audit', Status: 'ACTIVE', State: 'ACTIVE' }] }),
  ListOrganizationalUnitsForParent: () => ({ OrganizationalUnits: [] }),
  ListAccountsForParent: (input) => ({
    Accounts: input.ParentId === 'r-abcd'
      ? [{ Id: '111111111111', Name: 'Management', Status: 'ACTIVE', State: 'ACTIVE' }, { Id: '222222222222', Name: 'Audit', Status: 'ACTIVE', State: 'ACTIVE' }]
      : [],
  }),
};

/** Starts the endpoint on 127.0.0.1. */
export async function startFakeAwsEndpoint(silent: readonly string[], delayMs: Readonly<Record<string, number>> = {}): Promise<FakeAwsEndpoint> {
  const received: string[] = [];
  const server = await startLoopbackServer((req, res, body) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const op = target ? target.split('.').pop() ?? '' : new URLSearchParams(body).get('Action') ?? '';
    received.push(op);
    if (silent.includes(op)) return; // accept and never answer
    if (target && JSON_OPS[op]) {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(JSON_OPS[op](JSON.parse(body || '{}'))));
    } else if (target) {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: 'InvalidInputException', message: `${op} is not served here` }));
    } else if (QUERY[op]) {
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/xml' }).end(QUERY[op]()), delayMs[op] ?? 0);
    } else {
      res.writeHead(400, { 'content-type': 'text/xml' }).end(`<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${op} is not served here</Message></Error></ErrorResponse>`);
    }
  });
  return { endpoint: server.endpoint, received, close: () => server.close() };
}

import type { IncomingHttpHeaders } from 'node:http';
import { startLoopbackServer } from './loopback-server';

/**
 * Control Tower's landing-zone API as the tests see it, in the documented shapes:
 * ListLandingZones → `{landingZones: [{arn}], nextToken}`, GetLandingZone → `{landingZone: {arn, version,
 * latestAvailableVersion, status, driftStatus: {status}, manifest, remediationTypes}}`, errors as restJson1
 * (`x-amzn-errortype` header, `{message}` body) — https://docs.aws.amazon.com/controltower/latest/APIReference/API_ListLandingZones.html,
 * API_GetLandingZone.html; the 4.0 manifest per https://docs.aws.amazon.com/controltower/latest/userguide/lz-api-launch.html.
 * Documentation values only.
 */

export const LANDING_ZONE_ARN = 'arn:aws:controltower:us-east-1:111111111111:landingzone/1A2B3C4D5E6F7G8H';

/** A 3.3 landing zone: manifest of that version (no config section: Config was always on). */
export const LANDING_ZONE_DETAIL_3_3 = {
  arn: LANDING_ZONE_ARN,
  version: '3.3',
  latestAvailableVersion: '4.0',
  status: 'ACTIVE',
  driftStatus: { status: 'IN_SYNC' },
  manifest: {
    governedRegions: ['us-east-1', 'us-west-2'],
    organizationStructure: { security: { name: 'Security' }, sandbox: { name: 'Sandbox' } },
    centralizedLogging: { accountId: '222222222222', configurations: { loggingBucket: { retentionDays: 365 }, accessLoggingBucket: { retentionDays: 365 } }, enabled: true },
    securityRoles: { accountId: '333333333333' },
    accessManagement: { enabled: true },
  },
};

/** A 4.0 landing zone with the AWS Config integration off and centralized logging on. */
export const LANDING_ZONE_DETAIL_4_0_CONFIG_OFF = {
  arn: LANDING_ZONE_ARN,
  version: '4.0',
  latestAvailableVersion: '4.0',
  status: 'ACTIVE',
  driftStatus: { status: 'DRIFTED' },
  remediationTypes: [],
  manifest: {
    accessManagement: { enabled: false },
    backup: { enabled: false },
    centralizedLogging: { accountId: '222222222222', enabled: true, configurations: { loggingBucket: { retentionDays: 365 }, accessLoggingBucket: { retentionDays: 365 } } },
    config: { accountId: '333333333333', enabled: false },
    governedRegions: ['us-east-1'],
    securityRoles: { enabled: true, accountId: '333333333333' },
  },
};

/**
 * ListBaselines' answer: `{baselines: [{arn, name, description}]}` (API_ListBaselines.html, read 2026-12-08).
 * AWSControlTowerBaseline's identifier is the one AWS's baseline API examples use
 * (https://docs.aws.amazon.com/controltower/latest/userguide/baseline-api-examples.html); the AWS Config
 * baseline's name and identifier here are made up (key-changes-lz-v4 calls it "the AWS Config Baseline").
 */
export const BASELINES = [
  { arn: 'arn:aws:controltower:us-east-1::baseline/17BSJV3IGJ2QSGA2', name: 'AWSControlTowerBaseline', description: 'Sets up resources and mandatory controls for member accounts within the target OU' },
  { arn: 'arn:aws:controltower:us-east-1::baseline/EXAMPLECONFIG0001', name: 'ConfigBaseline', description: 'AWS Config recording in the accounts of the target OU (example)' },
];

/** An EnabledBaselineSummary of ListEnabledBaselines (API_EnabledBaselineSummary.html, read 2026-12-08). */
export function enabledBaseline(baseline: 0 | 1, ouId: string, status = 'SUCCEEDED'): object {
  return {
    arn: `arn:aws:controltower:us-east-1:111111111111:enabledbaseline/EXAMPLE${baseline}${ouId.slice(-8).toUpperCase()}`,
    baselineIdentifier: BASELINES[baseline].arn,
    baselineVersion: '5.0',
    statusSummary: { lastOperationIdentifier: '58f12232-26be-4735-a3e9-dd30d90f021f', status },
    targetIdentifier: `arn:aws:organizations::111111111111:ou/o-exampleorgid/${ouId}`,
  };
}

/**
 * A 4.0 landing zone with the AWS Config integration on (manifest per lz-api-launch.html): with its
 * Config baseline on some OUs only, and no AWSControlTowerBP-BASELINE-CONFIG stack set (tests serve
 * ListStackSets without it), the case of issue 24.
 */
export const LANDING_ZONE_DETAIL_4_0_CONFIG_ON = {
  ...LANDING_ZONE_DETAIL_4_0_CONFIG_OFF,
  driftStatus: { status: 'IN_SYNC' },
  manifest: { ...LANDING_ZONE_DETAIL_4_0_CONFIG_OFF.manifest, config: { accountId: '333333333333', enabled: true, configurations: { retentionDays: 365 } } },
};

/** How the fake answers. */
export type ControlTowerScenario =
  /** `enabledBaselines`: ListEnabledBaselines' summaries, served two to a page (default none). */
  | { readonly kind: 'landing-zone'; readonly detail: object; readonly enabledBaselines?: readonly object[] }
  | { readonly kind: 'none' }
  | { readonly kind: 'access-denied' }
  /** Accepts the connection, never answers. */
  | { readonly kind: 'silent' };

/** One request the fake received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A running fake: its URL (for AWS_ENDPOINT_URL_CONTROLTOWER), what it received, and close(). */
export interface FakeControlTower {
  readonly endpoint: string;
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 (a free port). */
export async function startFakeControlTower(scenario: ControlTowerScenario): Promise<FakeControlTower> {
  const received: ReceivedRequest[] = [];
  const server = await startLoopbackServer((req, res, body) => {
    received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
    if (scenario.kind === 'silent') return;
    const send = (status: number, payload: object, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    if (scenario.kind === 'access-denied') {
      send(403, { message: 'User: arn:aws:sts::111111111111:assumed-role/ReadOnly/session is not authorized to perform: controltower:ListLandingZones' }, { 'x-amzn-errortype': 'AccessDeniedException:http://internal.amazon.com/coral/com.amazonaws.controltower/' });
    } else if (req.url === '/list-landingzones') {
      send(200, { landingZones: scenario.kind === 'none' ? [] : [{ arn: LANDING_ZONE_ARN }] });
    } else if (req.url === '/get-landingzone' && scenario.kind === 'landing-zone') {
      send(200, { landingZone: scenario.detail });
    } else if (req.url === '/list-baselines' && scenario.kind === 'landing-zone') {
      send(200, { baselines: BASELINES });
    } else if (req.url === '/list-enabled-baselines' && scenario.kind === 'landing-zone') {
      const all = scenario.enabledBaselines ?? [];
      const start = Number((JSON.parse(body || '{}') as { nextToken?: string }).nextToken ?? 0);
      send(200, { enabledBaselines: all.slice(start, start + 2), ...(start + 2 < all.length ? { nextToken: String(start + 2) } : {}) });
    } else {
      send(404, { message: `no route ${req.url}` }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
    }
  });
  return { endpoint: server.endpoint, received, close: () => server.close() };
}

/** Runs `body` with AWS_ENDPOINT_URL_CONTROLTOWER pointing at a fake of `scenario`. */
export async function withFakeControlTower<T>(scenario: ControlTowerScenario, body: (fake: FakeControlTower) => Promise<T>): Promise<T> {
  const fake = await startFakeControlTower(scenario);
  const previous = process.env.AWS_ENDPOINT_URL_CONTROLTOWER;
  process.env.AWS_ENDPOINT_URL_CONTROLTOWER = fake.endpoint;
  try {
    return await body(fake);
  } finally {
    process.env.AWS_ENDPOINT_URL_CONTROLTOWER = previous;
    await fake.close();
  }
}

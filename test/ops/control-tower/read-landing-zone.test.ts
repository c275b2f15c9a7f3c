import type { ControlTowerApi, ControlTowerOperation } from '../../../src/ops/control-tower/control-tower-api';
import { integrationsOf, readLandingZone } from '../../../src/ops/control-tower/read-landing-zone';
import { LANDING_ZONE_ARN, LANDING_ZONE_DETAIL_3_3, LANDING_ZONE_DETAIL_4_0_CONFIG_OFF } from '../../support/fake-control-tower-api';

/** A Control Tower API answering each operation from `answers` (a value, or an error to throw). */
function fakeApi(answers: Partial<Record<ControlTowerOperation, unknown>>): ControlTowerApi & { calls: [string, object][] } {
  const calls: [string, object][] = [];
  return {
    endpoint: 'https://controltower.us-east-1.amazonaws.com/',
    calls,
    async call(operation, body) {
      calls.push([operation, body]);
      const answer = answers[operation];
      if (answer instanceof Error) throw answer;
      return answer;
    },
    destroy() {},
  };
}
const listed = { landingZones: [{ arn: LANDING_ZONE_ARN }] };

describe('readLandingZone', () => {
  test('a 3.3 landing zone: version, latest version, status, drift; Config on (before 4.0 always), centralized logging from the manifest', async () => {
    const api = fakeApi({ ListLandingZones: listed, GetLandingZone: { landingZone: LANDING_ZONE_DETAIL_3_3 } });
    expect(await readLandingZone(api, 'us-east-1')).toEqual({
      landingZoneVersion: '3.3',
      landingZone: {
        arn: LANDING_ZONE_ARN, latestAvailableVersion: '4.0', status: 'ACTIVE', driftStatus: 'IN_SYNC',
        integrations: { config: 'enabled (before 4.0 always)', centralizedLogging: 'enabled' },
      },
    });
    expect(api.calls).toEqual([['ListLandingZones', { maxResults: 1 }], ['GetLandingZone', { landingZoneIdentifier: LANDING_ZONE_ARN }]]);
  });

  test('a 4.0 landing zone with the AWS Config integration off', async () => {
    const api = fakeApi({ ListLandingZones: listed, GetLandingZone: { landingZone: LANDING_ZONE_DETAIL_4_0_CONFIG_OFF } });
    expect(await readLandingZone(api, 'us-east-1')).toMatchObject({
      landingZoneVersion: '4.0',
      landingZone: { driftStatus: 'DRIFTED', integrations: { config: 'disabled', centralizedLogging: 'enabled' } },
    });
  });

  test('no landing zone: recorded as none, with the Region, and GetLandingZone is not called', async () => {
    const api = fakeApi({ ListLandingZones: { landingZones: [] } });
    expect(await readLandingZone(api, 'us-east-1')).toEqual({
      landingZoneVersion: 'none: controltower:ListLandingZones lists no landing zone in us-east-1 (Control Tower is not set up, or its home Region is another one)',
    });
    expect(api.calls).toHaveLength(1);
  });

  test('access denied: not read, naming the call and the fix, without throwing', async () => {
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    expect(await readLandingZone(fakeApi({ ListLandingZones: denied }), 'us-east-1')).toEqual({
      landingZoneVersion: 'not read: controltower:ListLandingZones failed: access denied (AccessDeniedException: grant the caller read access, or run with the management account\'s credentials)',
    });
  });

  test('GetLandingZone failing names the landing zone', async () => {
    const missing = Object.assign(new Error('The landing zone does not exist'), { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    expect((await readLandingZone(fakeApi({ ListLandingZones: listed, GetLandingZone: missing }), 'us-east-1')).landingZoneVersion)
      .toBe(`not read: controltower:GetLandingZone on ${LANDING_ZONE_ARN} failed: ResourceNotFoundException: The landing zone does not exist`);
  });

  test('a timeout: not read, with the timeout line', async () => {
    const timedOut = Object.assign(new Error('ControlTower ListLandingZones: no answer from https://controltower.us-east-1.amazonaws.com/ within 20 s'), { name: 'TimeoutError' });
    expect((await readLandingZone(fakeApi({ ListLandingZones: timedOut }), 'us-east-1')).landingZoneVersion)
      .toBe('not read: controltower:ListLandingZones: no answer from https://controltower.us-east-1.amazonaws.com/ within 20 s');
  });

  test('a version not in the documented form is not recorded as one', async () => {
    const api = fakeApi({ ListLandingZones: listed, GetLandingZone: { landingZone: { ...LANDING_ZONE_DETAIL_3_3, version: 'latest' } } });
    const reading = await readLandingZone(api, 'us-east-1');
    expect(reading.landingZone).toBeUndefined();
    expect(reading.landingZoneVersion).toMatch(/^not read: controltower:GetLandingZone on .* returned no version in the form 3\.3 \("latest"\)$/);
  });
});

describe('integrationsOf', () => {
  test('4.0: the enabled flags as they are; a section left out is disabled (the manifest is optional)', () => {
    expect(integrationsOf('4.0', { config: { enabled: true }, centralizedLogging: { enabled: false } })).toEqual({ config: 'enabled', centralizedLogging: 'disabled' });
    expect(integrationsOf('4.0', undefined)).toEqual({ config: 'disabled', centralizedLogging: 'disabled' });
  });

  test('before 4.0: Config always on; centralized logging without a flag is not interpreted', () => {
    expect(integrationsOf('3.3', { config: { enabled: false }, centralizedLogging: { accountId: '222222222222' } })).toEqual({ config: 'enabled (before 4.0 always)', centralizedLogging: 'not stated in the manifest' });
    expect(integrationsOf('3.0', { centralizedLogging: { enabled: false } }).centralizedLogging).toBe('disabled');
  });
});

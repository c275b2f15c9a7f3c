import { parseOuResolution } from '../../src/config/ou-resolution';
import { DEFAULT_LOG_GROUP_NOTICE, organizationTrailLogGroupName, plannedOrganizationTrail } from '../../src/plan/organization-trail';
import { configWith, minimalConfig } from '../support/config';
import { landingZone40RecordLines } from '../support/fake-trails';

/** A record as `root-guard resolve` writes it for a landing zone 4.0 (suffixed log group). */
const delivering = parseOuResolution(landingZone40RecordLines().join('\n'), 'root-guard.ous.yaml');

/** The same record when no trail delivers to CloudWatch Logs. */
const notDelivering = parseOuResolution(['resolvedAt: 2026-12-01T10:00:00.000Z', 'targets: {}', 'organizationTrail:', '  landingZoneVersion: "not read"'].join('\n'), 'root-guard.ous.yaml');

describe('plannedOrganizationTrail', () => {
  test('uses the config key first, even over a record', () => {
    const config = configWith((c) => { c.organizationTrail = { logGroupName: 'org-trail/Own' }; });
    expect(plannedOrganizationTrail(config, delivering)).toEqual({ logGroupName: 'org-trail/Own', source: 'config' });
  });

  test('uses the recorded log group when the config names none', () => {
    expect(plannedOrganizationTrail(minimalConfig(), delivering)).toEqual({ logGroupName: 'aws-controltower/CloudTrailLogs-tfw-qeb', source: 'resolution' });
  });

  test('falls back to the name before landing zone 4.0, with the notice to run resolve', () => {
    const planned = plannedOrganizationTrail(minimalConfig());
    expect(planned).toEqual({ logGroupName: 'aws-controltower/CloudTrailLogs', source: 'default', notice: DEFAULT_LOG_GROUP_NOTICE });
    expect(planned.notice).toContain('root-guard resolve');
  });

  test('refuses to plan when the record says no trail delivers to CloudWatch Logs, pointing at the record', () => {
    expect(() => plannedOrganizationTrail(minimalConfig(), notDelivering))
      .toThrow(/^root-guard\.ous\.yaml:4:3: organizationTrail\.logGroupName: no trail delivers to CloudWatch Logs in us-east-1.*set organizationTrail\.logGroupName/);
  });

  test('the config key rescues an organization without CloudWatch Logs delivery in the record', () => {
    const config = configWith((c) => { c.organizationTrail = { logGroupName: 'org-trail/Own' }; });
    expect(plannedOrganizationTrail(config, notDelivering).logGroupName).toBe('org-trail/Own');
  });
});

describe('organizationTrailLogGroupName', () => {
  test('has the build\'s precedence and never throws', () => {
    expect(organizationTrailLogGroupName(minimalConfig(), delivering)).toBe('aws-controltower/CloudTrailLogs-tfw-qeb');
    expect(organizationTrailLogGroupName(minimalConfig(), notDelivering)).toBe('aws-controltower/CloudTrailLogs');
    expect(organizationTrailLogGroupName(configWith((c) => { c.organizationTrail = { logGroupName: 'x/y' }; }), delivering)).toBe('x/y');
  });
});

import { checkTrailDelivery, DELIVERY_MAX_AGE_MINUTES } from '../../../../src/ops/preflight/rules/trail-delivery';

const TRAIL = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/aws-controltower-BaselineCloudTrail';
const NOW = new Date('2026-12-08T04:00:00Z');
const facts = (delivery: { latestDeliveryTime?: Date; latestDeliveryError?: string }) => ({
  region: 'us-east-1',
  managementAccountId: '111111111111',
  callerAccount: '111111111111',
  now: NOW,
  trail: { ok: true as const, value: { trailArn: TRAIL, logGroupName: 'aws-controltower/CloudTrailLogs', isLogging: true, delivery } },
});
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

describe('checkTrailDelivery', () => {
  test('passes a delivery within the hour, saying how long ago', () => {
    expect(checkTrailDelivery(facts({ latestDeliveryTime: minutesAgo(3) }))).toEqual([{
      check: 'trail-delivery', status: 'pass', target: `trail ${TRAIL}`, api: 'cloudtrail:GetTrailStatus',
      message: 'last delivery to aws-controltower/CloudTrailLogs 3 minute(s) ago, no delivery error',
    }]);
  });

  test('fails a delivery older than the delivery alarm\'s hour: the trail may log to S3 while nothing reaches the filters', () => {
    const [finding] = checkTrailDelivery(facts({ latestDeliveryTime: minutesAgo(DELIVERY_MAX_AGE_MINUTES + 1) }));
    expect(finding).toMatchObject({ status: 'fail', message: 'last delivery to CloudWatch Logs: 61 minutes ago (more than 60 minutes): no recent event can reach the filters' });
  });

  test('fails a delivery error CloudTrail reports, even with a recent delivery', () => {
    const [finding] = checkTrailDelivery(facts({ latestDeliveryTime: minutesAgo(1), latestDeliveryError: 'AccessDenied' }));
    expect(finding).toMatchObject({ status: 'fail', message: expect.stringMatching(/^CloudTrail reports a CloudWatch Logs delivery error: AccessDenied \(check the CloudWatch Logs role/) });
  });

  test('fails a trail that never delivered', () => {
    expect(checkTrailDelivery(facts({}))[0]).toMatchObject({ status: 'fail', message: expect.stringContaining('last delivery to CloudWatch Logs: never') });
  });

  test('says nothing when there is no trail or it could not be read (organization-trail reports that)', () => {
    expect(checkTrailDelivery({ ...facts({}), trail: { ok: true, value: {} } })).toEqual([]);
  });
});

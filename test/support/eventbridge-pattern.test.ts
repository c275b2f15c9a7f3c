import { toEventBridgeEvent } from './eventbridge-event';
import { matchesEventPattern } from './eventbridge-pattern';

/** The evaluator the fast-path tests rely on, checked against the examples in AWS's EventBridge guide. */
describe('matchesEventPattern', () => {
  const ec2 = {
    'detail-type': 'EC2 Instance State-change Notification',
    source: 'aws.ec2',
    region: 'us-east-1',
    resources: ['arn:aws:ec2:us-east-1:111111111111:instance/i-02ebd4584a2ebd341'],
    detail: { state: 'running', 'c-count': 3, tags: ['a', 'b'] },
  };

  test.each([
    ['an exact value', { source: ['aws.ec2'] }, true],
    ['one of several values', { source: ['aws.s3', 'aws.ec2'] }, true],
    ['a different value', { source: ['aws.s3'] }, false],
    ['values case-sensitively', { source: ['AWS.EC2'] }, false],
    ['equals-ignore-case', { source: [{ 'equals-ignore-case': 'AWS.EC2' }] }, true],
    ['a prefix', { region: [{ prefix: 'us-' }] }, true],
    ['a prefix that does not fit', { region: [{ prefix: 'eu-' }] }, false],
    ['a suffix', { source: [{ suffix: '.ec2' }] }, true],
    ['anything-but a value', { detail: { state: [{ 'anything-but': 'initializing' }] } }, true],
    ['anything-but the value itself', { detail: { state: [{ 'anything-but': 'running' }] } }, false],
    ['anything-but a list', { detail: { state: [{ 'anything-but': ['stopped', 'running'] }] } }, false],
    ['anything-but a prefix', { region: [{ 'anything-but': { prefix: 'us-' } }] }, false],
    ['anything-but another prefix', { region: [{ 'anything-but': { prefix: 'eu-' } }] }, true],
    ['a number only as a number', { detail: { 'c-count': ['3'] } }, false],
    ['a number', { detail: { 'c-count': [3] } }, true],
    ['any element of an event array', { detail: { tags: ['b'] } }, true],
    ['an element not in the event array', { detail: { tags: ['z'] } }, false],
    ['exists: true on a present leaf', { detail: { state: [{ exists: true }] } }, true],
    ['exists: false on a missing field', { detail: { 'x-limit': [{ exists: false }] } }, true],
    ['exists: false on a present field', { detail: { state: [{ exists: false }] } }, false],
    ['exists: false on an intermediate (object) node, as AWS documents', { detail: [{ exists: false }] }, true],
    ['all fields (AND)', { source: ['aws.ec2'], region: ['eu-west-1'] }, false],
  ])('matches %s as EventBridge documents', (_name, pattern, expected) => {
    expect(matchesEventPattern(pattern, ec2)).toBe(expected);
  });

  test('does not match a missing field with anything-but, prefix or a value (only exists: false does)', () => {
    for (const leaf of [[{ 'anything-but': 'x' }], [{ prefix: 'a' }], ['a'], [{ 'anything-but': { prefix: 'a' } }]]) {
      expect(matchesEventPattern({ detail: { missing: leaf } }, ec2)).toBe(false);
    }
  });

  test.each([
    ['a numeric filter', { detail: { 'c-count': [{ numeric: ['>', 0] }] } }, /unsupported content filter "numeric"/],
    ['$or', { $or: [{ source: ['aws.ec2'] }] }, /unsupported operator \$or/],
    ['an empty list', { source: [] }, /empty list/],
    ['a bare string leaf', { source: 'aws.ec2' }, /must be an array or an object/],
    ['an empty pattern', {}, /at least one field/],
    ['a filter with two operators', { source: [{ prefix: 'a', suffix: 'b' }] }, /exactly one operator/],
  ])('rejects %s instead of guessing', (_name, pattern, message) => {
    expect(() => matchesEventPattern(pattern, ec2)).toThrow(message);
  });

  test('rejects an unsupported operator even when another alternative already matches', () => {
    expect(() => matchesEventPattern({ source: ['aws.ec2', { wildcard: 'aws.*' }] }, ec2)).toThrow(/wildcard/);
  });
});

describe('toEventBridgeEvent', () => {
  test('wraps a CloudTrail record with the detail-type, source, account and region EventBridge uses', () => {
    const record = { eventType: 'AwsConsoleSignIn', eventSource: 'signin.amazonaws.com', recipientAccountId: '111111111111', awsRegion: 'us-east-1', eventTime: '2024-01-01T00:00:00Z' };
    expect(toEventBridgeEvent(record)).toMatchObject({
      'detail-type': 'AWS Console Signin via CloudTrail',
      source: 'aws.signin',
      account: '111111111111',
      region: 'us-east-1',
      detail: record,
    });
  });

  test('treats a record without eventType as an API call and rejects unknown event types', () => {
    expect(toEventBridgeEvent({ eventSource: 'sts.amazonaws.com' })['detail-type']).toBe('AWS API Call via CloudTrail');
    expect(() => toEventBridgeEvent({ eventType: 'AwsSomethingElse' })).toThrow(/no EventBridge detail-type/);
  });
});

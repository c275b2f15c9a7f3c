import {
  ROOT_ACTIVITY_EVENT_PATTERN,
  ROOT_API_EVENT_PATTERN,
  ROOT_SIGN_IN_EVENT_PATTERN,
  withAccounts,
} from '../../src/detection/root-event-pattern';
import { ROOT_ACTIVITY_FILTER_PATTERN } from '../../src/detection/root-activity-pattern';
import { compileFilterPattern } from '../../src/filter-pattern';
import { labelledCloudTrailSamples } from '../support/cloudtrail-samples';
import { toEventBridgeEvent } from '../support/eventbridge-event';
import { matchesEventPattern } from '../support/eventbridge-pattern';

const samples = labelledCloudTrailSamples();
const filter = compileFilterPattern(ROOT_ACTIVITY_FILTER_PATTERN);

describe('the root-activity event pattern (fast path)', () => {
  test.each(samples.map((s) => [s.note, s] as const))('matches exactly when the metric filter does: %s', (_note, sample) => {
    const event = toEventBridgeEvent(sample.record);
    expect(matchesEventPattern(ROOT_ACTIVITY_EVENT_PATTERN, event)).toBe(filter.matches(sample.record));
    expect(filter.matches(sample.record)).toBe(sample.expectRootAlarm);
  });

  test('the sign-in and API patterns split the root events between them: each matching event hits exactly one', () => {
    for (const sample of samples) {
      const event = toEventBridgeEvent(sample.record);
      const hits = [ROOT_SIGN_IN_EVENT_PATTERN, ROOT_API_EVENT_PATTERN].filter((p) => matchesEventPattern(p, event)).length;
      expect({ note: sample.note, hits }).toEqual({ note: sample.note, hits: sample.expectRootAlarm ? 1 : 0 });
    }
  });

  test('sends console sign-in family events (ConsoleLogin, PasswordUpdated, PasswordRecoveryRequested) to the sign-in pattern', () => {
    const signIns = samples.filter((s) => matchesEventPattern(ROOT_SIGN_IN_EVENT_PATTERN, toEventBridgeEvent(s.record)));
    expect(signIns.map((s) => s.record.eventName).sort()).toEqual(['ConsoleLogin', 'ConsoleLogin', 'PasswordRecoveryRequested', 'PasswordUpdated']);
  });

  test('matches a root console action and a read-only root call, which the metric filter counts too', () => {
    const consoleAction = { eventType: 'AwsConsoleAction', eventSource: 'health.amazonaws.com', eventName: 'ConsoleAction', userIdentity: { type: 'Root', accountId: '111111111111' } };
    const readOnly = { eventType: 'AwsApiCall', eventSource: 'iam.amazonaws.com', eventName: 'ListUsers', readOnly: true, userIdentity: { type: 'Root', accountId: '111111111111', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' } };
    for (const record of [consoleAction, readOnly]) {
      expect(filter.matches(record)).toBe(true);
      expect(matchesEventPattern(ROOT_ACTIVITY_EVENT_PATTERN, toEventBridgeEvent(record))).toBe(true);
    }
  });

  test('does not match a root identity with invokedBy, nor a service event, on either path', () => {
    const invoked = { eventType: 'AwsApiCall', eventSource: 's3.amazonaws.com', eventName: 'GetObject', userIdentity: { type: 'Root', invokedBy: 'cloudtrail.amazonaws.com' } };
    const service = { eventType: 'AwsServiceEvent', eventSource: 'kms.amazonaws.com', eventName: 'RotateKey', userIdentity: { type: 'Root' } };
    for (const record of [invoked, service]) {
      expect(filter.matches(record)).toBe(false);
      expect(matchesEventPattern(ROOT_ACTIVITY_EVENT_PATTERN, toEventBridgeEvent(record))).toBe(false);
    }
  });
});

describe('withAccounts', () => {
  const event = toEventBridgeEvent(samples[0].record); // account 111122223333

  test('restricts a pattern to the given source accounts', () => {
    expect(matchesEventPattern(withAccounts(ROOT_ACTIVITY_EVENT_PATTERN, { only: ['111122223333'] }), event)).toBe(true);
    expect(matchesEventPattern(withAccounts(ROOT_ACTIVITY_EVENT_PATTERN, { only: ['222222222222'] }), event)).toBe(false);
  });

  test('excludes the given accounts, and leaves the pattern unchanged for an empty exclusion', () => {
    expect(matchesEventPattern(withAccounts(ROOT_ACTIVITY_EVENT_PATTERN, { except: ['111122223333'] }), event)).toBe(false);
    expect(matchesEventPattern(withAccounts(ROOT_ACTIVITY_EVENT_PATTERN, { except: ['222222222222'] }), event)).toBe(true);
    expect(withAccounts(ROOT_ACTIVITY_EVENT_PATTERN, { except: [] })).toBe(ROOT_ACTIVITY_EVENT_PATTERN);
  });

  test('rejects contradictory or empty restrictions', () => {
    expect(() => withAccounts(ROOT_ACTIVITY_EVENT_PATTERN, { only: ['1'], except: ['2'] })).toThrow(/not both/);
    expect(() => withAccounts(ROOT_ACTIVITY_EVENT_PATTERN, { only: [] })).toThrow(/at least one/);
  });
});

import { accountOf, dayOf, isCloudTrailRecord, summarizeRecord, timeOf } from '../../src/backtest/cloudtrail-record';
import { cloudTrailRecord, rootLogin } from './fixtures';

describe('isCloudTrailRecord', () => {
  it('accepts objects with eventName and eventSource, and nothing else', () => {
    expect(isCloudTrailRecord(cloudTrailRecord())).toBe(true);
    expect(isCloudTrailRecord({ eventName: 'x' })).toBe(false);
    expect(isCloudTrailRecord({ eventName: 1, eventSource: 'x' })).toBe(false);
    expect(isCloudTrailRecord([cloudTrailRecord()])).toBe(false);
    expect(isCloudTrailRecord(null)).toBe(false);
    expect(isCloudTrailRecord('{"eventName":"x","eventSource":"y"}')).toBe(false);
  });
});

describe('accountOf', () => {
  it('prefers recipientAccountId, then userIdentity.accountId', () => {
    expect(accountOf(cloudTrailRecord({ recipientAccountId: '222222222222' }))).toBe('222222222222');
    expect(accountOf(cloudTrailRecord({ recipientAccountId: undefined }))).toBe('111111111111');
    expect(accountOf({ eventName: 'x', eventSource: 'y' })).toBe('unknown');
  });
});

describe('dayOf and timeOf', () => {
  it('read the UTC day and time of eventTime', () => {
    const record = cloudTrailRecord({ eventTime: '2024-03-01T23:59:59Z' });
    expect(dayOf(record)).toBe('2024-03-01');
    expect(timeOf(record)).toBe(Date.UTC(2024, 2, 1, 23, 59, 59));
  });

  it('say unknown for a missing or malformed eventTime', () => {
    expect(dayOf(cloudTrailRecord({ eventTime: '...' }))).toBe('unknown');
    expect(timeOf(cloudTrailRecord({ eventTime: '...' }))).toBeUndefined();
    expect(timeOf(cloudTrailRecord({ eventTime: undefined }))).toBeUndefined();
  });
});

describe('summarizeRecord', () => {
  it('gives what a person triages with: time, account, event, identity, source IP, user agent, error', () => {
    const record = { ...rootLogin('333333333333', '2024-05-06T07:08:09Z'), errorMessage: 'Failed authentication' };
    expect(summarizeRecord(record)).toEqual({
      time: '2024-05-06T07:08:09Z',
      account: '333333333333',
      region: 'us-east-1',
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      sourceIPAddress: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (example)',
      identity: 'Root arn:aws:iam::333333333333:root',
      error: 'Failed authentication',
      mfa: '',
      accessKey: '',
      assumedRoot: '',
    });
  });

  it('marks a record of an sts:AssumeRoot session (sessionContext.assumedRoot "true"), as hunt and investigate do', () => {
    expect(summarizeRecord({ userIdentity: { type: 'AssumedRole', sessionContext: { assumedRoot: 'true' } } }).assumedRoot).toBe('yes');
    expect(summarizeRecord({ userIdentity: { type: 'Root', sessionContext: {} } }).assumedRoot).toBe('');
  });

  it('says whether MFA was used (console sign-in MFAUsed, or the session\'s mfaAuthenticated) and the key kind', () => {
    expect(summarizeRecord({ ...rootLogin('333333333333', '2024-05-06T07:08:09Z'), additionalEventData: { MFAUsed: 'Yes' } }).mfa).toBe('yes');
    expect(summarizeRecord({ ...rootLogin('333333333333', '2024-05-06T07:08:09Z'), additionalEventData: { MFAUsed: 'No' } }).mfa).toBe('no');
    const session = (mfaAuthenticated: string, accessKeyId: string) => summarizeRecord({ userIdentity: { type: 'AssumedRole', accessKeyId, sessionContext: { attributes: { mfaAuthenticated } } } });
    expect(session('true', 'ASIAEXAMPLE')).toMatchObject({ mfa: 'yes', accessKey: 'ASIAEXAMPLE (temporary credentials)' });
    expect(session('false', 'AKIAEXAMPLE')).toMatchObject({ mfa: 'no', accessKey: 'AKIAEXAMPLE (long-term key)' });
  });
});

import { NoSuchConfigurationAggregatorException } from '@aws-sdk/client-config-service';
import { checkConfigRecording, type ConfigRecordingFacts } from '../../../../src/ops/preflight/rules/config-recording';
import type { EnrolledAccounts } from '../../../../src/ops/preflight/rules/enrolment';
import { failed, read } from '../../../support/reads';

const account = (id: string, name: string, state = 'ACTIVE') => ({ id, name, state });
const ALL = [account('111111111111', 'Management'), account('222222222222', 'Audit'), account('333333333333', 'App'), account('333333333334', 'Old', 'SUSPENDED'), account('333333333335', 'Sandbox')];
const enrolled = (...ids: string[]): EnrolledAccounts => ({ kind: 'read', accounts: new Set(ids) });
const recording = (...ids: string[]) => ({ aggregatorName: 'aws-controltower-GuardrailsComplianceAggregator', counts: read(new Map(ids.map((id) => [id, 17]))) });
const base: ConfigRecordingFacts = {
  region: 'us-east-1',
  managementAccountId: '111111111111',
  includeManagementAccount: false,
  enrolled: enrolled('222222222222', '333333333333', '333333333335'),
  targeted: { kind: 'root', accounts: read(ALL) },
};

describe('checkConfigRecording', () => {
  test('passes when every targeted account records in the home Region (Root: enrolled, active members)', () => {
    expect(checkConfigRecording({ ...base, recording: recording('222222222222', '333333333333', '333333333335') })).toEqual([{
      check: 'config-recording', status: 'pass', target: 'aggregator aws-controltower-GuardrailsComplianceAggregator', api: 'config:GetAggregateDiscoveredResourceCounts',
      message: 'all 3 account(s) the root checks target record with AWS Config in us-east-1',
    }]);
  });

  test('fails naming the accounts that record nothing, with the fix (a 4.0 landing zone with the Config integration off)', () => {
    const [finding] = checkConfigRecording({ ...base, recording: recording('222222222222') });
    expect(finding.status).toBe('fail');
    expect(finding.message).toMatch(/^2 of 3 account\(s\) the root checks target record nothing with AWS Config in us-east-1: 333333333333 \(App\), 333333333335 \(Sandbox\)\. /);
    expect(finding.message).toContain('turn on the AWS Config integration of the landing zone, or AWS Config in those accounts in us-east-1, or remove them from rootChecks.organizationalUnits');
    expect(finding.message).not.toContain('includeManagementAccount');
  });

  test('caps the list at ten accounts and says how many more', () => {
    const many = Array.from({ length: 25 }, (_, i) => account(`3333333334${String(i).padStart(2, '0')}`, `team-${i}`));
    const [finding] = checkConfigRecording({ ...base, enrolled: { kind: 'not-read' }, targeted: { kind: 'root', accounts: read(many) }, recording: recording() });
    expect(finding.message).toMatch(/^25 of 25 account\(s\) .*: 333333333400 \(team-0\), .*, 333333333409 \(team-9\) and 15 more\. /);
  });

  test('names the management account and its own fix when includeManagementAccount is on', () => {
    const [finding] = checkConfigRecording({ ...base, includeManagementAccount: true, recording: recording('222222222222', '333333333333', '333333333335') });
    expect(finding.message).toMatch(/^1 of 4 account\(s\) .*: 111111111111 \(management account\)\./);
    expect(finding.message).toContain('Control Tower never turns AWS Config on there, so set up a recorder in us-east-1 or set rootChecks.includeManagementAccount: false');
  });

  test('with OU targets, judges the active accounts directly in each OU', () => {
    const targeted = { kind: 'ous' as const, units: [
      { path: 'Workloads', accounts: read([account('333333333333', 'App'), account('333333333334', 'Old', 'SUSPENDED')]) },
      { path: 'Sandbox', accounts: failed<readonly { id: string; name: string; state: string }[]>('OU Sandbox', 'organizations:ListAccountsForParent') },
    ] };
    expect(checkConfigRecording({ ...base, targeted, recording: recording('333333333333') })[0]).toMatchObject({ status: 'pass', message: expect.stringContaining('all 1 account(s)') });
    expect(checkConfigRecording({ ...base, targeted, recording: recording() })[0].message).toMatch(/^1 of 1 account\(s\) .*: 333333333333 \(App\)\./);
  });

  test('is "not checked", with the command to run, without --aggregator or --aggregator-profile', () => {
    expect(checkConfigRecording(base)).toEqual([expect.objectContaining({
      status: 'warn', target: 'AWS Config in us-east-1', message: expect.stringContaining('run `root-guard preflight --aggregator-profile <profile of the Audit account>`'),
    })]);
  });

  test('warns, naming the options, when the aggregator does not exist for these credentials', () => {
    const counts = failed<ReadonlyMap<string, number>>('aggregator x', 'config:GetAggregateDiscoveredResourceCounts', new NoSuchConfigurationAggregatorException({ message: 'The configuration aggregator does not exist.', $metadata: {} }));
    expect(checkConfigRecording({ ...base, recording: { aggregatorName: 'aws-controltower-GuardrailsComplianceAggregator', counts } })[0]).toMatchObject({
      status: 'warn', message: expect.stringMatching(/^not checked: no aggregator named aws-controltower-GuardrailsComplianceAggregator for these credentials in us-east-1 \(.*pass --aggregator-profile/),
    });
  });

  test('warns with the reason when the aggregator denies access', () => {
    const counts = failed<ReadonlyMap<string, number>>('aggregator x', 'config:GetAggregateDiscoveredResourceCounts');
    expect(checkConfigRecording({ ...base, recording: { aggregatorName: 'x', counts } })[0]).toMatchObject({ status: 'warn', message: expect.stringMatching(/^not checked: could not read the accounts recording in us-east-1: access denied/) });
  });

  test('says nothing more when the targeted accounts could not be read (ou-path and enrolment report it)', () => {
    expect(checkConfigRecording({ ...base, targeted: undefined, recording: recording() })).toEqual([]);
    expect(checkConfigRecording({ ...base, targeted: { kind: 'root', accounts: failed('organization', 'organizations:ListAccounts') }, recording: recording() })).toEqual([]);
  });

  describe('with the landing zone root-guard resolve recorded', () => {
    const off = { version: '4.0', config: 'disabled' };
    test('Config integration off, no aggregator given: the warning says so before asking for the aggregator', () => {
      const [finding] = checkConfigRecording({ ...base, landingZone: off });
      expect(finding.status).toBe('warn');
      expect(finding.message).toMatch(/^root-guard\.ous\.yaml records landing zone 4\.0 with its AWS Config integration off: Control Tower records with AWS Config in no account\. not checked: /);
    });

    test('Config integration off and accounts record nothing: the failure starts with the record\'s fact', () => {
      const [finding] = checkConfigRecording({ ...base, landingZone: off, recording: recording('222222222222') });
      expect(finding.status).toBe('fail');
      expect(finding.message).toMatch(/^root-guard\.ous\.yaml records landing zone 4\.0 with its AWS Config integration off: .* 2 of 3 account\(s\) the root checks target record nothing/);
    });

    test('Config integration on (or before 4.0): nothing added', () => {
      for (const config of ['enabled', 'enabled (before 4.0 always)']) {
        const [finding] = checkConfigRecording({ ...base, landingZone: { version: '3.3', config }, recording: recording('222222222222', '333333333333', '333333333335') });
        expect(finding.message).toBe('all 3 account(s) the root checks target record with AWS Config in us-east-1');
      }
    });
  });
});

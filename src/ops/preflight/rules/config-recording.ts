import { RESOURCE_COUNTS_API } from '../../readers/config-recording';
import type { AccountSummary } from '../../organization';
import { compareText, listSome } from '../../text';
import { notChecked, type PreflightFinding, type Read } from '../finding';
import type { RecordedLandingZoneFacts } from '../read-trail';
import type { EnrolledAccounts, TargetedAccounts } from './enrolment';

/** What {@link checkConfigRecording} needs. */
export interface ConfigRecordingFacts {
  readonly region: string;
  readonly managementAccountId: string;
  /** rootChecks.includeManagementAccount: Control Tower never turns AWS Config on in the management account. */
  readonly includeManagementAccount: boolean;
  /** The accounts the root checks target; undefined when the OU tree could not be read (ou-path says why). */
  readonly targeted?: TargetedAccounts;
  /** With Root, CfCT deploys to enrolled accounts only (the enrolment check names the others). */
  readonly enrolled: EnrolledAccounts;
  /**
   * Resources recorded per account in `region`, from the aggregator named by --aggregator /
   * --aggregator-profile; undefined when neither was given.
   */
  readonly recording?: { readonly aggregatorName: string; readonly counts: Read<ReadonlyMap<string, number>> };
  /** The landing zone `root-guard resolve` recorded (root-guard.ous.yaml), when there is one. */
  readonly landingZone?: RecordedLandingZoneFacts;
}

/** At most this many account ids in one line; the rest are counted. */
const SHOWN = 10;

/**
 * Every account the root checks target must record with AWS Config in the home region: the Config
 * rules are created there by the root-checks stack set, and without a configuration recorder
 * CloudFormation cannot create them (PutConfigRule: NoAvailableConfigurationRecorderException) and
 * nothing would be evaluated. From landing zone 4.0 the AWS Config integration of Control Tower is
 * optional ("Key changes", https://docs.aws.amazon.com/controltower/latest/userguide/key-changes-lz-v4.html,
 * read 2026-12-05), and Control Tower never enables Config in the management account. Read from a
 * Config aggregator (src/ops/readers/config-recording.ts): an account with no resource recorded in the home
 * Region is reported. One line names them (capped, with the count), with the fix.
 */
export function checkConfigRecording(facts: ConfigRecordingFacts): PreflightFinding[] {
  const check = 'config-recording' as const;
  const api = RESOURCE_COUNTS_API;
  const { recording, region } = facts;
  // From the record: a 4.0 landing zone whose AWS Config integration is off turns Config on nowhere.
  const integrationOff = facts.landingZone?.config === 'disabled'
    ? `root-guard.ous.yaml records landing zone ${facts.landingZone.version} with its AWS Config integration off: Control Tower records with AWS Config in no account. `
    : '';
  if (!recording) {
    return [{
      check, status: 'warn', target: `AWS Config in ${region}`, api,
      message: `${integrationOff}not checked: whether the root-check accounts record with AWS Config is read from a Config aggregator `
        + '(run `root-guard preflight --aggregator-profile <profile of the Audit account>` for Control Tower\'s aggregator, or `--aggregator <name>` for one these credentials can read)',
    }];
  }
  const target = `aggregator ${recording.aggregatorName}`;
  if (!recording.counts.ok) {
    const failure = recording.counts.failure;
    if (failure.error.code === 'NoSuchConfigurationAggregatorException') {
      return [{ check, status: 'warn', target, api, message: `not checked: no aggregator named ${recording.aggregatorName} for these credentials in ${region} (Control Tower's is in the Audit account, or, from landing zone 4.0, in the AWS Config integration account: pass --aggregator-profile with a profile for it, and --aggregator with its name if it is not ${recording.aggregatorName})` }];
    }
    return [notChecked(check, failure, `read the accounts recording in ${region}`)];
  }
  const accounts = targetAccounts(facts);
  if (!accounts) return []; // the OU tree or the account list could not be read: ou-path or enrolment says why
  const counts = recording.counts.value;
  const silent = accounts.filter((a) => !counts.has(a.id)).map((a) => `${a.id} (${a.name || 'no name'})`).sort(compareText);
  if (silent.length === 0) {
    return [{ check, status: 'pass', target, api, message: `all ${accounts.length} account(s) the root checks target record with AWS Config in ${region}` }];
  }
  const management = accounts.some((a) => a.id === facts.managementAccountId && !counts.has(a.id));
  const managementFix = management
    ? `; the management account: Control Tower never turns AWS Config on there, so set up a recorder in ${region} or set rootChecks.includeManagementAccount: false`
    : '';
  return [{
    check, status: 'fail', target, api,
    message: `${integrationOff}${silent.length} of ${accounts.length} account(s) the root checks target record nothing with AWS Config in ${region}: ${listSome(silent, SHOWN)}. `
      + 'The root checks\' Config rules cannot be created there (no configuration recorder) and would evaluate nothing '
      + `(turn on the AWS Config integration of the landing zone, or AWS Config in those accounts in ${region}, or remove them from rootChecks.organizationalUnits${managementFix}). `
      + `An account whose recorder was stopped still shows what it recorded before: check one with \`aws configservice describe-configuration-recorder-status --region ${region}\` in it.`,
  }];
}

/**
 * The active accounts the root-checks stack set deploys to: with Root the enrolled members (CfCT's
 * Root), with OU paths the accounts directly in each; plus the management account when included.
 * Undefined when the accounts could not be read.
 */
function targetAccounts(facts: ConfigRecordingFacts): AccountSummary[] | undefined {
  const { targeted, managementAccountId: mgmt } = facts;
  if (!targeted) return undefined;
  let members: readonly AccountSummary[];
  if (targeted.kind === 'root') {
    if (!targeted.accounts.ok) return undefined;
    const enrolled = facts.enrolled.kind === 'read' ? facts.enrolled.accounts : undefined;
    members = targeted.accounts.value.filter((a) => a.id !== mgmt && (!enrolled || enrolled.has(a.id)));
  } else {
    members = targeted.units.flatMap((u) => (u.accounts.ok ? u.accounts.value : []));
  }
  const byId = new Map(members.filter((a) => a.state === 'ACTIVE' && a.id !== mgmt).map((a) => [a.id, a]));
  if (facts.includeManagementAccount) byId.set(mgmt, { id: mgmt, name: 'management account', state: 'ACTIVE' });
  return [...byId.values()];
}

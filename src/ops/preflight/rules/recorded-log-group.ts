import { LOG_GROUP_SOURCE_WORDS as SOURCE_WORDS, type LogGroupSource, logGroupMismatchFix } from '../../../plan/organization-trail';
import { PREFLIGHT_API, type PreflightFinding } from '../finding';
import type { OrganizationTrailFacts } from './organization-trail';

/** What {@link checkRecordedLogGroup} needs. */
export interface RecordedLogGroupFacts extends OrganizationTrailFacts {
  /** The log group the package is built for (the plan's) and where that name came from. */
  readonly planned: { readonly logGroupName: string; readonly source: LogGroupSource };
  /** root-guard.ous.yaml, for messages. */
  readonly recordFile: string;
}

/**
 * The package's log group must be the one the trail delivers to now: landing zone 4.0 gives it a
 * random suffix, an update may change it, and an organization may move to its own trail. A filter
 * on another group deploys fine and never fires (or fails with "The specified log group does not
 * exist"). The fix depends on where the package's name came from.
 */
export function checkRecordedLogGroup(facts: RecordedLogGroupFacts): PreflightFinding[] {
  const read = facts.trail;
  if (typeof read === 'string' || !read.ok || !read.value.logGroupName) return []; // organization-trail says why
  const current = read.value.logGroupName;
  const { logGroupName, source } = facts.planned;
  const target = `account ${facts.managementAccountId} ${facts.region}`;
  const api = PREFLIGHT_API.describeTrails;
  if (current === logGroupName) {
    return [{ check: 'recorded-log-group', status: 'pass', target, api, message: `the package's log group ${logGroupName} (${SOURCE_WORDS[source]}) is the one the trail delivers to` }];
  }
  const fix = logGroupMismatchFix(source, current, facts.recordFile);
  return [{
    check: 'recorded-log-group',
    status: 'fail',
    target,
    api,
    message: `the package is built for ${logGroupName} (${SOURCE_WORDS[source]}) but the trail delivers to ${current}: its metric filters would see no event (${fix})`,
  }];
}

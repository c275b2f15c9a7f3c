import en from 'zod/v4/locales/en.js';
import * as z from 'zod/mini';
import { CONTROL_TOWER_EXECUTION_ROLE } from '../plan/names';
import { CONTROL_TOWER_REGIONS, closest, eventBusRuleQuota, partitionOf, ROOT_ACCESS_KEY_RULE_UNAVAILABLE_REGIONS, ROOT_MFA_RULE_UNAVAILABLE_REGIONS } from '../aws/regions';
import { CIS_MONITORING_IDS, isCisMonitoringId } from '../detection/cis-filters';
import { showValue } from '../errors';
import { acknowledgedGaps } from './acknowledged-gaps';
import { emailAddress } from './email-address';
import { ACCOUNT_ID, accountId, homeRegion, logGroupName, namePrefix, organizationalUnitList, section } from './fields';

export { accountId, homeRegion, logGroupName, namePrefix, organizationalUnitList, organizationalUnitPath } from './fields';

// zod/mini rather than classic zod: the same core, checks and messages, but about 70 KB instead of
// about 750 KB in the CLI bundle (`import * as z` lets esbuild drop what is unused; `import { z }`
// keeps every locale), which is about 60 ms of every cold `root-guard build` (scripts/bench-build.js).
// Unlike classic, mini does not install the English messages: without them the few issues that have
// no message of ours (e.g. `alarm: 5`: "Invalid input: expected object, received number") would read
// just "Invalid input". The English locale is imported alone: `zod/locales` loads all 67 locale files
// (470 KB) to hand out one, which every test file that reads a config paid again (jest reloads modules
// per file; jest.config.js maps this import to the CommonJS twin zod ships beside it).
z.config(en());

/**
 * The schema of `root-guard.config.yaml`: the one source of the config's types.
 *
 * Every object is strict (an unknown key is an error that names the allowed keys), and every
 * message says what to write instead, because these messages are what a user reads after a typo.
 */


const alarm = z.strictObject({
  /** Alarm period; metric filters publish standard-resolution metrics, so a multiple of 60. */
  periodSeconds: z._default(z.number({ error: 'must be a number of seconds, e.g. 300' }).check(
    z.int(),
    z.refine((v: number) => v >= 60 && v % 60 === 0, {
      error: (issue) => `${String(issue.input)} is not a valid period (use a multiple of 60 seconds, e.g. 300)`,
    }),
  ), 300),
  evaluationPeriods: z._default(z.number({ error: 'must be a whole number, e.g. 1' }).check(z.int({ error: 'must be a whole number, e.g. 1' }), z.gte(1, { error: 'must be at least 1' })), 1),
  threshold: z._default(z.number({ error: 'must be a number, e.g. 1' }).check(z.gte(1, { error: 'must be at least 1 (a threshold below 1 alarms without any root activity)' })), 1),
}).check(z.superRefine((value, ctx) => {
  // CloudWatch: "the number of evaluation periods multiplied by period must be <= one day".
  if (value.periodSeconds * value.evaluationPeriods > 86400) {
    ctx.addIssue({ code: 'custom', path: ['evaluationPeriods'], message: `periodSeconds x evaluationPeriods is ${value.periodSeconds * value.evaluationPeriods} s (CloudWatch allows at most 86400 s: lower one of them)` });
  }
}));

const topicArn = /^arn:(aws|aws-us-gov):sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256})$/;

const securityTopic = z.strictObject({
  /** The security team's account (e.g. Audit): the topic is created there. */
  accountId: z.optional(accountId),
  /** Email subscribers of a created topic. */
  emails: z.optional(z.array(emailAddress, {
    error: 'must be a list of email addresses, e.g. [security@example.com]',
  }).check(
    z.minLength(1, { error: 'list at least one email address (CIS 4.3 needs a confirmed subscriber)' }),
    // One subscription per address: a repeated address would be a second subscription with the same
    // construct id. Compared without case, as mail systems treat the domain and almost always the
    // local part (https://www.rfc-editor.org/rfc/rfc5321#section-2.4).
    z.superRefine((list: string[], ctx) => {
      const seen = new Map<string, number>();
      list.forEach((email, index) => {
        const first = seen.get(email.toLowerCase());
        if (first === undefined) {
          seen.set(email.toLowerCase(), index);
        } else {
          const message = list[first] === email
            ? `${showValue(email)} is listed twice (remove the duplicate)`
            : `${showValue(email)} is listed twice: emails[${first}] is ${showValue(list[first])} (addresses are compared without case: remove the duplicate)`;
          ctx.addIssue({ code: 'custom', path: [index], message });
        }
      });
    }),
  )),
  /** An existing topic's ARN, instead of creating one. */
  arn: z.optional(z.string({ error: 'must be an SNS topic ARN' }).check(z.regex(topicArn, {
    error: (issue) => `${showValue(issue.input)} is not an SNS topic ARN (write arn:aws:sns:<region>:<account-id>:<topic-name>)`,
  }))),
}, { error: 'must be a mapping with either accountId and emails, or arn' }).check(z.superRefine((value, ctx) => {
  const creates = value.accountId !== undefined || value.emails !== undefined;
  if (value.arn !== undefined && creates) {
    ctx.addIssue({ code: 'custom', message: 'has both arn and accountId/emails (give arn to use an existing topic, or accountId and emails to create one, not both)' });
  } else if (value.arn === undefined && !creates) {
    ctx.addIssue({ code: 'custom', message: 'names no topic (give accountId and emails to create one, or arn to use an existing topic)' });
  } else if (creates) {
    if (value.accountId === undefined) ctx.addIssue({ code: 'custom', message: 'has emails but no accountId (add the security account id, e.g. accountId: "222222222222")' });
    if (value.emails === undefined) ctx.addIssue({ code: 'custom', message: 'has accountId but no emails (add emails: [security@example.com])' });
  }
}));

/** AWS Config `MaximumExecutionFrequency` values (https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigRule.html). */
export const EXECUTION_FREQUENCIES = ['One_Hour', 'Three_Hours', 'Six_Hours', 'Twelve_Hours', 'TwentyFour_Hours'] as const;

const rootChecks = z.strictObject({
  /** OUs whose accounts get the Config rules; `Root` = every enrolled account. */
  organizationalUnits: organizationalUnitList,
  /**
   * Also cover every OU nested below the listed ones. CfCT reaches only accounts directly in a named
   * OU (docs/reference/cfct.md#r6-ou-targets), so `root-guard resolve` expands the list against the live organization into
   * root-guard.ous.yaml, which the build reads (the build itself stays offline).
   */
  includeNestedOUs: z._default(z.boolean({ error: 'must be true or false' }), false),
  /** Also check that root uses a hardware MFA device (ROOT_ACCOUNT_HARDWARE_MFA_ENABLED, Security Hub IAM.6). */
  hardwareMfa: z._default(z.boolean({ error: 'must be true or false' }), false),
  /** Also check that root has no access keys (IAM_ROOT_ACCESS_KEY_CHECK, Security Hub IAM.4). */
  accessKeys: z._default(z.boolean({ error: 'must be true or false' }), true),
  /** How often the periodic rules run. */
  maximumExecutionFrequency: z._default(z.enum(EXECUTION_FREQUENCIES, {
    error: (issue) => `${showValue(issue.input)} is not a Config execution frequency (use one of ${EXECUTION_FREQUENCIES.join(', ')})`,
  }), 'TwentyFour_Hours'),
  /**
   * Deploy the checks to the management account too. Required: Control Tower does not enable AWS
   * Config there, so this is a choice the user makes knowingly (see README, "The management account").
   */
  includeManagementAccount: z.boolean({
    error: (issue) => issue.input === undefined
      ? 'is required (true deploys the Config rules to the management account, which needs an AWS Config recorder there; false leaves it to the root-activity alarm)'
      : 'must be true or false',
  }),
}, { error: section('rootChecks: { organizationalUnits: [Root], includeManagementAccount: false }') });

/**
 * One extra role name exempt from the SCP baseline's protections (`scp.exemptRoleNames`): an IAM role
 * name (1-64 of `A-Za-z0-9+=,.@_-`, https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html),
 * optionally ending in one `*` after at least 4 other characters. No other wildcard: `?` or an inner `*`
 * would match names nobody reviewed, and a short prefix would match admins' roles.
 */
const exemptRoleName = z.string({ error: 'must be an IAM role name, e.g. AWSAFTExecution' }).check(z.superRefine((value, ctx) => {
  const name = value.endsWith('*') ? value.slice(0, -1) : value;
  if (!/^[\w+=,.@-]+$/.test(name) || value.length > 64) {
    ctx.addIssue({ code: 'custom', message: `${showValue(value)} is not an IAM role name (1-64 characters of A-Za-z0-9+=,.@_-, the role's name without its path; one trailing * for a prefix)` });
  } else if (value.endsWith('*') && name.length < 4) {
    ctx.addIssue({ code: 'custom', message: `${showValue(value)}: a prefix must have at least 4 characters before the * (name the role, e.g. AWSAFTExecution, or a longer prefix)` });
  } else if (value.endsWith('*') && (name.startsWith('AWSReservedSSO') || 'AWSReservedSSO_'.startsWith(name))) {
    ctx.addIssue({ code: 'custom', message: `${showValue(value)} would exempt IAM Identity Center roles (AWSReservedSSO_*), the member admins the baseline is for (name the pipeline's role instead)` });
  } else if (name === CONTROL_TOWER_EXECUTION_ROLE || (value.endsWith('*') && CONTROL_TOWER_EXECUTION_ROLE.startsWith(name))) {
    ctx.addIssue({ code: 'custom', message: `${showValue(value)}: ${CONTROL_TOWER_EXECUTION_ROLE} is always exempt (remove it)` });
  }
}));

const scp = z.strictObject({
  /** OUs the baseline SCP is attached to (`Root` = the organization root). */
  organizationalUnits: organizationalUnitList,
  /** Deny every action by a member account's root user, except AssumeRoot sessions. */
  denyRootActions: z._default(z.boolean({ error: 'must be true or false' }), true),
  /** Deny creating root access keys. */
  denyRootAccessKeys: z._default(z.boolean({ error: 'must be true or false' }), true),
  /** Deny changes to this package's Config rules and stack-set resources except by CfCT / Control Tower roles. */
  protectBaseline: z._default(z.boolean({ error: 'must be true or false' }), true),
  /**
   * Roles of other deployment pipelines (Account Factory for Terraform, Landing Zone Accelerator) that may
   * change what `protectBaseline` protects, next to AWSControlTowerExecution; their names are protected
   * in turn (docs/root-checks-and-scps.md).
   */
  exemptRoleNames: z.optional(z.array(exemptRoleName, { error: 'must be a list of IAM role names, e.g. [AWSAFTExecution]' }).check(
    z.maxLength(10, { error: 'list at most 10 role names (each adds to every protection statement of the SCP, within its 5,120-character budget)' }),
    z.superRefine((list: string[], ctx) => {
      const seen = new Set<string>();
      list.forEach((name, index) => {
        if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [index], message: `${showValue(name)} is listed twice (remove the duplicate)` });
        seen.add(name);
      });
    }),
  )),
}, { error: section('scp: { organizationalUnits: [Workloads] }') });

/** A Region that gets a fast-alert forwarding rule (the same Region list as `homeRegion`). */
const fastAlertRegion = z.string({ error: 'must be an AWS Region name, e.g. "us-east-1"' }).check(z.superRefine((value, ctx) => {
  if (!CONTROL_TOWER_REGIONS.includes(value)) {
    const hint = value.length <= 40 ? closest(value, CONTROL_TOWER_REGIONS) : undefined;
    ctx.addIssue({ code: 'custom', message: `${showValue(value)} is not a Region root-guard knows (${hint ? `did you mean "${hint}"?` : 'use a Region name such as "eu-west-1"'})` });
  }
}));

/** Organizations' id format (https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html). */
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** At most this many named accounts: each adds two rules to the central bus (300 rules per bus by default). */
export const MAX_ACCOUNT_NAMES = 50;

const fastAlerts = z.strictObject({
  /**
   * Regions with a forwarding rule in every covered account. Console sign-in, IAM and STS events are
   * delivered in us-east-1; other root API calls in the Region where they happen.
   */
  regions: z.array(fastAlertRegion, { error: 'must be a list of Regions, e.g. [us-east-1, eu-west-1]' }).check(
    z.minLength(1, { error: 'list at least one Region (us-east-1 receives console sign-in, IAM and STS events)' }),
    z.superRefine((list: string[], ctx) => {
      const seen = new Set<string>();
      list.forEach((region, index) => {
        if (seen.has(region)) ctx.addIssue({ code: 'custom', path: [index], message: `${showValue(region)} is listed twice (remove the duplicate)` });
        seen.add(region);
      });
    }),
  ),
  /** The organization: the central bus accepts events from its principals only (aws:PrincipalOrgID). */
  organizationId: z.string({
    error: (issue) => issue.input === undefined
      ? 'is required (the central bus accepts events from this organization only; `aws organizations describe-organization` shows it, e.g. o-exampleorgid)'
      : 'must be an organization id such as o-exampleorgid',
  }).check(z.regex(ORGANIZATION_ID, { error: (issue) => `${showValue(issue.input)} is not an organization id (write o- and 10-32 lowercase letters or digits, e.g. o-exampleorgid)` })),
  /** Names printed next to account ids in alerts, e.g. { "333333333333": "Workloads Prod" }. */
  accountNames: z.optional(z.record(z.string(), z.string({ error: 'must be an account name, e.g. "Workloads Prod"' }), {
    error: 'must be a mapping of account ids to names, e.g. { "333333333333": "Workloads Prod" }',
  }).check(z.superRefine((names: Record<string, string>, ctx) => {
    const ids = Object.keys(names);
    if (ids.length > MAX_ACCOUNT_NAMES) {
      ctx.addIssue({ code: 'custom', message: `names ${ids.length} accounts (at most ${MAX_ACCOUNT_NAMES}: each named account adds two rules to the central event bus)` });
    }
    for (const id of ids) {
      if (!ACCOUNT_ID.test(id)) {
        ctx.addIssue({ code: 'custom', path: [id], message: `${showValue(id)} is not a 12-digit account id (write the id in quotes, e.g. "333333333333": "Workloads Prod")` });
      } else if (!/^[^<>"\\\u0000-\u001f]{1,64}$/.test(names[id])) {
        ctx.addIssue({ code: 'custom', path: [id], message: `${showValue(names[id])} cannot be used as an account name (use 1-64 characters without < > " \\ or line breaks: they would break the alert template)` });
      }
    }
  }))),
}, { error: section('fastAlerts: { regions: [us-east-1], organizationId: o-exampleorgid }') });

/**
 * `all`, or a list of CIS 4.x ids. Ids are strings: unquoted, YAML reads 4.10 as the number 4.1.
 * 4.3 (root usage) is always deployed; 4.16 (Security Hub enabled) is not a metric filter.
 */
const cisMonitoring = z.pipe(z.unknown().check(z.superRefine((value, ctx) => {
  const valid = `"all" or ids from ${CIS_MONITORING_IDS.join(', ')}`;
  if (value === 'all') return;
  if (typeof value === 'string' && value.toLowerCase() === 'all') {
    ctx.addIssue({ code: 'custom', message: `${showValue(value)} is not a valid value (write all in lower case)` });
    return;
  }
  if (!Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: `must be "all" or a list of CIS ids in quotes, e.g. ["4.1", "4.4"] (valid: ${valid})` });
    return;
  }
  if (value.length === 0) ctx.addIssue({ code: 'custom', message: `lists no CIS id (remove cisMonitoring to turn it off, or use ${valid})` });
  const seen = new Set<string>();
  value.forEach((id: unknown, index) => {
    const fail = (message: string) => ctx.addIssue({ code: 'custom', path: [index], message });
    if (typeof id === 'number') return fail(`${id} is a number, not a CIS id (write ids in quotes, e.g. "${id}": unquoted, YAML reads 4.10 as 4.1)`);
    if (typeof id !== 'string') return fail(`must be a CIS id in quotes, e.g. "4.1"`);
    if (id === '4.3') return fail('"4.3" (root usage) is always deployed as the root-activity alarm (remove it)');
    if (id === '4.16') return fail('"4.16" (Security Hub enabled) is not a metric filter (remove it; enable Security Hub instead)');
    if (!isCisMonitoringId(id)) return fail(`${showValue(id)} is not a CIS monitoring id root-guard supports (use ${valid})`);
    if (seen.has(id)) return fail(`${showValue(id)} is listed twice (remove the duplicate)`);
    seen.add(id);
  });
})), z.transform((value: unknown) => value as 'all' | string[]));

/**
 * Where the organization trail's CloudTrail files are (Control Tower's log archive bucket), for
 * `root-guard hunt` (docs/hunt.md). Flags override each key.
 */
const logArchive = z.strictObject({
  /** e.g. aws-controltower-logs-222222222222-us-east-1 (S3 bucket naming rules: 3-63 lower-case letters, digits, dots, hyphens). */
  bucket: z.string({ error: 'must be the log archive bucket\'s name, e.g. "aws-controltower-logs-222222222222-us-east-1"' }).check(z.superRefine((value, ctx) => {
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value)) ctx.addIssue({ code: 'custom', message: `${showValue(value)} is not an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens; write the name, not s3://…)` });
  })),
  /** The trail's prefix before AWSLogs/ (Control Tower: the organization id). */
  prefix: z.optional(z.string({ error: 'must be the object prefix before AWSLogs/, e.g. "o-exampleorgid"' })),
  organizationId: z.optional(z.string({ error: 'must be an organization id, e.g. "o-exampleorgid"' }).check(z.superRefine((value, ctx) => {
    if (!/^o-[a-z0-9]{10,32}$/.test(value)) ctx.addIssue({ code: 'custom', message: `${showValue(value)} is not an organization id (o- and 10 to 32 lower-case letters or digits, e.g. o-exampleorgid; see aws organizations describe-organization)` });
  }))),
}, { error: 'must be a mapping with bucket (and optionally prefix, organizationId)' });


/** The longest verification interval: the issue's bound, so a broken path is found within the quarter hour (docs/tamper-alerts.md, "The sentinel"). */
export const SENTINEL_MAX_DEFAULT_INTERVAL_MINUTES = 15;

/**
 * The sentinel (docs/tamper-alerts.md, "The sentinel"): a Step Functions verifier in the security
 * account that reads the management account every `intervalMinutes` and proves the detection alive.
 */
const sentinel = z.strictObject({
  /** false leaves the sentinel out of the package (its stack sets are not deployed). */
  enabled: z._default(z.boolean({ error: 'must be true or false (false leaves the sentinel out; see docs/tamper-alerts.md)' }), true),
  /**
   * Minutes between two verifications: 5 to 60. The silence alarm fires after two intervals without
   * a healthy run, the canary alarm after four (docs/tamper-alerts.md, "The sentinel").
   */
  intervalMinutes: z._default(z.number({ error: 'must be a whole number of minutes, e.g. 15' }).check(
    z.int({ error: 'must be a whole number of minutes, e.g. 15' }),
    z.refine((v: number) => v >= 5 && v <= 60, { error: (issue) => `${String(issue.input)} minutes is out of range (use 5 to 60; 15 is the default)` }),
  ), SENTINEL_MAX_DEFAULT_INTERVAL_MINUTES),
}, { error: section('sentinel: { intervalMinutes: 15 }') });

/** The organization trail's CloudWatch Logs delivery (docs/organization-trail.md). */
const organizationTrail = z.strictObject({
  /** Overrides the log group recorded by `root-guard resolve` and the default `aws-controltower/CloudTrailLogs`. */
  logGroupName,
}, { error: 'must be a mapping with logGroupName, e.g. { logGroupName: "aws-controltower/CloudTrailLogs-tfw-qeb" }' });

/** The whole config file. */
export const configSchema = z.strictObject({
  homeRegion,
  managementAccountId: accountId,
  namePrefix,
  securityTopic,
  alarm: z._default(alarm, { periodSeconds: 300, evaluationPeriods: 1, threshold: 1 }),
  rootChecks,
  scp,
  /** Fast, detailed root alerts through EventBridge (opt-in; docs/fast-alerts-and-cis.md). */
  fastAlerts: z.optional(fastAlerts),
  /** The CIS 4.x monitoring filters and alarms (opt-in; docs/fast-alerts-and-cis.md). */
  cisMonitoring: z.optional(cisMonitoring),
  /** The organization trail's archive, for `root-guard hunt` (docs/hunt.md). */
  logArchive: z.optional(logArchive),
  /** Alerts when someone switches root-guard's detection off (on by default; docs/tamper-alerts.md). */
  tamperAlerts: z._default(z.boolean({ error: 'must be true or false (false turns tamper alerts off; see docs/tamper-alerts.md)' }), true),
  /** The log group the organization trail delivers to, when not the recorded or default one (docs/organization-trail.md). */
  organizationTrail: z.optional(organizationTrail),
  /** Known gaps a team accepts, each with its target and reason (src/config/acknowledged-gaps.ts). */
  acknowledgedGaps: z.optional(acknowledgedGaps),
  /** The sentinel that proves the detection alive from the security account (on by default; docs/tamper-alerts.md). */
  sentinel: z._default(sentinel, { enabled: true, intervalMinutes: SENTINEL_MAX_DEFAULT_INTERVAL_MINUTES }),
}).check(z.superRefine((config, ctx) => {
  const arn = config.securityTopic.arn ? topicArn.exec(config.securityTopic.arn) : null;
  if (arn) {
    const [, partition, region] = arn;
    // CloudWatch alarm actions notify topics in the alarm's own Region.
    if (region !== config.homeRegion) {
      ctx.addIssue({ code: 'custom', path: ['securityTopic', 'arn'], message: `topic is in ${region} but the alarm runs in homeRegion ${config.homeRegion} (use a topic in ${config.homeRegion})` });
    } else if (partition !== partitionOf(config.homeRegion)) {
      ctx.addIssue({ code: 'custom', path: ['securityTopic', 'arn'], message: `partition "${partition}" does not match homeRegion ${config.homeRegion} (write arn:${partitionOf(config.homeRegion)}:sns:…)` });
    }
  }
  if (config.fastAlerts) {
    checkFastAlertRegions(config.homeRegion, config.fastAlerts.regions, ctx);
    checkCentralBusRules(config.homeRegion, Object.keys(config.fastAlerts.accountNames ?? {}).length, ctx);
  }
  if (ROOT_MFA_RULE_UNAVAILABLE_REGIONS.includes(config.homeRegion)) {
    ctx.addIssue({
      code: 'custom',
      path: ['homeRegion'],
      message: `AWS Config does not offer ROOT_ACCOUNT_MFA_ENABLED${config.rootChecks.hardwareMfa ? ' or ROOT_ACCOUNT_HARDWARE_MFA_ENABLED' : ''} in ${config.homeRegion} (root checks run in the home region only; see the rule's "Region exceptions" in the AWS Config guide)`,
    });
  }
  // IAM_ROOT_ACCESS_KEY_CHECK has its own Region list (src/aws/regions.ts).
  if (config.rootChecks.accessKeys && ROOT_ACCESS_KEY_RULE_UNAVAILABLE_REGIONS.includes(config.homeRegion)) {
    ctx.addIssue({
      code: 'custom',
      path: ['homeRegion'],
      message: `AWS Config does not offer IAM_ROOT_ACCESS_KEY_CHECK (rootChecks.accessKeys, on by default) in ${config.homeRegion} (set rootChecks.accessKeys: false — scp.denyRootAccessKeys still denies creating root access keys — or use a home region where the rule is offered; see the rule's Region list in the AWS Config guide)`,
    });
  }
}));

/**
 * Fast-alert Regions against the home region: forwarders route to the central bus in the home region.
 * - Same partition (ARNs and event routing do not cross partitions).
 * - Commercial: us-east-1 must be covered, it receives console sign-in, IAM and STS events
 *   (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events).
 * - AWS GovCloud (US): no cross-Region event routing ("between any AWS Regions, except AWS GovCloud (US)
 *   and China", https://aws.amazon.com/blogs/compute/expanding-cross-region-event-routing-with-amazon-eventbridge/).
 */
function checkFastAlertRegions(homeRegion: string, regions: readonly string[], ctx: z.core.$RefinementCtx): void {
  const partition = partitionOf(homeRegion);
  regions.forEach((region, index) => {
    if (partitionOf(region) !== partition) {
      ctx.addIssue({ code: 'custom', path: ['fastAlerts', 'regions', index], message: `${showValue(region)} is in another partition than homeRegion ${homeRegion} (list Regions of the same partition)` });
    } else if (partition === 'aws-us-gov' && region !== homeRegion) {
      ctx.addIssue({ code: 'custom', path: ['fastAlerts', 'regions', index], message: `${showValue(region)}: AWS GovCloud (US) has no cross-Region event routing (list only the home region, ${homeRegion})` });
    }
  });
  if (partition === 'aws' && regions.length > 0 && !regions.includes('us-east-1')) {
    ctx.addIssue({ code: 'custom', path: ['fastAlerts', 'regions'], message: 'does not include us-east-1, where root console sign-ins and IAM and STS calls are delivered (add us-east-1)' });
  }
}

/**
 * The central bus (security account, home region) holds two formatting rules per named account, one
 * pair for the other accounts and the test-alert rule; its Region's default rule quota must hold them.
 */
function checkCentralBusRules(homeRegion: string, namedAccounts: number, ctx: z.core.$RefinementCtx): void {
  const quota = eventBusRuleQuota(homeRegion);
  const rules = 2 * namedAccounts + 3;
  if (rules > quota) {
    ctx.addIssue({
      code: 'custom',
      path: ['fastAlerts', 'accountNames'],
      message: `names ${namedAccounts} accounts: the central bus in ${homeRegion} would need ${rules} rules (2 per named account + 3), and EventBridge allows ${quota} rules per bus there by default (name at most ${Math.floor((quota - 3) / 2)} accounts there)`,
    });
  }
}

/** The config after defaults are applied. */
export type RootGuardConfig = z.output<typeof configSchema>;
/** The config as written in the file. */
export type RootGuardConfigInput = z.input<typeof configSchema>;

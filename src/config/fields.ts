import * as z from 'zod/mini';
import { CONTROL_TOWER_REGIONS, closest } from '../aws/regions';
import { showValue } from '../errors';

/**
 * The config's shared field schemas: account ids, Regions, the name prefix, OU paths and log group
 * names. The config schema (schema.ts) and the generated records (root-guard.ous.yaml) both use them.
 */

export const ACCOUNT_ID = /^\d{12}$/;

/** Message for a missing or mistyped config section, with an example to copy. */
export function section(example: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined
      ? `is required (add it, e.g. ${example})`
      : `must be a mapping of keys, e.g. ${example}`;
}

/** A 12-digit AWS account id, written as a quoted string (CfCT reads YAML 1.1: see docs/reference/cfct.md#r5-quote-what-yaml-11-would-misread). */
export const accountId = z.string({
  error: (issue) =>
    typeof issue.input === 'number'
      ? 'account id must be a quoted string of 12 digits (write it in double quotes, e.g. "111111111111")'
      : 'account id must be a quoted string of 12 digits, e.g. "111111111111"',
}).check(z.regex(ACCOUNT_ID, { error: (issue) => `${showValue(issue.input)} is not a 12-digit account id (write all 12 digits, e.g. "111111111111")` }));

/** The Control Tower home region; CfCT runs there too. */
export const homeRegion = z.string({ error: 'must be an AWS Region name, e.g. "us-east-1"' }).check(z.superRefine((value, ctx) => {
  if (!CONTROL_TOWER_REGIONS.includes(value)) {
    const hint = value.length <= 40 ? closest(value, CONTROL_TOWER_REGIONS) : undefined;
    ctx.addIssue({
      code: 'custom',
      message: `${showValue(value)} is not a Region where AWS Control Tower runs (${hint ? `did you mean "${hint}"?` : 'use the Control Tower home region, e.g. "us-east-1"'})`,
    });
  }
}));

/** Prefix of every stack set, SCP and resource name. Short, because CfCT names stack sets `CustomControlTower-<name>`. */
export const namePrefix = z.string({ error: 'must be a string such as "root-guard"' }).check(
  z.regex(/^[A-Za-z][A-Za-z0-9-]{0,19}$/, {
    error: (issue) =>
      `${showValue(issue.input)} is not a valid prefix (use 1-20 letters, digits and hyphens, starting with a letter, e.g. "root-guard")`,
  }),
  z.refine((v: string) => !v.endsWith('-') && !v.includes('--'), {
    error: (issue) => `${showValue(issue.input)} must not end with a hyphen or contain "--" (names are joined as <prefix>-<part>)`,
  }),
);

/**
 * A CfCT OU target: `Root`, a top-level OU name (`Workloads`) or a nested path without `Root:`
 * (`Workloads:Prod`). CfCT reaches only the accounts directly in the named OU
 * (docs/reference/cfct.md#r6-ou-targets).
 */
export const organizationalUnitPath = z.string({ error: 'must be an OU name or path such as "Workloads:Prod"' }).check(
  // A refine, not a superRefine: the same issue, but zod's superRefine sets up an addIssue closure on
  // every value, and a 1,000-OU config validates 2,000 paths (saves about 5 ms of such a build, measured).
  z.refine((value: string) => ouPathProblem(value) === undefined, { error: (issue) => ouPathProblem(issue.input as string) }),
);

/** What is wrong with an OU path, with the fix; undefined for a valid CfCT target. */
function ouPathProblem(value: string): string | undefined {
  if (value.trim() === '') return 'OU path is empty (write an OU name such as "Workloads", or "Root")';
  if (value !== value.trim()) return `${showValue(value)} has leading or trailing spaces (write ${showValue(value.trim())})`;
  if (/^root:/i.test(value)) {
    return `${showValue(value)} starts with "Root:" (CfCT paths leave out the root: write ${showValue(value.replace(/^root:/i, ''))})`;
  }
  if (value !== 'Root' && value.toLowerCase() === 'root') return `${showValue(value)} is not an OU path (write "Root" for every enrolled account)`;
  if (value.includes('/')) {
    return `${showValue(value)} is not an OU path (use ${showValue(value.split('/').map((s) => s.trim()).filter(Boolean).join(':'))}: CfCT separates nested OUs with ":")`;
  }
  const segments = value.split(':');
  if (segments.some((s) => s.trim() === '')) {
    return `${showValue(value)} has an empty segment (write the path as "Parent:Child", e.g. ${showValue(segments.filter((s) => s.trim()).join(':') || 'Workloads:Prod')})`;
  }
  if (segments.some((s) => s !== s.trim())) {
    return `${showValue(value)} has spaces around ":" (write ${showValue(segments.map((s) => s.trim()).join(':'))})`;
  }
  if (segments.some((s) => s.length > 128)) return `${showValue(value)} has a segment longer than 128 characters (OU names are at most 128)`;
  return undefined;
}

/** A list of OU targets: `Root` alone, or OUs without duplicates. */
export const organizationalUnitList = z.array(organizationalUnitPath, { error: 'must be a list of OU paths, e.g. [Workloads, "Workloads:Prod"]' }).check(
  z.minLength(1, { error: 'list at least one OU (or "Root" for every enrolled account)' }),
  z.superRefine((list: string[], ctx) => {
    if (list.includes('Root') && list.length > 1) {
      ctx.addIssue({ code: 'custom', message: '"Root" already covers every enrolled account and CfCT ignores the other entries (list "Root" alone, or only OUs)' });
    }
    const seen = new Set<string>();
    list.forEach((ou, index) => {
      if (seen.has(ou)) ctx.addIssue({ code: 'custom', path: [index], message: `${showValue(ou)} is listed twice (remove the duplicate)` });
      seen.add(ou);
    });
  }),
);

/**
 * A CloudWatch Logs log group name: 1 to 512 characters of a-z, A-Z, 0-9, `_`, `-`, `/`, `.` and `#`
 * (CreateLogGroup, https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html,
 * pattern `[\.\-_/#A-Za-z0-9]+`, read 2026-12-05). Shared with the resolution record (root-guard.ous.yaml).
 */
export const logGroupName = z.string({ error: 'must be a log group name, e.g. "aws-controltower/CloudTrailLogs"' }).check(z.superRefine((value, ctx) => {
  if (value.startsWith('arn:')) {
    ctx.addIssue({ code: 'custom', message: `${showValue(value.length > 80 ? `${value.slice(0, 80)}…` : value)} is an ARN (write only the log group's name, the part after log-group:, e.g. "aws-controltower/CloudTrailLogs")` });
  } else if (!/^[.\-_/#A-Za-z0-9]{1,512}$/.test(value)) {
    ctx.addIssue({ code: 'custom', message: `${showValue(value.length > 80 ? `${value.slice(0, 80)}…` : value)} is not a log group name (1 to 512 letters, digits and _ - / . #; copy it from the trail's CloudWatch Logs settings or run \`root-guard resolve\`)` });
  }
}));

import { type CommandCall, COMMAND_CALLS, type PolicySubject, ROOT_TASK_POLICY_ARNS } from './command-calls';

/**
 * The IAM policies for the people who run root-guard, generated from {@link COMMAND_CALLS}
 * (`npm run iam` writes them to `iam/`; a test fails when the files differ from what this renders):
 * - `root-guard-read-only`: preflight, resolve, audit, investigate, hunt. Only Describe/Get/List calls,
 *   plus the queries `investigate` and `hunt` run, and Athena's writes of `hunt`'s results to Athena's
 *   result buckets;
 * - one each for `publish`, `test-alert` (management account), `test-alert-fast-path` (security
 *   account) and `root-credentials`, whose writes are limited to root-guard's resources where IAM can
 *   name them.
 * ARNs are for the `aws` partition; in AWS GovCloud (US) write `arn:aws-us-gov:` (docs/operating.md).
 */

/** One generated policy. */
export interface PolicyFile {
  /** File name under `iam/`. */
  readonly file: string;
  /** The commands it is for. */
  readonly subjects: readonly PolicySubject[];
  /** Where to attach it. */
  readonly account: string;
  readonly document: PolicyDocument;
}

interface Statement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

/** An IAM identity-based policy document. */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Statement[];
}

/** Calls that only read: what the read-only policy may hold outside its queries statement. */
export const READ_VERB = /^[a-z0-9-]+:(Describe|Get|List|Lookup)/;

/** The policies, in the order the docs list them. */
export const POLICY_FILES: readonly { readonly file: string; readonly subjects: readonly PolicySubject[]; readonly account: string }[] = [
  { file: 'root-guard-read-only.json', subjects: ['preflight', 'resolve', 'audit', 'investigate', 'hunt'], account: 'management account (audit --topic-profile: also the security account)' },
  { file: 'root-guard-publish.json', subjects: ['publish'], account: 'management account' },
  { file: 'root-guard-test-alert.json', subjects: ['test-alert'], account: 'management account' },
  { file: 'root-guard-test-alert-fast-path.json', subjects: ['test-alert-fast-path'], account: 'security account (--security-profile)' },
  { file: 'root-guard-root-credentials.json', subjects: ['root-credentials'], account: 'management account or IAM delegated administrator' },
];

/** The actions a subject's operator needs (not those its AssumeRoot sessions get from a task policy). */
export function operatorCalls(subject: PolicySubject): CommandCall[] {
  return COMMAND_CALLS[subject].filter((call) => call.by !== 'root-session');
}

/** Every policy, rendered. */
export function renderPolicies(): PolicyFile[] {
  return POLICY_FILES.map(({ file, subjects, account }) => ({ file, subjects, account, document: policyFor(subjects) }));
}

/** The policy of a set of commands: statements grouped by what they may touch. */
function policyFor(subjects: readonly PolicySubject[]): PolicyDocument {
  const calls = subjects.flatMap(operatorCalls);
  const statements: Statement[] = [];
  const add = (sid: string, filter: (call: CommandCall) => boolean, extra: Partial<Statement> = {}) => {
    const chosen = calls.filter(filter);
    if (chosen.length === 0) return;
    const byResources = new Map<string, Set<string>>();
    for (const call of chosen) {
      const key = JSON.stringify(call.resources ?? ['*']);
      if (!byResources.has(key)) byResources.set(key, new Set());
      byResources.get(key)?.add(call.action);
    }
    let n = 0;
    for (const [key, actions] of [...byResources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const resources = JSON.parse(key) as string[];
      statements.push({
        Sid: byResources.size === 1 ? sid : `${sid}${++n}`,
        Effect: 'Allow',
        Action: [...actions].sort(),
        Resource: resources.length === 1 ? resources[0] : resources,
        ...extra,
      });
    }
  };
  const assumeRoot = (call: CommandCall) => call.action === 'sts:AssumeRoot';
  add('Read', (call) => READ_VERB.test(call.action) && !call.resources);
  add('RunQueries', (call) => !READ_VERB.test(call.action) && !call.resources && !assumeRoot(call));
  add('Limited', (call) => call.resources !== undefined && !assumeRoot(call));
  // Only the task policies root-credentials uses (the IAM and STS condition keys page:
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html, "sts:TaskPolicyArn").
  add('AssumeRootWithTaskPolicy', assumeRoot, { Condition: { StringEquals: { 'sts:TaskPolicyArn': ROOT_TASK_POLICY_ARNS } } });
  return { Version: '2012-10-17', Statement: dedupe(statements) };
}

/** One action once per policy: the read-only policy joins five commands that read the same things. */
function dedupe(statements: Statement[]): Statement[] {
  return statements.map((s) => ({ ...s, Action: [...new Set(s.Action)] }));
}

/** The file's text: 2-space JSON and a trailing newline, as `npm run iam` writes it. */
export function policyText(document: PolicyDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Whether `subject`'s policy allows `action` (the actions the tests see each command send). */
export function policyAllows(subject: PolicySubject, action: string): boolean {
  const file = POLICY_FILES.find((p) => p.subjects.includes(subject));
  const document = file ? policyFor(file.subjects) : undefined;
  return document?.Statement.some((s) => s.Action.includes(action)) ?? false;
}

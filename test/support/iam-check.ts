import { COMMAND_CALLS, type PolicySubject } from '../../src/iam/command-calls';
import { policyAllows } from '../../src/iam/policies';
import type { RecordedCall } from './sdk-call-recorder';

/**
 * Checks the SDK calls one `root-guard <command>` run sent against that command's IAM policy in `iam/`
 * (src/iam/policies.ts): every CLI test that runs a command through test/support/cli.ts fails when the
 * command sends a call its policy does not allow, naming the call and where to add it.
 */

/** The policy subject a call belongs to: the command, or the fast path for `--security-profile` clients. */
function subjectOf(command: string, args: readonly string[], call: RecordedCall): PolicySubject | undefined {
  const securityProfile = args[args.indexOf('--security-profile') + 1];
  if (command === 'test-alert' && args.includes('--security-profile') && call.profile === securityProfile) return 'test-alert-fast-path';
  if (command === 'resolve-ous') return 'resolve';
  return command in COMMAND_CALLS ? (command as PolicySubject) : undefined;
}

/** The calls of a run that the command's policy does not allow, one line each (empty when all are). */
export function callsOutsidePolicy(args: readonly string[], calls: readonly RecordedCall[]): string[] {
  const command = args.find((a) => !a.startsWith('-')) ?? '';
  const lines = new Set<string>();
  for (const call of calls) {
    const subject = subjectOf(command, args, call);
    const allowed = subject !== undefined && (policyAllows(subject, call.action)
      || COMMAND_CALLS[subject].some((c) => c.by === 'root-session' && c.action === call.action));
    if (!allowed) {
      lines.add(`root-guard ${command} sent ${call.command} (${call.action})${call.profile ? ` with profile ${call.profile}` : ''}, which ${subject ? `the ${subject} policy in iam/ does not allow` : 'no policy in iam/ covers'}: add it to src/iam/command-calls.ts and run \`npm run iam\``);
    }
  }
  return [...lines];
}

/** Throws when a run sent a call outside its policy. */
export function assertCallsWithinPolicy(args: readonly string[], calls: readonly RecordedCall[]): void {
  const outside = callsOutsidePolicy(args, calls);
  if (outside.length > 0) throw new Error(outside.join('\n'));
}

/**
 * Writes the IAM policies for the people who run root-guard to iam/ (npm run iam), from the one list
 * of calls each command makes (src/iam/command-calls.ts). test/iam/policies.test.ts fails when the
 * committed files differ from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { policyText, renderPolicies } from '../src/iam/policies';

const dir = join(__dirname, '..', 'iam');
for (const policy of renderPolicies()) {
  writeFileSync(join(dir, policy.file), policyText(policy.document));
  process.stdout.write(`wrote iam/${policy.file} (${policy.subjects.join(', ')}: ${policy.account})\n`);
}

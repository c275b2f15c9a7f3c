import { absentCheckerLine, CFCT_MANIFEST_CHECK, CFN_LINT, cfctCheckerPresent, decideJudge, isJudgeAvailable, missingJudgeLine } from './external-judges';

/**
 * jest globalSetup: one line per external judge that is not installed, printed once per run (the
 * test files skip its tests quietly); under CI=true a missing judge fails the run here.
 */
export default function checkExternalJudges(): void {
  const missing: string[] = [];
  for (const judge of [CFN_LINT, CFCT_MANIFEST_CHECK]) {
    if (judge === CFCT_MANIFEST_CHECK && !cfctCheckerPresent()) {
      process.stderr.write(`${absentCheckerLine()}\n`);
      continue;
    }
    const decision = decideJudge(isJudgeAvailable(judge), process.env);
    if (decision === 'run') continue;
    const line = missingJudgeLine(judge, decision);
    if (decision === 'fail') missing.push(line);
    else process.stderr.write(`${line}\n`);
  }
  if (missing.length > 0) throw new Error(missing.join('\n'));
}

import { absentCheckerLine, CFN_LINT, CFCT_MANIFEST_CHECK, decideJudge, isCi, missingJudgeLine, onPath } from './external-judges';

describe('external judges', () => {
  test('an installed judge runs, in CI or not', () => {
    expect(decideJudge(true, {})).toBe('run');
    expect(decideJudge(true, { CI: 'true' })).toBe('run');
  });

  test('a missing judge is skipped on a user\'s machine and fails the run under CI=true', () => {
    expect(decideJudge(false, {})).toBe('skip');
    expect(decideJudge(false, { CI: 'false' })).toBe('skip');
    expect(decideJudge(false, { CI: 'true' })).toBe('fail');
    expect(decideJudge(false, { CI: '1' })).toBe('fail');
    expect([isCi({ CI: '' }), isCi({ CI: 'true' })]).toEqual([false, true]);
  });

  test('the skip line names the judge, what goes unchecked, and how to install it on Linux and macOS', () => {
    expect(missingJudgeLine(CFN_LINT, 'skip')).toBe(
      'judge skipped: cfn-lint (checks every template against the CloudFormation resource specification) is not installed '
      + '(install it: Linux: pipx install cfn-lint (or pip install cfn-lint); macOS: brew install cfn-lint)',
    );
    expect(missingJudgeLine(CFCT_MANIFEST_CHECK, 'fail')).toBe(
      "judge missing: CfCT manifest check (Python 3 with pykwalify, PyYAML, dateutil) (checks the manifest against CfCT's own pykwalify schema and PyYAML's reading of it) is not installed, and CI=true does not skip judges "
      + '(install it: Linux: apt-get install python3-pykwalify python3-yaml python3-dateutil; macOS: python3 -m pip install pykwalify pyyaml python-dateutil)',
    );
  });

  test("a clone without the CfCT checker beside it says so, and that the project's own validator checks the manifest", () => {
    expect(absentCheckerLine('/x/shared/tools/cfct-schema-check')).toBe(
      "judge skipped: CfCT's pykwalify manifest check (a second opinion) is not beside this repository (/x/shared/tools/cfct-schema-check does not exist); "
      + "the project's own validator (src/cfct-manifest) checks the manifest, its schema, CfCT's rules and the files it names in every run",
    );
  });

  test('finds executables on PATH without running them', () => {
    expect(onPath('node', { PATH: process.execPath.replace(/[\\/]node(\.exe)?$/, '') })).toBe(true);
    expect(onPath('cfn-lint', { PATH: '/nonexistent' })).toBe(false);
    expect(onPath('cfn-lint', {})).toBe(false);
  });
});

import { FilterPattern } from 'aws-cdk-lib/aws-logs';
import { ROOT_ACTIVITY_FILTER_PATTERN } from '../../src/detection/root-activity-pattern';
import { deployedMetricFilters } from '../../src/detection/metric-filters';
import { compileFilterPattern, FilterPatternError } from '../../src/filter-pattern';
import { UserError } from '../../src/errors';
import { labelledCloudTrailSamples as loadSamples } from '../support/cloudtrail-samples';

describe('the root-activity pattern over the labelled CloudTrail samples', () => {
  const samples = loadSamples();
  const root = compileFilterPattern(ROOT_ACTIVITY_FILTER_PATTERN);

  it('has both matching and non-matching samples to judge by', () => {
    expect(samples.length).toBeGreaterThanOrEqual(12);
    expect(samples.some((s) => s.expectRootAlarm)).toBe(true);
    expect(samples.some((s) => !s.expectRootAlarm)).toBe(true);
  });

  it.each(loadSamples().map((s, i) => [i + 1, s.expectRootAlarm, s.note, s] as const))(
    'sample %i: matches=%s (%s)',
    (_n, expected, _note, sample) => {
      expect(root.matches(sample.record)).toBe(expected);
    },
  );

  it('gives the same answer for the record as JSON text as for the parsed record', () => {
    for (const sample of samples) {
      expect(root.matches(JSON.stringify(sample.record))).toBe(sample.expectRootAlarm);
    }
  });

  it('gives the same answer for the CIS v3.0 spaced and the cloudsploit unquoted forms', () => {
    const spaced = compileFilterPattern('{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }');
    const unquoted = compileFilterPattern('{ $.userIdentity.type = Root && $.userIdentity.invokedBy NOT EXISTS && $.eventType != AwsServiceEvent }');
    for (const sample of samples) {
      expect(spaced.matches(sample.record)).toBe(sample.expectRootAlarm);
      expect(unquoted.matches(sample.record)).toBe(sample.expectRootAlarm);
    }
  });
});

describe('compileFilterPattern', () => {
  it('compiles every filter the package deploys', () => {
    for (const filter of deployedMetricFilters({ logGroupName: 'aws-controltower/CloudTrailLogs', namePrefix: 'root-guard' })) {
      expect(compileFilterPattern(filter.pattern).source).toBe(filter.pattern);
    }
  });

  it('compiles what aws-cdk-lib FilterPattern emits, with the meaning CDK documents', () => {
    const event = { a: 'b', c: null, d: false, n: 2e21, msg: 'bind: address already in use' };
    const cases: [string, boolean][] = [
      [FilterPattern.exists('$.a').logPatternString, true],
      [FilterPattern.exists('$.zz').logPatternString, false],
      [FilterPattern.notExists('$.zz').logPatternString, true],
      [FilterPattern.isNull('$.c').logPatternString, true],
      [FilterPattern.booleanValue('$.d', false).logPatternString, true],
      [FilterPattern.numberValue('$.n', '>=', 1e21).logPatternString, true],
      [FilterPattern.stringValue('$.a', '=', 'b').logPatternString, true],
      [FilterPattern.regexValue('$.msg', '=', 'address:?').logPatternString, true],
      [FilterPattern.all(FilterPattern.stringValue('$.a', '=', 'b'), FilterPattern.any(FilterPattern.isNull('$.c'), FilterPattern.booleanValue('$.d', true))).logPatternString, true],
      [FilterPattern.all(FilterPattern.stringValue('$.a', '=', 'x'), FilterPattern.isNull('$.c')).logPatternString, false],
    ];
    for (const [pattern, expected] of cases) {
      expect({ pattern, matches: compileFilterPattern(pattern).matches(event) }).toEqual({ pattern, matches: expected });
    }
  });

  it('never matches event text that is not JSON', () => {
    expect(compileFilterPattern('{ $.a = "*" }').matches('a=1 not json')).toBe(false);
  });

  it('throws a FilterPatternError, which the CLI prints as a UserError, for a bad pattern', () => {
    let error: unknown;
    try {
      compileFilterPattern('{ $.a EXISTS }');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FilterPatternError);
    expect(error).toBeInstanceOf(UserError);
    expect((error as FilterPatternError).position).toBe(6);
  });
});

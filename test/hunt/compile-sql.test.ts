import { compileFilterPattern } from '../../src/filter-pattern';
import { FilterPatternError } from '../../src/filter-pattern/errors';
import { deployedMetricFilters } from '../../src/detection/metric-filters';
import { compilePatternToSql } from '../../src/hunt/compile-sql';
import { cloudTrailRecord, rootLogin } from '../backtest/fixtures';
import { labelledCloudTrailSamples } from '../support/cloudtrail-samples';
import { openCloudTrailDb, type CloudTrailDb } from './duckdb-cloudtrail';

/** Records that put each pattern form at its edges: absent vs null vs present, numbers as written, odd names. */
const FIELD_RECORDS: string[] = [
  JSON.stringify(cloudTrailRecord({ requestParameters: { bucketName: 'b', n: '0400', flag: true, nothing: null, list: [1, 2], obj: { a: 1 }, 'dotted.name': 'x' } })),
  JSON.stringify(cloudTrailRecord({ requestParameters: null, errorCode: 'AccessDenied', userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::111111111111:assumed-role/r/s', accountId: '111111111111', accessKeyId: 'ASIAEXAMPLE', sessionContext: { attributes: { mfaAuthenticated: 'true', creationDate: '2024-03-01T09:00:00Z' } } } })),
  JSON.stringify(cloudTrailRecord({ requestParameters: { bucketName: 'B', n: 400, flag: 'true', nothing: 'x' }, errorCode: 'Client.UnauthorizedOperation' })),
  '{"eventVersion":"1.08","eventTime":"2024-03-02T00:00:01Z","eventSource":"ec2.amazonaws.com","eventName":"RunInstances","awsRegion":"eu-west-1","recipientAccountId":"222222222222","userIdentity":{"type":"IAMUser","accountId":"222222222222","accessKeyId":"AKIAEXAMPLE"},"requestParameters":{"n":12.0,"m":1e3,"bucketName":"a%b_c"},"readOnly":false}',
  JSON.stringify(rootLogin('222222222222', '2024-03-02T10:00:00Z')),
  JSON.stringify(cloudTrailRecord({ userIdentity: { type: 'Root', arn: 'arn:aws:iam::111111111111:root', accountId: '111111111111', invokedBy: 'support.amazonaws.com' }, eventType: 'AwsServiceEvent' })),
  // An sts:AssumeRoot call as AWS's "Track privileged tasks" page shows it (issue 24 §5).
  JSON.stringify(cloudTrailRecord({ eventName: 'AssumeRoot', eventSource: 'sts.amazonaws.com', userIdentity: { type: 'AssumedRole', accountId: '111111111111', accessKeyId: 'ASIAEXAMPLE', sessionContext: { attributes: { mfaAuthenticated: 'false' }, assumedRoot: 'true' } } })),
];

/** Patterns that exercise each SQL form; each must give the engine's answer on every record. */
const FIELD_PATTERNS = [
  '{ $.requestParameters.bucketName = "b" }',
  '{ $.userIdentity.sessionContext.assumedRoot = "true" }',
  '{ $.userIdentity.sessionContext.assumedRoot NOT EXISTS }',
  '{ $.userIdentity.type = "AssumedRole" && $.userIdentity.sessionContext.assumedRoot != "true" }',
  '{ $.requestParameters.bucketName != "b" }',
  '{ $.requestParameters.bucketName = "a%b_c" }',
  '{ $.requestParameters.bucketName = "*%b*" }',
  '{ $.requestParameters.bucketName = "*" }',
  '{ $.requestParameters.nothing IS NULL }',
  '{ $.requestParameters.nothing NOT EXISTS }',
  '{ $.requestParameters.nothing != "x" }',
  '{ $.requestParameters.flag IS TRUE }',
  '{ $.requestParameters.flag = true }',
  '{ $.requestParameters.n = 400 }',
  '{ $.requestParameters.n != 400 }',
  '{ $.requestParameters.n > 100 }',
  '{ $.requestParameters.n = "12.0" }',
  '{ $.requestParameters.n = "12" }',
  // (not `m = %e3$%`: DuckDB's JSON reader normalises 1e3 to 1000.0 where Trino keeps the text; 12.0 above is kept by both)
  '{ $.requestParameters.list = "*" }',
  '{ $.requestParameters.list[1] = 2 }',
  '{ $.requestParameters.obj != "x" }',
  "{ $.requestParameters.['dotted.name'] = x }",
  '{ $.userIdentity.invokedBy NOT EXISTS }',
  '{ $.userIdentity.sessionContext.attributes.mfaAuthenticated = "true" }',
  '{ $.userIdentity.accessKeyId = "ASIA*" }',
  '{ $.errorCode = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*" }',
  '{ $.errorCode != "AccessDenied" }',
  '{ $.readOnly = false }',
  '{ $.recipientAccountId = 222222222222 }',
  '{ ($.eventName = %^Run% && $.awsRegion = eu-west-1) || $.eventType = "AwsConsoleSignIn" }',
];

describe('compilePatternToSql: the same answers as the local engine (DuckDB over the samples)', () => {
  const sampleTexts = labelledCloudTrailSamples().map((s) => JSON.stringify(s.record));
  const texts = [...sampleTexts, ...FIELD_RECORDS];
  let db: CloudTrailDb;
  beforeAll(async () => {
    db = await openCloudTrailDb(texts);
  });
  afterAll(() => db.close());

  const deployed = deployedMetricFilters({ logGroupName: 'aws-controltower/CloudTrailLogs', namePrefix: 'root-guard', cisMonitoring: 'all' }).map((f) => [f.id, f.pattern]);
  const patterns: [string, string][] = [...deployed.map(([id, p]) => [id, p] as [string, string]), ...FIELD_PATTERNS.map((p) => [p, p] as [string, string])];

  it.each(patterns)('%s', async (_id, pattern) => {
    const engine = compileFilterPattern(pattern);
    const expected = texts.flatMap((t, i) => (engine.matches(JSON.parse(t), t) ? [i] : []));
    const rows = await db.query(`SELECT idx FROM cloudtrail WHERE ${compilePatternToSql(pattern)} ORDER BY idx`);
    expect(rows.map((r) => r.idx)).toEqual(expected);
  });

  it('matches something with most deployed patterns on these records (the comparison is not vacuous)', async () => {
    let matching = 0;
    for (const [, pattern] of deployed) {
      const rows = await db.query(`SELECT count(*) AS n FROM cloudtrail WHERE ${compilePatternToSql(pattern)}`);
      if (Number(rows[0].n) > 0) matching++;
    }
    expect(matching).toBeGreaterThanOrEqual(3);
  });
});

describe('compilePatternToSql: refuses what SQL over the table cannot say exactly', () => {
  const refused: [string, string][] = [
    ['{ $.arrayKey[*] = 1 }', 'wildcard'],
    ['{ $.requestParameters.items[*].id = 1 }', 'wildcard'],
    ['{ $.errorCode IS NULL }', 'JSON null, an absent field'],
    ['{ $.readOnly IS TRUE }', 'JSON null, an absent field'],
    ['{ $.requestParameters NOT EXISTS }', 'whole JSON column'],
    ['{ $.userIdentity NOT EXISTS }', 'struct column'],
    ['{ $.resources[0].ARN = "x" }', 'the table\'s resources column is an array of structs, and a filter on an array position'],
    ['{ $.userIdentity.credentialId = "x" }', '"credentialId" is not a field'],
    ['{ $.eventName.x = "y" }', 'stores as text'],
    ['{ $.eventname = "ConsoleLogin" }', '"eventname" is not a field'],
  ];
  it.each(refused)('%s', (pattern, fragment) => {
    let error: unknown;
    try {
      compilePatternToSql(pattern);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FilterPatternError);
    expect((error as FilterPatternError).reason).toContain(fragment);
    expect((error as FilterPatternError).reason).toContain('hunt cannot run this in Athena exactly');
  });

  it('still reports syntax errors as the engine does', () => {
    expect(() => compilePatternToSql('{ $.a EXISTS }')).toThrow(/EXISTS is not supported/);
  });
});

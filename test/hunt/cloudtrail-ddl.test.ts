import { archiveRoot, cloudTrailTableDdl } from '../../src/hunt/cloudtrail-ddl';

const OPTIONS = {
  table: '`default`.`root_guard_cloudtrail`', bucket: 'aws-controltower-logs-222222222222-us-east-1', prefix: 'o-exampleorgid',
  organizationId: 'o-exampleorgid', accounts: ['111111111111', '222222222222'], regions: ['us-east-1', 'eu-west-1'], firstDay: '2018/01/01',
};

describe('cloudTrailTableDdl', () => {
  const ddl = cloudTrailTableDdl(OPTIONS);
  it('projects account, Region and day over the organization trail layout', () => {
    expect(ddl).toContain('PARTITIONED BY (account STRING, region STRING, `timestamp` STRING)');
    expect(ddl).toContain("LOCATION 's3://aws-controltower-logs-222222222222-us-east-1/o-exampleorgid/AWSLogs/o-exampleorgid/'");
    expect(ddl).toContain("'storage.location.template'='s3://aws-controltower-logs-222222222222-us-east-1/o-exampleorgid/AWSLogs/o-exampleorgid/${account}/CloudTrail/${region}/${timestamp}'");
    expect(ddl).toContain("'projection.account.values'='111111111111,222222222222'");
    expect(ddl).toContain("'projection.region.values'='us-east-1,eu-west-1'");
    expect(ddl).toContain("'projection.timestamp.range'='2018/01/01,NOW'");
    expect(ddl).toContain("'projection.timestamp.format'='yyyy/MM/dd'");
  });
  it('has the documented CloudTrail columns in lower case', () => {
    for (const column of ['eventversion STRING', 'useridentity STRUCT<', 'requestparameters STRING', 'responseelements STRING', 'additionaleventdata STRING', 'recipientaccountid STRING']) {
      expect(ddl).toContain(column);
    }
  });
  it('has the AssumeRoot marker userIdentity.sessionContext.assumedRoot, so hunt can take patterns on it (issue 24 §5)', () => {
    expect(ddl).toMatch(/sessioncontext: STRUCT<[\s\S]*assumedroot: STRING,[\s\S]*webidfederationdata/);
  });
  it('refuses what would make a wrong table, saying the fix', () => {
    expect(() => archiveRoot({ ...OPTIONS, organizationId: 'r-abcd' })).toThrow('is not an organization id');
    expect(() => cloudTrailTableDdl({ ...OPTIONS, accounts: [] })).toThrow('--accounts');
    expect(() => cloudTrailTableDdl({ ...OPTIONS, regions: [] })).toThrow('--regions');
  });
  it('writes a trail without prefix straight under AWSLogs/', () => {
    expect(archiveRoot({ ...OPTIONS, prefix: '' })).toBe('s3://aws-controltower-logs-222222222222-us-east-1/AWSLogs/o-exampleorgid/');
  });
});

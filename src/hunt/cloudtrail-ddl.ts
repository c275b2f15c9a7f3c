import { UserError } from '../errors';

/** Where the organization trail writes, and which partitions the table projects. */
export interface ArchiveLocation {
  /** Control Tower's log archive bucket: `aws-controltower-logs-<log-archive-account>-<home-region>`. */
  readonly bucket: string;
  /**
   * The trail's object prefix before `AWSLogs/`. Control Tower's organization trail uses the
   * organization id (`o-exampleorgid`); empty for a trail without a prefix.
   */
  readonly prefix: string;
  readonly organizationId: string;
}

export interface TableOptions extends ArchiveLocation {
  /** `database.table`. */
  readonly table: string;
  /** The accounts projected (enum): the organization's account ids. */
  readonly accounts: readonly string[];
  /** The Regions projected (enum). */
  readonly regions: readonly string[];
  /** First day projected, yyyy/MM/dd. */
  readonly firstDay: string;
}

/**
 * The S3 location of the organization trail's files: `s3://<bucket>/<prefix>/AWSLogs/<org-id>/`,
 * below which come `<account-id>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/` ("Creating a trail for an
 * organization": an organization trail's logs go to
 * `bucket/prefix/AWSLogs/o-exampleorgid/111111111111/…`,
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html;
 * Control Tower's trail writes to the log archive bucket with the organization id as prefix,
 * https://docs.aws.amazon.com/controltower/latest/userguide/logging-and-monitoring.html).
 */
export function archiveRoot(location: ArchiveLocation): string {
  if (!/^o-[a-z0-9]{10,32}$/.test(location.organizationId)) {
    throw new UserError(`hunt: "${location.organizationId}" is not an organization id (o- and 10 to 32 lower-case letters or digits, e.g. o-exampleorgid; see aws organizations describe-organization)`);
  }
  const prefix = location.prefix.replace(/^\/+|\/+$/g, '');
  return `s3://${location.bucket}/${prefix ? `${prefix}/` : ''}AWSLogs/${location.organizationId}/`;
}

/**
 * The CREATE TABLE statement: the columns of AWS's documented CloudTrail table with partition
 * projection ("Create the table for CloudTrail logs in Athena using partition projection",
 * https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html),
 * extended to the organization layout with `account` and `region` partitions (enum projection,
 * https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html) beside
 * the documented `timestamp` date projection. Accounts are an enum because an organization's
 * account ids are not a range; re-create the table when accounts join (hunt --create-table).
 */
export function cloudTrailTableDdl(options: TableOptions): string {
  const root = archiveRoot(options);
  if (options.accounts.length === 0) throw new UserError('hunt: the table needs the organization\'s account ids (--accounts 111111111111,222222222222; list them with aws organizations list-accounts)');
  if (options.regions.length === 0) throw new UserError('hunt: the table needs the Regions the trail logs (--regions us-east-1,eu-west-1)');
  return `CREATE EXTERNAL TABLE ${options.table} (
    eventversion STRING,
    useridentity STRUCT<
        type: STRING,
        principalid: STRING,
        arn: STRING,
        accountid: STRING,
        invokedby: STRING,
        accesskeyid: STRING,
        username: STRING,
        onbehalfof: STRUCT<
             userid: STRING,
             identitystorearn: STRING>,
        sessioncontext: STRUCT<
            attributes: STRUCT<
                mfaauthenticated: STRING,
                creationdate: STRING>,
            sessionissuer: STRUCT<
                type: STRING,
                principalid: STRING,
                arn: STRING,
                accountid: STRING,
                username: STRING>,
            ec2roledelivery: STRING,
            assumedroot: STRING,
            webidfederationdata: STRUCT<
                federatedprovider: STRING,
                attributes: map<string,string>>
        >
    >,
    eventtime STRING,
    eventsource STRING,
    eventname STRING,
    awsregion STRING,
    sourceipaddress STRING,
    useragent STRING,
    errorcode STRING,
    errormessage STRING,
    requestparameters STRING,
    responseelements STRING,
    additionaleventdata STRING,
    requestid STRING,
    eventid STRING,
    readonly STRING,
    resources ARRAY<STRUCT<
        arn: STRING,
        accountid: STRING,
        type: STRING>>,
    eventtype STRING,
    apiversion STRING,
    recipientaccountid STRING,
    serviceeventdetails STRING,
    sharedeventid STRING,
    vpcendpointid STRING,
    vpcendpointaccountid STRING,
    eventcategory STRING,
    addendum STRUCT<
      reason: STRING,
      updatedfields: STRING,
      originalrequestid: STRING,
      originaleventid: STRING>,
    sessioncredentialfromconsole STRING,
    edgedevicedetails STRING,
    tlsdetails STRUCT<
      tlsversion: STRING,
      ciphersuite: STRING,
      clientprovidedhostheader: STRING>
  )
PARTITIONED BY (account STRING, region STRING, \`timestamp\` STRING)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION '${root}'
TBLPROPERTIES (
  'projection.enabled'='true',
  'projection.account.type'='enum',
  'projection.account.values'='${options.accounts.join(',')}',
  'projection.region.type'='enum',
  'projection.region.values'='${options.regions.join(',')}',
  'projection.timestamp.type'='date',
  'projection.timestamp.format'='yyyy/MM/dd',
  'projection.timestamp.interval'='1',
  'projection.timestamp.interval.unit'='DAYS',
  'projection.timestamp.range'='${options.firstDay},NOW',
  'storage.location.template'='${root}\${account}/CloudTrail/\${region}/\${timestamp}'
)`;
}

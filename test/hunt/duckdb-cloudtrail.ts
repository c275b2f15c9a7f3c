import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/**
 * An offline stand-in for Athena's CloudTrail table: DuckDB (through @duckdb/node-api, a test-only
 * dependency) with a view `cloudtrail` that has the columns of the documented table
 * (src/hunt/cloudtrail-columns.ts), filled from CloudTrail records as the table's SerDe reads them:
 * a JSON null or an absent field is SQL NULL, a nested object in a STRING column is its JSON text,
 * a number is its text as written. Partition columns come from the record (account =
 * recipientAccountId, region = awsRegion, timestamp = the eventTime day as yyyy/MM/dd); `idx` is
 * the record's position and "$path" a made-up file name.
 *
 * The few Trino functions the compiler emits are mapped to DuckDB equivalents as macros:
 * regexp_like → regexp_matches; json_extract_scalar → json_extract_string when json_type is a
 * string, number or boolean (else NULL, as Trino returns NULL for objects, arrays and null);
 * json_format → CAST(… AS VARCHAR); from_iso8601_timestamp → TRY_CAST(… AS TIMESTAMPTZ);
 * to_unixtime → epoch; try → identity. try_cast, count_if, LIKE … ESCAPE, row_number() and
 * json_extract are native. One text rewrite: Trino's bracket JSON path `["a.b"]` becomes DuckDB's
 * `."a.b"` ({@link toDuckDbSql}).
 */
export interface CloudTrailDb {
  readonly connection: DuckDBConnection;
  /** Runs SQL (Trino text, rewritten by toDuckDbSql) and returns plain rows. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): void;
}

const MACROS = [
  'CREATE MACRO regexp_like(s, r) AS regexp_matches(s, r)',
  "CREATE MACRO json_extract_scalar(j, p) AS CASE WHEN json_type(j::JSON, p) IN ('VARCHAR', 'BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE', 'BOOLEAN') THEN json_extract_string(j::JSON, p) END",
  'CREATE MACRO json_format(x) AS CAST(x AS VARCHAR)',
  'CREATE MACRO from_iso8601_timestamp(s) AS TRY_CAST(s AS TIMESTAMPTZ)',
  'CREATE MACRO to_unixtime(t) AS epoch(t)',
  'CREATE MACRO try(x) AS x',
];

/** A field as the SerDe reads it into a STRING column. */
const text = (path: string) => `CASE WHEN json_type(j, '${path}') = 'NULL' THEN NULL ELSE json_extract_string(j, '${path}') END`;
const members = (prefix: string, names: Record<string, string>) =>
  Object.entries(names).map(([column, field]) => `${column} := ${text(`${prefix}.${field}`)}`).join(', ');

const VIEW = `CREATE VIEW cloudtrail AS SELECT
  idx, path AS "$path",
  ${text('$.recipientAccountId')} AS account,
  ${text('$.awsRegion')} AS region,
  replace(substr(${text('$.eventTime')}, 1, 10), '-', '/') AS "timestamp",
  ${text('$.eventVersion')} AS eventversion,
  struct_pack(
    ${members('$.userIdentity', { type: 'type', principalid: 'principalId', arn: 'arn', accountid: 'accountId', invokedby: 'invokedBy', accesskeyid: 'accessKeyId', username: 'userName' })},
    onbehalfof := struct_pack(${members('$.userIdentity.onBehalfOf', { userid: 'userId', identitystorearn: 'identityStoreArn' })}),
    sessioncontext := struct_pack(
      attributes := struct_pack(${members('$.userIdentity.sessionContext.attributes', { mfaauthenticated: 'mfaAuthenticated', creationdate: 'creationDate' })}),
      sessionissuer := struct_pack(${members('$.userIdentity.sessionContext.sessionIssuer', { type: 'type', principalid: 'principalId', arn: 'arn', accountid: 'accountId', username: 'userName' })}),
      ${members('$.userIdentity.sessionContext', { ec2roledelivery: 'ec2RoleDelivery', assumedroot: 'assumedRoot' })}
    )
  ) AS useridentity,
  ${[
    ['eventtime', 'eventTime'], ['eventsource', 'eventSource'], ['eventname', 'eventName'], ['awsregion', 'awsRegion'],
    ['sourceipaddress', 'sourceIPAddress'], ['useragent', 'userAgent'], ['errorcode', 'errorCode'], ['errormessage', 'errorMessage'],
    ['requestparameters', 'requestParameters'], ['responseelements', 'responseElements'], ['additionaleventdata', 'additionalEventData'],
    ['requestid', 'requestID'], ['eventid', 'eventID'], ['readonly', 'readOnly'], ['eventtype', 'eventType'], ['apiversion', 'apiVersion'],
    ['recipientaccountid', 'recipientAccountId'], ['serviceeventdetails', 'serviceEventDetails'], ['sharedeventid', 'sharedEventID'],
    ['vpcendpointid', 'vpcEndpointId'], ['vpcendpointaccountid', 'vpcEndpointAccountId'], ['eventcategory', 'eventCategory'],
    ['sessioncredentialfromconsole', 'sessionCredentialFromConsole'],
  ].map(([column, field]) => `${text(`$.${field}`)} AS ${column}`).join(',\n  ')},
  struct_pack(${members('$.tlsDetails', { tlsversion: 'tlsVersion', ciphersuite: 'cipherSuite', clientprovidedhostheader: 'clientProvidedHostHeader' })}) AS tlsdetails
FROM raw`;

/** Trino's bracket JSON path `["a.b"]` inside a string literal, as DuckDB writes it: `."a.b"`. */
export function toDuckDbSql(sql: string): string {
  return sql.replace(/\["([^"\\]*)"\]/g, '."$1"');
}

/** Loads records (as JSON texts, so numbers keep their written text) into a fresh in-memory database. */
export async function openCloudTrailDb(recordTexts: readonly string[], path = 's3://example-bucket/sample.json.gz'): Promise<CloudTrailDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const macro of MACROS) await connection.run(macro);
  await connection.run('CREATE TABLE raw (idx INTEGER, path VARCHAR, j JSON)');
  const appender = await connection.createAppender('raw');
  recordTexts.forEach((t, i) => {
    appender.appendInteger(i);
    appender.appendVarchar(path);
    appender.appendVarchar(t);
    appender.endRow();
  });
  appender.closeSync();
  await connection.run(VIEW);
  return {
    connection,
    async query(sql) {
      const reader = await connection.runAndReadAll(toDuckDbSql(sql));
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * How CloudTrail record fields map to the columns of the CloudTrail table AWS documents for Athena
 * ("Create the table for CloudTrail logs in Athena using partition projection",
 * https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html):
 * lower-case column names, `useridentity` and `tlsdetails` as structs, and `requestparameters`,
 * `responseelements`, `additionaleventdata`, `serviceeventdetails` as JSON text in STRING columns.
 * Field names are those of the CloudTrail record contents reference
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html),
 * matched case-sensitively as CloudWatch Logs matches them.
 */

/** A field stored as a scalar STRING column (or a struct member): JSON null and absent both read as SQL NULL. */
export interface ScalarColumn {
  readonly kind: 'scalar';
  /** SQL expression, e.g. `useridentity.sessioncontext.attributes.mfaauthenticated`. */
  readonly sql: string;
}

/** A field stored as JSON text in a STRING column; paths below it are read with JSON functions. */
export interface JsonColumn {
  readonly kind: 'json';
  readonly sql: string;
}

/** A struct column: only its members can be compared. */
export interface StructColumn {
  readonly kind: 'struct';
  readonly sql: string;
  readonly members: Readonly<Record<string, Column>>;
}

export type Column = ScalarColumn | JsonColumn | StructColumn;

const scalar = (sql: string): ScalarColumn => ({ kind: 'scalar', sql });
const struct = (sql: string, members: Record<string, (prefix: string) => Column>): StructColumn => ({
  kind: 'struct',
  sql,
  members: Object.fromEntries(Object.entries(members).map(([name, make]) => [name, make(sql)])),
});
const member = (column: string) => (prefix: string) => scalar(`${prefix}.${column}`);
const nested = (column: string, members: Record<string, (prefix: string) => Column>) => (prefix: string) => struct(`${prefix}.${column}`, members);

/** Top-level CloudTrail fields (record-contents names) and their columns in the documented table. */
export const CLOUDTRAIL_COLUMNS: Readonly<Record<string, Column>> = {
  eventVersion: scalar('eventversion'),
  userIdentity: struct('useridentity', {
    type: member('type'),
    principalId: member('principalid'),
    arn: member('arn'),
    accountId: member('accountid'),
    invokedBy: member('invokedby'),
    accessKeyId: member('accesskeyid'),
    userName: member('username'),
    onBehalfOf: nested('onbehalfof', { userId: member('userid'), identityStoreArn: member('identitystorearn') }),
    sessionContext: nested('sessioncontext', {
      attributes: nested('attributes', { mfaAuthenticated: member('mfaauthenticated'), creationDate: member('creationdate') }),
      sessionIssuer: nested('sessionissuer', {
        type: member('type'),
        principalId: member('principalid'),
        arn: member('arn'),
        accountId: member('accountid'),
        userName: member('username'),
      }),
      ec2RoleDelivery: member('ec2roledelivery'),
      // "true" on the sts:AssumeRoot call (docs/reference/detection.md#assumeroot); not in AWS's documented table.
      assumedRoot: member('assumedroot'),
    }),
  }),
  eventTime: scalar('eventtime'),
  eventSource: scalar('eventsource'),
  eventName: scalar('eventname'),
  awsRegion: scalar('awsregion'),
  sourceIPAddress: scalar('sourceipaddress'),
  userAgent: scalar('useragent'),
  errorCode: scalar('errorcode'),
  errorMessage: scalar('errormessage'),
  requestParameters: { kind: 'json', sql: 'requestparameters' },
  responseElements: { kind: 'json', sql: 'responseelements' },
  additionalEventData: { kind: 'json', sql: 'additionaleventdata' },
  requestID: scalar('requestid'),
  eventID: scalar('eventid'),
  readOnly: scalar('readonly'),
  eventType: scalar('eventtype'),
  apiVersion: scalar('apiversion'),
  recipientAccountId: scalar('recipientaccountid'),
  serviceEventDetails: { kind: 'json', sql: 'serviceeventdetails' },
  sharedEventID: scalar('sharedeventid'),
  vpcEndpointId: scalar('vpcendpointid'),
  vpcEndpointAccountId: scalar('vpcendpointaccountid'),
  eventCategory: scalar('eventcategory'),
  sessionCredentialFromConsole: scalar('sessioncredentialfromconsole'),
  tlsDetails: struct('tlsdetails', {
    tlsVersion: member('tlsversion'),
    cipherSuite: member('ciphersuite'),
    clientProvidedHostHeader: member('clientprovidedhostheader'),
  }),
};

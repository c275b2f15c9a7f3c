import { DescribeOrganizationCommand, ListAccountsCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { paced, type Pacer } from '../aws/api-pacer';
import type { ControlTowerApi } from '../control-tower/control-tower-api';
import { describeAwsError, unreadReason } from '../aws/describe-aws-error';

/** What `hunt --print-ddl --discover` found for the table, and what it could not find. */
export interface DiscoveredHuntInputs {
  readonly organizationId?: string;
  /** Every account of the organization that is not closed, sorted. */
  readonly accounts?: readonly string[];
  /** The landing zone's governed Regions (the organization trail logs every Region; these are the ones Control Tower governs). */
  readonly regions?: readonly string[];
  /** Control Tower's log archive bucket: `aws-controltower-logs-<log archive account>-<home region>`. */
  readonly bucket?: string;
  /** One line per input that could not be discovered: the call and why. */
  readonly notFound: readonly string[];
}

/**
 * Discovers the inputs of the CloudTrail table from the organization and its landing zone:
 * organizations:DescribeOrganization (the id), ListAccounts (the accounts), and Control Tower's
 * GetLandingZone manifest: `governedRegions` and `centralizedLogging.accountId`, the log archive
 * account (https://docs.aws.amazon.com/controltower/latest/userguide/lz-manifest-file.html, read
 * 2026-12-08). Never throws for an AWS error: each input not found is said with its reason.
 */
export async function discoverHuntInputs(clients: { readonly organizations: OrganizationsClient; readonly controlTower: ControlTowerApi }, pacer: Pacer, homeRegion: string): Promise<DiscoveredHuntInputs> {
  const notFound: string[] = [];
  const reason = (api: string, err: unknown) => `${api}: ${unreadReason(describeAwsError(err))}`;
  let organizationId: string | undefined;
  try {
    organizationId = (await paced(pacer, 'organizations:DescribeOrganization', () => clients.organizations.send(new DescribeOrganizationCommand({})))).Organization?.Id;
  } catch (err) {
    notFound.push(`organization id: ${reason('organizations:DescribeOrganization', err)}`);
  }
  let accounts: string[] | undefined;
  try {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await paced(pacer, 'organizations:ListAccounts', () => clients.organizations.send(new ListAccountsCommand({ NextToken: token })));
      // A closed account's trail folder keeps its history: only SUSPENDED ones (closed) are left out of the projection.
      for (const a of page.Accounts ?? []) if (a.Id && a.Status !== 'SUSPENDED') ids.push(a.Id);
      token = page.NextToken;
    } while (token);
    accounts = ids.sort();
  } catch (err) {
    notFound.push(`accounts: ${reason('organizations:ListAccounts', err)}`);
  }
  let regions: string[] | undefined;
  let bucket: string | undefined;
  try {
    const listed = await clients.controlTower.call('ListLandingZones', { maxResults: 1 }) as { landingZones?: { arn?: string }[] };
    const arn = listed.landingZones?.[0]?.arn;
    if (!arn) throw Object.assign(new Error(`no landing zone in ${homeRegion}`), { name: 'NotFound' });
    const got = await clients.controlTower.call('GetLandingZone', { landingZoneIdentifier: arn }) as { landingZone?: { manifest?: { governedRegions?: unknown; centralizedLogging?: { accountId?: unknown } } } };
    const manifest = got.landingZone?.manifest;
    const governed = Array.isArray(manifest?.governedRegions) ? manifest.governedRegions.filter((r): r is string => typeof r === 'string') : [];
    regions = governed.length > 0 ? governed : undefined;
    const logArchive = manifest?.centralizedLogging?.accountId;
    bucket = typeof logArchive === 'string' && /^\d{12}$/.test(logArchive) ? `aws-controltower-logs-${logArchive}-${homeRegion}` : undefined;
    if (!regions) notFound.push('Regions: the landing zone manifest lists no governedRegions');
    if (!bucket) notFound.push('log archive bucket: the landing zone manifest names no centralizedLogging.accountId');
  } catch (err) {
    const why = reason('controltower:GetLandingZone', err);
    notFound.push(`Regions: ${why}`, `log archive bucket: ${why}`);
  }
  return { ...(organizationId ? { organizationId } : {}), ...(accounts ? { accounts } : {}), ...(regions ? { regions } : {}), ...(bucket ? { bucket } : {}), notFound };
}

import {
  GetAccessKeyLastUsedCommand,
  GetLoginProfileCommand,
  type IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListSigningCertificatesCommand,
} from '@aws-sdk/client-iam';
import type { Pacer } from '../api-pacer';
import { pacedWithRetry as paced } from './paced-retry';
import { isTimeoutError } from '../aws-timeouts';
import { describeAwsError, unreadReason } from '../describe-aws-error';
import type { RootAccessKey, RootMfaDevice, RootSigningCertificate } from './types';

/**
 * The reads of one credential kind inside an AssumeRoot session scoped to IAMAuditRootUserCredentials.
 * Every call omits `UserName`: in an AssumeRoot session IAM then answers for the root user
 * (API_GetLoginProfile.html, API_ListAccessKeys.html …: "When you make this request with root user
 * credentials, you must use an AssumeRoot session to omit the user name").
 */

/** A kind read, or why not. */
export type KindRead<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly api: string; readonly reason: string };

async function attempt<T>(api: string, read: () => Promise<T>): Promise<KindRead<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (err) {
    if (isTimeoutError(err)) throw err; // the endpoint, not the account: stops the run (inventory.ts)
    return { ok: false, api, reason: unreadReason(describeAwsError(err)) };
  }
}

const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined);

/** Whether the root user has a console password: GetLoginProfile answers NoSuchEntity when it has none. */
export function readLoginProfile(iam: IAMClient, pacer: Pacer): Promise<KindRead<boolean>> {
  const api = 'iam:GetLoginProfile';
  return attempt(api, async () => {
    try {
      await paced(pacer, api, () => iam.send(new GetLoginProfileCommand({})));
      return true;
    } catch (err) {
      if (describeAwsError(err).code === 'NoSuchEntityException' || describeAwsError(err).code === 'NoSuchEntity') return false;
      throw err;
    }
  });
}

/** Follows IAM's Marker pagination. */
async function eachMarkerPage(fetch: (marker: string | undefined) => Promise<{ IsTruncated?: boolean; Marker?: string }>): Promise<void> {
  let marker: string | undefined;
  do {
    const page = await fetch(marker);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
}

/** The root access keys, each with when and where it was last used. */
export function readAccessKeys(iam: IAMClient, pacer: Pacer): Promise<KindRead<RootAccessKey[]>> {
  return attempt('iam:ListAccessKeys', async () => {
    const keys: { id: string; status: string; created?: string }[] = [];
    await eachMarkerPage(async (Marker) => {
      const page = await paced(pacer, 'iam:ListAccessKeys', () => iam.send(new ListAccessKeysCommand({ Marker })));
      for (const k of page.AccessKeyMetadata ?? []) if (k.AccessKeyId) keys.push({ id: k.AccessKeyId, status: k.Status ?? 'Unknown', created: iso(k.CreateDate) });
      return page;
    });
    const out: RootAccessKey[] = [];
    for (const k of keys) {
      const used = await paced(pacer, 'iam:GetAccessKeyLastUsed', () => iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k.id })));
      const last = used.AccessKeyLastUsed;
      out.push({
        accessKeyId: k.id,
        status: k.status,
        ...(k.created ? { created: k.created } : {}),
        ...(last?.LastUsedDate ? { lastUsed: last.LastUsedDate.toISOString() } : {}),
        // IAM reports `N/A` for a key never used.
        ...(last?.ServiceName && last.ServiceName !== 'N/A' ? { lastUsedService: last.ServiceName } : {}),
        ...(last?.Region && last.Region !== 'N/A' ? { lastUsedRegion: last.Region } : {}),
      });
    }
    return out;
  });
}

/** The root user's MFA devices. */
export function readMfaDevices(iam: IAMClient, pacer: Pacer): Promise<KindRead<RootMfaDevice[]>> {
  return attempt('iam:ListMFADevices', async () => {
    const out: RootMfaDevice[] = [];
    await eachMarkerPage(async (Marker) => {
      const page = await paced(pacer, 'iam:ListMFADevices', () => iam.send(new ListMFADevicesCommand({ Marker })));
      for (const d of page.MFADevices ?? []) if (d.SerialNumber) out.push({ serialNumber: d.SerialNumber, ...(d.EnableDate ? { enabled: d.EnableDate.toISOString() } : {}) });
      return page;
    });
    return out;
  });
}

/** The root user's X.509 signing certificates. */
export function readSigningCertificates(iam: IAMClient, pacer: Pacer): Promise<KindRead<RootSigningCertificate[]>> {
  return attempt('iam:ListSigningCertificates', async () => {
    const out: RootSigningCertificate[] = [];
    await eachMarkerPage(async (Marker) => {
      const page = await paced(pacer, 'iam:ListSigningCertificates', () => iam.send(new ListSigningCertificatesCommand({ Marker })));
      for (const c of page.Certificates ?? []) if (c.CertificateId) out.push({ certificateId: c.CertificateId, status: c.Status ?? 'Unknown', ...(c.UploadDate ? { uploaded: c.UploadDate.toISOString() } : {}) });
      return page;
    });
    return out;
  });
}

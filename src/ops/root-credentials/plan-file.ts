import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, readFileSync, writeSync } from 'node:fs';
import * as z from 'zod/mini';
import { UserError } from '../../errors';
import { openNewFile } from './new-file';
import type { AccountScope } from './account-scope';
import { DELETE_KINDS, type DeletionPlan, type DeletionStep, REMOVAL_ORDER } from './deletion-plan';
import type { AccountRootCredentials } from './types';

/**
 * The reviewed removal plan as a file: `--delete KINDS --plan-out FILE` writes it, a person reviews
 * it, `--apply FILE` executes exactly it. It carries what each account held when it was read, and a
 * digest over everything that decides what gets removed (format, scope, kinds, steps, skipped
 * accounts, what each account held), shown in the dry run and checked at apply: a plan edited after
 * review, or an account whose credentials changed since, is refused before anything is removed.
 */

/** The format tag of a plan file (a new tag for an incompatible change). */
export const PLAN_FORMAT = 'root-guard/root-credentials-plan@1';

/** What one account held when the plan was made: identifiers only (`null`: that kind was not read). */
export interface AccountSnapshot {
  readonly accountId: string;
  readonly accountName: string;
  readonly password: boolean | null;
  readonly accessKeys: readonly string[] | null;
  readonly signingCertificates: readonly string[] | null;
  readonly mfaDevices: readonly string[] | null;
}

/** The plan file. */
export interface PlanFile {
  readonly format: typeof PLAN_FORMAT;
  /** When it was written (ISO 8601); not part of the digest. */
  readonly createdAt: string;
  /** Who read the inventory (sts:GetCallerIdentity ARN); not part of the digest. */
  readonly caller?: string;
  /** The explicit scope the plan was made for (`--accounts` / `--ou`). */
  readonly scope: AccountScope;
  readonly kinds: DeletionPlan['kinds'];
  readonly steps: readonly DeletionStep[];
  readonly skipped: DeletionPlan['skipped'];
  /** What every account with a step held when it was read. */
  readonly accounts: readonly AccountSnapshot[];
  /** `sha256:<hex>` over the canonical JSON of everything above but `createdAt` and `caller`. */
  readonly digest: string;
}

/** The snapshot of one inventory row. */
export function snapshotOf(a: AccountRootCredentials): AccountSnapshot {
  return {
    accountId: a.accountId,
    accountName: a.accountName,
    password: a.loginProfile,
    accessKeys: a.accessKeys === null ? null : a.accessKeys.map((k) => k.accessKeyId).sort(),
    signingCertificates: a.signingCertificates === null ? null : a.signingCertificates.map((c) => c.certificateId).sort(),
    mfaDevices: a.mfaDevices === null ? null : a.mfaDevices.map((d) => d.serialNumber).sort(),
  };
}

/** JSON with object keys sorted at every level: the same content always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The digest of what a plan removes and what it was made from. */
export function planDigest(plan: Omit<PlanFile, 'digest' | 'createdAt' | 'caller'>): string {
  const { format, scope, kinds, steps, skipped, accounts } = plan;
  return `sha256:${createHash('sha256').update(canonicalJson({ format, scope, kinds, steps, skipped, accounts })).digest('hex')}`;
}

/** The plan file for a plan made from `inventory` over `scope`. */
export function createPlanFile(plan: DeletionPlan, inventory: readonly AccountRootCredentials[], scope: AccountScope, createdAt: Date, caller?: string): PlanFile {
  const planned = new Set(plan.steps.map((s) => s.accountId));
  const body = {
    format: PLAN_FORMAT,
    scope: { ...(scope.accounts?.length ? { accounts: [...scope.accounts] } : {}), ...(scope.ous?.length ? { ous: [...scope.ous] } : {}) },
    kinds: plan.kinds,
    steps: plan.steps,
    skipped: plan.skipped,
    accounts: inventory.filter((a) => planned.has(a.accountId)).map(snapshotOf),
  } as const;
  return { ...body, createdAt: createdAt.toISOString(), ...(caller ? { caller } : {}), digest: planDigest(body) };
}

/** Writes the plan; never overwrites a file (a reviewed plan is never replaced by another under its name). */
export function writePlanFile(path: string, plan: PlanFile): void {
  const fd = openNewFile(path, 'plan file', 'the file already exists (a plan file is never overwritten: choose another --plan-out)');
  try {
    writeSync(fd, `${JSON.stringify(plan, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const ids = z.nullable(z.array(z.string()));
const planSchema = z.object({
  format: z.literal(PLAN_FORMAT),
  createdAt: z.string(),
  caller: z.optional(z.string()),
  scope: z.object({ accounts: z.optional(z.array(z.string().check(z.regex(/^\d{12}$/)))), ous: z.optional(z.array(z.string())) }),
  kinds: z.array(z.enum(DELETE_KINDS)),
  steps: z.array(z.object({
    accountId: z.string().check(z.regex(/^\d{12}$/)),
    accountName: z.string(),
    what: z.enum(REMOVAL_ORDER as unknown as ['password', 'access-key', 'signing-certificate', 'mfa-device']),
    identifiers: z.array(z.string()).check(z.minLength(1)),
  })),
  skipped: z.array(z.object({ accountId: z.string(), reason: z.string() })),
  accounts: z.array(z.object({
    accountId: z.string().check(z.regex(/^\d{12}$/)),
    accountName: z.string(),
    password: z.nullable(z.boolean()),
    accessKeys: ids,
    signingCertificates: ids,
    mfaDevices: ids,
  })),
  digest: z.string(),
});

/** Reads a plan file; errors name the file and the fix. Refuses a plan whose content no longer matches its digest. */
export function readPlanFile(path: string): PlanFile {
  if (!existsSync(path)) throw new UserError(`${path}: no such plan file (write one with --delete KINDS --accounts IDS|--ou PATHS --plan-out ${path})`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UserError(`${path}: not JSON (${(err as Error).message}): give the file --plan-out wrote`);
  }
  const parsed = planSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${path}: not a root-credentials plan (${issue.path.join('.') || 'the file'}: ${issue.message}): give the file --plan-out wrote`);
  }
  const plan = parsed.data as PlanFile;
  const actual = planDigest(plan);
  if (actual !== plan.digest) {
    throw new UserError(`${path}: the plan was changed after it was written (it records digest ${plan.digest}, its content hashes to ${actual}): nothing was removed; make and review a new plan with --plan-out`);
  }
  const inPlan = new Set(plan.accounts.map((a) => a.accountId));
  const orphan = plan.steps.find((s) => !inPlan.has(s.accountId));
  if (orphan) throw new UserError(`${path}: step for account ${orphan.accountId} has no snapshot of that account: give the file --plan-out wrote`);
  return plan;
}

/**
 * What changed in each planned account between the plan and `current` (a fresh read), one line per
 * account: a credential added or removed, or a kind that can no longer be read. Empty when every
 * account holds exactly what the plan was made from.
 */
export function credentialChanges(plan: Pick<PlanFile, 'accounts'>, current: readonly AccountRootCredentials[]): string[] {
  const now = new Map(current.map((a) => [a.accountId, snapshotOf(a)]));
  const lines: string[] = [];
  for (const before of plan.accounts) {
    const after = now.get(before.accountId);
    const label = `${before.accountId} (${before.accountName})`;
    if (!after) {
      lines.push(`${label}: not read again`);
      continue;
    }
    const changes: string[] = [];
    if (before.password !== after.password) changes.push(after.password === null ? 'password can no longer be read' : after.password ? 'a password was set' : 'the password was removed');
    const kinds = [['accessKeys', 'access key'], ['signingCertificates', 'signing certificate'], ['mfaDevices', 'MFA device']] as const;
    for (const [key, noun] of kinds) {
      const b = before[key];
      const a = after[key];
      if (a === null && b !== null) changes.push(`${noun}s can no longer be read`);
      if (a === null || b === null) continue;
      for (const id of a.filter((x) => !b.includes(x))) changes.push(`${noun} ${id} added`);
      for (const id of b.filter((x) => !a.includes(x))) changes.push(`${noun} ${id} gone`);
    }
    if (changes.length > 0) lines.push(`${label}: ${changes.join(', ')} since the plan`);
  }
  return lines;
}

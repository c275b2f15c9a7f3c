import { createHash } from 'node:crypto';
import { basename } from 'node:path';

/**
 * Where a `--json` result came from: every command's JSON envelope carries it under `meta`, so a
 * report built from it later (`root-guard report`) can say what ran, when, by which version and
 * commit, from which configuration, against which organization and as which caller. A contract (the
 * JSON Schemas in schemas/ are generated from this type): add fields, never rename or remove one.
 */
export interface RunMetadata {
  readonly tool: 'root-guard';
  /** root-guard's version. */
  readonly version: string;
  /** The git commit root-guard was built from (`unknown` outside a git checkout or bundle). */
  readonly commit?: string;
  /** The command that produced the JSON (`audit`, `root-credentials`, `backtest`, `hunt` …). */
  readonly command: string;
  /** The arguments after the command's name, as given (profiles, Regions, windows, paths). */
  readonly arguments?: readonly string[];
  /** ISO 8601, when the command finished. */
  readonly generatedAt: string;
  /** The config file the command read: its name only, never the local directory it sits in. */
  readonly configFile?: string;
  /** SHA-256 of that file's bytes: which configuration, without copying it. */
  readonly configSha256?: string;
  /** The organization the command ran against; a null field was not known to this run. */
  readonly organization?: RunOrganization;
  /** The credentials' identity, when the command read it (sts:GetCallerIdentity); null when it did not. */
  readonly caller?: RunCaller;
}

/** The organization of a run. */
export interface RunOrganization {
  /** `o-…`, from organizations:DescribeOrganization or the config (fastAlerts / logArchive); null when neither gave it. */
  readonly id: string | null;
  /** The management account: the config's managementAccountId, or what the organization reported. */
  readonly managementAccountId: string | null;
}

/** The caller of a run. */
export interface RunCaller {
  readonly account: string | null;
  readonly arn: string | null;
}

/** What a run learnt about where it ran, as the command noted it. */
export interface RunFacts {
  readonly config?: { readonly file: string; readonly text: string };
  readonly organizationId?: string;
  readonly managementAccountId?: string;
  readonly callerAccount?: string;
  readonly callerArn?: string;
}

/** Extra fields of {@link runMetadata}. */
export interface RunMetadataExtras {
  readonly commit?: string;
  readonly arguments?: readonly string[];
  readonly facts?: RunFacts;
}

/** The metadata of a run of `command` now; `config` when the command read a config file. */
export function runMetadata(command: string, version: string, config?: { readonly file: string; readonly text: string }, now: Date = new Date(), extras: RunMetadataExtras = {}): RunMetadata {
  const facts = extras.facts ?? {};
  const cfg = config ?? facts.config;
  const knowsOrg = facts.organizationId !== undefined || facts.managementAccountId !== undefined;
  const knowsCaller = facts.callerAccount !== undefined || facts.callerArn !== undefined;
  return {
    tool: 'root-guard',
    version,
    ...(extras.commit ? { commit: extras.commit } : {}),
    command,
    ...(extras.arguments ? { arguments: [...extras.arguments] } : {}),
    generatedAt: now.toISOString(),
    // The name only: a report handed to an auditor must not carry the operator's local paths.
    ...(cfg ? { configFile: basename(cfg.file), configSha256: createHash('sha256').update(cfg.text).digest('hex') } : {}),
    ...(knowsOrg ? { organization: { id: facts.organizationId ?? null, managementAccountId: facts.managementAccountId ?? null } } : {}),
    ...(knowsCaller ? { caller: { account: facts.callerAccount ?? null, arn: facts.callerArn ?? null } } : {}),
  };
}

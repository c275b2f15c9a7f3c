import { parse } from 'yaml';
import { GENERATED_FILES_RECORD, type GeneratedRecord } from '../package/write';
import { PACKAGE_PATHS, type PackageFiles } from '../plan';

/**
 * What a package change needs done outside CfCT's pipeline, found by comparing the package on disk
 * (the previous build, as committed) with the one being written. Issue 15 §4: the reviewer of a
 * package change should not have to know these by heart.
 */

/** CfCT names each stack set `CustomControlTower-<manifest resource name>`. */
const CFCT_STACK_SET_PREFIX = 'CustomControlTower-';

/** The parts of a manifest resource compared here. */
interface ManifestResource {
  readonly name: string;
  readonly deployMethod: string;
  readonly accounts: readonly string[];
  readonly ous: readonly string[];
  readonly regions: readonly string[];
}

interface ManifestSummary {
  readonly region: string;
  readonly stackSetDeletion: boolean;
  readonly resources: readonly ManifestResource[];
}

/** The package files as they were before this build (undefined: not there), and the record of the build that wrote them. */
export interface PreviousPackage {
  readonly manifest?: string;
  readonly executionRoleTemplate?: string;
  /** `.root-guard-generated.json` as the previous build left it; undefined: no build here before. */
  readonly record?: GeneratedRecord;
}

/** What the build being written is for. */
export interface NoticeOptions {
  readonly includeNestedOUs: boolean;
  /** The config's management account: the organization this build is for. */
  readonly managementAccountId: string;
}

/**
 * Whether the previous package here was built for this organization: only then did anything "leave the
 * package" in it. A previous build for another management account is a change of organization (a team
 * replacing the example values, issue 27 §4): nothing of it was ever deployed where this package goes.
 */
type Lineage = 'same' | 'other' | 'unrecorded' | 'none';

function lineageOf(previous: PreviousPackage, managementAccountId: string): Lineage {
  if (!previous.record) return 'none';
  const recorded = previous.record.organization?.managementAccountId;
  if (recorded === undefined) return 'unrecorded';
  return recorded === managementAccountId ? 'same' : 'other';
}

/** The lines `build` prints after writing: each a step to take outside the pipeline, with its command. */
export function describeOutOfPipelineWork(previous: PreviousPackage, next: PackageFiles, options: NoticeOptions): string[] {
  const lines: string[] = [];
  const nextManifest = summarize(next.get(PACKAGE_PATHS.manifest));
  const lineage = lineageOf(previous, options.managementAccountId);
  const region = nextManifest?.region ?? '<home-region>';
  const role = next.get(PACKAGE_PATHS.executionRoleTemplate);
  const deployRole = `  aws cloudformation deploy --region ${region} --stack-name root-guard-cfct-execution-role --template-file ${PACKAGE_PATHS.executionRoleTemplate} --capabilities CAPABILITY_NAMED_IAM`;

  if (lineage === 'other') {
    lines.push(
      `The previous build here was for the organization of management account ${previous.record?.organization?.managementAccountId}; this one is for ${options.managementAccountId}. `
      + 'Nothing of the previous package was deployed in this organization, so nothing left it: there is nothing to remove.',
    );
    if (role !== undefined) lines.push(`Deploy ${PACKAGE_PATHS.executionRoleTemplate} in the management account before the first publish (CfCT deploys there through this role):`, deployRole);
  }
  if (lineage === 'unrecorded') {
    lines.push(`${GENERATED_FILES_RECORD} of the previous build does not say which organization it was for (written by an older root-guard), so nothing is reported as having left the package; `
      + 'if it was this organization, review `git diff manifest.yaml` for resources that were removed (CfCT never deletes them).');
  }
  if (lineage === 'other') return [...lines, ...newTargets(undefined, nextManifest, options)];
  if (lineage !== 'same') return lines;

  const oldManifest = summarize(previous.manifest);
  if (role !== undefined && previous.executionRoleTemplate !== undefined && role !== previous.executionRoleTemplate) {
    lines.push(
      `${PACKAGE_PATHS.executionRoleTemplate} changed: redeploy it in the management account BEFORE publishing (CfCT deploys through this role, and the pipeline fails without the new permissions):`,
      deployRole,
    );
  }
  if (!oldManifest || !nextManifest) return lines;

  const kept = new Set(nextManifest.resources.map((r) => r.name));
  for (const gone of oldManifest.resources.filter((r) => !kept.has(r.name))) {
    if (gone.deployMethod === 'stack_set' && !nextManifest.stackSetDeletion) {
      // Without enable_stack_set_deletion CfCT leaves a stack set removed from the manifest in place
      // (https://docs.aws.amazon.com/controltower/latest/userguide/cfct-delete-stack.html).
      const stackSet = `${CFCT_STACK_SET_PREFIX}${gone.name}`;
      const accounts = gone.accounts.length > 0 ? gone.accounts.join(' ') : '<the accounts list-stack-instances shows>';
      lines.push(
        `${gone.name} left the package: CfCT does not delete its stack set. After the pipeline has run, remove it with management-account credentials:`,
        `  aws cloudformation list-stack-instances --region ${region} --stack-set-name ${stackSet}`,
        `  aws cloudformation delete-stack-instances --region ${region} --stack-set-name ${stackSet} --accounts ${accounts} --regions ${gone.regions.join(' ') || region} --no-retain-stacks`,
        `  aws cloudformation delete-stack-set --region ${region} --stack-set-name ${stackSet}`,
      );
    } else if (gone.deployMethod === 'scp') {
      // CfCT neither detaches nor deletes an SCP removed from the manifest; enable_stack_set_deletion
      // covers stack sets only (https://github.com/aws-solutions/aws-control-tower-customizations/issues/130, open;
      // https://github.com/aws-solutions/aws-control-tower-customizations/issues/24, checked 2026-12).
      lines.push(
        `${gone.name} left the package: CfCT's deletion option covers stack sets only, so the SCP stays attached. Detach it from each target and delete it:`,
        `  aws organizations list-policies --filter SERVICE_CONTROL_POLICY --query "Policies[?Name=='${gone.name}'].Id" --output text`,
        '  aws organizations list-targets-for-policy --policy-id <policy-id>',
        '  aws organizations detach-policy --policy-id <policy-id> --target-id <target-id>   # each target',
        '  aws organizations delete-policy --policy-id <policy-id>',
      );
    }
  }

  return [...lines, ...newTargets(oldManifest, nextManifest, options)];
}

/** The deployment targets the new manifest has and the old one (of the same organization) had not. */
function newTargets(oldManifest: ManifestSummary | undefined, nextManifest: ManifestSummary | undefined, options: NoticeOptions): string[] {
  if (!nextManifest) return [];
  const targets = (m: ManifestSummary) => m.resources.flatMap((r) => [...r.ous.map((o) => `OU ${o}`), ...r.accounts.map((a) => `account ${a}`)]);
  const before = new Set(oldManifest ? targets(oldManifest) : []);
  const added = [...new Set(targets(nextManifest))].filter((t) => !before.has(t));
  if (added.length === 0) return [];
  return [`New deployment targets: ${added.join(', ')}. Check they exist and are enrolled before publishing: run \`root-guard preflight\``
    + `${options.includeNestedOUs ? ', and `root-guard resolve` when an OU is new in the organization (then build again)' : ''}.`];
}

/** The manifest's resources, or undefined when there is none or it cannot be read. */
function summarize(text: string | undefined): ManifestSummary | undefined {
  if (text === undefined) return undefined;
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return undefined; // a hand-broken manifest is replaced by the build; nothing to compare
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const m = doc as { region?: unknown; enable_stack_set_deletion?: unknown; resources?: unknown };
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
  const resources = (Array.isArray(m.resources) ? m.resources : []).flatMap((r: unknown) => {
    if (typeof r !== 'object' || r === null) return [];
    const x = r as { name?: unknown; deploy_method?: unknown; deployment_targets?: { accounts?: unknown; organizational_units?: unknown }; regions?: unknown };
    if (typeof x.name !== 'string') return [];
    return [{
      name: x.name,
      deployMethod: String(x.deploy_method ?? ''),
      accounts: list(x.deployment_targets?.accounts),
      ous: list(x.deployment_targets?.organizational_units),
      regions: list(x.regions),
    }];
  });
  return { region: typeof m.region === 'string' ? m.region : '<home-region>', stackSetDeletion: m.enable_stack_set_deletion === true, resources };
}

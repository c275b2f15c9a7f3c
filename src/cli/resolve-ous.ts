import { relative } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { RecordedOrganizationTrail } from '../config/organization-trail-record';
import { API_RATES, createPacer } from '../ops/aws/api-pacer';
import { createControlTowerApi } from '../ops/control-tower/control-tower-api';
import { resolveOus, type ResolveOusResult } from '../ops/resolve-ous/resolve-ous';
import { renderEnvelope } from './json-output';
import { createProgress, renderTable } from './output';
import { type AwsOptions, loadCommandContext } from './context';

/** Options of `root-guard resolve` (alias `resolve-ous`). */
export interface ResolveOusCommandOptions extends AwsOptions {
  readonly config: string;
  readonly json?: boolean;
  readonly concurrency: number;
}

/**
 * `root-guard resolve` (alias `resolve-ous`): the config's nested-OU targets and the organization
 * trail → root-guard.ous.yaml, which the build reads.
 */
/** What `root-guard resolve-ous` does once its options are parsed (the action of definitions/resolve-ous.ts). */
export async function resolveOusAction(options: ResolveOusCommandOptions): Promise<void> {
  process.exitCode = await runResolveOusCommand(options, (text) => process.stdout.write(text));
}

/** Runs the command; returns the exit code. Throws UserError (nothing written) when an OU cannot be resolved. */
export async function runResolveOusCommand(options: ResolveOusCommandOptions, print: (text: string) => void): Promise<number> {
  const { file, config, clients } = loadCommandContext(options);
  const progress = createProgress('resolve: listing OUs');
  const pacer = createPacer(API_RATES);
  // Signed by hand with the SDK's signer and handler (no SDK client has these calls), on the shared settings.
  const controlTower = createControlTowerApi({ settings: clients.settings, pacer });
  let result: ResolveOusResult;
  try {
    result = await resolveOus({
      config,
      configFile: file,
      organizations: clients.create(OrganizationsClient),
      cloudtrail: clients.create(CloudTrailClient),
      controlTower,
      cloudformation: clients.create(CloudFormationClient),
      pacer,
      concurrency: options.concurrency,
      onProgress: (listed, known) => progress.update(listed, known),
    });
  } finally {
    progress.done();
    controlTower.destroy();
    clients.destroy();
  }
  print(options.json ? renderEnvelope('resolve', result, 0) : renderResolveOus(result));
  return 0;
}

/** The readable report. */
export function renderResolveOus(result: ResolveOusResult): string {
  const shown = relative(process.cwd(), result.file) || result.file;
  if (result.status === 'not-needed') {
    const lines = ['Nothing to resolve: no stack-set OU list includes nested OUs (rootChecks.includeNestedOUs is false, or the list is Root).'];
    if (result.unusedFileExists) lines.push(`${shown} is no longer used by the build: delete it (git rm ${shown}).`);
    return `${lines.join('\n')}\n`;
  }
  const trailLines = result.organizationTrail ? renderTrail(result.organizationTrail) : [];
  if (result.lists.length === 0) {
    return `${[...trailLines, result.status === 'written'
      ? `Wrote ${shown} (resolved at ${result.resolvedAt}). Run \`root-guard build\` and commit both.`
      : `${shown} is up to date (content unchanged since ${result.resolvedAt}; file not touched).`].join('\n')}\n`;
  }
  const rows = result.lists.flatMap((list) => [
    ...list.paths.map((p) => [list.key, p, list.from.includes(p) ? 'listed' : 'nested', list.added.includes(p) ? 'added' : '']),
    ...list.removed.map((p) => [list.key, p, '', 'removed']),
  ]);
  const lines = [renderTable(['CONFIG KEY', 'OU PATH', 'FROM', 'CHANGE'], rows).trimEnd()];
  for (const list of result.lists) lines.push(`${list.key}: ${list.from.length} listed OU(s) -> ${list.paths.length} CfCT path(s).`);
  lines.push(...trailLines);
  lines.push(result.status === 'written'
    ? `Wrote ${shown} (resolved at ${result.resolvedAt}). Run \`root-guard build\` and commit both.`
    : `${shown} is up to date (content unchanged since ${result.resolvedAt}; file not touched).`);
  return `${lines.join('\n')}\n`;
}

/** What was found about the organization trail, one fact a line. */
function renderTrail(trail: RecordedOrganizationTrail): string[] {
  if (!trail.trailArn) {
    return ['Organization trail: no trail delivers to CloudWatch Logs in the home region; the build stops until one does or organizationTrail.logGroupName names a log group (docs/organization-trail.md).'];
  }
  const no = (flag: boolean | undefined, what: string) => (flag ? what : `NOT ${what}`);
  return [
    `Organization trail: ${trail.trailArn} (${no(trail.isOrganizationTrail, 'organization trail')}, ${no(trail.isMultiRegionTrail, 'multi-Region')}, ${no(trail.isLogging, 'logging')})`,
    `Log group: ${trail.logGroupName} (every metric filter goes on it at the next build)`,
    ...renderLandingZone(trail),
  ];
}

/** The landing zone: version and state, then the integrations the root checks depend on. */
function renderLandingZone(trail: RecordedOrganizationTrail): string[] {
  const lz = trail.landingZone;
  if (!lz) return [`Landing zone version: ${trail.landingZoneVersion ?? 'not recorded'}`];
  const latest = lz.latestAvailableVersion && lz.latestAvailableVersion !== trail.landingZoneVersion ? `, ${lz.latestAvailableVersion} available` : '';
  const state = [lz.status, lz.driftStatus].filter(Boolean).join(', ');
  const lines = [
    `Landing zone: ${lz.arn} version ${trail.landingZoneVersion}${latest}${state ? ` (${state})` : ''}`,
    `Landing zone integrations: AWS Config ${lz.integrations.config}, centralized logging ${lz.integrations.centralizedLogging}`,
  ];
  if (lz.integrations.config === 'disabled') {
    lines.push('  AWS Config integration is off: every account the root checks target needs its own Config recorder in the home region (`root-guard preflight --aggregator-profile …` checks it).');
  }
  if (lz.baselineConfigStackSet === 'absent') {
    lines.push('CfCT enrolment stack set: AWSControlTowerBP-BASELINE-CONFIG is absent: a Root target is written out as every OU, and CfCT needs its CONTROL_TOWER_BASELINE_CONFIG_STACKSET pointed at an existing stack set (`root-guard preflight` says which; docs/operating.md).');
  } else if (lz.baselineConfigStackSet) {
    lines.push(`CfCT enrolment stack set: ${lz.baselineConfigStackSet}`);
  }
  if (Array.isArray(lz.enabledBaselines)) {
    const byBaseline = new Map<string, string[]>();
    for (const b of lz.enabledBaselines) byBaseline.set(b.baseline, [...(byBaseline.get(b.baseline) ?? []), `${b.ou}${b.status && b.status !== 'SUCCEEDED' ? ` (${b.status})` : ''}`]);
    lines.push(`Enabled baselines: ${byBaseline.size === 0 ? 'none' : [...byBaseline].map(([name, ous]) => `${name} on ${ous.join(', ')}`).join('; ')}`);
  } else if (typeof lz.enabledBaselines === 'string') {
    lines.push(`Enabled baselines: ${lz.enabledBaselines}`);
  }
  return lines;
}

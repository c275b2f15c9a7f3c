import { OU_RESOLUTION_FILE } from '../../../config/ou-resolution';
import { expandOuPaths, type OuIndex } from '../../organization';
import { listSome } from '../../text';
import { PREFLIGHT_API, type PreflightFinding } from '../finding';

/** One stack-set target list that root-guard.ous.yaml expands, with what the file holds for it. */
export interface ExpandedTargetList {
  /** Key path in the config (`rootChecks.organizationalUnits`). */
  readonly key: string;
  readonly targets: readonly string[];
  /** The committed expansion, or the file's problems (missing, stale `from`, unreadable). */
  readonly committed: { readonly ok: true; readonly paths: readonly string[] } | { readonly ok: false; readonly problems: readonly string[] };
}

/** What {@link checkOuResolution} needs. */
export interface OuResolutionFacts {
  /** The live OU tree; the check is skipped without it (ou-path reports why). */
  readonly index?: OuIndex;
  /** The lists the config expands (none when nothing needs expanding). */
  readonly lists: readonly ExpandedTargetList[];
}

/** root-guard.ous.yaml must be what `root-guard resolve` would write now, or the build deploys to a stale OU list. */
export function checkOuResolution(facts: OuResolutionFacts): PreflightFinding[] {
  const { index } = facts;
  if (!index) return [];
  const api = PREFLIGHT_API.listOrganizationalUnitsForParent;
  const findings: PreflightFinding[] = [];
  for (const list of facts.lists) {
    const target = `${list.key} [${list.targets.join(', ')}]`;
    const add = (status: PreflightFinding['status'], at: string, message: string) => findings.push({ check: 'ou-resolution', status, target, api: at, message });
    const live = expandOuPaths(index, list.targets);
    if (live.problems.length > 0) {
      add('warn', api, `not checked: the live OU tree could not be expanded (${live.problems.join('; ')})`);
      continue;
    }
    if (!list.committed.ok) {
      add('fail', `read ${OU_RESOLUTION_FILE}`, list.committed.problems.join('; '));
      continue;
    }
    const committed = list.committed.paths;
    const added = live.paths.filter((p) => !committed.includes(p));
    const removed = committed.filter((p) => !live.paths.includes(p));
    if (added.length === 0 && removed.length === 0) {
      add('pass', api, `${OU_RESOLUTION_FILE} is current: ${live.paths.length} OUs`);
    } else {
      const changes = [added.length ? `new OUs: ${listSome(added, 5)}` : '', removed.length ? `gone: ${listSome(removed, 5)}` : ''].filter(Boolean).join('; ');
      add('fail', api, `${OU_RESOLUTION_FILE} is stale (${changes}): accounts in new OUs get no root checks and CfCT fails on a gone nested OU (run \`root-guard resolve\`, then \`root-guard build\`, and commit both)`);
    }
  }
  return findings;
}

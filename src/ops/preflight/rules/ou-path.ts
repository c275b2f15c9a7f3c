import { describeUnresolved, type OuIndex, ROOT_TARGET } from '../../organization';
import { notChecked, PREFLIGHT_API, type PreflightFinding, type Read } from '../finding';

/** One config list of OU paths, by its key path in the config. */
export interface OuPathList {
  readonly key: string;
  readonly paths: readonly string[];
}

/** What {@link checkOuPaths} needs. */
export interface OuPathFacts {
  /** The OU tree (organizations:ListRoots, ListOrganizationalUnitsForParent). */
  readonly tree: Read<OuIndex>;
  /** The config's OU lists: `rootChecks.organizationalUnits`, `scp.organizationalUnits`. */
  readonly lists: readonly OuPathList[];
  /** The config file, named in the fix. */
  readonly configFile: string;
}

/**
 * Each path must resolve as CfCT resolves it: exact, case-sensitive names, Root excluded. CfCT
 * deploys nowhere for an unknown top-level OU and fails on an unknown nested one; its SCP stage
 * skips an unknown OU.
 */
export function checkOuPaths(facts: OuPathFacts): PreflightFinding[] {
  if (!facts.tree.ok) return [notChecked('ou-path', facts.tree.failure, 'list the organization root')];
  const index = facts.tree.value;
  const findings: PreflightFinding[] = [];
  const add = (status: PreflightFinding['status'], target: string, api: string, message: string) => findings.push({ check: 'ou-path', status, target, api, message });
  for (const { key, paths } of facts.lists) {
    for (const path of paths) {
      const resolution = index.resolve(path);
      const target = path === ROOT_TARGET ? `root ${index.tree.rootId}` : `OU ${path}`;
      const api = PREFLIGHT_API.listOrganizationalUnitsForParent;
      if (resolution.kind === 'root') add('pass', target, PREFLIGHT_API.listRoots, `${key}: Root is the organization root ${resolution.id}`);
      else if (resolution.kind === 'found') add('pass', target, api, `${key}: resolves to ${resolution.unit.id}`);
      else if (resolution.kind === 'unread') add('warn', target, api, `${key}: ${describeUnresolved(path, resolution)}`);
      else add('fail', target, api, `${key}: ${describeUnresolved(path, resolution)} (fix ${key} in ${facts.configFile}; CfCT ${key.startsWith('scp') ? 'skips an unknown OU' : 'deploys nowhere for an unknown top-level OU and fails on an unknown nested one'})`);
    }
  }
  return findings;
}

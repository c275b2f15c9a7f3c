import type { OrgCheck } from '../../readers/detection-checks';

/** What {@link checkOuPathsExist} needs. */
export interface OuPathsExistFacts {
  /** The config's OU lists by key (`rootChecks.organizationalUnits`, `scp.organizationalUnits`). */
  readonly lists: readonly { readonly key: string; readonly paths: readonly string[] }[];
  /** CfCT paths of every OU that could be read. */
  readonly unitPaths: ReadonlySet<string>;
  /** True when part of the OU tree could not be read (a path not found may then exist). */
  readonly treeIncomplete: boolean;
}

/**
 * Config OU paths that do not exist: CfCT silently deploys nowhere for an unknown top-level name,
 * so this is the first thing to look at when accounts are missing instances.
 */
export function checkOuPathsExist(facts: OuPathsExistFacts): OrgCheck[] {
  const checks: OrgCheck[] = [];
  for (const { key, paths } of facts.lists) {
    for (const path of paths) {
      if (path === 'Root' || facts.unitPaths.has(path)) continue;
      checks.push({
        id: `ou:${key}:${path}`,
        label: `${key} OU ${path}`,
        status: facts.treeIncomplete ? 'unknown' : 'missing',
        detail: facts.treeIncomplete ? 'not found, but part of the OU tree could not be read' : `no OU at path "${path}" in the organization (fix ${key} in the config)`,
      });
    }
  }
  return checks;
}

import type { PlannedStackSet } from '../../plan';
import type { StackSetResource, ManifestResource } from '../manifest';
import type { TemplateSpec } from '../synthesize';

/** What one CfCT resource adds to the package: its template, its manifest entries, its plain files. */
export interface PackageUnit {
  /** The template to synthesize (none for the SCPs). */
  readonly template?: TemplateSpec;
  /** Manifest entries, in manifest order (none for the management-account prerequisite). */
  readonly resources: readonly ManifestResource[];
  /** Files written as they are: path → content (the SCP policies). */
  readonly files?: ReadonlyMap<string, string>;
}

/** A template's Description: what it deploys, and that it is generated. */
export function templateDescription(what: string): string {
  return `root-guard: ${what}. Generated from root-guard.config.yaml; do not edit.`;
}

/** The manifest entry of a planned stack set. */
export function stackSetResource(stackSet: PlannedStackSet, description: string, resourceFile: string): StackSetResource {
  return {
    name: stackSet.name,
    description,
    resourceFile,
    deployMethod: 'stack_set',
    accounts: stackSet.accounts,
    organizationalUnits: stackSet.organizationalUnits,
    regions: stackSet.regions,
  };
}

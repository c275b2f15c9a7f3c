import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, BootstraplessSynthesizer, type Stack, type StackProps } from 'aws-cdk-lib/core';
import type { TemplateGrowth } from './template-limits';

/** One template of the package: the stack that makes it, and the file it is written to. */
export interface TemplateSpec {
  /** Path relative to the package root, e.g. `templates/root-activity-alarm.json`. */
  readonly file: string;
  /** Construct id of the stack (stable: it is not visible in the template, but keeps synthesis deterministic). */
  readonly stackId: string;
  /** Creates the stack in `app` with the given props. */
  readonly create: (app: App, id: string, props: StackProps) => Stack;
  /** The config key whose entries add resources to this template, for the limit checks (template-limits.ts). */
  readonly growsWith?: TemplateGrowth;
}

/** Options for {@link synthesizeTemplates}. */
export interface SynthesizeOptions {
  /** Called with the App before synthesis, e.g. to add cdk-nag or Guard validation plugins in tests. */
  readonly configureApp?: (app: App) => void;
}

/**
 * Synthesizes stacks into plain CloudFormation templates, without the CDK CLI, as CfCT needs them:
 * - `BootstraplessSynthesizer`: no `BootstrapVersion` parameter or rule (member accounts are not
 *   CDK-bootstrapped) and a hard error if anything tries to add an asset (CfCT cannot upload assets);
 * - no analytics or tree metadata (outside the CLI, no `AWS::CDK::Metadata`/`aws:cdk:path` either);
 * - aws-cdk-lib's bundled CloudFormation validation off: 3.5-10 s per run, and the test suite runs
 *   cdk-nag, Control Tower's Guard rules and cfn-lint over the output instead (docs/reference/toolchain.md#cdk-built-in-validation).
 * Returns file → template text (2-space JSON, trailing newline): byte-stable for the same input.
 */
export function synthesizeTemplates(specs: readonly TemplateSpec[], options: SynthesizeOptions = {}): Map<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), 'root-guard-synth-'));
  try {
    const app = new App({
      outdir,
      analyticsReporting: false,
      treeMetadata: false,
      builtinCloudFormationValidation: false,
      context: {
        'aws:cdk:enable-path-metadata': false,
        'aws:cdk:version-reporting': false,
        // aws-cdk-lib's own 500-resource check throws a stack error naming construct paths; the build
        // checks every CloudFormation limit itself after synthesis and names the config key to change
        // (template-limits.ts). 0 turns CDK's check off.
        '@aws-cdk/core:stackResourceLimit': 0,
        // No creation stack trace on every construct ("only for performance reasons", cx-api): they go to
        // the cloud assembly's metadata, never to a template, and cost about 4 ms of a cold build
        // (measured). Kept when validation plugins are added: their reports show where a construct was made.
        ...(options.configureApp ? {} : { 'aws:cdk:disable-creation-stack-traces': true }),
      },
    });
    const stacks = specs.map((spec) => ({
      spec,
      stack: spec.create(app, spec.stackId, { synthesizer: new BootstraplessSynthesizer() }),
    }));
    options.configureApp?.(app);
    const assembly = app.synth();
    const files = new Map<string, string>();
    for (const { spec, stack } of stacks) {
      const template = assembly.getStackArtifact(stack.artifactId).template as object;
      files.set(spec.file, `${JSON.stringify(template, null, 2)}\n`);
    }
    return files;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

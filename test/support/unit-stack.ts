import { App, BootstraplessSynthesizer, type Stack } from 'aws-cdk-lib/core';
import type { TemplateSpec } from '../../src/package/synthesize';

/** Creates a unit's stack in a fresh App, as the package's synthesis does. */
export function createStack(spec: TemplateSpec | undefined): Stack {
  if (!spec) throw new Error('the unit has no template');
  return spec.create(new App(), spec.stackId, { synthesizer: new BootstraplessSynthesizer() });
}

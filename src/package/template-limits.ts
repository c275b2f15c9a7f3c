import { UserError } from '../errors';

/**
 * CloudFormation's per-template limits, checked on every generated template as it will be submitted
 * (docs/reference/limits.md#cloudformation-template-limits):
 * - files under `templates/` reach CloudFormation by Amazon S3 URL: CfCT uploads each one and passes
 *   `TemplateURL` to ValidateTemplate, CreateStackSet and UpdateStackSet, so up to 1 MB is read
 *   (docs/reference/limits.md#how-cfct-submits-templates);
 * - the prerequisite under `prerequisites/` is deployed by hand with
 *   `aws cloudformation deploy --template-file`, which sends the body in the request unless
 *   `--s3-bucket` is given: 51,200 bytes (docs/reference/limits.md#the-prerequisite-template).
 * Sizes are of the file's bytes as written (UTF-8), which is what both paths send.
 */
export const TEMPLATE_LIMITS = {
  /** Resources declared in one template. */
  resources: 500,
  outputs: 200,
  parameters: 200,
  mappings: 200,
  /** The template's Description, in bytes. */
  descriptionBytes: 1024,
  /** A template read from an Amazon S3 URL ("1 MB"; cfn-lint and aws-cdk-lib count it as 1,000,000 bytes). */
  templateUrlBytes: 1_000_000,
  /** A template passed in the request (TemplateBody). */
  templateBodyBytes: 51_200,
} as const;

/** How a template reaches CloudFormation. */
export type TemplateSubmission = 'template-url' | 'template-body';

/**
 * What makes a template grow with the config, so an over-limit template is reported at the config
 * key to change, with how far to change it.
 */
export interface TemplateGrowth {
  /** The config key whose entries add to the template, e.g. `['securityTopic', 'emails']`. */
  readonly key: readonly (string | number)[];
  /** How many entries it has now. */
  readonly count: number;
  /** What one entry is, e.g. `address`. */
  readonly noun: string;
  /** Resources each entry adds to the template. */
  readonly resourcesEach: number;
}

/** One template to check. */
export interface CheckedTemplate {
  readonly file: string;
  readonly text: string;
  readonly growsWith?: TemplateGrowth;
}

/** A limit a template exceeds: at a config key (when one makes it grow), else at the template's file. */
export interface TemplateLimitProblem {
  readonly file: string;
  readonly key?: readonly (string | number)[];
  /** What is wrong and the fix, without the location or the file: `would declare 504 resources, … (fix)`. */
  readonly message: string;
}

/** The problem as one line after its location: `<file> would …` after a key, `<file>: would …` alone. */
export function describeLimitProblem(problem: TemplateLimitProblem): string {
  return problem.key ? `${problem.key.join('.')}: ${problem.file} ${problem.message}` : `${problem.file}: ${problem.message}`;
}

/** How a file is submitted: by URL under `templates/` (CfCT), in the request elsewhere (deployed by hand). */
export function submissionOf(file: string): TemplateSubmission {
  return file.startsWith('templates/') ? 'template-url' : 'template-body';
}

/** Every limit each template exceeds (empty when all fit). */
export function templateLimitProblems(templates: readonly CheckedTemplate[]): TemplateLimitProblem[] {
  return templates.flatMap((template) => problemsOf(template));
}

function problemsOf({ file, text, growsWith }: CheckedTemplate): TemplateLimitProblem[] {
  const problems: TemplateLimitProblem[] = [];
  const at = (message: string): TemplateLimitProblem => ({ file, ...(growsWith ? { key: growsWith.key } : {}), message });
  const parsed = JSON.parse(text) as { Resources?: object; Outputs?: object; Parameters?: object; Mappings?: object; Description?: string };
  const resources = Object.keys(parsed.Resources ?? {}).length;
  if (resources > TEMPLATE_LIMITS.resources) {
    problems.push(at(`would declare ${fmt(resources)} resources, and CloudFormation accepts at most ${TEMPLATE_LIMITS.resources} in one template (${resourceFix(resources, growsWith)})`));
  }
  for (const [section, limit] of [['Outputs', TEMPLATE_LIMITS.outputs], ['Parameters', TEMPLATE_LIMITS.parameters], ['Mappings', TEMPLATE_LIMITS.mappings]] as const) {
    const count = Object.keys(parsed[section] ?? {}).length;
    if (count > limit) problems.push(at(`would declare ${fmt(count)} ${section.toLowerCase()}, and CloudFormation accepts at most ${limit} (${genericFix(growsWith)})`));
  }
  const description = Buffer.byteLength(parsed.Description ?? '');
  if (description > TEMPLATE_LIMITS.descriptionBytes) {
    problems.push(at(`would have a Description of ${fmt(description)} bytes, and CloudFormation accepts at most ${fmt(TEMPLATE_LIMITS.descriptionBytes)} (${genericFix(growsWith)})`));
  }
  const bytes = Buffer.byteLength(text);
  const submission = submissionOf(file);
  const limit = submission === 'template-url' ? TEMPLATE_LIMITS.templateUrlBytes : TEMPLATE_LIMITS.templateBodyBytes;
  if (bytes > limit) {
    const how = submission === 'template-url'
      ? 'CloudFormation reads at most 1 MB (1,000,000 bytes) from the Amazon S3 URL CfCT submits'
      : 'CloudFormation accepts at most 51,200 bytes in a request, and `aws cloudformation deploy --template-file` sends it in the request unless --s3-bucket is given';
    problems.push(at(`would be ${fmt(bytes)} bytes, and ${how} (${genericFix(growsWith)})`));
  }
  return problems;
}

function resourceFix(resources: number, growth: TemplateGrowth | undefined): string {
  if (!growth || growth.resourcesEach <= 0) return genericFix(growth);
  const fixed = resources - growth.count * growth.resourcesEach;
  const most = Math.max(0, Math.floor((TEMPLATE_LIMITS.resources - fixed) / growth.resourcesEach));
  return `each ${growth.noun} adds ${growth.resourcesEach === 1 ? 'one resource' : `${growth.resourcesEach} resources`} there: list at most ${fmt(most)}${growth.noun === 'address' ? ', or one mailing list that reaches everyone' : ''}`;
}

function genericFix(growth: TemplateGrowth | undefined): string {
  return growth ? `list fewer or shorter entries in ${growth.key.join('.')}` : 'root-guard should never generate this: please report it';
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** An over-limit package: a {@link UserError} that keeps each problem's config key, for callers that can place it. */
export class TemplateLimitError extends UserError {
  constructor(public readonly limitProblems: readonly TemplateLimitProblem[]) {
    super([...limitProblems.map(describeLimitProblem), 'Nothing was written.']);
  }
}

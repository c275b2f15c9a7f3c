import { describeLimitProblem, submissionOf, TEMPLATE_LIMITS, templateLimitProblems } from '../../src/package/template-limits';

/** A template with `resources` resources and `padding` extra bytes in one property. */
function template(resources: number, extra: Record<string, unknown> = {}, padding = 0): string {
  const body: Record<string, unknown> = { Resources: {}, ...extra };
  for (let i = 0; i < resources; i++) (body.Resources as Record<string, unknown>)[`R${i}`] = { Type: 'AWS::SNS::Subscription', Properties: {} };
  if (padding > 0) (body.Resources as Record<string, unknown>).Padded = { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'x'.repeat(padding) } };
  return `${JSON.stringify(body, null, 2)}\n`;
}

const emails = (count: number) => ({ key: ['securityTopic', 'emails'], count, noun: 'address', resourcesEach: 1 });

describe('CloudFormation template limits', () => {
  test('templates/ go by Amazon S3 URL (CfCT), anything else in the request', () => {
    expect(submissionOf('templates/security-topic.json')).toBe('template-url');
    expect(submissionOf('prerequisites/management-account-execution-role.json')).toBe('template-body');
  });

  test('500 resources fit; 501 are reported at the config key with how many entries fit', () => {
    expect(templateLimitProblems([{ file: 'templates/t.json', text: template(500), growsWith: emails(496) }])).toEqual([]);
    const [problem] = templateLimitProblems([{ file: 'templates/t.json', text: template(504), growsWith: emails(500) }]);
    expect(problem.key).toEqual(['securityTopic', 'emails']);
    expect(describeLimitProblem(problem)).toBe('securityTopic.emails: templates/t.json would declare 504 resources, and CloudFormation accepts at most 500 in one template (each address adds one resource there: list at most 496, or one mailing list that reaches everyone)');
  });

  test('a template read by URL may reach 1,000,000 bytes; one byte more is reported', () => {
    const base = Buffer.byteLength(template(1, {}, 1));
    const fits = template(1, {}, 1 + TEMPLATE_LIMITS.templateUrlBytes - base);
    expect(Buffer.byteLength(fits)).toBe(TEMPLATE_LIMITS.templateUrlBytes);
    expect(templateLimitProblems([{ file: 'templates/t.json', text: fits }])).toEqual([]);
    const over = template(1, {}, 2 + TEMPLATE_LIMITS.templateUrlBytes - base);
    expect(templateLimitProblems([{ file: 'templates/t.json', text: over }]).map(describeLimitProblem)).toEqual([
      'templates/t.json: would be 1,000,001 bytes, and CloudFormation reads at most 1 MB (1,000,000 bytes) from the Amazon S3 URL CfCT submits (root-guard should never generate this: please report it)',
    ]);
  });

  test('the prerequisite, deployed with --template-file, must fit in a request: 51,200 bytes', () => {
    const text = template(1, {}, 60_000);
    expect(templateLimitProblems([{ file: 'templates/t.json', text }])).toEqual([]);
    expect(templateLimitProblems([{ file: 'prerequisites/role.json', text }]).map(describeLimitProblem)).toEqual([
      expect.stringMatching(/^prerequisites\/role\.json: would be 60,\d{3} bytes, and CloudFormation accepts at most 51,200 bytes in a request, and `aws cloudformation deploy --template-file` sends it in the request unless --s3-bucket is given/),
    ]);
  });

  test('outputs, parameters, mappings and the description have their own limits', () => {
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`K${i}`, {}]));
    const text = template(1, { Outputs: many(201), Parameters: many(201), Mappings: many(201), Description: 'd'.repeat(1025) });
    expect(templateLimitProblems([{ file: 'templates/t.json', text, growsWith: emails(1) }]).map(describeLimitProblem)).toEqual([
      'securityTopic.emails: templates/t.json would declare 201 outputs, and CloudFormation accepts at most 200 (list fewer or shorter entries in securityTopic.emails)',
      'securityTopic.emails: templates/t.json would declare 201 parameters, and CloudFormation accepts at most 200 (list fewer or shorter entries in securityTopic.emails)',
      'securityTopic.emails: templates/t.json would declare 201 mappings, and CloudFormation accepts at most 200 (list fewer or shorter entries in securityTopic.emails)',
      'securityTopic.emails: templates/t.json would have a Description of 1,025 bytes, and CloudFormation accepts at most 1,024 (list fewer or shorter entries in securityTopic.emails)',
    ]);
  });
});

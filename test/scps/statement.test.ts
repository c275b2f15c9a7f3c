import { renderScpText, toScpDocument, toStatementJson } from '../../src/scps/statement';

describe('SCP statements', () => {
  test('serializes keys in the order Sid, Effect, Action, Resource, Condition whatever order the statement was built in', () => {
    const json = toStatementJson({
      conditions: { Null: { 'aws:AssumedRoot': 'true' }, ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } },
      resources: ['*'],
      actions: ['*'],
      effect: 'Deny',
      sid: 'DenyRootUser',
    });
    expect(JSON.stringify(json)).toBe(
      '{"Sid":"DenyRootUser","Effect":"Deny","Action":"*","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"},"Null":{"aws:AssumedRoot":"true"}}}',
    );
  });

  test('sorts condition keys so that the same statement always gives the same bytes', () => {
    const a = toStatementJson({ sid: 'A', effect: 'Deny', actions: ['kms:DisableKey'], resources: ['*'], conditions: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/x' }, ArnNotLike: { 'aws:PrincipalArn': ['r1', 'r2'] } } });
    const b = toStatementJson({ sid: 'A', effect: 'Deny', actions: ['kms:DisableKey'], resources: ['*'], conditions: { ArnNotLike: { 'aws:PrincipalArn': ['r1', 'r2'] }, 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/x' } } });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(Object.keys(a.Condition ?? {})).toEqual(['ArnNotLike', 'ForAnyValue:StringEquals']);
  });

  test('writes one-element lists as a string and longer lists as arrays, in the given order', () => {
    const json = toStatementJson({ sid: 'S', effect: 'Deny', actions: ['b:Y', 'a:X'], resources: ['arn:aws:sns:us-east-1:*:t'], conditions: { ArnNotLike: { 'aws:PrincipalArn': ['only'] } } });
    expect(json.Action).toEqual(['b:Y', 'a:X']);
    expect(json.Resource).toBe('arn:aws:sns:us-east-1:*:t');
    expect(json.Condition).toEqual({ ArnNotLike: { 'aws:PrincipalArn': 'only' } });
  });

  test('omits Condition when there is none', () => {
    expect(toStatementJson({ sid: 'S', effect: 'Deny', actions: ['*'], resources: ['*'] })).not.toHaveProperty('Condition');
  });

  test('renders compact JSON with Version first and no whitespace or trailing newline', () => {
    const text = renderScpText(toScpDocument([{ sid: 'S', effect: 'Deny', actions: ['iam:CreateAccessKey'], resources: ['*'] }]));
    expect(text).toBe('{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Deny","Action":"iam:CreateAccessKey","Resource":"*"}]}');
  });

  test.each([
    ['a Sid with a hyphen', { sid: 'Deny-Root', effect: 'Deny' as const, actions: ['*'], resources: ['*'] }, /letters and digits/],
    ['no actions', { sid: 'S', effect: 'Deny' as const, actions: [], resources: ['*'] }, /no actions/],
    ['no resources', { sid: 'S', effect: 'Deny' as const, actions: ['*'], resources: [] }, /no resources/],
    ['an empty condition operator', { sid: 'S', effect: 'Deny' as const, actions: ['*'], resources: ['*'], conditions: { Null: {} } }, /empty Null condition/],
  ])('rejects a statement with %s', (_what, statement, message) => {
    expect(() => toStatementJson(statement)).toThrow(message);
  });

  test('rejects two statements with the same Sid in one policy', () => {
    const s = { sid: 'Same', effect: 'Deny' as const, actions: ['*'], resources: ['*'] };
    expect(() => toScpDocument([s, s])).toThrow(/Same is used twice/);
  });
});

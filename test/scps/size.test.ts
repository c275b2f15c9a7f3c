import { UserError } from '../../src/errors';
import { cfctSubmittedSize, cfctSubmittedText, checkScpBudget, SCP_SIZE_LIMIT } from '../../src/scps/size';

describe('size as CfCT submits a policy (docs/reference/cfct.md#policies-scp-and-rcp)', () => {
  test('counts a compact one-line policy as its length', () => {
    const text = '{"Version":"2012-10-17","Statement":[]}';
    expect(cfctSubmittedSize(text)).toBe(text.length);
  });

  test('counts every newline twice, because CfCT sends it as CRLF', () => {
    expect(cfctSubmittedText('{\n"a":1\n}')).toBe('{\r\n"a":1\r\n}');
    expect(cfctSubmittedSize('{\n"a":1\n}')).toBe(9 + 2);
  });

  test('drops every pair of spaces, left to right like Python str.replace (three spaces leave one)', () => {
    expect(cfctSubmittedText('{\n    "a": "x  y   z"\n}')).toBe('{\r\n"a": "xy z"\r\n}');
  });

  test('a pretty-printed policy is smaller than its file but larger than its compact form', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Sid: 'S', Effect: 'Deny', Action: '*', Resource: '*' }] };
    const pretty = JSON.stringify(doc, null, 2);
    expect(cfctSubmittedSize(pretty)).toBeLessThan(pretty.length);
    expect(cfctSubmittedSize(pretty)).toBeGreaterThan(JSON.stringify(doc).length);
  });
});

describe('the SCP size budget', () => {
  const policy = (name: string, size: number) => ({ name, fileName: `policies/${name}.json`, text: 'x'.repeat(size) });

  test('is 5,120 characters, the quota that holds in every partition', () => {
    expect(SCP_SIZE_LIMIT).toBe(5120);
  });

  test('accepts a policy of exactly the limit', () => {
    expect(() => checkScpBudget([policy('p', 5120)])).not.toThrow();
  });

  test('rejects a policy one character over, naming the file, the policy, its size, the limit and the fix', () => {
    let error: unknown;
    try {
      checkScpBudget([policy('ok', 100), policy('root-guard-root-baseline', 5121)]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems).toEqual([
      'policies/root-guard-root-baseline.json: SCP root-guard-root-baseline is 5121 characters as CfCT submits it, over the 5120-character limit of AWS Organizations ' +
        '(protect fewer stack sets, or turn off scp.protectBaseline, scp.denyRootAccessKeys or scp.denyRootActions in root-guard.config.yaml)',
    ]);
  });

  test('measures the text as CfCT submits it: a file under the limit whose newlines push it over is rejected', () => {
    const text = `${'x'.repeat(5100)}${'\n'.repeat(11)}`; // 5,111 characters on disk, 5,122 submitted
    expect(() => checkScpBudget([{ name: 'p', fileName: 'policies/p.json', text }])).toThrow(/5122 characters/);
  });

  test('reports every oversize policy, one line each', () => {
    expect(() => checkScpBudget([policy('a', 6000), policy('b', 7000)])).toThrow(expect.objectContaining({ problems: [expect.stringContaining('SCP a is 6000'), expect.stringContaining('SCP b is 7000')] }));
  });
});

import { locateJsonError } from '../../src/report/locate-json-error';

describe('locateJsonError', () => {
  it('points at the first character that is not JSON', () => {
    expect(locateJsonError('{\n  "summary": oops\n}')).toBe(15);
    expect(locateJsonError('{"a": [1, 2,, 3]}')).toBe(12);
    expect(locateJsonError('{"a": 1} trailing')).toBe(9);
    expect(locateJsonError('{"a": "tab\there"}')).toBe(10);
  });

  it('returns the length when the text ends early', () => {
    const text = '{"accounts": [{"id": "111111111111"';
    expect(locateJsonError(text)).toBe(text.length);
    expect(locateJsonError('{"a": "unterminated')).toBe(19);
  });

  it('says it cannot tell, rather than throw, on nesting deeper than the stack', () => {
    expect(locateJsonError('['.repeat(200_000))).toBe(-1);
  });
});

import { parseJsonKeepingNumberText } from '../../src/filter-pattern/json-text';
import { NumberText } from '../../src/filter-pattern/selector';

describe('parseJsonKeepingNumberText', () => {
  it('parses like JSON.parse when every number is written as JavaScript prints it', () => {
    const text = '{"a":1,"b":[-2,3.5,"1.0 in a string"],"c":{"d":null,"e":true},"f":"say \\"12.0\\""}';
    expect(parseJsonKeepingNumberText(text)).toEqual(JSON.parse(text));
  });

  it('keeps the written text of numbers JavaScript would print differently', () => {
    const parsed = parseJsonKeepingNumberText('{"a":12.0,"b":[1e3, 2],"c":-0,"d":"12.0","e":0.10}') as Record<string, unknown>;
    expect(parsed.a).toEqual(new NumberText('12.0', 12));
    expect((parsed.b as unknown[])[0]).toEqual(new NumberText('1e3', 1000));
    expect((parsed.b as unknown[])[1]).toBe(2);
    expect(parsed.c).toEqual(new NumberText('-0', -0));
    expect(parsed.d).toBe('12.0');
    expect(parsed.e).toEqual(new NumberText('0.10', 0.1));
  });

  it('writes kept numbers back as numbers', () => {
    expect(JSON.stringify(parseJsonKeepingNumberText('{"a":12.0}'))).toBe('{"a":12}');
  });

  it('throws on text that is not JSON', () => {
    expect(() => parseJsonKeepingNumberText('{"a":')).toThrow(SyntaxError);
  });
});

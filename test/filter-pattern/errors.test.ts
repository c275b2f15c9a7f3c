import { caretLines, FilterPatternError } from '../../src/filter-pattern/errors';

describe('FilterPatternError', () => {
  it('prints the reason with the column, the pattern and a caret under the position', () => {
    const error = new FilterPatternError('{ $.a EXISTS }', 6, 'EXISTS is not supported');
    expect(error.problems).toEqual([
      'filter pattern, column 7: EXISTS is not supported',
      '  { $.a EXISTS }',
      '        ^',
    ]);
    expect(error.message).toBe(error.problems.join('\n'));
    expect(error.position).toBe(6);
  });

  it('puts the caret just past the end for "missing" errors', () => {
    const error = new FilterPatternError('{ $.a = 1', 9, 'not closed');
    expect(error.problems[2]).toBe(`  ${' '.repeat(9)}^`);
  });
});

describe('caretLines', () => {
  it('shows a window of a long pattern with the caret still under the right character', () => {
    const pattern = `{ ${'($.eventName = X) || '.repeat(20)}$.a EXISTS }`;
    const position = pattern.indexOf('EXISTS');
    const [line, caret] = caretLines(pattern, position);
    expect(line.startsWith('  …')).toBe(true);
    expect(line.length).toBeLessThan(140);
    expect(line[caret.length - 1]).toBe('E');
  });

  it('keeps the caret aligned when the pattern has newlines and tabs', () => {
    const [line, caret] = caretLines('{\n\t$.a EXISTS }', 7);
    expect(line).toBe('  {  $.a EXISTS }');
    expect(line[caret.length - 1]).toBe('E');
  });
});

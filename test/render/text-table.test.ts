import { renderTable } from '../../src/render/text-table';

describe('renderTable', () => {
  test('aligns every column to its widest cell, with a rule under the header', () => {
    expect(renderTable(['ID', 'NAME'], [['1', 'alpha'], ['222', 'b']])).toBe([
      'ID   NAME',
      '---  -----',
      '1    alpha',
      '222  b',
      '',
    ].join('\n'));
  });

  test('prints the header alone when there are no rows, and no trailing spaces', () => {
    expect(renderTable(['ACCOUNT', 'X'], [])).toBe('ACCOUNT  X\n-------  -\n');
  });
});

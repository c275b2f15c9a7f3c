import { Command, InvalidArgumentError } from 'commander';
import { addExitCodes, integerOption, parsePositiveInteger, UsageError } from '../../src/cli/options';
import { UserError } from '../../src/errors';

describe('integerOption', () => {
  test('accepts whole numbers within the bounds', () => {
    expect(integerOption({ max: 20 })('20')).toBe(20);
    expect(integerOption({ min: 0 })('0')).toBe(0);
    expect(parsePositiveInteger('7')).toBe(7);
  });

  test.each([
    ['0', {}, '"0" is not a whole number of at least 1 (e.g. 5).'],
    ['2.5', { max: 20 }, '"2.5" is not a whole number from 1 to 20 (e.g. 5).'],
    ['1e3', { max: 10000 }, '"1e3" is not a whole number from 1 to 10000 (e.g. 5).'],
    ['901', { min: 5, max: 900, unit: 'seconds' }, '"901" is not a whole number from 5 to 900 seconds (e.g. 5).'],
    ['', { min: 0 }, '"" is not a whole number of at least 0 (e.g. 5).'],
  ])('rejects %j with one wording for every option', (value, bounds, message) => {
    expect(() => integerOption(bounds)(value)).toThrow(new InvalidArgumentError(message));
  });
});

describe('addExitCodes', () => {
  test('appends the exit codes to the help', () => {
    const help = addExitCodes(new Command('x'), ['0 fine', '1 not fine']);
    let text = '';
    help.configureOutput({ writeOut: (s) => { text += s; } }).exitOverride();
    expect(() => help.parse(['--help'], { from: 'user' })).toThrow();
    expect(text).toContain('Exit codes:\n  0 fine\n  1 not fine');
  });
});

test('a UsageError is a UserError (printed without a stack trace) that main maps to exit 2', () => {
  expect(new UsageError('x')).toBeInstanceOf(UserError);
});

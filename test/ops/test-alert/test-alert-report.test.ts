import { UserError } from '../../../src/errors';
import { errorReport, exitCodeOf, fastPathNotTested, type PathReport, type PathStatus } from '../../../src/ops/test-alert/test-alert-report';

const row = (path: PathReport['path'], status: PathStatus): PathReport => ({ path, status, detail: '' });

describe('exitCodeOf', () => {
  test('is 0 only when every path run was delivered', () => {
    expect(exitCodeOf([row('alarm', 'delivered')])).toBe(0);
    expect(exitCodeOf([row('alarm', 'delivered'), row('fast', 'delivered')])).toBe(0);
  });

  test('is 3 when the paths run were delivered but the fast path was not tested', () => {
    expect(exitCodeOf([row('alarm', 'delivered'), row('fast', 'not-tested')])).toBe(3);
  });

  test('is 1 when any path failed, was not seen or could not run, whatever the other did', () => {
    for (const bad of ['failed', 'not-seen', 'error'] as const) {
      expect(exitCodeOf([row('alarm', 'delivered'), row('fast', bad)])).toBe(1);
      expect(exitCodeOf([row('alarm', bad), row('fast', 'not-tested')])).toBe(1);
    }
  });
});

describe('path rows', () => {
  test('a drill that stopped with a user error becomes an error row; anything else is rethrown', () => {
    expect(errorReport('fast', new UserError('events:PutEvents on x: access denied'))).toEqual({ path: 'fast', status: 'error', detail: 'events:PutEvents on x: access denied' });
    expect(() => errorReport('alarm', new TypeError('bug'))).toThrow('bug');
    // A timed-out call stops the command with its one line, as in every command.
    const timeout = Object.assign(new UserError('STS GetCallerIdentity: no answer from https://sts.us-east-1.amazonaws.com/ within 40 s'), { name: 'TimeoutError' });
    expect(() => errorReport('fast', timeout)).toThrow(timeout);
  });

  test('an untested fast path carries the command that tests it', () => {
    expect(fastPathNotTested('root-guard test-alert --path fast --security-profile <p>', '222222222222').detail)
      .toBe('needs credentials of the security account 222222222222: run `root-guard test-alert --path fast --security-profile <p>`');
  });
});

import { resolveWindow } from '../../src/hunt/hunt-window';

const NOW = new Date('2024-03-03T12:00:00Z');

describe('resolveWindow', () => {
  it('defaults to the last day', () => {
    expect(resolveWindow({}, NOW)).toEqual({ start: new Date('2024-03-02T12:00:00Z'), end: NOW });
  });
  it.each([['30m', '2024-03-03T11:30:00Z'], ['12h', '2024-03-03T00:00:00Z'], ['7d', '2024-02-25T12:00:00Z']])('--since %s', (since, start) => {
    expect(resolveWindow({ since }, NOW).start.toISOString()).toBe(new Date(start).toISOString());
  });
  it('reads --start/--end as UTC dates or date-times', () => {
    expect(resolveWindow({ start: '2024-03-01', end: '2024-03-02T06:30' }, NOW)).toEqual({ start: new Date('2024-03-01T00:00:00Z'), end: new Date('2024-03-02T06:30:00Z') });
  });
  it.each([
    [{ since: '1w' }, '--since "1w" is not a duration (write e.g. 30m, 12h or 7d)'],
    [{ since: '0d' }, 'is not a duration'],
    [{ start: 'yesterday' }, '--start "yesterday" is not a date'],
    [{ start: '2024-03-02', end: '2024-03-01' }, 'before it starts'],
    [{ end: '2024-03-01' }, '--end needs --start'],
    [{ since: '1d', start: '2024-03-01' }, 'not both'],
    [{ start: '2020-01-01', end: '2024-01-01' }, 'longer than 400 days'],
  ])('rejects %j', (flags, message) => {
    expect(() => resolveWindow(flags, NOW)).toThrow(message);
  });
});

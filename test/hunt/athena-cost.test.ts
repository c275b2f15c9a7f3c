import { athenaCostUsd } from '../../src/hunt/athena-cost';

describe('athenaCostUsd', () => {
  it('bills each query at least 10 MB', () => {
    expect(athenaCostUsd([0])).toBeCloseTo((10 / 2 ** 20) * 5, 12);
    expect(athenaCostUsd([1, 1])).toBeCloseTo(2 * (10 / 2 ** 20) * 5, 12);
  });
  it('rounds up to the megabyte and charges $5 per TB', () => {
    expect(athenaCostUsd([2 ** 40])).toBe(5);
    expect(athenaCostUsd([20 * 2 ** 20 + 1])).toBeCloseTo((21 / 2 ** 20) * 5, 12);
  });
});

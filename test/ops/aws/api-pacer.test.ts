import { API_RATES, createPacer, rateFloorSeconds } from '../../../src/ops/aws/api-pacer';
// A clock that only moves when the pacer sleeps: the times below are exact.
import { virtualClock } from '../../support/virtual-clock';

describe('createPacer', () => {
  test('lets a burst go at once, then one call per 1/rate seconds', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ 'x:List': { rate: 10, burst: 3, source: 'test' } }, { ...clock, headroom: 1 });
    const at: number[] = [];
    for (let i = 0; i < 6; i++) {
      await pacer.take('x:List');
      at.push(clock.now());
    }
    // Three at once, then every 100 ms: the first wait has 1 ms extra against early timers, and
    // what that extra millisecond refills carries over, so the long-run rate stays 10/s.
    expect(at).toEqual([0, 0, 0, 101, 201, 301]);
  });

  test('runs slightly under the published rate (headroom), so jitter never gets ahead of the service', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ 'x:List': { rate: 5, burst: 1, source: 'test' } }, clock);
    await pacer.take('x:List');
    await pacer.take('x:List');
    expect(clock.now()).toBe(Math.ceil(1000 / (5 * 0.98)) + 1);
  });

  test('keeps one bucket per API: a slow API does not hold back a fast one', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ 'x:Slow': { rate: 1, burst: 1, source: 'test' }, 'x:Fast': { rate: 100, burst: 1, source: 'test' } }, { ...clock, headroom: 1 });
    await pacer.take('x:Slow');
    await pacer.take('x:Fast');
    await pacer.take('x:Fast');
    expect(clock.now()).toBe(11);
  });

  test('counts every call, paced or not', async () => {
    const pacer = createPacer({ 'x:List': { rate: 1000, burst: 10, source: 'test' } });
    await pacer.take('x:List');
    await pacer.take('x:List');
    await pacer.take('y:Describe');
    expect(pacer.counts()).toEqual({ 'x:List': 2, 'y:Describe': 1 });
  });
});

describe('API_RATES', () => {
  test('carries the published Organizations rates, each with its source', () => {
    expect(API_RATES['organizations:ListAccounts']).toEqual(expect.objectContaining({ rate: 8, burst: 12 }));
    expect(API_RATES['organizations:ListChildren']).toEqual(expect.objectContaining({ rate: 6, burst: 10 }));
    expect(API_RATES['organizations:ListAccountsForParent']).toEqual(expect.objectContaining({ rate: 5, burst: 8 }));
    for (const rate of Object.values(API_RATES)) expect(rate.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/|^not published/);
  });
});

describe('rateFloorSeconds', () => {
  test('is set by the slowest bucket: calls beyond the burst at the API\'s rate', () => {
    const rates = { 'a:X': { rate: 8, burst: 12, source: 't' }, 'a:Y': { rate: 5, burst: 8, source: 't' } };
    expect(rateFloorSeconds({ 'a:X': 252, 'a:Y': 58, 'a:Unpaced': 1000 }, rates)).toBe(30);
    expect(rateFloorSeconds({ 'a:X': 10 }, rates)).toBe(0);
  });
});

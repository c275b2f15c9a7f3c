import { createPacer } from '../../../src/ops/aws/api-pacer';
import { pacedWithRetry } from '../../../src/ops/root-credentials/paced-retry';
import { accessDenied, throttling } from './simulated-root-access';

describe('pacedWithRetry', () => {
  const sleep = jest.fn(async () => undefined);
  beforeEach(() => sleep.mockClear());

  test('retries throttling through the pacer, then succeeds', async () => {
    const pacer = createPacer();
    let n = 0;
    const out = await pacedWithRetry(pacer, 'sts:AssumeRoot', async () => { if (++n < 3) throw throttling(); return 'ok'; }, { sleep });
    expect(out).toBe('ok');
    expect(pacer.counts()['sts:AssumeRoot']).toBe(3);
    expect(sleep).toHaveBeenCalledTimes(2);
  });

  test('gives up after the last attempt, and never retries other errors', async () => {
    await expect(pacedWithRetry(createPacer(), 'x', async () => { throw throttling(); }, { sleep, attempts: 2 })).rejects.toThrow('Rate exceeded');
    expect(sleep).toHaveBeenCalledTimes(1);
    sleep.mockClear();
    await expect(pacedWithRetry(createPacer(), 'x', async () => { throw accessDenied(); }, { sleep })).rejects.toThrow('not authorized');
    expect(sleep).not.toHaveBeenCalled();
  });
});

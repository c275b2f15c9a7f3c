/**
 * Maps `items` through `fn` with at most `limit` calls in flight, keeping the input order. When a
 * call throws, no new item is started, the calls in flight are let finish (so none is left writing
 * after the caller moved on: a journal, a socket), and the first error is thrown.
 * Hand-written (a dozen lines) because the maintained pools on npm (p-limit, p-map) are ESM-only,
 * and this CommonJS CLI and its ts-jest tests would need a loader for them.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        results[index] = await fn(items[index], index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}

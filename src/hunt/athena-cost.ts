/**
 * What Athena charges for a query's scan: $5 per TB scanned, rounded up to the nearest megabyte,
 * with a 10 MB minimum per query (https://aws.amazon.com/athena/pricing/, SQL queries, US East
 * (N. Virginia); the price differs by Region, so this is an estimate). TB and MB are taken as
 * 2^40 and 2^20 bytes.
 */
export const USD_PER_TB = 5;
const MB = 2 ** 20;
const TB = 2 ** 40;
export const MIN_BILLED_BYTES = 10 * MB;

/** The estimated cost in US dollars of queries that scanned these bytes (one entry per query). */
export function athenaCostUsd(bytesPerQuery: readonly number[]): number {
  return bytesPerQuery.reduce((sum, bytes) => sum + (Math.max(MIN_BILLED_BYTES, Math.ceil(bytes / MB) * MB) / TB) * USD_PER_TB, 0);
}

import { InvalidArgumentError } from 'commander';

/** Option parsers shared by the commands (commander reports their errors as usage errors, exit 2). */

/** Parses a whole number ≥ 1 for an option. */
export function parsePositiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${value}" is not a whole number of at least 1.`);
  return n;
}

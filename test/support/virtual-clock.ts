import type * as ApiPacer from '../../src/ops/aws/api-pacer';
import type * as AthenaQuery from '../../src/hunt/athena-query';

/**
 * Modules whose waits run on a virtual clock, for the CLI tests that run whole commands against
 * mocked clients: a wait moves the clock forward and returns at once. At AWS's published rates
 * (Organizations' OU listing, CloudWatch's metric reads) and Athena's first poll after 500 ms, those
 * tests spent about 6.5 s of each run asleep. The waits themselves are tested on the real clock or
 * an injected one where they are defined: test/ops/api-pacer.test.ts,
 * test/ops/organization/read-organization.test.ts, test/hunt/athena-query.test.ts.
 *
 * Usage, at the top of a test file (jest hoists jest.mock above the imports):
 *   jest.mock('../../src/ops/aws/api-pacer', () => require('../support/virtual-clock').pacerOnVirtualClock(jest.requireActual('../../src/ops/aws/api-pacer')));
 */

/** A clock that only moves when something sleeps on it (also the pacer's own tests' clock). */
export function virtualClock(): { now: () => number; sleep: (ms: number) => Promise<void> } {
  let clock = 0;
  return { now: () => clock, sleep: async (ms) => { clock += ms; } };
}

/** api-pacer with `createPacer` on a virtual clock: the same rates, token buckets and call counts. */
export function pacerOnVirtualClock(actual: typeof ApiPacer): typeof ApiPacer {
  return { ...actual, createPacer: (rates, options = {}) => actual.createPacer(rates, { ...virtualClock(), ...options }) };
}

/** athena-query with `runAthenaQuery` polling on a virtual clock: the same polls, deadlines and limits. */
export function athenaQueryOnVirtualClock(actual: typeof AthenaQuery): typeof AthenaQuery {
  return { ...actual, runAthenaQuery: (client, sql, target, limits) => actual.runAthenaQuery(client, sql, target, { ...virtualClock(), ...limits }) };
}

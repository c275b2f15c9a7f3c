'use strict';
const Sequencer = require('@jest/test-sequencer').default;

/**
 * Suites that take longest on the wall clock though their files are small: they wait on child
 * processes (cfn-lint, Chromium, the CLI) or on timeouts, or parse very large inputs. On a clean
 * clone (CI) jest has no timings yet and orders suites by file size, so these used to start last and
 * leave one worker busy while the other sat idle. With timings cached (a second local run), jest's
 * own order (slowest first) applies and this list is not used.
 */
const SLOW_SUITES = [
  'test/package/judges.test.ts',
  'test/package/another-organization.test.ts',
  'test/report/render-report-html.test.ts',
  'test/config/yaml-input.test.ts',
  'test/scps/baseline-simulation.test.ts',
  'test/cli/context.test.ts',
  'test/bin/root-guard.test.ts',
];

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((test) => test.duration != null)) return sorted;
    const rank = (test) => {
      const index = SLOW_SUITES.findIndex((suffix) => test.path.replace(/\\/g, '/').endsWith(suffix));
      return index === -1 ? SLOW_SUITES.length : index;
    };
    // Array.prototype.sort is stable: the other suites keep jest's order.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirstSequencer;
module.exports.SLOW_SUITES = SLOW_SUITES;

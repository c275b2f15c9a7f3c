/**
 * Writes one plain line, "N passed, N failed" (plus ", N skipped" when any), to the file named by
 * ROOT_GUARD_TEST_SUMMARY. .ci/run prints it as the last line of its log: the closing line CI's log
 * reader understands for any test runner (jest's own summary is not one it reads).
 */
const { writeFileSync } = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.ROOT_GUARD_TEST_SUMMARY;
    if (!file) return;
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    writeFileSync(file, `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
module.exports = SummaryReporter;

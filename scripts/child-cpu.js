'use strict';
const { readFileSync } = require('node:fs');

const TICKS = 100; // USER_HZ on Linux

/**
 * CPU-seconds (user + system) of the children this process has waited for so far, descendants
 * included, or undefined off Linux: the benchmarks' CPU floors (bench-test.js, bench-cli.js).
 */
function childCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // Fields 16 and 17 of proc(5) (cutime, cstime) are at 13 and 14 after the command name.
    return (Number(fields[13]) + Number(fields[14])) / TICKS;
  } catch {
    return undefined;
  }
}

module.exports = { childCpu };

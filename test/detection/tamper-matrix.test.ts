import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPlan } from '../../src/plan';
import { fixtureConfig, REPO_ROOT } from '../support/config';
import { deliveredBy, type Path, record, rulesSwitchedOff, tamperPaths, type Where } from '../support/tamper-records';

const plan = createPlan(fixtureConfig());
const { alertingPaths } = tamperPaths(plan);
const DOC = readFileSync(join(REPO_ROOT, 'docs', 'tamper-alerts.md'), 'utf8');

/** The Markdown table rows (`| n | … |`) between two headings of docs/tamper-alerts.md. */
function tableRows(from: string, to: string): string[][] {
  const section = DOC.slice(DOC.indexOf(from), DOC.indexOf(to));
  return section.split('\n').filter((l) => /^\| \d+ \|/.test(l))
    .map((line) => line.split(' | ').map((c) => c.replace(/^\|\s*|\s*\|$/g, '').trim()));
}
const unquote = (c: string) => c.replace(/^`|`$/g, '');
const accountsOf = (cell: string) => (cell === '-' ? [] : cell.split(', ').sort());

interface MatrixRow { n: string; where: Where; call: string; request: unknown; caller: string; switchesOff: string; alertedBy: Path[]; deliveredTo: string[] }

const rows: MatrixRow[] = tableRows('## The matrix', '## Two calls in a row').map(([n, where, call, request, caller, switchesOff, alertedBy, deliveredTo]) => ({
  n, where: where as Where, call: unquote(call), request: JSON.parse(unquote(request)), caller, switchesOff,
  alertedBy: alertedBy === 'none' ? [] : alertedBy.split(', ') as Path[],
  deliveredTo: accountsOf(deliveredTo),
}));
const rowByNumber = new Map(rows.map((r) => [r.n, r]));

const recordOf = (row: MatrixRow) => record(row.where, row.call, row.request, row.caller);
const offOf = (row: MatrixRow) => (row.switchesOff === '-' ? [] : [row.switchesOff]);
const rulesOffOf = (row: MatrixRow) => (row.switchesOff === 'tamper rule' ? rulesSwitchedOff(recordOf(row)) : []);
/** Deployment-role sessions are exempt by design: what alerts is how the session was obtained. */
const EXEMPT_CALLERS = ['AWSControlTowerExecution'];

/** The paths still alive to report `row`'s call, and where they deliver, once `off` and `rulesOff` are gone. */
function delivery(row: MatrixRow, off: readonly string[], rulesOff: readonly string[]): { paths: Path[]; accounts: string[] } {
  const paths = alertingPaths(recordOf(row), rulesOff).filter((path) => deliveredBy(path, off).length > 0);
  return { paths, accounts: [...new Set(paths.flatMap((path) => deliveredBy(path, off)))].sort() };
}

describe('the tamper matrix of docs/tamper-alerts.md', () => {
  test('has its rows, numbered in order, with positive and negative rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(110);
    expect(rows.map((r) => r.n)).toEqual(rows.map((_, i) => String(i + 1)));
    expect(rows.filter((r) => r.alertedBy.length === 0).length).toBeGreaterThanOrEqual(15);
  });

  test.each(rows.map((r) => [`${r.n} ${r.where} ${r.call} by ${r.caller}`, r] as const))('row %s: alerted by exactly the listed paths', (_name, row) => {
    expect(alertingPaths(recordOf(row))).toEqual(row.alertedBy);
  });

  test.each(rows.map((r) => [`${r.n} ${r.call}`, r] as const))('row %s: delivered where the table says, once the call took effect', (_name, row) => {
    expect(delivery(row, offOf(row), rulesOffOf(row)).accounts).toEqual(row.deliveredTo);
  });

  test.each(rows.filter((r) => r.switchesOff !== '-' && !EXEMPT_CALLERS.includes(r.caller)).map((r) => [`${r.n} ${r.call}`, r] as const))(
    'row %s: a path that the call does not switch off still delivers, outside the management account for its calls',
    (_name, row) => {
      const { accounts } = delivery(row, offOf(row), rulesOffOf(row));
      expect({ row: row.n, delivered: accounts.length > 0 }).toEqual({ row: row.n, delivered: true });
      // The one exception: an RCP on the security account, which no policy can do to the management account.
      if (row.where === 'management' && row.switchesOff !== 'security account topics') {
        expect({ row: row.n, outside: accounts.includes('security') }).toEqual({ row: row.n, outside: true });
      }
    },
  );

  test('every call of every group appears in the matrix (no watched call is untested)', () => {
    const tested = new Set(rows.filter((r) => r.alertedBy.length > 0).map((r) => r.call.split(':')[1]));
    const watched = [...new Set(plan.tamperAlerts!.filters.flatMap((f) => f.group.eventNames))];
    expect(watched.filter((name) => !tested.has(name))).toEqual([]);
  });

  test('every group has a row that alerts through its filter', () => {
    const { matchingFilters } = tamperPaths(plan);
    const hit = new Set(rows.flatMap((row) => matchingFilters(recordOf(row))));
    const unhit = plan.tamperAlerts!.filters.map((f) => f.filterName).filter((name) => !hit.has(name));
    // Topic groups exist once per topic; the table exercises each kind on at least one topic.
    expect(unhit.every((name) => /-topic-/.test(name))).toBe(true);
  });
});

/** Worst-case time for each path to report a call, in minutes (docs/tamper-alerts.md, "Two calls in a row"). */
const LATENCY_MINUTES: Record<Path, number> = { A: 15, B: 1, C: 1 };

interface Sequence { n: string; first: MatrixRow; then: MatrixRow; gap: number; alertedBy: string; deliveredTo: string[] }

const sequences: Sequence[] = tableRows('## Two calls in a row', '## Residual risk').map(([n, first, then, gap, alertedBy, deliveredTo]) => {
  const row = (k: string) => {
    const found = rowByNumber.get(k);
    if (!found) throw new Error(`sequence ${n} names matrix row ${k}, which does not exist`);
    return found;
  };
  return { n, first: row(first), then: row(then), gap: Number(gap), alertedBy, deliveredTo: accountsOf(deliveredTo) };
});

/** What reports each call of a sequence, with the paths' latencies: a later call can still kill a slow path. */
function evaluate(sequence: Sequence): { alertedBy: string; deliveredTo: string[] } {
  const { first, then, gap } = sequence;
  const rulesOff = [...rulesOffOf(first), ...rulesOffOf(then)];
  const firstPaths = alertingPaths(recordOf(first), rulesOffOf(first)).filter((path) => {
    const beaten = gap < LATENCY_MINUTES[path];
    const off = [...offOf(first), ...(beaten ? offOf(then) : [])];
    return deliveredBy(path, off).length > 0 && (!beaten || alertingPaths(recordOf(first), rulesOff).includes(path));
  });
  const offBoth = [...offOf(first), ...offOf(then)];
  const thenPaths = alertingPaths(recordOf(then), rulesOff).filter((path) => deliveredBy(path, offBoth).length > 0);
  const accounts = [
    ...firstPaths.flatMap((path) => deliveredBy(path, [...offOf(first), ...(gap < LATENCY_MINUTES[path] ? offOf(then) : [])])),
    ...thenPaths.flatMap((path) => deliveredBy(path, offBoth)),
  ];
  const list = (paths: Path[]) => (paths.length > 0 ? paths.join(', ') : 'none');
  return { alertedBy: `1: ${list(firstPaths)}; 2: ${list(thenPaths)}`, deliveredTo: [...new Set(accounts)].sort() };
}

describe('the two-call sequences of docs/tamper-alerts.md', () => {
  test('has sequences, numbered in order', () => {
    expect(sequences.length).toBeGreaterThanOrEqual(9);
    expect(sequences.map((s) => s.n)).toEqual(sequences.map((_, i) => String(i + 1)));
  });

  test.each(sequences.map((s) => [`${s.n}: row ${s.first.n} then row ${s.then.n} after ${s.gap} min`, s] as const))('sequence %s', (_name, sequence) => {
    expect(evaluate(sequence)).toEqual({ alertedBy: sequence.alertedBy, deliveredTo: sequence.deliveredTo });
  });

  test.each(sequences.map((s) => [s.n, s] as const))('sequence %s is never silent', (_n, sequence) => {
    expect(evaluate(sequence).deliveredTo.length).toBeGreaterThan(0);
  });
});

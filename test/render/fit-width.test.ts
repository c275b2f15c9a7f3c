import { outputWidth, renderFittedTable, wrapText } from '../../src/render/fit-width';
import { renderTable } from '../../src/render/text-table';

describe('outputWidth', () => {
  test('is the terminal\'s width on a terminal, COLUMNS otherwise, and no limit in a pipe', () => {
    expect(outputWidth({ isTTY: true, columns: 120 }, {})).toBe(120);
    expect(outputWidth({ isTTY: false }, { COLUMNS: '100' })).toBe(100);
    expect(outputWidth({ isTTY: false }, {})).toBe(Infinity);
    expect(outputWidth({ isTTY: true, columns: 20 }, {})).toBe(40); // never narrower than MIN_WIDTH
  });
});

describe('wrapText', () => {
  test('breaks at spaces under a hanging indent, keeps every word, and never splits one (a long ARN runs over, whole)', () => {
    const text = 'account 333333333333 (Prod App, Workloads:Prod): the root checks: missing: instance is OUTDATED (FAILED: Resource creation cancelled)';
    const lines = wrapText(text, 40, '  ', '      ');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(lines[0].startsWith('  account')).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith('      '))).toBe(true);
    expect(lines.map((l) => l.trim()).join(' ')).toBe(text);
    expect(wrapText(`see ${'x'.repeat(50)} now`, 20)).toEqual(['see', 'x'.repeat(50), 'now']);
  });

  test('leaves a line that fits, and every line when there is no limit', () => {
    expect(wrapText('short', 80, '  ')).toEqual(['  short']);
    expect(wrapText('a '.repeat(300).trim(), Infinity)).toHaveLength(1);
  });
});

describe('renderFittedTable', () => {
  const rows = [['Alarm root-guard-root-activity', 'ok', 'Sum >= 1 over 300 s, actions to arn:aws:sns:us-east-1:222222222222:root-guard-root-activity, notifies 2 confirmed subscriptions']];
  test('wraps the last column under itself so every line fits', () => {
    const lines = renderFittedTable(['CHECK', 'STATUS', 'DETAIL'], rows, 80).trimEnd().split('\n');
    // Only an ARN, which is never split, may run over.
    for (const line of lines.filter((l) => !/arn:\S{40,}/.test(l))) expect(line.length).toBeLessThanOrEqual(80);
    const column = lines[0].indexOf('DETAIL');
    expect(lines[2].indexOf('Sum >=')).toBe(column);
    expect(lines[3].slice(0, column).trim()).toBe('');
  });

  test('puts the last column under each row when the others leave it too little room', () => {
    const lines = renderFittedTable(['CHECK', 'STATUS', 'DETAIL'], rows, 50).trimEnd().split('\n');
    expect(lines[0]).toBe('CHECK                           STATUS');
    expect(lines[2]).toBe('Alarm root-guard-root-activity  ok');
    expect(lines[3].startsWith('    Sum >= 1')).toBe(true);
    for (const line of lines.filter((l) => !l.includes('arn:'))) expect(line.length).toBeLessThanOrEqual(50);
  });

  test('lists the rows when even the other columns are wider than the terminal', () => {
    const long = [['Metric filter root-guard-root-activity on aws-controltower/CloudTrailLogs-tfw-qeb (the organization trail)', 'ok', 'exact CIS pattern']];
    const lines = renderFittedTable(['CHECK', 'STATUS', 'DETAIL'], long, 60).trimEnd().split('\n');
    expect(lines[0]).toBe('CHECK  STATUS');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines.slice(2).join(' ').split(/\s+/).filter(Boolean)).toEqual(`${long[0][0]} ok exact CIS pattern`.split(' '));
  });

  test('is renderTable when there is no limit', () => {
    expect(renderFittedTable(['CHECK', 'STATUS', 'DETAIL'], rows, Infinity)).toBe(renderTable(['CHECK', 'STATUS', 'DETAIL'], rows));
  });
});

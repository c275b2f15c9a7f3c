import { estimateAlarm, MatchAggregator } from '../../src/backtest/aggregate-matches';
import { rootLogin } from './fixtures';

const ALARM = { periodSeconds: 300, evaluationPeriods: 1, threshold: 1 };

describe('MatchAggregator', () => {
  it('counts matches by day, account and event name, sorted by day', () => {
    const aggregator = new MatchAggregator({ examples: 2, alarm: ALARM });
    aggregator.add(rootLogin('222222222222', '2024-03-02T01:00:00Z'), 'b.json.gz', 4);
    aggregator.add(rootLogin('111111111111', '2024-03-01T01:00:00Z'), 'a.json.gz', 1);
    aggregator.add(rootLogin('111111111111', '2024-03-01T02:00:00Z'), 'a.json.gz', 2);
    aggregator.add({ ...rootLogin('111111111111', '2024-03-01T03:00:00Z'), eventName: 'PasswordUpdated' }, 'a.json.gz', 3);
    const summary = aggregator.summary();
    expect(summary.matched).toBe(4);
    expect(summary.groups).toEqual([
      { day: '2024-03-01', account: '111111111111', eventName: 'ConsoleLogin', count: 2 },
      { day: '2024-03-01', account: '111111111111', eventName: 'PasswordUpdated', count: 1 },
      { day: '2024-03-02', account: '222222222222', eventName: 'ConsoleLogin', count: 1 },
    ]);
  });

  it('keeps the first matches in full, with where they came from', () => {
    const aggregator = new MatchAggregator({ examples: 2, alarm: ALARM });
    const first = rootLogin('111111111111', '2024-03-01T01:00:00Z');
    aggregator.add(first, 'a.json.gz', 7);
    aggregator.add(rootLogin('111111111111', '2024-03-01T02:00:00Z'), 'a.json.gz', 8);
    aggregator.add(rootLogin('111111111111', '2024-03-01T03:00:00Z'), 'a.json.gz', 9);
    expect(aggregator.summary().examples.map((e) => [e.file, e.record])).toEqual([['a.json.gz', 7], ['a.json.gz', 8]]);
    expect(aggregator.summary().examples[0].event).toBe(first);
  });

  it('keeps the earliest matches by eventTime, whatever order they were read in; untimed last', () => {
    const aggregator = new MatchAggregator({ examples: 3, alarm: ALARM });
    aggregator.add({ ...rootLogin('111111111111', '2024-03-01T01:00:00Z'), eventTime: undefined }, 'z.json.gz', 1);
    aggregator.add(rootLogin('111111111111', '2024-03-03T00:00:00Z'), 'c.json.gz', 1);
    aggregator.add(rootLogin('111111111111', '2024-03-01T00:00:00Z'), 'a.json.gz', 1);
    aggregator.add(rootLogin('111111111111', '2024-03-02T00:00:00Z'), 'b.json.gz', 1);
    aggregator.add(rootLogin('111111111111', '2024-03-02T00:00:00Z'), 'b.json.gz', 2);
    aggregator.add(rootLogin('111111111111', '2024-03-04T00:00:00Z'), 'd.json.gz', 1);
    expect(aggregator.summary().examples.map((e) => [e.file, e.record])).toEqual([['a.json.gz', 1], ['b.json.gz', 1], ['b.json.gz', 2]]);
  });

  it('stops adding groups at the cap and counts the rest as ungrouped', () => {
    const aggregator = new MatchAggregator({ examples: 0, alarm: ALARM, maxGroups: 2 });
    for (const day of ['01', '02', '03', '03']) aggregator.add(rootLogin('111111111111', `2024-03-${day}T00:00:00Z`), 'f', 1);
    aggregator.add(rootLogin('111111111111', '2024-03-01T05:00:00Z'), 'f', 1);
    const summary = aggregator.summary();
    expect(summary.groups.map((g) => [g.day, g.count])).toEqual([['2024-03-01', 2], ['2024-03-02', 1]]);
    expect(summary.ungroupedMatches).toBe(2);
    expect(summary.matched).toBe(5);
  });

  it('replays the alarm: one ALARM per burst, bursts apart alarm again', () => {
    const aggregator = new MatchAggregator({ examples: 0, alarm: ALARM });
    // three logins within one 5-minute period, then one a day later
    for (const t of ['10:00:00', '10:01:00', '10:04:59']) aggregator.add(rootLogin('111111111111', `2024-03-01T${t}Z`), 'f', 1);
    aggregator.add(rootLogin('111111111111', '2024-03-02T10:00:00Z'), 'f', 1);
    aggregator.add({ ...rootLogin('111111111111', '2024-03-02T10:00:00Z'), eventTime: 'not a time' }, 'f', 1);
    expect(aggregator.summary().alarm).toEqual({ ...ALARM, breachingPeriods: 2, alarms: 2, untimedMatches: 1, truncated: false });
  });

  it('says when there were more periods than it tracks', () => {
    const aggregator = new MatchAggregator({ examples: 0, alarm: ALARM, maxPeriods: 1 });
    aggregator.add(rootLogin('111111111111', '2024-03-01T10:00:00Z'), 'f', 1);
    aggregator.add(rootLogin('111111111111', '2024-03-01T11:00:00Z'), 'f', 1);
    expect(aggregator.summary().alarm).toMatchObject({ breachingPeriods: 1, truncated: true });
  });
});

describe('estimateAlarm', () => {
  const periods = new Map([[10, 1], [11, 3], [12, 2], [20, 5], [30, 1], [31, 1]]);

  it('needs the threshold reached within a period', () => {
    expect(estimateAlarm(periods, { periodSeconds: 60, evaluationPeriods: 1, threshold: 2 })).toMatchObject({ breachingPeriods: 3, alarms: 2 });
  });

  it('needs evaluationPeriods consecutive breaching periods, and alarms once per run', () => {
    expect(estimateAlarm(periods, { periodSeconds: 60, evaluationPeriods: 2, threshold: 1 })).toMatchObject({ breachingPeriods: 6, alarms: 2 });
    expect(estimateAlarm(periods, { periodSeconds: 60, evaluationPeriods: 3, threshold: 1 })).toMatchObject({ alarms: 1 });
    expect(estimateAlarm(periods, { periodSeconds: 60, evaluationPeriods: 4, threshold: 1 })).toMatchObject({ alarms: 0 });
  });

  it('alarms never without matches', () => {
    expect(estimateAlarm(new Map(), ALARM)).toMatchObject({ breachingPeriods: 0, alarms: 0 });
  });
});

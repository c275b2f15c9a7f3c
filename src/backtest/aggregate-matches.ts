import { accountOf, dayOf, timeOf, type CloudTrailRecord } from './cloudtrail-record';

/** How the alarm on a filter's metric is set (the package's alarm: Sum over a period, >= threshold). */
export interface AlarmSettings {
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
}

/** The package's defaults (root-guard.config.yaml `alarm:`), used when no config is given. */
export const DEFAULT_ALARM: AlarmSettings = { periodSeconds: 300, evaluationPeriods: 1, threshold: 1 };

/** Matches of one (account, event name, UTC day). */
export interface MatchGroup {
  readonly day: string;
  readonly account: string;
  readonly eventName: string;
  readonly count: number;
}

/** A match kept in full for the report. */
export interface MatchExample {
  readonly file: string;
  /** 1-based position of the record in its file. */
  readonly record: number;
  readonly event: CloudTrailRecord;
}

/** What the alarm would have done over the matches, as an estimate (see {@link estimateAlarm}). */
export interface AlarmEstimate extends AlarmSettings {
  /** Periods whose match count reached the threshold. */
  readonly breachingPeriods: number;
  /** OK → ALARM transitions: runs of at least `evaluationPeriods` consecutive breaching periods. */
  readonly alarms: number;
  /** Matches left out because their eventTime is missing or unparseable. */
  readonly untimedMatches: number;
  /** True when more distinct periods matched than are tracked (the figures are then lower bounds). */
  readonly truncated: boolean;
}

export interface MatchSummary {
  readonly matched: number;
  /** Sorted by day, account, event name. */
  readonly groups: readonly MatchGroup[];
  /** Matches that fell outside the first {@link AggregatorOptions.maxGroups} groups. */
  readonly ungroupedMatches: number;
  readonly examples: readonly MatchExample[];
  readonly alarm: AlarmEstimate;
}

export interface AggregatorOptions {
  /** How many matches to keep in full. */
  readonly examples: number;
  readonly alarm: AlarmSettings;
  /**
   * Cap on distinct (day, account, event) groups, so that a pattern matching everything over years
   * of an organization's CloudTrail still keeps memory bounded.
   * @default 10000
   */
  readonly maxGroups?: number;
  /**
   * Cap on distinct alarm periods tracked. 90 days of 5-minute periods is 25,920.
   * @default 1000000
   */
  readonly maxPeriods?: number;
}

/** Collects the matches of one filter in memory bounded by the caps, not by the number of events. */
export class MatchAggregator {
  private matched = 0;
  private ungrouped = 0;
  private untimed = 0;
  private periodsTruncated = false;
  private readonly groups = new Map<string, number>();
  private readonly periods = new Map<number, number>();
  private readonly examples: MatchExample[] = [];
  /** eventTime (ms) of each kept example, in the same order; untimed is +Infinity. */
  private readonly exampleTimes: number[] = [];
  private readonly maxGroups: number;
  private readonly maxPeriods: number;

  constructor(private readonly options: AggregatorOptions) {
    this.maxGroups = options.maxGroups ?? 10_000;
    this.maxPeriods = options.maxPeriods ?? 1_000_000;
  }

  /** Records one matching event. */
  add(event: CloudTrailRecord, file: string, record: number): void {
    this.matched++;
    const key = `${dayOf(event)}\u0000${accountOf(event)}\u0000${typeof event.eventName === 'string' ? event.eventName : 'unknown'}`;
    const count = this.groups.get(key);
    if (count !== undefined) this.groups.set(key, count + 1);
    else if (this.groups.size < this.maxGroups) this.groups.set(key, 1);
    else this.ungrouped++;

    const ms = timeOf(event);
    if (ms === undefined) {
      this.untimed++;
    } else {
      const period = Math.floor(ms / 1000 / this.options.alarm.periodSeconds);
      const inPeriod = this.periods.get(period);
      if (inPeriod !== undefined) this.periods.set(period, inPeriod + 1);
      else if (this.periods.size < this.maxPeriods) this.periods.set(period, 1);
      else this.periodsTruncated = true;
    }

    this.keepExample({ file, record, event }, ms);
  }

  /**
   * Keeps the earliest matches by eventTime (ties and untimed matches in reading order), so the first
   * matches shown are the first that happened, whatever order the files were given in. At most
   * `examples` are held at any time.
   */
  private keepExample(example: MatchExample, ms: number | undefined): void {
    const limit = this.options.examples;
    if (limit === 0) return;
    const key = ms ?? Number.POSITIVE_INFINITY;
    if (this.examples.length >= limit && key >= this.exampleTimes[this.exampleTimes.length - 1]) return;
    let at = this.examples.length;
    while (at > 0 && this.exampleTimes[at - 1] > key) at--;
    this.examples.splice(at, 0, example);
    this.exampleTimes.splice(at, 0, key);
    if (this.examples.length > limit) {
      this.examples.pop();
      this.exampleTimes.pop();
    }
  }

  summary(): MatchSummary {
    const groups = [...this.groups].map(([key, count]) => {
      const [day, account, eventName] = key.split('\u0000');
      return { day, account, eventName, count };
    });
    groups.sort((a, b) => compare(a.day, b.day) || compare(a.account, b.account) || compare(a.eventName, b.eventName));
    return {
      matched: this.matched,
      groups,
      ungroupedMatches: this.ungrouped,
      examples: [...this.examples],
      alarm: { ...estimateAlarm(this.periods, this.options.alarm), untimedMatches: this.untimed, truncated: this.periodsTruncated },
    };
  }
}

/**
 * Replays the alarm over per-period match counts. A metric filter publishes nothing when nothing
 * matches and the package's alarm treats missing data as not breaching, so only periods with
 * matches can breach; the alarm goes to ALARM once per run of `evaluationPeriods` consecutive
 * breaching periods (datapointsToAlarm defaults to evaluationPeriods). Periods are aligned to the
 * epoch, as CloudWatch aggregates datapoints. An estimate: CloudTrail's delivery delay to
 * CloudWatch Logs is not modelled.
 */
export function estimateAlarm(periods: ReadonlyMap<number, number>, settings: AlarmSettings): Pick<AlarmEstimate, keyof AlarmSettings | 'breachingPeriods' | 'alarms'> {
  const breaching = [...periods].filter(([, count]) => count >= settings.threshold).map(([period]) => period).sort((a, b) => a - b);
  let alarms = 0;
  let run = 0;
  let previous = Number.NaN;
  for (const period of breaching) {
    run = period === previous + 1 ? run + 1 : 1;
    if (run === settings.evaluationPeriods) alarms++;
    previous = period;
  }
  return { ...settings, breachingPeriods: breaching.length, alarms };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

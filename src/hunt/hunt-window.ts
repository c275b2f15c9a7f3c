import { UserError } from '../errors';

/** The time flags of `root-guard hunt`, as typed. */
export interface WindowFlags {
  /** A duration back from now: `30m`, `12h`, `7d`. */
  readonly since?: string;
  /** ISO 8601 date or date-time, UTC when no offset is given. */
  readonly start?: string;
  readonly end?: string;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Athena's partition projection reads one partition per day and account and Region: a year is a long hunt already. */
const MAX_DAYS = 400;

/**
 * The window a hunt reads: `--since` (default 1d) back from `now`, or `--start` (and `--end`,
 * default now). Giving both --since and --start is a usage error the CLI reports before this.
 */
export function resolveWindow(flags: WindowFlags, now: Date): { start: Date; end: Date } {
  if (flags.since !== undefined && (flags.start !== undefined || flags.end !== undefined)) {
    throw new UserError('hunt: give --since or --start/--end, not both');
  }
  let start: Date;
  let end = now;
  if (flags.start !== undefined) {
    start = parseInstant('--start', flags.start);
    if (flags.end !== undefined) end = parseInstant('--end', flags.end);
  } else if (flags.end !== undefined) {
    throw new UserError('hunt: --end needs --start (or use --since 7d)');
  } else {
    const since = flags.since ?? '1d';
    const match = /^(\d+)([mhd])$/.exec(since);
    if (!match || Number(match[1]) === 0) throw new UserError(`hunt: --since ${JSON.stringify(since)} is not a duration (write e.g. 30m, 12h or 7d)`);
    start = new Date(now.getTime() - Number(match[1]) * UNIT_MS[match[2]]);
  }
  if (end.getTime() <= start.getTime()) throw new UserError(`hunt: the window ends (${end.toISOString()}) before it starts (${start.toISOString()}) (--end must be after --start)`);
  if (end.getTime() - start.getTime() > MAX_DAYS * UNIT_MS.d) {
    throw new UserError(`hunt: the window is longer than ${MAX_DAYS} days (split it into several hunts, or narrow --start/--end)`);
  }
  return { start, end };
}

function parseInstant(flag: string, text: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z`
    : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text;
  const date = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw new UserError(`hunt: ${flag} ${JSON.stringify(text)} is not a date (write e.g. 2024-03-01 or 2024-03-01T12:00:00Z; UTC unless an offset is given)`);
  }
  return date;
}

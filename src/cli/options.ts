import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/file-names';
import { UserError } from '../errors';

/**
 * Option parsers and option sets shared by the commands. Commander reports a parser's
 * InvalidArgumentError as a usage error (exit 2), prefixed with the option it was given to.
 */

/** A wrong combination of options found after parsing: printed as one line, exit 2 (see main.ts). */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Bounds of a whole-number option. */
export interface IntegerBounds {
  /** @default 1 */
  readonly min?: number;
  /** @default no upper bound */
  readonly max?: number;
  /** Unit said in the message, e.g. "seconds". @default none */
  readonly unit?: string;
}

/** A parser for a whole-number option: every one words its error the same way. */
export function integerOption(bounds: IntegerBounds = {}): (value: string) => number {
  const min = bounds.min ?? 1;
  const unit = bounds.unit ? ` ${bounds.unit}` : '';
  const range = bounds.max === undefined ? `of at least ${min}${unit}` : `from ${min} to ${bounds.max}${unit}`;
  return (value: string) => {
    const n = /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(n) || n < min || (bounds.max !== undefined && n > bounds.max)) {
      throw new InvalidArgumentError(`"${value}" is not a whole number ${range} (e.g. ${Math.max(min, Math.min(bounds.max ?? 5, 5))}).`);
    }
    return n;
  };
}

/** Parses a whole number ≥ 1 for an option. */
export const parsePositiveInteger = integerOption();

/** Adds `-c, --config <file>`. */
export function addConfigOption(command: Command, description = 'config file'): Command {
  return command.option('-c, --config <file>', description, DEFAULT_CONFIG_FILE);
}

/** Adds the "Exit codes:" paragraph to a command's help. */
export function addExitCodes(command: Command, codes: readonly string[]): Command {
  return command.addHelpText('after', ['', 'Exit codes:', ...codes.map((c) => `  ${c}`)].join('\n'));
}

/** The usage line every command ends its exit codes with. */
export const EXIT_USAGE_LINE = '2 wrong usage (an unknown option, a bad value, options that do not go together)';

/** `--aggregator` and `--aggregator-profile` (audit, preflight): where the AWS Config aggregator is. */
export interface AggregatorOptions {
  readonly aggregator?: string;
  /** AWS profile for the aggregator's account (Control Tower's is in the Audit account). */
  readonly aggregatorProfile?: string;
}

/**
 * Adds `--aggregator <name>` and `--aggregator-profile <name>`. `defaultName` becomes the option's
 * default when given (audit always reads the aggregator); without it the command can tell whether
 * the user asked for the aggregator at all (preflight reads it only then).
 */
export function addAggregatorOptions(command: Command, purpose: string, defaultName?: string): Command {
  const name = `AWS Config aggregator ${purpose}${defaultName ? '' : ' (default: Control Tower\'s)'}`;
  return command
    .option('--aggregator <name>', name, ...(defaultName ? [defaultName] : []))
    .option('--aggregator-profile <name>', 'AWS profile of the aggregator\'s account (Control Tower\'s is in the Audit account)');
}

/**
 * Defaults of the operating commands that their options show in `--help`, alone in a module without
 * dependencies: a command's definition (src/cli/definitions/) reads them without loading the AWS SDK.
 * The modules that use them re-export them.
 */

/** Default number of parents listed at once per API. */
export const DEFAULT_CONCURRENCY = 3;

/** The documented SCP quota per root, OU or account (orgs_reference_limits.html). */
export const DEFAULT_SCP_LIMIT = 5;

/**
 * The aggregator Control Tower creates in the Audit account, which collects every enrolled
 * account's Config results (the management account has no Config recorder by default).
 */
export const CONTROL_TOWER_AGGREGATOR = 'aws-controltower-GuardrailsComplianceAggregator';

/** Default wait for the metrics, in seconds: per-minute metrics, delivered with a delay (eb-monitoring.html). */
export const FAST_PATH_DEFAULT_TIMEOUT_S = 300;

/** Path (relative to the package root) → exact file content. */
export type PackageFiles = ReadonlyMap<string, string>;

/**
 * The package's file layout: where each template is written and what the manifest's `resource_file`
 * entries point at. SCP policies are at `policies/<name>.json` (ScpPolicy.fileName).
 */
export const PACKAGE_PATHS = {
  manifest: 'manifest.yaml',
  securityTopicTemplate: 'templates/security-topic.json',
  alarmTemplate: 'templates/root-activity-alarm.json',
  /** Outside templates/: CfCT validates every file there, and this one is deployed by hand, once. */
  executionRoleTemplate: 'prerequisites/management-account-execution-role.json',
  rootChecksTemplate: 'templates/root-checks.json',
  securityEventBusTemplate: 'templates/security-event-bus.json',
  tamperAlertsTemplate: 'templates/tamper-alerts.json',
  tamperReceiverTemplate: 'templates/tamper-receiver.json',
  sentinelReaderTemplate: 'templates/sentinel-reader.json',
  sentinelTemplate: 'templates/sentinel.json',
} as const;

/** The CfCT package directories this tool owns. */
export const PACKAGE_DIRECTORIES = ['templates', 'policies', 'prerequisites'] as const;

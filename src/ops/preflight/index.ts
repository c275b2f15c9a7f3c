export * from './finding';
export * from './read-facts';
export * from './run-preflight';
export { BASELINE_CONFIG_STACK_SET } from './rules/baseline-stack-set';
export { policyLetsCloudWatchPublish } from './rules/security-topic';

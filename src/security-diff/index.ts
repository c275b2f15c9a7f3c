export type { SecurityChange } from './change';
export { diffPackage } from './diff-package';
export { readCommittedPackage, readPackageOnDisk, type Baseline } from './read-baseline';
export { renderSecurityDiff } from './render-security-diff';

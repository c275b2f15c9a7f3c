export * from './types';
export { tamperCallGroups } from './all-groups';

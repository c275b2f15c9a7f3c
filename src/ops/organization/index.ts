export * from './model';
export * from './ou-index';
export * from './read-organization';

export * from './manifest-v2-schema';
export * from './problem';
export * from './read-manifest';
export * from './referenced-files';
export * from './validate-manifest';

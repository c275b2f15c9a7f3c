export * from './baseline';
export * from './protected-actions';
export * from './size';
export * from './slots';
export * from './statement';

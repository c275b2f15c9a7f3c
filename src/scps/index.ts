export * from './baseline';
export * from './size';
export * from './slots';
export * from './statement';

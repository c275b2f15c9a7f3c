export * from './evaluate';
export * from './expected';
export * from './findings';
export * from './observed';

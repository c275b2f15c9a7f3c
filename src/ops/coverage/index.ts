export * from './evaluate-coverage';
export * from './model';

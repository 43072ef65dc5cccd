export * from './frame.js';
export * from './required-topics.js';
export * from './clause.js';
export * from './contract.js';
export * from './diff.js';
export * from './records.js';
export * from './consent.js';

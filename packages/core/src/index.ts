export * from './ids.js';
export * from './errors.js';
export * from './practice.js';
export * from './validate.js';
export * from './check/session-check.js';
export * from './check/check-link.js';
export * from './records.js';
export * from './frame/index.js';

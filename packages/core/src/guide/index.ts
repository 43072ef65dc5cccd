export * from './model.js';
export * from './text.js';
export * from './parse.js';
export * from './assemble.js';
export * from './navigation.js';
export * from './signals.js';

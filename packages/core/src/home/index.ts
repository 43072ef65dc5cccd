/** The client's home: the lock they choose, their notes on their progress, the honest-feedback nudge, readability. */
export * from './secret.js';
export * from './notes.js';
export * from './ceiling.js';
export * from './readability.js';

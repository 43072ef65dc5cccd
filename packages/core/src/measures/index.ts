/**
 * Measures in use: sending an instrument to a client (which version, which moment)
 * and the signals recomputed from a client's responses. Pure, like all of core.
 */
export * from './administration.js';
export * from './signals.js';
export * from './not-on-track.js';
export * from './records.js';

/**
 * Endings: preparing, ending planned or not, the ending review, the gentle check-in after an
 * unplanned ending, follow-up, the episode's ending summary and the practice's outcomes. Pure.
 */
export * from './ending.js';
export * from './summary.js';
export * from './practice-outcomes.js';

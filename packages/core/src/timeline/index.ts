/**
 * An episode's timeline: its facts gathered by day and placed in stages (contracting, the
 * early sessions, blocks closed by review points, the ending, the follow-up). Pure.
 */
export * from './entries.js';
export * from './stages.js';

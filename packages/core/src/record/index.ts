/**
 * The therapist's own record: an episode's sessions, private session notes, the boundary
 * log with its ethical reflection, and the reflective journal. Pure, like all of core;
 * the server encrypts the free text before it is stored.
 */
export * from './text.js';
export * from './session.js';
export * from './note.js';
export * from './boundary.js';
export * from './journal.js';

/**
 * The therapist's workspace: the caseload sorted by need, two perspectives on each session
 * (and divergence between them), and rupture → repair. Pure, like all of core.
 */
export * from './caseload.js';
export * from './perspectives.js';
export * from './repair.js';

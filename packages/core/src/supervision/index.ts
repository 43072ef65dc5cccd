/**
 * Supervision: roles (who holds client records, who supervises whom), the agenda a therapist
 * brings, and the one rule for what a supervisor may see of a caseload. Pure, like all of core.
 */
export * from './roles.js';
export * from './agenda.js';
export * from './deidentify.js';

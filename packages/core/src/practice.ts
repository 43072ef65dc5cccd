import type { ClientId, EpisodeId, PracticeId, UserId } from './ids.js';

/** A practice is the tenant: every client record belongs to exactly one. */
export interface Practice {
  readonly id: PracticeId;
  readonly name: string;
  readonly createdAt: string;
}

/**
 * What a user may do: a therapist and a practice administrator hold the practice's client
 * records; a supervisor holds none and sees only what `supervision/` lets through
 * (de-identified caseloads and agendas of the therapists linked to them).
 */
export type Role = 'therapist' | 'practice-admin' | 'supervisor';

export interface User {
  readonly id: UserId;
  readonly practiceId: PracticeId;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
}

/**
 * A client is known by a pseudonymous code; a display name is optional so a
 * practice can choose to hold no names at all.
 */
export interface Client {
  readonly id: ClientId;
  readonly practiceId: PracticeId;
  readonly code: string;
  readonly displayName: string | null;
  readonly createdAt: string;
}

/** An episode of care: one course of therapy, from first contact to ending. */
export type Episode =
  | {
      readonly id: EpisodeId;
      readonly practiceId: PracticeId;
      readonly clientId: ClientId;
      readonly status: 'open';
      readonly openedAt: string;
      readonly closedAt: null;
    }
  | {
      readonly id: EpisodeId;
      readonly practiceId: PracticeId;
      readonly clientId: ClientId;
      readonly status: 'closed';
      readonly openedAt: string;
      readonly closedAt: string;
    };

import type { Brand, PracticeId, UserId } from '../ids.js';
import type { EpisodeSessionId } from './session.js';

export type SessionNoteId = Brand<string, 'SessionNoteId'>;
export const asSessionNoteId = (s: string): SessionNoteId => s as SessionNoteId;

/**
 * A therapist's own note on one session. Only its author ever reads it: not a colleague,
 * not the practice administrator, not a supervisor. One per session per author; editing
 * keeps the latest text and when it changed.
 */
export interface SessionNote {
  readonly id: SessionNoteId;
  readonly practiceId: PracticeId;
  readonly sessionId: EpisodeSessionId;
  readonly authorId: UserId;
  readonly text: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database, EpisodeTable } from './schema.js';

/**
 * Whether a user works in the episode aliased `e`: they sent it a measure or recorded one of its
 * sessions. Rapport has no "assigned therapist", so this is how a therapist's own episodes are
 * told apart (a supervisee's caseload; a clinician's outcomes).
 */
export function workedOnBy(
  eb: ExpressionBuilder<Database & { e: EpisodeTable }, 'e'>,
  practiceId: string,
  userId: string,
): Expression<SqlBool> {
  return eb.or([
    eb.exists(
      eb
        .selectFrom('check_link as l')
        .select('l.id')
        .whereRef('l.episode_id', '=', 'e.id')
        .where('l.practice_id', '=', practiceId)
        .where('l.issued_by', '=', userId),
    ),
    eb.exists(
      eb
        .selectFrom('episode_session as ws')
        .select('ws.id')
        .whereRef('ws.episode_id', '=', 'e.id')
        .where('ws.practice_id', '=', practiceId)
        .where('ws.recorded_by', '=', userId),
    ),
  ]);
}

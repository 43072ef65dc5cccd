import { sessionsRemaining, type CheckLink } from '@rapport/core';
import { preparationLine } from '@rapport/web';
import type { Deps } from '../context.js';

/** What the client reads on a link the ending sent, in place of the line about a session. */
const CHECK_IN_NOTE = 'There is no session to come to for this. Answer only if you want to, whenever suits you.';
const FOLLOW_UP_NOTE = 'A follow-up, some time after our sessions ended: answer whenever suits you.';

/**
 * The ending's words on a client's form: on the check-in or the follow-up, a line in place of the
 * session moment; while an ending is agreed, the small line "3 sessions left, as we agreed."
 */
export async function endingFormNotes(
  deps: Deps,
  link: CheckLink,
): Promise<{ readonly momentNote?: string; readonly endingNote?: string }> {
  const ending = await deps.store.endings.get(link.practiceId, link.episodeId);
  if (!ending) return {};
  if (ending.checkIn?.id === link.id) return { momentNote: CHECK_IN_NOTE };
  if (ending.followUp?.link?.id === link.id) return { momentNote: FOLLOW_UP_NOTE };
  const p = ending.preparation;
  if (ending.status !== 'open' || !p) return {};
  const line = preparationLine(
    {
      sessionsLeft: p.sessionsLeft === null ? null : sessionsRemaining(p.sessionsLeft, p.attendedSince),
      endOn: p.endOn,
    },
    'client',
  );
  return { endingNote: line };
}

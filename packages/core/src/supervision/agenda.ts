import { fail, ok, type Result } from '../errors.js';
import { isSignalType, type SignalType } from '../guide/model.js';
import type { Brand, ClientId, EpisodeId, PracticeId, UserId } from '../ids.js';
import { parseRecordText } from '../record/text.js';

export type AgendaItemId = Brand<string, 'AgendaItemId'>;
export const asAgendaItemId = (s: string): AgendaItemId => s as AgendaItemId;

export const AGENDA_LIMITS = {
  /** What the therapist wants to take to supervision: a paragraph, not a process note. */
  question: 2_000,
} as const;

/** Row ids are UUIDs; anything else is refused before it reaches a query. */
const ROW_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a therapist brings to supervision: an episode (the supervisor sees only its client's
 * code), a question in the therapist's own words, and optionally the kind of signal it is about
 * and one of their own journal entries. The entry is a pointer for the therapist: its text never
 * reaches the supervisor; what they want to share they write into the question.
 */
export interface NewAgendaItem {
  readonly episodeId: string;
  readonly question: string;
  readonly signal: SignalType | null;
  readonly journalEntryId: string | null;
}

export type AgendaStatus = 'open' | 'discussed';

export interface AgendaItem {
  readonly id: AgendaItemId;
  readonly practiceId: PracticeId;
  /** The therapist who brings it; only they write, change or withdraw it. */
  readonly superviseeId: UserId;
  readonly clientId: ClientId;
  readonly clientCode: string;
  readonly episodeId: EpisodeId;
  readonly question: string;
  readonly signal: SignalType | null;
  readonly journalEntryId: string | null;
  readonly status: AgendaStatus;
  readonly createdAt: string;
  readonly discussedAt: string | null;
  readonly discussedBy: UserId | null;
}

/** Reads the agenda form: an episode and a question are needed, the signal and journal entry are optional. */
export function parseAgendaItem(fields: Readonly<Record<string, string | undefined>>): Result<NewAgendaItem> {
  const problems: Record<string, string> = {};
  const episodeId = (fields['episodeId'] ?? '').trim();
  if (!ROW_ID.test(episodeId)) problems['episodeId'] = 'Choose a client from the list.';
  const question = parseRecordText(fields['question'] ?? '', 'question', AGENDA_LIMITS.question, true);
  if (!question.ok) Object.assign(problems, question.error.fields);
  const signal = (fields['signal'] ?? '').trim();
  if (signal !== '' && !isSignalType(signal)) problems['signal'] = 'Choose a signal from the list, or none.';
  const entry = (fields['journalEntryId'] ?? '').trim();
  if (entry !== '' && !ROW_ID.test(entry)) problems['journalEntryId'] = 'Choose one of your journal entries, or none.';
  if (!question.ok || Object.keys(problems).length > 0) {
    return fail('invalid-input', 'The item was not added: some details need attention.', problems);
  }
  return ok({
    episodeId,
    question: question.value,
    signal: signal !== '' && isSignalType(signal) ? signal : null,
    journalEntryId: entry === '' ? null : entry,
  });
}

/** Open items first, oldest first (the order they were meant to be raised), then what was discussed, latest first. */
export function orderAgenda<T extends Pick<AgendaItem, 'status' | 'createdAt' | 'discussedAt'>>(
  items: readonly T[],
): T[] {
  const open = items.filter((i) => i.status === 'open').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const done = items
    .filter((i) => i.status === 'discussed')
    .sort((a, b) => (b.discussedAt ?? '').localeCompare(a.discussedAt ?? ''));
  return [...open, ...done];
}

/**
 * Either side of the supervision may say an item was discussed: the therapist who brought it,
 * or a supervisor linked to them. Once is enough.
 */
export function checkMarkDiscussed(
  item: Pick<AgendaItem, 'superviseeId' | 'status'>,
  actor: { readonly id: UserId; readonly supervisesBringer: boolean },
): Result<void> {
  if (item.superviseeId !== actor.id && !actor.supervisesBringer) return fail('not-found', 'There is no such item.');
  if (item.status === 'discussed') return fail('conflict', 'This item has already been marked as discussed.');
  return ok(undefined);
}

/** Only the therapist who brought an item withdraws it, and only before it has been discussed. */
export function checkWithdraw(item: Pick<AgendaItem, 'superviseeId' | 'status'>, actorId: UserId): Result<void> {
  if (item.superviseeId !== actorId) return fail('not-found', 'There is no such item.');
  if (item.status === 'discussed') {
    return fail('conflict', 'This item has been discussed, so it stays on the record of your supervision.');
  }
  return ok(undefined);
}

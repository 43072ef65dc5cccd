/**
 * Test support (not part of the build): a session, a private note and a journal entry,
 * all written by one therapist, for the route tables to aim at.
 */
import { randomUUID } from 'node:crypto';
import { asEpisodeId, type PracticeId, type UserId } from '@rapport/core';
import type { KyselyStore } from '@rapport/storage';
import { journalPlace, notePlace } from '../record/sealed.js';
import { testKeyring } from './harness.js';

/** The texts the world's therapist wrote: no one else may ever read them. */
export const RECORD_NOTE_TEXT = 'A private note';
export const RECORD_JOURNAL_TEXT = 'A private entry';

export interface RecordWorld {
  readonly sessionId: string;
  /** Written by the practice's therapist: only they may open it. */
  readonly noteId: string;
  readonly journalEntryId: string;
}

export async function seedRecordWorld(
  store: KyselyStore,
  practiceId: PracticeId,
  authorId: UserId,
  episodeId: string,
): Promise<RecordWorld> {
  const keys = testKeyring(store);
  const at = '2026-03-02T09:00:00.000Z';
  const session = await store.record.addSession(
    practiceId,
    {
      episodeId: asEpisodeId(episodeId),
      heldOn: '2026-03-02',
      modality: 'video',
      attendance: 'attended',
      minutes: 50,
      recordedBy: authorId,
    },
    at,
  );
  if (!session.ok) throw new Error('setup: session');
  const noteId = randomUUID();
  const note = await store.record.createNote(
    practiceId,
    {
      id: noteId,
      sessionId: session.value.id,
      authorId,
      sealedText: await keys.seal(practiceId, notePlace(noteId), RECORD_NOTE_TEXT),
    },
    at,
  );
  if (!note.ok) throw new Error('setup: note');
  const journalEntryId = randomUUID();
  await store.record.addJournalEntry(
    practiceId,
    {
      id: journalEntryId,
      authorId,
      sealedText: await keys.seal(practiceId, journalPlace(journalEntryId), RECORD_JOURNAL_TEXT),
      clientId: null,
      signal: null,
      guideQuestionId: null,
      promptId: null,
    },
    at,
  );
  return { sessionId: session.value.id, noteId, journalEntryId };
}

import type { BoundaryEvent, JournalEntry, PracticeId, SessionNote } from '@rapport/core';
import type { SealedPlace, StoredBoundaryEvent, StoredJournalEntry, StoredNote } from '@rapport/storage';
import type { RecordCipher } from '../crypto/keyring.js';

/** Where each encrypted value lives: the AAD its ciphertext is bound to. */
export const notePlace = (rowId: string): SealedPlace => ({ table: 'session_note', column: 'sealed_text', rowId });
export const descriptionPlace = (rowId: string): SealedPlace => ({
  table: 'boundary_event',
  column: 'sealed_description',
  rowId,
});
export const reflectionPlace = (rowId: string): SealedPlace => ({
  table: 'boundary_event',
  column: 'sealed_reflection',
  rowId,
});
export const journalPlace = (rowId: string): SealedPlace => ({ table: 'journal_entry', column: 'sealed_text', rowId });

export async function openNote(keys: RecordCipher, n: StoredNote): Promise<SessionNote> {
  const { sealedText, ...rest } = n;
  return { ...rest, text: await keys.open(n.practiceId, notePlace(n.id), sealedText) };
}

export async function openBoundaryEvent(keys: RecordCipher, e: StoredBoundaryEvent): Promise<BoundaryEvent> {
  const { sealedDescription, sealedReflection, ...rest } = e;
  return {
    ...rest,
    description: await keys.open(e.practiceId, descriptionPlace(e.id), sealedDescription),
    reflection:
      sealedReflection === null ? null : await keys.open(e.practiceId, reflectionPlace(e.id), sealedReflection),
  };
}

export async function openJournalEntry(keys: RecordCipher, e: StoredJournalEntry): Promise<JournalEntry> {
  const { sealedText, ...rest } = e;
  return { ...rest, text: await keys.open(e.practiceId, journalPlace(e.id), sealedText) };
}

/** Seals a boundary event's two texts for the row `id`. */
export async function sealBoundaryTexts(
  keys: RecordCipher,
  practiceId: PracticeId,
  id: string,
  texts: { readonly description: string; readonly reflection: string | null },
): Promise<{ readonly sealedDescription: string; readonly sealedReflection: string | null }> {
  return {
    sealedDescription: await keys.seal(practiceId, descriptionPlace(id), texts.description),
    sealedReflection:
      texts.reflection === null ? null : await keys.seal(practiceId, reflectionPlace(id), texts.reflection),
  };
}

import { randomUUID } from 'node:crypto';
import type { AnswerValue, Answers, EpisodeId, Goal, PracticeId } from '@rapport/core';
import {
  carerAnswersPlace,
  contractQuestionPlace,
  enteredAnswersPlace,
  goalWordingPlace,
  progressNotePlace,
  ratingAnswersPlace,
  responseAnswersPlace,
  splitTextAnswers,
  type CarerResponse,
  type PhoneEntry,
  type ProgressNote,
  type SealedPlace,
  type StoredContractQuestion,
  type StoredGoal,
  type StoredProgressNote,
  type StoredResponse,
  type StoredTherapistRating,
  type StoredText,
  type Store,
} from '@rapport/storage';
import type { RecordCipher } from '../crypto/keyring.js';

/**
 * Sealing and opening the client's own words outside the therapist's record (migration 0011):
 * goal wordings, progress notes, questions about a contract and free-text answers. Every route
 * that writes or shows them goes through here, so the words reach storage only as ciphertext.
 */

/** The text of a stored value: opened when sealed, as it is when still plain from before 0011. */
export async function openStored(
  keys: RecordCipher,
  practiceId: PracticeId,
  place: SealedPlace,
  text: StoredText,
): Promise<string> {
  return 'sealed' in text ? keys.open(practiceId, place, text.sealed) : text.plain;
}

/** A new row's id, chosen here, and its words sealed for the place that id makes. */
async function sealNew(
  keys: RecordCipher,
  practiceId: PracticeId,
  placeOf: (id: string) => SealedPlace,
  text: string,
): Promise<{ readonly id: string; readonly sealedText: string }> {
  const id = randomUUID();
  return { id, sealedText: await keys.seal(practiceId, placeOf(id), text) };
}

/** A new goal's id and its first wording, sealed for it. */
export const sealNewGoal = (keys: RecordCipher, practiceId: PracticeId, text: string) =>
  sealNew(keys, practiceId, (id) => goalWordingPlace(id, 1), text);

/** A new note's id and its text, sealed for it. */
export const sealNewNote = (keys: RecordCipher, practiceId: PracticeId, text: string) =>
  sealNew(keys, practiceId, progressNotePlace, text);

/** A new contract question's id and its words, sealed for it. */
export const sealNewQuestion = (keys: RecordCipher, practiceId: PracticeId, text: string) =>
  sealNew(keys, practiceId, contractQuestionPlace, text);

export async function openGoals(
  keys: RecordCipher,
  practiceId: PracticeId,
  goals: readonly StoredGoal[],
): Promise<Goal[]> {
  return Promise.all(
    goals.map(async (g) => ({
      ...g,
      wordings: await Promise.all(
        g.wordings.map(async (w) => ({
          ...w,
          text: await openStored(keys, practiceId, goalWordingPlace(g.id, w.version), w.text),
        })),
      ),
    })),
  );
}

export async function openNotes(
  keys: RecordCipher,
  practiceId: PracticeId,
  notes: readonly StoredProgressNote[],
): Promise<ProgressNote[]> {
  return Promise.all(
    notes.map(async (n) => ({ ...n, text: await openStored(keys, practiceId, progressNotePlace(n.id), n.text) })),
  );
}

/** The client's questions with their words, by contract version id. */
export async function openQuestions(
  keys: RecordCipher,
  practiceId: PracticeId,
  questions: readonly StoredContractQuestion[],
): Promise<Map<string, { readonly text: string; readonly askedAt: string }[]>> {
  const out = new Map<string, { readonly text: string; readonly askedAt: string }[]>();
  for (const q of questions) {
    const text = await openStored(keys, practiceId, contractQuestionPlace(q.id), q.text);
    out.set(q.versionId, [...(out.get(q.versionId) ?? []), { text, askedAt: q.askedAt }]);
  }
  return out;
}

/** Answers split for storage: the rest as they are, the free text sealed as one value for `place`. */
export async function sealAnswers(
  keys: RecordCipher,
  practiceId: PracticeId,
  place: SealedPlace,
  answers: Answers,
): Promise<{ readonly answers: Answers; readonly sealedAnswers: string | null }> {
  const split = splitTextAnswers(answers);
  return {
    answers: split.answers,
    sealedAnswers: split.texts === null ? null : await keys.seal(practiceId, place, JSON.stringify(split.texts)),
  };
}

/** Stored answers with their sealed free text put back, in the order of the items the client saw. */
export async function openAnswers(
  keys: RecordCipher,
  practiceId: PracticeId,
  place: SealedPlace,
  answers: Answers,
  sealedAnswers: string | null,
): Promise<Answers> {
  if (sealedAnswers === null) return answers;
  const texts = JSON.parse(await keys.open(practiceId, place, sealedAnswers)) as Record<string, string>;
  const opened: Record<string, AnswerValue> = { ...answers };
  for (const [item, value] of Object.entries(texts)) opened[item] = { kind: 'text', value };
  return opened;
}

/** A client's response with its free-text answers opened. */
export async function openResponse<R extends StoredResponse>(keys: RecordCipher, r: R): Promise<R> {
  const place = responseAnswersPlace(r.checkLinkId);
  return { ...r, answers: await openAnswers(keys, r.practiceId, place, r.answers, r.sealedAnswers) };
}

/** What loading needs: the store and the keys (a route's `Deps`). */
interface Loading {
  readonly store: Store;
  readonly keys: RecordCipher;
}

/** The episode's goals with every wording opened. */
export async function loadGoals(deps: Loading, practiceId: PracticeId, episodeId: EpisodeId): Promise<Goal[]> {
  return openGoals(deps.keys, practiceId, await deps.store.home.listGoals(practiceId, episodeId));
}

/** The notes the client shared, opened: all a therapist ever gets. */
export async function loadSharedNotes(
  deps: Loading,
  practiceId: PracticeId,
  episodeId: EpisodeId,
): Promise<ProgressNote[]> {
  return openNotes(deps.keys, practiceId, await deps.store.home.listSharedNotes(practiceId, episodeId));
}

/** The client's own notes, private ones included, opened: for the client's home only. */
export async function loadOwnNotes(deps: Loading, practiceId: PracticeId, homeId: string): Promise<ProgressNote[]> {
  return openNotes(deps.keys, practiceId, await deps.store.home.listOwnNotes(practiceId, homeId));
}

/** An entry made by phone with both its answers opened: as entered, and as they stand now. */
export async function openPhoneEntry(keys: RecordCipher, e: PhoneEntry): Promise<PhoneEntry> {
  const entered = enteredAnswersPlace(e.id);
  return {
    ...e,
    answersAsEntered: await openAnswers(keys, e.practiceId, entered, e.answersAsEntered, e.sealedAnswersAsEntered),
    answers: await openAnswers(keys, e.practiceId, responseAnswersPlace(e.checkLinkId), e.answers, e.sealedAnswers),
  };
}

/** The therapist's rating of a session with their free-text answers opened. */
export async function openRating(
  keys: RecordCipher,
  practiceId: PracticeId,
  r: StoredTherapistRating,
): Promise<StoredTherapistRating> {
  const place = ratingAnswersPlace(r.episodeId, r.instrumentId, r.day);
  return { ...r, answers: await openAnswers(keys, practiceId, place, r.answers, r.sealedAnswers) };
}

/** A carer's answers with their free text opened. */
export async function openCarerResponse(
  keys: RecordCipher,
  practiceId: PracticeId,
  r: CarerResponse,
): Promise<CarerResponse> {
  const place = carerAnswersPlace(r.carerLinkId);
  return { ...r, answers: await openAnswers(keys, practiceId, place, r.answers, r.sealedAnswers) };
}

import type { Transaction } from 'kysely';
import type { AnswerValue, Answers, PracticeId } from '@rapport/core';
import { toJson } from './convert.js';
import type { SealedPlace } from './record-store.js';
import type { Database } from './schema.js';
import { sealedRows, writeSealedRow, type SealedColumnRef } from './sealed-columns.js';

/**
 * The free text sealed by migration 0011: the client's progress notes and goal wordings, their
 * questions about a contract, and the free-text answers of measures (the client's, a carer's,
 * the therapist's own view, answers entered by phone). Storage never sees the words of a new
 * row; a row written before 0011 still holds them plainly until `rapport keys seal-existing`
 * seals it, so a read hands back whichever the row has.
 */
export type StoredText = { readonly sealed: string } | { readonly plain: string };

/** The row's text as stored: its sealed column when set, else the plain one it had before 0011. */
export const storedText = (sealed: string | null, plain: string): StoredText =>
  sealed === null ? { plain } : { sealed };

/** Where each of these values is sealed (the AAD its ciphertext is bound to). */
export const progressNotePlace = (noteId: string): SealedPlace => ({
  table: 'progress_note',
  column: 'sealed_text',
  rowId: noteId,
});
export const goalWordingPlace = (goalId: string, version: number): SealedPlace => ({
  table: 'client_goal_wording',
  column: 'sealed_text',
  rowId: `${goalId}/${String(version)}`,
});
export const contractQuestionPlace = (questionId: string): SealedPlace => ({
  table: 'contract_question',
  column: 'sealed_text',
  rowId: questionId,
});
/** A client's response is bound to its check link (one response per link, draft or complete). */
export const responseAnswersPlace = (checkLinkId: string): SealedPlace => ({
  table: 'measure_response',
  column: 'sealed_answers',
  rowId: checkLinkId,
});
/** The therapist's rating of a session is one per episode, instrument and day. */
export const ratingAnswersPlace = (episodeId: string, instrumentId: string, day: string): SealedPlace => ({
  table: 'therapist_rating',
  column: 'sealed_answers',
  rowId: `${episodeId}/${instrumentId}/${day}`,
});
export const carerAnswersPlace = (carerLinkId: string): SealedPlace => ({
  table: 'carer_response',
  column: 'sealed_answers',
  rowId: carerLinkId,
});
export const enteredAnswersPlace = (phoneEntryId: string): SealedPlace => ({
  table: 'phone_entry',
  column: 'sealed_answers_as_entered',
  rowId: phoneEntryId,
});

/**
 * Answers with their free text taken out: what may be stored plainly (options, numbers, yes/no)
 * and the text answers by item, for the server to seal as one JSON object; null when none.
 */
export function splitTextAnswers(answers: Answers): {
  readonly answers: Answers;
  readonly texts: Readonly<Record<string, string>> | null;
} {
  const rest: Record<string, AnswerValue> = {};
  const texts: Record<string, string> = {};
  for (const [item, a] of Object.entries(answers)) {
    if (a.kind === 'text') texts[item] = a.value;
    else rest[item] = a;
  }
  return { answers: rest, texts: Object.keys(texts).length === 0 ? null : texts };
}

type Seal = (place: SealedPlace, text: string) => string;

/**
 * Each column sealed since 0011: its table, the plain column it replaces (text, or the answers
 * JSON whose text answers it takes), the columns that find its row, and the place built from them.
 */
interface SealedColumn extends SealedColumnRef {
  readonly plain: 'text' | 'answers' | 'answers_as_entered';
}

const str = (v: unknown): string => String(v);
export const CLIENT_TEXT_SEALED: readonly SealedColumn[] = [
  {
    table: 'progress_note',
    sealed: 'sealed_text',
    plain: 'text',
    keys: ['id'],
    place: (r) => progressNotePlace(str(r['id'])),
  },
  {
    table: 'client_goal_wording',
    sealed: 'sealed_text',
    plain: 'text',
    keys: ['goal_id', 'version'],
    place: (r) => goalWordingPlace(str(r['goal_id']), Number(r['version'])),
  },
  {
    table: 'contract_question',
    sealed: 'sealed_text',
    plain: 'text',
    keys: ['id'],
    place: (r) => contractQuestionPlace(str(r['id'])),
  },
  {
    table: 'measure_response',
    sealed: 'sealed_answers',
    plain: 'answers',
    keys: ['check_link_id'],
    place: (r) => responseAnswersPlace(str(r['check_link_id'])),
  },
  {
    table: 'therapist_rating',
    sealed: 'sealed_answers',
    plain: 'answers',
    keys: ['episode_id', 'instrument_id', 'session_day'],
    place: (r) => ratingAnswersPlace(str(r['episode_id']), str(r['instrument_id']), str(r['session_day'])),
  },
  {
    table: 'carer_response',
    sealed: 'sealed_answers',
    plain: 'answers',
    keys: ['carer_link_id'],
    place: (r) => carerAnswersPlace(str(r['carer_link_id'])),
  },
  {
    table: 'phone_entry',
    sealed: 'sealed_answers_as_entered',
    plain: 'answers_as_entered',
    keys: ['id'],
    place: (r) => enteredAnswersPlace(str(r['id'])),
  },
];

/**
 * Seals, inside the caller's transaction, every value of one practice that is still plain from
 * before migration 0011; returns how many. A row already sealed is not touched, so running it
 * again does nothing (`rapport keys seal-existing`). Text columns are emptied (they cannot be
 * null); answers keep their scored part and lose their text answers to the sealed column.
 */
export async function sealLeftoverText(
  trx: Transaction<Database>,
  practiceId: PracticeId,
  seal: Seal,
): Promise<number> {
  let sealed = 0;
  for (const c of CLIENT_TEXT_SEALED) {
    for (const row of await sealedRows(trx, practiceId, c, { sealed: false, plain: c.plain })) {
      if (c.plain === 'text') {
        await writeSealedRow(trx, c, row, { text: '', [c.sealed]: seal(c.place(row), str(row['plain'])) });
      } else {
        const split = splitTextAnswers(toJson(row['plain']) as Answers);
        // Answers with no text in them hold nothing to seal.
        if (split.texts === null) continue;
        const texts = seal(c.place(row), JSON.stringify(split.texts));
        await writeSealedRow(trx, c, row, { [c.plain]: JSON.stringify(split.answers), [c.sealed]: texts });
      }
      sealed += 1;
    }
  }
  return sealed;
}

/**
 * The answers column's JSON. Free text must arrive sealed apart (`splitTextAnswers` on the
 * server), so a text answer here is a bug in the caller, not bad input: it is refused loudly
 * rather than written plainly.
 */
export function plainAnswersJson(answers: Answers): string {
  if (Object.values(answers).some((a) => a.kind === 'text')) {
    throw new Error('A free-text answer reached storage unsealed: seal it apart (splitTextAnswers).');
  }
  return JSON.stringify(answers);
}

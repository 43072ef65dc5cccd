import { fail, ok, type Result } from '../errors.js';
import { isSignalType, type SignalType } from '../guide/model.js';
import type { Brand, ClientId, PracticeId, UserId } from '../ids.js';
import { parseClientCode } from '../validate.js';
import { RECORD_LIMITS, parseRecordText } from './text.js';

export type JournalEntryId = Brand<string, 'JournalEntryId'>;
export const asJournalEntryId = (s: string): JournalEntryId => s as JournalEntryId;

/** A starting question for a journal entry, tied to a signal or to a guide chapter where it grew from one. */
export interface JournalPrompt {
  readonly id: string;
  readonly text: string;
  readonly signal?: SignalType;
  /** A guide chapter id (content/guide/chapters.json). */
  readonly chapter?: string;
}

/** Rapport's own prompts: a few per relationship signal, a few from the guide's chapters, one for any day. */
export const JOURNAL_PROMPTS: readonly JournalPrompt[] = [
  {
    id: 'rupture',
    signal: 'rupture',
    text: 'When did I first sense the strain between us, and what was I doing or feeling just before it?',
  },
  {
    id: 'stuck',
    signal: 'stuck',
    text: 'If the work feels stuck, what might each of us be protecting by keeping it where it is?',
  },
  {
    id: 'not-on-track',
    signal: 'not-on-track',
    text: 'What would I say to my client about how the work is going, if I were being completely honest?',
  },
  {
    id: 'divergence',
    signal: 'divergence',
    text: 'Where do my client’s ratings and my own sense of the session part ways, and what might explain the gap?',
  },
  {
    id: 'unplanned-ending',
    signal: 'unplanned-ending',
    text: 'What do I make of this ending I did not choose, and what am I left holding?',
  },
  {
    id: 'boundary-event',
    signal: 'boundary-event',
    text: 'What happened at the edge of the frame, and what did I feel pulled to do in the moment?',
  },
  { id: 'bond', chapter: 'bond', text: 'What helps this client trust me, and what gets in the way?' },
  {
    id: 'being-real',
    chapter: 'being-real',
    text: 'Where was I most myself in the room this week, and where did I hide behind the role?',
  },
  {
    id: 'empathy',
    chapter: 'empathy',
    text: 'When did my understanding miss this week, and how did my client let me know?',
  },
  { id: 'warmth', chapter: 'warmth', text: 'Which client is hardest for me to feel warmly towards, and why now?' },
  { id: 'endings', chapter: 'endings', text: 'What do endings stir in me, and how does that shape the way I end?' },
  { id: 'any-day', text: 'What stayed with me after today’s sessions, and why might it have stayed?' },
];

export const journalPrompt = (id: string): JournalPrompt | undefined => JOURNAL_PROMPTS.find((p) => p.id === id);

/** What the therapist writes: the entry, and optionally what it is about. */
export interface NewJournalEntry {
  readonly text: string;
  /** A client's code as typed; the server finds the client in the author's practice. */
  readonly clientCode: string | null;
  readonly signal: SignalType | null;
  /** A guide question (answer) id, checked against the loaded guide by the server. */
  readonly guideQuestionId: string | null;
  readonly promptId: string | null;
}

/** A private entry in the therapist's reflective journal: only its author reads it. */
export interface JournalEntry {
  readonly id: JournalEntryId;
  readonly practiceId: PracticeId;
  readonly authorId: UserId;
  readonly text: string;
  readonly clientId: ClientId | null;
  readonly signal: SignalType | null;
  readonly guideQuestionId: string | null;
  readonly promptId: string | null;
  readonly writtenAt: string;
  readonly updatedAt: string;
}

/** Reads the journal form; the links are optional, but each one given must make sense. */
export function parseJournalEntry(fields: Readonly<Record<string, string | undefined>>): Result<NewJournalEntry> {
  const problems: Record<string, string> = {};
  const text = parseRecordText(fields['text'] ?? '', 'text', RECORD_LIMITS.longText, true);
  if (!text.ok) Object.assign(problems, text.error.fields);
  const rawCode = (fields['clientCode'] ?? '').trim();
  const code = rawCode === '' ? ok(null) : parseClientCode(rawCode);
  if (!code.ok) problems['clientCode'] = 'Give a client code such as RC-101, or leave it blank.';
  const signal = (fields['signal'] ?? '').trim();
  if (signal !== '' && !isSignalType(signal)) problems['signal'] = 'Choose a signal from the list, or none.';
  const question = (fields['question'] ?? '').trim();
  if (question !== '' && !/^[a-z0-9][a-z0-9-]{0,99}$/.test(question)) {
    problems['question'] = 'That is not a guide answer Rapport knows.';
  }
  const prompt = (fields['prompt'] ?? '').trim();
  if (prompt !== '' && !journalPrompt(prompt)) problems['prompt'] = 'Choose a prompt from the list, or none.';
  if (!text.ok || !code.ok || Object.keys(problems).length > 0) {
    return fail('invalid-input', 'The entry was not saved: some details need attention.', problems);
  }
  return ok({
    text: text.value,
    clientCode: code.value,
    signal: signal !== '' && isSignalType(signal) ? signal : null,
    guideQuestionId: question === '' ? null : question,
    promptId: prompt === '' ? null : prompt,
  });
}

/** Lower case without accents, so "cafe" finds "café". */
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The entries whose text holds every word of the query, newest first as given. The caller
 * decrypts the author's entries in memory first: a journal holds hundreds of entries at most,
 * so a scan is quick, and no searchable plaintext index ever reaches the database.
 *
 * @example searchJournal(entries, 'rupture repair') // entries mentioning both words
 */
export function searchJournal<T extends { readonly text: string }>(entries: readonly T[], query: string): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((e) => {
    const text = fold(e.text);
    return words.every((w) => text.includes(w));
  });
}

/** The first words of an entry for a list, cut at a word boundary. */
export function journalExcerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

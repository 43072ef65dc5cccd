import { randomUUID } from 'node:crypto';
import type { EpisodeSessionId, NewSession, PracticeId, SessionModality, UserId } from '@rapport/core';
import type { Store } from '@rapport/storage';
import type { RecordCipher } from '../crypto/keyring.js';
import { ukToday } from './context.js';
import { journalPlace, notePlace, sealBoundaryTexts } from './sealed.js';

const DAY = 86_400_000;

/** How each demo client meets Jo, matching the settings of their contract where they have one. */
const MODALITY: Readonly<Record<string, SessionModality>> = {
  'RC-101': 'in-person',
  'RC-102': 'video',
  'RC-103': 'text',
  'RC-104': 'in-person',
  'RC-106': 'telephone',
};

/** Sessions that did not happen, as days after the episode opened: a missed one and a cancellation. */
const MISSED: Readonly<Record<string, readonly { day: number; attendance: 'cancelled' | 'did-not-attend' }[]>> = {
  'RC-101': [{ day: 25, attendance: 'did-not-attend' }],
  'RC-102': [{ day: 18, attendance: 'cancelled' }],
  'RC-103': [{ day: 39, attendance: 'cancelled' }],
};

/** Invented, like everything in the demo. */
const NOTES: Readonly<Record<string, { readonly session: number; readonly text: string }>> = {
  'RC-101': {
    session: 0,
    text: 'First session. Amara talked about the move and losing touch with her sister. Low mood most days. We agreed to meet weekly and to look at the PHQ-9 together each month.',
  },
  'RC-102': {
    session: 3,
    text: 'Ben quiet and clipped today; the check afterwards showed it. I think my suggestion of homework landed as criticism. Name it gently at the start of next session and ask what it was like.',
  },
};

/**
 * Seeds the therapist's own record for the demo clients with open episodes: weekly
 * sessions beside their measures (with a cancellation and a missed session), two private
 * notes, a boundary event tied to the agreed contract, and two journal entries.
 */
export async function seedDemoRecord(
  store: Store,
  keys: RecordCipher,
  practiceId: PracticeId,
  userId: UserId,
  sessionCounts: Readonly<Record<string, number>>,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const clients = await store.listClients(practiceId);
  for (const client of clients) {
    const modality = MODALITY[client.code];
    const count = sessionCounts[client.code] ?? 0;
    if (!modality || count === 0) continue;
    const episode = (await store.listEpisodes(practiceId, client.id)).find((e) => e.status === 'open');
    if (!episode) continue;
    const opened = Date.parse(episode.openedAt);
    const day = (n: number): string => ukToday(new Date(opened + n * DAY));
    const held: EpisodeSessionId[] = [];
    const sessions: NewSession[] = [
      ...Array.from({ length: count }, (_, i): NewSession => ({
        heldOn: day(i * 7 + 1),
        modality,
        attendance: 'attended',
        minutes: modality === 'text' ? null : 50,
      })),
      ...(MISSED[client.code] ?? []).map((m): NewSession => ({
        heldOn: day(m.day),
        modality,
        attendance: m.attendance,
      })),
    ];
    for (const s of sessions) {
      const added = await store.record.addSession(practiceId, { ...s, episodeId: episode.id, recordedBy: userId }, at);
      if (!added.ok) throw new Error(`demo session ${client.code}: ${added.error.message}`);
      held.push(added.value.id);
    }
    const note = NOTES[client.code];
    const sessionId = note ? held[note.session] : undefined;
    if (note && sessionId) {
      const id = randomUUID();
      const sealedText = await keys.seal(practiceId, notePlace(id), note.text);
      // Written the evening after that session.
      const written = new Date(opened + ((note.session * 7 + 1) * 24 + 18) * 3_600_000).toISOString();
      const made = await store.record.createNote(practiceId, { id, sessionId, authorId: userId, sealedText }, written);
      if (!made.ok) throw new Error(`demo note ${client.code}: ${made.error.message}`);
    }
    if (client.code === 'RC-102') {
      // Ben's agreed video contract has a clause on contact between sessions; the event points to it.
      const agreed = (await store.frame.listContractVersions(practiceId, episode.id))
        .filter((v) => v.agreements.length > 0)
        .at(-1);
      const clause = agreed?.body.sections.find((s) => s.topic === 'contact-between-sessions');
      const id = randomUUID();
      const sealed = await sealBoundaryTexts(keys, practiceId, id, {
        description:
          'Ben emailed late on a Sunday asking to talk before our session. I replied briefly on Monday to say we would pick it up on Wednesday.',
        reflection:
          'I felt pulled to answer at once. Keeping to what we agreed protects the space, but I want to check he did not feel brushed off.',
      });
      const added = await store.record.addBoundaryEvent(
        practiceId,
        {
          ...sealed,
          id,
          episodeId: episode.id,
          kind: 'contact-between-sessions',
          occurredOn: day(3 * 7 - 2),
          clauseId: clause?.clauseId ?? null,
          principles: ['being-trustworthy', 'autonomy', 'self-respect'],
          recordedBy: userId,
        },
        at,
      );
      if (!added.ok) throw new Error(`demo boundary event: ${added.error.message}`);
      await journal(store, keys, practiceId, userId, client.id, new Date(opened + 23 * DAY).toISOString(), {
        text: 'Still thinking about Ben’s rupture. When he went quiet I filled the silence with suggestions, which is my habit when I feel I am failing someone. Take this to supervision.',
        signal: 'rupture',
        promptId: 'rupture',
      });
    }
  }
  await journal(store, keys, practiceId, userId, null, new Date(now.getTime() - 2 * DAY).toISOString(), {
    text: 'A long day. Noticed how tired I was by the last session and how much harder it was to stay curious. Protect Thursday afternoons.',
    signal: null,
    promptId: 'any-day',
  });
}

async function journal(
  store: Store,
  keys: RecordCipher,
  practiceId: PracticeId,
  authorId: UserId,
  clientId: Parameters<Store['getClient']>[1] | null,
  at: string,
  entry: { readonly text: string; readonly signal: 'rupture' | null; readonly promptId: string },
): Promise<void> {
  const id = randomUUID();
  await store.record.addJournalEntry(
    practiceId,
    {
      id,
      authorId,
      sealedText: await keys.seal(practiceId, journalPlace(id), entry.text),
      clientId,
      signal: entry.signal,
      guideQuestionId: null,
      promptId: entry.promptId,
    },
    at,
  );
}

import { LINK_TOKEN_BYTES, seriesKey, type ClientId, type PracticeId, type UserId } from '@rapport/core';
import type { Store } from '@rapport/storage';
import { hashPassword } from '../auth/password.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { RecordCipher } from '../crypto/keyring.js';
import { sealNewGoal, sealNewNote } from '../record/client-text.js';
import { goalWordingPlace } from '@rapport/storage';

/** The demo client's PIN, printed with the demo sign-in and in the README. Demo data only. */
export const DEMO_HOME_PIN = '2468';

const DAY = 24 * 60 * 60 * 1000;

/** What the demo prints: the client whose home it is, its path (shown once: only the hash is kept), its PIN. */
export interface DemoHome {
  readonly clientCode: string;
  readonly path: string;
  readonly pin: string;
}

/**
 * Gives one demo client a home, as if they had used it for a few weeks: three goals in their
 * own words (one reworded), ratings at weekly check-ins, a note shared with the therapist and
 * a private one the therapist never sees.
 */
export async function seedDemoHome(
  store: Store,
  practiceId: PracticeId,
  userId: UserId,
  client: { readonly id: ClientId; readonly code: string },
  now: Date,
  /** Seals the client's goals and notes, as the home's routes do. */
  keys: RecordCipher,
): Promise<DemoHome> {
  const [episode] = (await store.listEpisodes(practiceId, client.id)).filter((e) => e.status === 'open');
  if (!episode) throw new Error(`demo home ${client.code}: no open episode`);
  const token = newToken(LINK_TOKEN_BYTES);
  const at = (daysAgo: number): string => new Date(now.getTime() - daysAgo * DAY).toISOString();
  const issued = await store.home.issueHome(practiceId, {
    episodeId: episode.id,
    tokenHash: tokenHash(token),
    issuedBy: userId,
    issuedAt: at(36),
  });
  const home = await store.home.findHome(tokenHash(token));
  if (!issued.ok || !home) throw new Error(`demo home ${client.code}: could not issue`);
  await store.home.setSecret(practiceId, home.id, await hashPassword(DEMO_HOME_PIN), at(36));

  let revision = 0;
  const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(`demo home ${client.code}: ${r.error.message}`);
    revision += 1;
    return r.value;
  };
  const goals = [];
  for (const text of ['Sleep through the night', 'Go back to the choir', 'Say no at work without feeling guilty']) {
    const sealed = await sealNewGoal(keys, practiceId, text);
    goals.push(must(await store.home.addGoal(practiceId, home.id, { ...sealed, at: at(35), revision })));
  }
  const [sleep, choir, work] = goals;
  if (!sleep || !choir || !work) throw new Error('demo home: goals');
  must(
    await store.home.rewordGoal(practiceId, home.id, choir.id, {
      version: 2,
      sealedText: await keys.seal(practiceId, goalWordingPlace(choir.id, 2), 'Sing with the choir again'),
      at: at(21),
      revision,
    }),
  );
  const weeks: readonly (readonly [number, number, number, number])[] = [
    [28, 2, 1, 3],
    [21, 3, 2, 3],
    [14, 5, 4, 4],
    [7, 7, 6, 4],
  ];
  for (const [daysAgo, s, c, w] of weeks) {
    const ratings = [
      { goalId: sleep.id, rating: s },
      { goalId: choir.id, rating: c },
      { goalId: work.id, rating: w },
    ];
    must(await store.home.rateGoals(practiceId, home.id, { ratings, at: at(daysAgo), revision }));
  }

  // Notes on real points: a goal rating shared, a PHQ-9 score kept private.
  const listed = await store.home.listGoals(practiceId, episode.id);
  const sleepPoint = listed.find((g) => g.id === sleep.id)?.ratings[2]?.ratedAt;
  const phq = (await store.measures.listResponses(practiceId, client.id)).filter(
    (r) => r.instrumentId === 'phq-9' && r.status === 'complete',
  );
  const phqPoint = phq[2]?.savedAt;
  if (!sleepPoint || !phqPoint) throw new Error('demo home: points');
  let notes = 0;
  for (const note of [
    {
      series: seriesKey({ kind: 'goal', goalId: sleep.id }),
      pointAt: sleepPoint,
      text: 'The breathing before bed is starting to work.',
      visibility: 'shared' as const,
    },
    {
      series: seriesKey({ kind: 'measure', instrumentId: 'phq-9' }),
      pointAt: phqPoint,
      text: 'This was the week Dad was in hospital.',
      visibility: 'private' as const,
    },
  ]) {
    const { text, ...rest } = note;
    const sealed = await sealNewNote(keys, practiceId, text);
    const added = await store.home.addNote(practiceId, home.id, { ...rest, ...sealed, at: at(10), revision: notes });
    if (!added.ok) throw new Error(`demo home note: ${added.error.message}`);
    notes += 1;
  }
  return { clientCode: client.code, path: `/h/${token}`, pin: DEMO_HOME_PIN };
}

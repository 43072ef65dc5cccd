import { randomBytes } from 'node:crypto';
import {
  LINK_TOKEN_BYTES,
  SESSION_CHECK,
  asPracticeId,
  asUserId,
  linkExpiry,
  type PracticeId,
  type UserId,
} from '@rapport/core';
import type { Store } from '@rapport/storage';
import { hashPassword } from './auth/password.js';
import { newToken, tokenHash } from './auth/tokens.js';

export const DEMO_EMAIL = 'demo@rapport.example';
const META_PRACTICE = 'demo.practice_id';
const META_USER = 'demo.user_id';

/** Synthetic clients, each with a story a newcomer recognises at a glance. All invented. */
export const DEMO_STORIES: readonly { code: string; displayName: string; story: string; scores: readonly number[] }[] =
  [
    {
      code: 'RC-101',
      displayName: 'Amara (demo)',
      story: 'a bond that grows steadily',
      scores: [6.3, 6.8, 7.0, 7.5, 7.8, 8.3, 8.5, 8.8],
    },
    {
      code: 'RC-102',
      displayName: 'Ben (demo)',
      story: 'a rupture in session four, then repair',
      scores: [8.0, 8.3, 8.0, 4.5, 6.8, 8.0, 8.5],
    },
    {
      code: 'RC-103',
      displayName: 'Chloe (demo)',
      story: 'ratings that have not moved for weeks',
      scores: [6.0, 6.3, 5.8, 6.0, 6.0, 5.8, 6.0, 6.3],
    },
    {
      code: 'RC-104',
      displayName: 'Dev (demo)',
      story: 'perfect scores every time: worth a gentle question',
      scores: [10, 10, 10, 10, 10],
    },
    { code: 'RC-105', displayName: 'Erin (demo)', story: 'just starting: a check link waits for her', scores: [] },
  ];

export interface DemoResult {
  readonly created: boolean;
  readonly email: string;
  /** Set only when a password was generated now: it is shown once and never stored in plain text. */
  readonly generatedPassword: string | null;
  readonly passwordReset: boolean;
}

const DAY = 24 * 60 * 60 * 1000;

/** Item answers that average to the session's score, varied a little so the table reads naturally. */
function answersFor(score: number, session: number): Record<string, number> {
  const offsets = [0, 1, -1, 0];
  const ids = SESSION_CHECK.items.map((i) => i.id);
  const base = Math.round(score);
  const answers: Record<string, number> = {};
  ids.forEach((id, i) => {
    const o = score >= 10 ? 0 : (offsets[(i + session) % offsets.length] ?? 0);
    answers[id] = Math.min(10, Math.max(0, base + o));
  });
  return answers;
}

/**
 * Seeds the demo practice once. Later runs change nothing, except that a
 * password given in `password` replaces the demo account's password.
 */
export async function ensureDemo(store: Store, now: Date, password: string | undefined): Promise<DemoResult> {
  const existing = await store.getMeta(META_PRACTICE);
  const userMeta = await store.getMeta(META_USER);
  if (existing !== null && userMeta !== null) {
    if (password) await store.setPasswordHash(asPracticeId(existing), asUserId(userMeta), await hashPassword(password));
    return { created: false, email: DEMO_EMAIL, generatedPassword: null, passwordReset: Boolean(password) };
  }
  const generated = password ? null : randomBytes(12).toString('base64url');
  const created = await store.createPractice(
    {
      practiceName: 'Riverside Counselling (demo)',
      admin: { email: DEMO_EMAIL, name: 'Jo Demo', passwordHash: await hashPassword(password ?? generated ?? '') },
    },
    new Date(now.getTime() - 70 * DAY).toISOString(),
  );
  if (!created.ok) throw new Error(`Could not create the demo practice: ${created.error.message}`);
  const practiceId = created.value.practice.id;
  const userId = created.value.user.id;
  for (const story of DEMO_STORIES) await seedClient(store, practiceId, userId, story, now);
  await store.setMeta(META_PRACTICE, practiceId);
  await store.setMeta(META_USER, userId);
  return { created: true, email: DEMO_EMAIL, generatedPassword: generated, passwordReset: false };
}

async function seedClient(
  store: Store,
  practiceId: PracticeId,
  userId: UserId,
  story: (typeof DEMO_STORIES)[number],
  now: Date,
): Promise<void> {
  const start = new Date(now.getTime() - (story.scores.length * 7 + 3) * DAY);
  const client = await store.createClient(
    practiceId,
    { code: story.code, displayName: story.displayName },
    start.toISOString(),
  );
  if (!client.ok) throw new Error(`demo client ${story.code}: ${client.error.message}`);
  const episode = await store.openEpisode(practiceId, client.value.id, start.toISOString());
  if (!episode.ok) throw new Error(`demo episode ${story.code}: ${episode.error.message}`);
  const sessions = [...story.scores.map((s) => s as number | null), null];
  for (const [i, score] of sessions.entries()) {
    // Weekly sessions; the last link of each story is still waiting.
    const issuedAt = new Date(start.getTime() + (i * 7 + 1) * DAY);
    if (score === null && story.scores.length > 0) continue;
    const link = await store.issueCheckLink(practiceId, {
      episodeId: episode.value.id,
      instrumentId: SESSION_CHECK.id,
      instrumentVersion: SESSION_CHECK.version,
      tokenHash: tokenHash(newToken(LINK_TOKEN_BYTES)),
      issuedBy: userId,
      issuedAt: issuedAt.toISOString(),
      expiresAt: linkExpiry(score === null ? now : issuedAt).toISOString(),
    });
    if (!link.ok) throw new Error(`demo link ${story.code}: ${link.error.message}`);
    if (score === null) continue;
    const answers = answersFor(score, i);
    const values = Object.values(answers);
    const mean = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
    const saved = await store.submitCheck(practiceId, link.value.id, {
      answers,
      score: mean,
      submittedAt: new Date(issuedAt.getTime() + 2 * 60 * 60 * 1000).toISOString(),
    });
    if (!saved.ok) throw new Error(`demo check ${story.code}: ${saved.error.message}`);
  }
}

import { seedDemoContracts } from './frame/demo-contracts.js';
import { loadClauseLibraryOnce } from './frame/library.js';
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_INSTRUMENT_ID,
  LINK_TOKEN_BYTES,
  asPracticeId,
  asUserId,
  linkExpiry,
  scoreResponse,
  type AdministrationMoment,
  type ClientId,
  type EpisodeId,
  type PracticeId,
  type UserId,
} from '@rapport/core';
import type { Store } from '@rapport/storage';
import { hashPassword } from './auth/password.js';
import { newToken, tokenHash } from './auth/tokens.js';
import { loadInstrumentsOnce, type InstrumentLibrary } from './instruments/library.js';
import { recomputeSignals } from './measures/signals.js';
import { seedDemoHome, type DemoHome } from './home/demo-home.js';
import type { RecordCipher } from './crypto/keyring.js';
import { seedDemoRecord } from './record/demo-record.js';
import { seedDemoHistory } from './demo-history.js';
import {
  DEMO_SUPERVISOR_EMAIL,
  resetDemoSupervisorPassword,
  seedDemoSupervision,
} from './supervision/demo-supervision.js';
import { seedDemoEndings } from './endings/demo-endings.js';
import { seedDemoWorkspace } from './workspace/demo-workspace.js';
import { seedDemoVoice } from './voice/demo-voice.js';

export const DEMO_EMAIL = 'demo@rapport.example';
const META_PRACTICE = 'demo.practice_id';
const META_USER = 'demo.user_id';

/** One demo session: the relationship check after it, and optionally an outcome measure before it. */
interface DemoSession {
  /** Mean of the seven 0–10 relationship ratings. */
  readonly check: number;
  /** Tension reported: how strong (1–5) and how far sorted out (1–5). */
  readonly tension?: { readonly strength: number; readonly resolved: number };
  /** PHQ-9 total at check-in, and item 9 (thoughts of self-harm, 0–3). */
  readonly phq9?: { readonly total: number; readonly item9?: number };
}

/** Synthetic clients, each with a story a newcomer recognises at a glance. All invented. */
export const DEMO_STORIES: readonly {
  code: string;
  displayName: string;
  story: string;
  sessions: readonly DemoSession[];
}[] = [
  {
    code: 'RC-101',
    displayName: 'Amara (demo)',
    story: 'a bond that grows steadily, and a reliable improvement on the PHQ-9',
    sessions: [6.3, 6.8, 7.0, 7.5, 7.8, 8.3, 8.5, 8.8].map((check, i) => ({
      check,
      phq9: { total: [19, 17, 16, 14, 12, 10, 9, 8][i] ?? 8 },
    })),
  },
  {
    code: 'RC-102',
    displayName: 'Ben (demo)',
    story: 'a rupture in session four, then repair',
    sessions: [
      { check: 8.0 },
      { check: 8.3 },
      { check: 8.0 },
      { check: 4.5, tension: { strength: 3, resolved: 2 } },
      { check: 6.8 },
      { check: 8.0 },
      { check: 8.5 },
    ],
  },
  {
    code: 'RC-103',
    displayName: 'Chloe (demo)',
    story: 'stuck: symptoms and ratings that have not moved for weeks, so not on track against the practice’s curve',
    sessions: [6.3, 6.0, 6.3, 6.0, 5.9, 6.0, 5.7, 5.7].map((check, i) => ({
      check,
      phq9: { total: [14, 15, 13, 14, 15, 14, 14, 15][i] ?? 14 },
    })),
  },
  {
    code: 'RC-104',
    displayName: 'Dev (demo)',
    story: 'perfect scores every time: worth a gentle question',
    sessions: [10, 10, 10, 10, 10].map((check) => ({ check })),
  },
  { code: 'RC-105', displayName: 'Erin (demo)', story: 'just starting: a check link waits for her', sessions: [] },
  {
    code: 'RC-106',
    displayName: 'Farah (demo)',
    story: 'a PHQ-9 answer about thoughts of self-harm: a risk flag to act on',
    sessions: [
      { check: 7.4, phq9: { total: 16 } },
      { check: 7.0, phq9: { total: 17, item9: 1 } },
    ],
  },
];

export interface DemoResult {
  readonly created: boolean;
  readonly email: string;
  /** Set only when a password was generated now: it is shown once and never stored in plain text. */
  readonly generatedPassword: string | null;
  readonly passwordReset: boolean;
  /** Set only when the demo was created now: the demo client's home link (shown once) and PIN. */
  readonly home?: DemoHome;
  /** The demo supervisor, who signs in with the same password; null in a demo made before there was one. */
  readonly supervisorEmail: string | null;
}

const DAY = 24 * 60 * 60 * 1000;

/** Whole numbers in [0, max] summing to `total`, spread as evenly as the order allows. */
function spread(total: number, count: number, max: number): number[] {
  const base = Math.floor(total / count);
  const extra = total - base * count;
  return Array.from({ length: count }, (_, i) => Math.min(max, base + (i < extra ? 1 : 0)));
}

const CHECK_ITEMS = ['bond', 'goals', 'approach', 'understood', 'respected', 'genuine', 'overall'];
const PHQ9_ITEMS = ['item-1', 'item-2', 'item-3', 'item-4', 'item-5', 'item-6', 'item-7', 'item-8'];

/** Form answers for a relationship check whose mean of seven ratings is `session.check` (to one decimal). */
function checkAnswers(session: DemoSession): Record<string, string> {
  const ratings = spread(Math.round(session.check * 7), 7, 10);
  const answers: Record<string, string> = Object.fromEntries(CHECK_ITEMS.map((id, i) => [id, String(ratings[i] ?? 0)]));
  answers['tension'] = session.tension ? 'yes' : 'no';
  if (session.tension) {
    answers['tension-strength'] = String(session.tension.strength);
    answers['tension-resolved'] = String(session.tension.resolved);
  }
  return answers;
}

function phq9Answers(phq9: NonNullable<DemoSession['phq9']>): Record<string, string> {
  const item9 = phq9.item9 ?? 0;
  const rest = spread(phq9.total - item9, 8, 3);
  return { ...Object.fromEntries(PHQ9_ITEMS.map((id, i) => [id, String(rest[i] ?? 0)])), 'item-9': String(item9) };
}

/**
 * Seeds the demo practice once. Later runs change nothing, except that a
 * password given in `password` replaces the demo account's password.
 */
export async function ensureDemo(
  store: Store,
  now: Date,
  password: string | undefined,
  library: InstrumentLibrary = loadInstrumentsOnce(),
  /** Seals the demo's notes, boundary log and journal; without it (tests of the measures alone) they are left out. */
  keys?: RecordCipher,
): Promise<DemoResult> {
  const existing = await store.getMeta(META_PRACTICE);
  const userMeta = await store.getMeta(META_USER);
  if (existing !== null && userMeta !== null) {
    const hash = password ? await hashPassword(password) : null;
    if (hash) await store.setPasswordHash(asPracticeId(existing), asUserId(userMeta), hash);
    const supervisor = hash
      ? await resetDemoSupervisorPassword(store, asPracticeId(existing), hash)
      : (await store.findLogin(DEMO_SUPERVISOR_EMAIL))?.user.practiceId === existing;
    return {
      created: false,
      email: DEMO_EMAIL,
      generatedPassword: null,
      passwordReset: Boolean(password),
      supervisorEmail: supervisor ? DEMO_SUPERVISOR_EMAIL : null,
    };
  }
  const generated = password ? null : randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password ?? generated ?? '');
  const created = await store.createPractice(
    {
      practiceName: 'Riverside Counselling (demo)',
      admin: { email: DEMO_EMAIL, name: 'Jo Demo', passwordHash },
    },
    new Date(now.getTime() - 70 * DAY).toISOString(),
  );
  if (!created.ok) throw new Error(`Could not create the demo practice: ${created.error.message}`);
  const practiceId = created.value.practice.id;
  const userId = created.value.user.id;
  const clients: ClientId[] = [];
  for (const story of DEMO_STORIES) clients.push(await seedClient(store, library, practiceId, userId, story, now));
  // Past clients' ended episodes, so "not on track" is judged against the practice's own curve.
  await seedDemoHistory(store, library, practiceId, userId, now);
  // The therapist's own session ratings and Ben's repair, which the signals below read.
  await seedDemoWorkspace(store, library, practiceId, userId, keys);
  // Signals last: the rupture detector reads the spread of ratings across all the demo clients.
  for (const clientId of clients) await recomputeSignals(store, library, practiceId, clientId, now);
  await seedDemoContracts(store, practiceId, userId, loadClauseLibraryOnce(), now, keys);
  // Endings: Amara's last sessions agreed, and two past clients' endings (a check-in answered, a follow-up due).
  await seedDemoEndings(store, library, practiceId, userId, clients[0], now, keys);
  // Amara (the first story, a reliable improvement) has used her home for a few weeks.
  const [amara] = clients;
  const home =
    amara && keys
      ? await seedDemoHome(store, practiceId, userId, { id: amara, code: DEMO_STORIES[0]?.code ?? '' }, now, keys)
      : undefined;
  // The therapist's own record last: its boundary event points into the agreed contracts.
  const sessionCounts = Object.fromEntries(DEMO_STORIES.map((s) => [s.code, s.sessions.length]));
  if (keys) await seedDemoRecord(store, keys, practiceId, userId, sessionCounts, now);
  // A supervisor with the same password, and the therapist's agenda (one item points to the journal).
  await seedDemoSupervision(store, keys, practiceId, userId, passwordHash, now);
  // The client's voice: a child's faces and a carer's rating, answers by phone, comments, preferences.
  await seedDemoVoice(store, library, practiceId, userId, now, keys);
  await store.setMeta(META_PRACTICE, practiceId);
  await store.setMeta(META_USER, userId);
  return {
    created: true,
    email: DEMO_EMAIL,
    generatedPassword: generated,
    passwordReset: Boolean(password),
    ...(home ? { home } : {}),
    supervisorEmail: DEMO_SUPERVISOR_EMAIL,
  };
}

interface Seeding {
  readonly store: Store;
  readonly library: InstrumentLibrary;
  readonly practiceId: PracticeId;
  readonly userId: UserId;
  readonly episodeId: EpisodeId;
  readonly code: string;
}

/** Issues a link for one instrument and, given answers, submits them exactly as a client's form would. */
async function administer(
  s: Seeding,
  instrumentId: string,
  moment: AdministrationMoment,
  at: Date,
  answers: Record<string, string> | null,
  expiresAt: Date,
): Promise<void> {
  const def = s.library.get(instrumentId)?.definition;
  if (!def) throw new Error(`demo ${s.code}: the library has no ${instrumentId}`);
  const link = await s.store.measures.issueLink(s.practiceId, {
    episodeId: s.episodeId,
    instrumentId: def.id,
    instrumentVersion: def.version,
    audience: 'adult',
    moment,
    tokenHash: tokenHash(newToken(LINK_TOKEN_BYTES)),
    issuedBy: s.userId,
    issuedAt: new Date(at.getTime() - 60 * 60 * 1000).toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  if (!link.ok) throw new Error(`demo link ${s.code}: ${link.error.message}`);
  if (answers === null) return;
  const scored = scoreResponse(def, 'adult', answers);
  if (!scored.ok) throw new Error(`demo answers ${s.code}: ${scored.error.message}`);
  const { answers: accepted, ...scores } = scored.value;
  const saved = await s.store.measures.submitResponse(s.practiceId, link.value.id, {
    answers: accepted,
    scores,
    flags: scores.flags,
    submittedAt: at.toISOString(),
  });
  if (!saved.ok) throw new Error(`demo response ${s.code}: ${saved.error.message}`);
}

async function seedClient(
  store: Store,
  library: InstrumentLibrary,
  practiceId: PracticeId,
  userId: UserId,
  story: (typeof DEMO_STORIES)[number],
  now: Date,
): Promise<ClientId> {
  const start = new Date(now.getTime() - (story.sessions.length * 7 + 3) * DAY);
  const client = await store.createClient(
    practiceId,
    { code: story.code, displayName: story.displayName },
    start.toISOString(),
  );
  if (!client.ok) throw new Error(`demo client ${story.code}: ${client.error.message}`);
  const episode = await store.openEpisode(practiceId, client.value.id, start.toISOString());
  if (!episode.ok) throw new Error(`demo episode ${story.code}: ${episode.error.message}`);
  const s: Seeding = { store, library, practiceId, userId, episodeId: episode.value.id, code: story.code };
  for (const [i, session] of story.sessions.entries()) {
    // Weekly sessions at 10:00: the PHQ-9 as a check-in before, the relationship check after.
    const day = new Date(start.getTime() + (i * 7 + 1) * DAY);
    if (session.phq9) {
      const at = new Date(day.getTime() + 9 * 60 * 60 * 1000);
      await administer(s, 'phq-9', 'check-in', at, phq9Answers(session.phq9), linkExpiry(at));
    }
    const at = new Date(day.getTime() + 11 * 60 * 60 * 1000);
    await administer(s, DEFAULT_INSTRUMENT_ID, 'check-out', at, checkAnswers(session), linkExpiry(at));
  }
  // The last link of a story with no sessions yet is still waiting.
  if (story.sessions.length === 0) {
    await administer(s, DEFAULT_INSTRUMENT_ID, 'check-out', new Date(now.getTime() - DAY), null, linkExpiry(now));
  }
  return client.value.id;
}

/**
 * Test support (not part of the build): the records most storage tests start from, made through
 * the store's own methods so a test sees exactly what a request would have written.
 */
import type { CheckLinkId, ClientId, EpisodeId, PracticeId, Role, StoredScores, User, UserId } from '@rapport/core';
import type { KyselyStore } from '../kysely-store.js';
import type { Database } from '../schema.js';
import type { Store } from '../store.js';

/** Practice A, where a test works, and practice B, which must see none of it. */
export interface TwoPractices {
  readonly practice: PracticeId;
  readonly other: PracticeId;
  /** A's administrator, Ann. */
  readonly admin: User;
  /** B's administrator, Bea. */
  readonly otherAdmin: User;
}

/**
 * Creates practices "A" and "B", their administrators signing in as `${tag}a@example.org` and
 * `${tag}b@example.org`; the tag keeps one file's addresses apart from another's in a shared database.
 *
 * @example const { practice, other, admin } = await twoPractices(store, 'm', T0);
 */
export async function twoPractices(store: Store, tag: string, at: string): Promise<TwoPractices> {
  const a = await store.createPractice(
    { practiceName: 'A', admin: { email: `${tag}a@example.org`, name: 'Ann', passwordHash: 'h' } },
    at,
  );
  const b = await store.createPractice(
    { practiceName: 'B', admin: { email: `${tag}b@example.org`, name: 'Bea', passwordHash: 'h' } },
    at,
  );
  if (!a.ok || !b.ok) throw new Error('setup: two practices');
  return { practice: a.value.practice.id, other: b.value.practice.id, admin: a.value.user, otherAdmin: b.value.user };
}

/** Adds a colleague to the practice (a therapist unless told otherwise) and returns their id. */
export async function addColleague(
  store: Store,
  practice: PracticeId,
  person: { readonly email: string; readonly name: string; readonly role?: Role },
  at: string,
): Promise<UserId> {
  const u = await store.addUser(
    practice,
    { email: person.email, name: person.name, role: person.role ?? 'therapist', passwordHash: 'h' },
    at,
  );
  if (!u.ok) throw new Error(`setup: colleague ${person.email}`);
  return u.value.id;
}

/** A new client of the practice, without an episode. */
export async function newClient(
  store: Store,
  practice: PracticeId,
  code: string,
  at: string,
  displayName: string | null = null,
): Promise<ClientId> {
  const c = await store.createClient(practice, { code, displayName }, at);
  if (!c.ok) throw new Error(`setup: client ${code}`);
  return c.value.id;
}

/** Opens an episode for a client of the practice. */
export async function openEpisode(store: Store, practice: PracticeId, clientId: ClientId, at: string) {
  const e = await store.openEpisode(practice, clientId, at);
  if (!e.ok) throw new Error('setup: episode');
  return e.value.id;
}

/** A new client of the practice with an open episode. */
export async function clientWithEpisode(
  store: Store,
  practice: PracticeId,
  code: string,
  at: string,
  displayName: string | null = null,
): Promise<{ clientId: ClientId; episodeId: EpisodeId }> {
  const clientId = await newClient(store, practice, code, at, displayName);
  return { clientId, episodeId: await openEpisode(store, practice, clientId, at) };
}

/** How many rows a table holds, across all practices: to show that a refused write wrote nothing. */
export async function countRows(store: KyselyStore, table: keyof Database): Promise<number> {
  const r = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Scores as core would store them for a complete response with this total (no subscales, bands or flags). */
export const storedScores = (instrumentId: string, total: number, max: number): StoredScores => ({
  instrumentId,
  instrumentVersion: 1,
  audience: 'adult',
  total: { value: total, range: { min: 0, max } },
  subscales: [],
  band: null,
  cutOffs: [],
  reliableChange: null,
  flags: [],
  missing: { rule: 'complete' },
});

/** A sent measure's link for an episode of the practice: a PHQ-9 check-in, seven days, unless said otherwise. */
export async function issueMeasureLink(
  store: Store,
  practice: PracticeId,
  input: {
    readonly episodeId: EpisodeId;
    readonly issuedBy: UserId;
    readonly tokenHash: string;
    readonly at: string;
    readonly audience?: 'adult' | 'young-person' | 'child';
    readonly moment?: 'check-in' | 'check-out' | 'deferred';
  },
): Promise<CheckLinkId> {
  const issued = await store.measures.issueLink(practice, {
    episodeId: input.episodeId,
    instrumentId: 'phq-9',
    instrumentVersion: 1,
    audience: input.audience ?? 'adult',
    moment: input.moment ?? 'check-in',
    tokenHash: input.tokenHash,
    issuedBy: input.issuedBy,
    issuedAt: input.at,
    expiresAt: new Date(Date.parse(input.at) + 7 * 86_400_000).toISOString(),
  });
  if (!issued.ok) throw new Error(issued.error.message);
  return issued.value.id;
}

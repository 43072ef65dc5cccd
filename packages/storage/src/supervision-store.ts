import type { Kysely } from 'kysely';
import {
  asAgendaItemId,
  asClientId,
  asEpisodeId,
  asPracticeId,
  asUserId,
  fail,
  isSignalType,
  ok,
  type AgendaItem,
  type AgendaItemId,
  type ClientId,
  type EpisodeId,
  type PracticeId,
  type Result,
  type SignalType,
  type UserId,
} from '@rapport/core';
import { toIso, toIsoOrNull } from './convert.js';
import { KyselyPracticePeople, type PracticePeopleStore } from './practice-people.js';
import { workedOnBy } from './worked-on.js';
import type { SealedPlace } from './record-store.js';
import type { Database } from './schema.js';
import type { SealedColumnRef } from './sealed-columns.js';

export type { PracticeMember, PracticePeopleStore, SupervisionLink } from './practice-people.js';

/** One open episode of a supervisee's caseload: the code, never the name. */
export interface SupervisedEpisode {
  readonly clientId: ClientId;
  readonly code: string;
  readonly episodeId: EpisodeId;
  readonly openedAt: string;
}

/** The stored form carries ciphertext where the domain type carries the question. */
export type StoredAgendaItem = Omit<AgendaItem, 'question'> & { readonly sealedQuestion: string };

/** Where an agenda question is sealed (the AAD its ciphertext is bound to). */
export const agendaQuestionPlace = (rowId: string): SealedPlace => ({
  table: 'supervision_item',
  column: 'sealed_question',
  rowId,
});

/**
 * Roles and supervision: the practice's people and supervision links (`practice-people.ts`),
 * and the agenda each therapist brings. Practice-scoped like every other area; a supervisee's
 * caseload is read as codes only, so a display name never leaves this module on the supervision path.
 */
export interface SupervisionStore extends PracticePeopleStore {
  /**
   * The supervisee's caseload: open episodes in which they sent a measure or recorded a session
   * (Rapport has no "assigned therapist"; this is who is doing the work), by code.
   */
  caseloadOf(practiceId: PracticeId, superviseeId: UserId): Promise<SupervisedEpisode[]>;
  /** Every open episode of the practice, by code: what a therapist may bring to supervision. */
  listOpenEpisodes(practiceId: PracticeId): Promise<SupervisedEpisode[]>;

  /**
   * Adds an agenda item. `not-found` when the episode is not in the practice, or the journal
   * entry is not in the practice or not written by the supervisee.
   */
  addItem(
    practiceId: PracticeId,
    input: {
      readonly id: string;
      readonly superviseeId: UserId;
      readonly episodeId: EpisodeId;
      readonly sealedQuestion: string;
      readonly signal: SignalType | null;
      readonly journalEntryId: string | null;
    },
    at: string,
  ): Promise<Result<StoredAgendaItem>>;
  listItems(practiceId: PracticeId, superviseeId: UserId): Promise<StoredAgendaItem[]>;
  getItem(practiceId: PracticeId, itemId: string): Promise<StoredAgendaItem | null>;
  /** One conditional update: `conflict` when it was already discussed (two clicks save once). */
  markDiscussed(practiceId: PracticeId, itemId: AgendaItemId, by: UserId, at: string): Promise<Result<void>>;
  /** Deletes an open item of the supervisee's; `conflict` once discussed, `not-found` if not theirs. */
  withdraw(practiceId: PracticeId, itemId: AgendaItemId, superviseeId: UserId): Promise<Result<void>>;
}

interface ItemRow {
  id: string;
  practice_id: string;
  supervisee_id: string;
  client_id: string;
  code: string;
  episode_id: string;
  sealed_question: string;
  signal: string | null;
  journal_entry_id: string | null;
  status: string;
  created_at: string | Date;
  discussed_at: string | Date | null;
  discussed_by: string | null;
}

const toItem = (r: ItemRow): StoredAgendaItem => ({
  id: asAgendaItemId(r.id),
  practiceId: asPracticeId(r.practice_id),
  superviseeId: asUserId(r.supervisee_id),
  clientId: asClientId(r.client_id),
  clientCode: r.code,
  episodeId: asEpisodeId(r.episode_id),
  sealedQuestion: r.sealed_question,
  signal: r.signal !== null && isSignalType(r.signal) ? r.signal : null,
  journalEntryId: r.journal_entry_id,
  status: r.status === 'discussed' ? 'discussed' : 'open',
  createdAt: toIso(r.created_at),
  discussedAt: toIsoOrNull(r.discussed_at),
  discussedBy: r.discussed_by === null ? null : asUserId(r.discussed_by),
});

const toEpisode = (r: { client_id: string; code: string; episode_id: string; opened_at: string | Date }) => ({
  clientId: asClientId(r.client_id),
  code: r.code,
  episodeId: asEpisodeId(r.episode_id),
  openedAt: toIso(r.opened_at),
});

const ITEM_COLUMNS = [
  'i.id',
  'i.practice_id',
  'i.supervisee_id',
  'i.client_id',
  'c.code',
  'i.episode_id',
  'i.sealed_question',
  'i.signal',
  'i.journal_entry_id',
  'i.status',
  'i.created_at',
  'i.discussed_at',
  'i.discussed_by',
] as const;

export class KyselySupervisionStore extends KyselyPracticePeople implements SupervisionStore {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    super(db);
    this.#db = db;
  }

  #openEpisodes(practiceId: PracticeId) {
    // Only the code is selected: the display name is not read on this path at all.
    return this.#db
      .selectFrom('episode as e')
      .innerJoin('client as c', 'c.id', 'e.client_id')
      .select(['c.id as client_id', 'c.code', 'e.id as episode_id', 'e.opened_at'])
      .where('e.practice_id', '=', practiceId)
      .where('c.practice_id', '=', practiceId)
      .where('e.status', '=', 'open')
      .orderBy('c.code');
  }

  async listOpenEpisodes(practiceId: PracticeId): Promise<SupervisedEpisode[]> {
    return (await this.#openEpisodes(practiceId).execute()).map(toEpisode);
  }

  async caseloadOf(practiceId: PracticeId, superviseeId: UserId): Promise<SupervisedEpisode[]> {
    const rows = await this.#openEpisodes(practiceId)
      .where((eb) => workedOnBy(eb, practiceId, superviseeId))
      .execute();
    return rows.map(toEpisode);
  }

  async addItem(
    ...[practiceId, input, at]: Parameters<SupervisionStore['addItem']>
  ): Promise<Result<StoredAgendaItem>> {
    const episode = await this.#db
      .selectFrom('episode as e')
      .innerJoin('client as c', 'c.id', 'e.client_id')
      .select(['e.client_id', 'c.code'])
      .where('e.practice_id', '=', practiceId)
      .where('e.id', '=', input.episodeId)
      .executeTakeFirst();
    if (!episode) {
      return fail('not-found', 'There is no such client in your practice.', {
        episodeId: 'Choose a client from the list.',
      });
    }
    if (input.journalEntryId !== null) {
      // Only the supervisee's own entry: someone else's is not found, as everywhere in the journal.
      const entry = await this.#db
        .selectFrom('journal_entry')
        .select('id')
        .where('practice_id', '=', practiceId)
        .where('author_id', '=', input.superviseeId)
        .where('id', '=', input.journalEntryId)
        .executeTakeFirst();
      if (!entry) {
        return fail('not-found', 'There is no such entry in your journal.', {
          journalEntryId: 'Choose one of your journal entries, or none.',
        });
      }
    }
    const row = {
      id: input.id,
      practice_id: practiceId,
      supervisee_id: input.superviseeId,
      client_id: episode.client_id,
      episode_id: input.episodeId,
      sealed_question: input.sealedQuestion,
      signal: input.signal,
      journal_entry_id: input.journalEntryId,
      status: 'open',
      created_at: at,
      discussed_at: null,
      discussed_by: null,
    };
    await this.#db.insertInto('supervision_item').values(row).execute();
    return ok(toItem({ ...row, code: episode.code }));
  }

  #items(practiceId: PracticeId) {
    return this.#db
      .selectFrom('supervision_item as i')
      .innerJoin('client as c', 'c.id', 'i.client_id')
      .select(ITEM_COLUMNS)
      .where('i.practice_id', '=', practiceId);
  }

  async listItems(practiceId: PracticeId, superviseeId: UserId): Promise<StoredAgendaItem[]> {
    const rows = await this.#items(practiceId)
      .where('i.supervisee_id', '=', superviseeId)
      .orderBy('i.created_at')
      .execute();
    return rows.map(toItem);
  }

  async getItem(practiceId: PracticeId, itemId: string): Promise<StoredAgendaItem | null> {
    const r = await this.#items(practiceId).where('i.id', '=', itemId).executeTakeFirst();
    return r ? toItem(r) : null;
  }

  async markDiscussed(practiceId: PracticeId, itemId: AgendaItemId, by: UserId, at: string): Promise<Result<void>> {
    const r = await this.#db
      .updateTable('supervision_item')
      .set({ status: 'discussed', discussed_at: at, discussed_by: by })
      .where('practice_id', '=', practiceId)
      .where('id', '=', itemId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0) return ok(undefined);
    return (await this.getItem(practiceId, itemId))
      ? fail('conflict', 'This item has already been marked as discussed.')
      : fail('not-found', 'There is no such item.');
  }

  async withdraw(practiceId: PracticeId, itemId: AgendaItemId, superviseeId: UserId): Promise<Result<void>> {
    const r = await this.#db
      .deleteFrom('supervision_item')
      .where('practice_id', '=', practiceId)
      .where('id', '=', itemId)
      .where('supervisee_id', '=', superviseeId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(r.numDeletedRows) > 0) return ok(undefined);
    const item = await this.getItem(practiceId, itemId);
    return item && item.superviseeId === superviseeId
      ? fail('conflict', 'This item has been discussed, so it stays on the record of your supervision.')
      : fail('not-found', 'There is no such item.');
  }
}

/** Supervision's encrypted column, for key rotation (`resealColumns`). */
export const SUPERVISION_SEALED: readonly SealedColumnRef[] = [
  {
    table: 'supervision_item',
    sealed: 'sealed_question',
    keys: ['id'],
    place: (r) => agendaQuestionPlace(String(r['id'])),
  },
];

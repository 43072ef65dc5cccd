import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import {
  GOAL_RULES,
  canAddGoal,
  fail,
  ok,
  type EpisodeId,
  type Goal,
  type GoalWording,
  type NoteVisibility,
  type PracticeId,
  type Result,
} from '@rapport/core';
import { fromBool, toBool, toIso, toIsoOrNull } from './convert.js';
import { dialectOf, type DialectName } from './dialect.js';
import type { ProgressNoteTable } from './home-schema.js';
import type { Database } from './schema.js';
import { storedText, type StoredText } from './client-text.js';

/** A client's note on one point of a chart. */
export interface ProgressNote {
  readonly id: string;
  /** `measure:<instrument id>` or `goal:<goal id>` (core's `seriesKey`). */
  readonly series: string;
  readonly pointAt: string;
  readonly text: string;
  readonly visibility: NoteVisibility;
  readonly writtenAt: string;
}

/** A note as stored: its text sealed by the server (or still plain from before migration 0011). */
export type StoredProgressNote = Omit<ProgressNote, 'text'> & { readonly text: StoredText };

/** A goal as stored: each wording sealed by the server (or still plain from before migration 0011). */
export type StoredGoal = Omit<Goal, 'wordings'> & {
  readonly wordings: readonly (Omit<GoalWording, 'text'> & { readonly text: StoredText })[];
};

/** The guard every client write passes: the revision the form was drawn from. */
export interface Guarded {
  readonly at: string;
  readonly revision: number;
}

/**
 * The client's own words in their home: goals (every wording and rating kept) and notes on
 * their progress. Every write is guarded by the revision its form carried (see `advance`).
 */
export interface HomeGoalsStore {
  /** The episode's goals, oldest first, with every wording and rating. */
  listGoals(practiceId: PracticeId, episodeId: EpisodeId): Promise<StoredGoal[]>;
  /**
   * Refused with `conflict` at three active goals, or when the form is out of date. The server
   * chose the goal's id and sealed its first wording for it (`goalWordingPlace(id, 1)`).
   */
  addGoal(
    practiceId: PracticeId,
    homeId: string,
    input: Guarded & { readonly id: string; readonly sealedText: string },
  ): Promise<Result<StoredGoal>>;
  /**
   * A new wording, sealed for the version it becomes (`goalWordingPlace(goalId, version)`): the
   * latest version plus one, else `conflict` (the goal was reworded meanwhile). The same words
   * again are not a new version: the server, which alone can read them, sends null, and only the
   * revision moves on.
   */
  rewordGoal(
    practiceId: PracticeId,
    homeId: string,
    goalId: string,
    input: Guarded & { readonly version: number; readonly sealedText: string | null },
  ): Promise<Result<void>>;
  retireGoal(practiceId: PracticeId, homeId: string, goalId: string, input: Guarded): Promise<Result<void>>;
  /** One check-in: a rating for each goal given, all active goals of the home's episode. */
  rateGoals(
    practiceId: PracticeId,
    homeId: string,
    input: Guarded & { readonly ratings: readonly { readonly goalId: string; readonly rating: number }[] },
  ): Promise<Result<void>>;

  /** The server chose the note's id and sealed its text for it (`progressNotePlace(id)`). */
  addNote(
    practiceId: PracticeId,
    homeId: string,
    input: Guarded & {
      readonly id: string;
      readonly series: string;
      readonly pointAt: string;
      readonly sealedText: string;
      readonly visibility: NoteVisibility;
    },
  ): Promise<Result<StoredProgressNote>>;
  /** The client's own notes, private ones included, oldest first: for the client's home only. */
  listOwnNotes(practiceId: PracticeId, homeId: string): Promise<StoredProgressNote[]>;
  /** The notes the client chose to share, oldest first: all a therapist ever gets. */
  listSharedNotes(practiceId: PracticeId, episodeId: EpisodeId): Promise<StoredProgressNote[]>;
}

/** Said to the client when a form comes back after the home moved on (sent twice, an old tab, the back button). */
export const STALE_FORM =
  'Nothing new was saved, because this page was out of date. It may have been sent twice. Check your page below.';

const toNote = (r: Selectable<ProgressNoteTable>): StoredProgressNote => ({
  id: r.id,
  series: r.series,
  pointAt: toIso(r.point_at),
  text: storedText(r.sealed_text, r.text),
  visibility: toBool(r.shared) ? 'shared' : 'private',
  writtenAt: toIso(r.written_at),
});

/** The goals and notes half of the home store (`home-store.ts` adds the link, the lock and the sessions). */
export abstract class KyselyHomeGoals implements HomeGoalsStore {
  protected readonly db: Kysely<Database>;
  protected readonly dialect: DialectName;
  constructor(db: Kysely<Database>) {
    this.db = db;
    this.dialect = dialectOf(db);
  }

  async listGoals(practiceId: PracticeId, episodeId: EpisodeId): Promise<StoredGoal[]> {
    const goals = await this.db
      .selectFrom('client_goal')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('episode_id', '=', episodeId)
      .orderBy('position', 'asc')
      .execute();
    if (goals.length === 0) return [];
    const ids = goals.map((g) => g.id);
    const [wordings, ratings] = await Promise.all([
      this.db
        .selectFrom('client_goal_wording')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('goal_id', 'in', ids)
        .orderBy('version', 'asc')
        .execute(),
      this.db
        .selectFrom('client_goal_rating')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('goal_id', 'in', ids)
        .orderBy('rated_at', 'asc')
        .orderBy('round', 'asc')
        .execute(),
    ]);
    return goals.map((g) => ({
      id: g.id,
      status: g.status === 'retired' ? 'retired' : 'active',
      createdAt: toIso(g.created_at),
      retiredAt: toIsoOrNull(g.retired_at),
      wordings: wordings
        .filter((w) => w.goal_id === g.id)
        .map((w) => ({ version: w.version, text: storedText(w.sealed_text, w.text), writtenAt: toIso(w.written_at) })),
      ratings: ratings.filter((r) => r.goal_id === g.id).map((r) => ({ rating: r.rating, ratedAt: toIso(r.rated_at) })),
    }));
  }

  /** The live home's episode and client, inside the transaction. */
  async #home(trx: Transaction<Database>, practiceId: PracticeId, homeId: string) {
    return trx
      .selectFrom('client_home')
      .select(['episode_id', 'client_id'])
      .where('id', '=', homeId)
      .where('practice_id', '=', practiceId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  }

  /**
   * Moves the home's revision on, but only from the number the form carried: the one guard
   * against a form saved twice. It runs after every check and before any insert, so a refusal
   * writes nothing; and it is a single conditional UPDATE, so of two copies racing on either
   * store only one finds the old number (PostgreSQL's row lock makes the second re-read it).
   */
  async #advance(
    trx: Transaction<Database>,
    practiceId: PracticeId,
    homeId: string,
    column: 'goals_revision' | 'notes_revision',
    expected: number,
  ): Promise<boolean> {
    const r = await trx
      .updateTable('client_home')
      .set((eb) => ({ [column]: eb(column, '+', 1) }))
      .where('id', '=', homeId)
      .where('practice_id', '=', practiceId)
      .where(column, '=', expected)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** An active goal of the home's episode, or why not. */
  async #activeGoal(trx: Transaction<Database>, practiceId: PracticeId, episodeId: string, goalId: string) {
    const goal = await trx
      .selectFrom('client_goal')
      .select(['id', 'status'])
      .where('practice_id', '=', practiceId)
      .where('episode_id', '=', episodeId)
      .where('id', '=', goalId)
      .executeTakeFirst();
    if (!goal) return fail('not-found', 'That goal is not on your page.');
    if (goal.status !== 'active') return fail('conflict', 'That goal has been put away already.');
    return ok(goal.id);
  }

  async addGoal(
    ...[practiceId, homeId, input]: Parameters<HomeGoalsStore['addGoal']>
  ): ReturnType<HomeGoalsStore['addGoal']> {
    return this.db.transaction().execute(async (trx) => {
      const home = await this.#home(trx, practiceId, homeId);
      if (!home) return fail('not-found', 'This page is not open.');
      const active = await trx
        .selectFrom('client_goal')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('practice_id', '=', practiceId)
        .where('episode_id', '=', home.episode_id)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      const room = canAddGoal(Number(active.n));
      if (!room.ok) return room;
      if (!(await this.#advance(trx, practiceId, homeId, 'goals_revision', input.revision))) {
        return fail('conflict', STALE_FORM);
      }
      const id = input.id;
      await trx
        .insertInto('client_goal')
        .values({
          id,
          practice_id: practiceId,
          client_id: home.client_id,
          episode_id: home.episode_id,
          position: input.revision,
          status: 'active',
          created_at: input.at,
          retired_at: null,
        })
        .execute();
      await trx
        .insertInto('client_goal_wording')
        .values({
          goal_id: id,
          practice_id: practiceId,
          version: 1,
          text: '',
          sealed_text: input.sealedText,
          written_at: input.at,
        })
        .execute();
      return ok({
        id,
        status: 'active',
        createdAt: toIso(input.at),
        retiredAt: null,
        wordings: [{ version: 1, text: { sealed: input.sealedText }, writtenAt: toIso(input.at) }],
        ratings: [],
      });
    });
  }

  async rewordGoal(
    ...[practiceId, homeId, goalId, input]: Parameters<HomeGoalsStore['rewordGoal']>
  ): ReturnType<HomeGoalsStore['rewordGoal']> {
    return this.db.transaction().execute(async (trx) => {
      const home = await this.#home(trx, practiceId, homeId);
      if (!home) return fail('not-found', 'This page is not open.');
      const goal = await this.#activeGoal(trx, practiceId, home.episode_id, goalId);
      if (!goal.ok) return goal;
      const latest = await trx
        .selectFrom('client_goal_wording')
        .select(['version'])
        .where('goal_id', '=', goalId)
        .where('practice_id', '=', practiceId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      // The words were sealed for one version: if another wording came first, the form is stale.
      if (input.sealedText !== null && input.version !== (latest?.version ?? 0) + 1) {
        return fail('conflict', STALE_FORM);
      }
      if (!(await this.#advance(trx, practiceId, homeId, 'goals_revision', input.revision))) {
        return fail('conflict', STALE_FORM);
      }
      if (input.sealedText === null) return ok(undefined);
      await trx
        .insertInto('client_goal_wording')
        .values({
          goal_id: goalId,
          practice_id: practiceId,
          version: input.version,
          text: '',
          sealed_text: input.sealedText,
          written_at: input.at,
        })
        .execute();
      return ok(undefined);
    });
  }

  async retireGoal(
    ...[practiceId, homeId, goalId, input]: Parameters<HomeGoalsStore['retireGoal']>
  ): ReturnType<HomeGoalsStore['retireGoal']> {
    return this.db.transaction().execute(async (trx) => {
      const home = await this.#home(trx, practiceId, homeId);
      if (!home) return fail('not-found', 'This page is not open.');
      const goal = await this.#activeGoal(trx, practiceId, home.episode_id, goalId);
      if (!goal.ok) return goal;
      if (!(await this.#advance(trx, practiceId, homeId, 'goals_revision', input.revision))) {
        return fail('conflict', STALE_FORM);
      }
      await trx
        .updateTable('client_goal')
        .set({ status: 'retired', retired_at: input.at })
        .where('id', '=', goalId)
        .where('practice_id', '=', practiceId)
        .execute();
      return ok(undefined);
    });
  }

  async rateGoals(
    ...[practiceId, homeId, input]: Parameters<HomeGoalsStore['rateGoals']>
  ): ReturnType<HomeGoalsStore['rateGoals']> {
    return this.db.transaction().execute(async (trx) => {
      const home = await this.#home(trx, practiceId, homeId);
      if (!home) return fail('not-found', 'This page is not open.');
      const ids = new Set(input.ratings.map((r) => r.goalId));
      if (ids.size !== input.ratings.length || ids.size === 0) return fail('invalid-input', 'Rate each goal once.');
      if (
        input.ratings.some(
          (r) => !Number.isInteger(r.rating) || r.rating < GOAL_RULES.ratingMin || r.rating > GOAL_RULES.ratingMax,
        )
      ) {
        return fail('invalid-input', 'Each rating is a whole number from 0 to 10.');
      }
      for (const goalId of ids) {
        const goal = await this.#activeGoal(trx, practiceId, home.episode_id, goalId);
        if (!goal.ok) return goal;
      }
      if (!(await this.#advance(trx, practiceId, homeId, 'goals_revision', input.revision))) {
        return fail('conflict', STALE_FORM);
      }
      await trx
        .insertInto('client_goal_rating')
        .values(
          input.ratings.map((r) => ({
            id: randomUUID(),
            goal_id: r.goalId,
            practice_id: practiceId,
            round: input.revision,
            rating: r.rating,
            rated_at: input.at,
          })),
        )
        .execute();
      return ok(undefined);
    });
  }

  async addNote(
    ...[practiceId, homeId, input]: Parameters<HomeGoalsStore['addNote']>
  ): ReturnType<HomeGoalsStore['addNote']> {
    return this.db.transaction().execute(async (trx) => {
      const home = await this.#home(trx, practiceId, homeId);
      if (!home) return fail('not-found', 'This page is not open.');
      if (!(await this.#advance(trx, practiceId, homeId, 'notes_revision', input.revision))) {
        return fail('conflict', STALE_FORM);
      }
      const row = {
        id: input.id,
        practice_id: practiceId,
        client_id: home.client_id,
        episode_id: home.episode_id,
        series: input.series,
        point_at: input.pointAt,
        text: '',
        sealed_text: input.sealedText,
        shared: fromBool(this.dialect, input.visibility === 'shared'),
        written_at: input.at,
      };
      await trx.insertInto('progress_note').values(row).execute();
      return ok(toNote(row));
    });
  }

  async listOwnNotes(practiceId: PracticeId, homeId: string): Promise<StoredProgressNote[]> {
    const rows = await this.db
      .selectFrom('progress_note as n')
      .innerJoin('client_home as h', (j) =>
        j.onRef('h.episode_id', '=', 'n.episode_id').onRef('h.practice_id', '=', 'n.practice_id'),
      )
      .selectAll('n')
      .where('h.id', '=', homeId)
      .where('n.practice_id', '=', practiceId)
      .orderBy('n.written_at', 'asc')
      .execute();
    return rows.map(toNote);
  }

  async listSharedNotes(practiceId: PracticeId, episodeId: EpisodeId): Promise<StoredProgressNote[]> {
    // The filter is in the query, so a private note never leaves the database on this path.
    const rows = await this.db
      .selectFrom('progress_note')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('episode_id', '=', episodeId)
      .where('shared', '=', fromBool(this.dialect, true))
      .orderBy('written_at', 'asc')
      .execute();
    return rows.map(toNote);
  }
}

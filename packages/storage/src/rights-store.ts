import type { Kysely, Transaction } from 'kysely';
import { asClientId, fail, ok, type ClientId, type PracticeId, type Result } from '@rapport/core';
import { fromBool } from './convert.js';
import { dialectOf } from './dialect.js';
import { auditRow } from './audit-row.js';
import type { Database } from './schema.js';
import type { AuditEvent } from './store.js';

/**
 * Every table that holds a client's content, in the order erasure empties them (a row before
 * the rows it points to). `rights-store.db.test.ts` compares this list with the tables the
 * migrations make: a new table with a `client_id` or `episode_id` column, or any table in
 * neither this list nor `NOT_CLIENT_TABLES`, fails it until it is placed.
 */
export const ERASED_TABLES = [
  'client_home_session',
  'client_home',
  'client_goal_rating',
  'client_goal_wording',
  'client_goal',
  'progress_note',
  'session_note',
  'episode_session',
  'boundary_event',
  'supervision_item',
  'journal_entry',
  'repair_attempt',
  'repair_answer',
  'therapist_rating',
  'voice_comment',
  'deferred_link',
  'carer_response',
  'carer_link',
  'carer_sharing',
  'phone_entry',
  'client_contact',
  'episode_ending',
  'measure_response',
  'measure_link',
  'client_signal',
  'signal_due',
  'client_measure_setting',
  'administration',
  'contract_agreement',
  'contract_question',
  'contract_link',
  'contract_version',
  'check_link',
  'episode',
  'client',
] as const satisfies readonly (keyof Database)[];

/**
 * Tables that hold nothing of one client, each with why; and the audit log, which erasure keeps
 * (who read or changed the record, and the erasure itself: the client's id stays as an opaque id).
 */
export const NOT_CLIENT_TABLES: Readonly<Record<string, string>> = {
  audit_event: 'kept: the trail of who touched the record, and its erasure',
  practice: 'the practice',
  app_user: 'the practice’s people',
  auth_session: 'staff sign-in sessions',
  login_throttle: 'sign-in counters',
  login_challenge: 'staff two-step sign-in',
  user_totp: 'staff two-step secrets',
  recovery_code: 'staff recovery codes',
  practice_security: 'the practice’s settings',
  practice_clause: 'the practice’s clause wording',
  practice_data_key: 'the practice’s wrapped keys',
  supervision_link: 'who supervises whom',
  password_change_due: 'staff first passwords',
  rapport_meta: 'settings of the installation',
};

/**
 * The client's data rights: what an export reads beyond the other areas, and erasure. Practice-
 * scoped like the rest: another practice's client is not found.
 */
export interface RightsStore {
  /**
   * How many notes the client kept to themselves ("Just me"): an export says they exist, but
   * their words leave the client's home by no path (`listOwnNotes` through the home alone).
   */
  countPrivateNotes(practiceId: PracticeId, clientId: ClientId): Promise<number>;
  /** Who wrote a note on which of the client's sessions (not the notes): what an export leaves out. */
  listSessionNoteAuthors(
    practiceId: PracticeId,
    clientId: ClientId,
  ): Promise<{ readonly sessionId: string; readonly authorId: string }[]>;
  /**
   * Removes every row of the client's content from every table in `ERASED_TABLES` and records
   * `event` (the erasure's audit entry), in one transaction: all of it or, on any failure, none.
   * The audit log's earlier entries stay. `not-found` and nothing written when the client is not
   * the practice's. Returns how many rows went.
   */
  eraseClient(
    practiceId: PracticeId,
    clientId: ClientId,
    event: Omit<AuditEvent, 'practiceId' | 'clientId'>,
  ): Promise<Result<{ readonly rows: number }>>;
}

export class KyselyRightsStore implements RightsStore {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async countPrivateNotes(practiceId: PracticeId, clientId: ClientId): Promise<number> {
    const r = await this.#db
      .selectFrom('progress_note')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('practice_id', '=', practiceId)
      .where('client_id', '=', clientId)
      .where('shared', '=', fromBool(dialectOf(this.#db), false))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async listSessionNoteAuthors(
    practiceId: PracticeId,
    clientId: ClientId,
  ): Promise<{ readonly sessionId: string; readonly authorId: string }[]> {
    return this.#db
      .selectFrom('session_note as n')
      .innerJoin('episode_session as s', 's.id', 'n.session_id')
      .innerJoin('episode as e', 'e.id', 's.episode_id')
      .select(['n.session_id as sessionId', 'n.author_id as authorId'])
      .where('n.practice_id', '=', practiceId)
      .where('e.client_id', '=', clientId)
      .execute();
  }

  async eraseClient(
    ...[practiceId, clientId, event]: Parameters<RightsStore['eraseClient']>
  ): Promise<Result<{ readonly rows: number }>> {
    return this.#db.transaction().execute(async (trx) => {
      const client = await trx
        .selectFrom('client')
        .select('id')
        .where('practice_id', '=', practiceId)
        .where('id', '=', clientId)
        .executeTakeFirst();
      if (!client) return fail('not-found', 'No such client in this practice.');
      const rows = await eraseRows(trx, practiceId, asClientId(client.id));
      await trx
        .insertInto('audit_event')
        .values(auditRow({ ...event, practiceId, clientId }))
        .execute();
      return ok({ rows });
    });
  }
}

/** The deletes, table by table in `ERASED_TABLES` order, inside the caller's transaction. */
async function eraseRows(trx: Transaction<Database>, practiceId: PracticeId, clientId: ClientId): Promise<number> {
  // Ids read once, before their rows go. An empty list stands as one id that matches no row,
  // as `in ()` is not SQL.
  const ids = async (q: Promise<readonly { readonly id: string }[]>): Promise<string[]> => {
    const found = (await q).map((r) => r.id);
    return found.length > 0 ? found : ['-'];
  };
  const episodes = await ids(
    trx
      .selectFrom('episode')
      .select('id')
      .where('practice_id', '=', practiceId)
      .where('client_id', '=', clientId)
      .execute(),
  );
  const links = await ids(trx.selectFrom('check_link').select('id').where('episode_id', 'in', episodes).execute());
  const homes = await ids(trx.selectFrom('client_home').select('id').where('client_id', '=', clientId).execute());
  const goals = await ids(trx.selectFrom('client_goal').select('id').where('client_id', '=', clientId).execute());
  const sessions = await ids(
    trx.selectFrom('episode_session').select('id').where('episode_id', 'in', episodes).execute(),
  );
  const versions = await ids(
    trx.selectFrom('contract_version').select('id').where('episode_id', 'in', episodes).execute(),
  );
  const journal = await ids(trx.selectFrom('journal_entry').select('id').where('client_id', '=', clientId).execute());

  let rows = 0;
  const count = (r: readonly { readonly numDeletedRows: bigint }[]): void => {
    for (const x of r) rows += Number(x.numDeletedRows);
  };
  count(await trx.deleteFrom('client_home_session').where('home_id', 'in', homes).execute());
  count(await trx.deleteFrom('client_home').where('client_id', '=', clientId).execute());
  for (const table of ['client_goal_rating', 'client_goal_wording'] as const) {
    count(await trx.deleteFrom(table).where('goal_id', 'in', goals).execute());
  }
  count(await trx.deleteFrom('client_goal').where('client_id', '=', clientId).execute());
  count(await trx.deleteFrom('progress_note').where('client_id', '=', clientId).execute());
  count(await trx.deleteFrom('session_note').where('session_id', 'in', sessions).execute());
  count(await trx.deleteFrom('episode_session').where('episode_id', 'in', episodes).execute());
  count(await trx.deleteFrom('boundary_event').where('episode_id', 'in', episodes).execute());
  count(await trx.deleteFrom('supervision_item').where('client_id', '=', clientId).execute());
  // An agenda item about another client may point to a journal entry about this one: the pointer goes.
  await trx
    .updateTable('supervision_item')
    .set({ journal_entry_id: null })
    .where('journal_entry_id', 'in', journal)
    .execute();
  count(await trx.deleteFrom('journal_entry').where('client_id', '=', clientId).execute());
  for (const table of ['repair_attempt', 'repair_answer', 'therapist_rating', 'voice_comment'] as const) {
    count(await trx.deleteFrom(table).where('client_id', '=', clientId).execute());
  }
  count(
    await trx
      .deleteFrom('deferred_link')
      .where((eb) => eb.or([eb('check_link_id', 'in', links), eb('deferred_from', 'in', links)]))
      .execute(),
  );
  count(await trx.deleteFrom('carer_response').where('client_id', '=', clientId).execute());
  count(await trx.deleteFrom('carer_link').where('client_id', '=', clientId).execute());
  count(await trx.deleteFrom('carer_sharing').where('episode_id', 'in', episodes).execute());
  count(await trx.deleteFrom('phone_entry').where('client_id', '=', clientId).execute());
  count(await trx.deleteFrom('client_contact').where('client_id', '=', clientId).execute());
  count(await trx.deleteFrom('episode_ending').where('episode_id', 'in', episodes).execute());
  count(await trx.deleteFrom('measure_response').where('client_id', '=', clientId).execute());
  count(await trx.deleteFrom('measure_link').where('check_link_id', 'in', links).execute());
  count(await trx.deleteFrom('client_signal').where('client_id', '=', clientId).execute());
  count(await trx.deleteFrom('signal_due').where('client_id', '=', clientId).execute());
  count(await trx.deleteFrom('client_measure_setting').where('client_id', '=', clientId).execute());
  count(await trx.deleteFrom('administration').where('episode_id', 'in', episodes).execute());
  for (const table of ['contract_agreement', 'contract_question', 'contract_link'] as const) {
    count(await trx.deleteFrom(table).where('contract_version_id', 'in', versions).execute());
  }
  count(await trx.deleteFrom('contract_version').where('episode_id', 'in', episodes).execute());
  count(await trx.deleteFrom('check_link').where('episode_id', 'in', episodes).execute());
  count(await trx.deleteFrom('episode').where('client_id', '=', clientId).execute());
  count(await trx.deleteFrom('client').where('id', '=', clientId).execute());
  return rows;
}

import type { Insertable, Kysely } from 'kysely';
import type { AuditEventTable, Database } from './schema.js';
import type { MeasureResponseTable } from './measures-schema.js';
import { Precompiled } from './precompiled.js';

/** Every column of a row, given: an insert that names them all has one compiled text for every row. */
type FullRow<T> = { [K in keyof Required<Insertable<T>>]: Insertable<T>[K] };
export type ResponseRow = FullRow<MeasureResponseTable>;
export type AuditRow = FullRow<AuditEventTable>;

/**
 * The statements every client submission runs, compiled once per store (precompiled.ts). Each is
 * the query the builder would make afresh; only the values change from one submission to the next.
 */
export function submissionStatements(db: Kysely<Database>) {
  return {
    /** The link's facts for a response row: its episode's client and what it administers. */
    usableLink: new Precompiled(['linkId', 'practiceId'], (v: { linkId: string; practiceId: string }) =>
      db
        .selectFrom('check_link as l')
        .innerJoin('episode as e', 'e.id', 'l.episode_id')
        .innerJoin('measure_link as m', 'm.check_link_id', 'l.id')
        .select(['l.episode_id', 'l.instrument_id', 'l.instrument_version', 'l.used_at', 'l.expires_at'])
        .select(['e.client_id', 'm.audience', 'm.moment'])
        .where('l.id', '=', v.linkId)
        .where('l.practice_id', '=', v.practiceId),
    ),
    /** The conditional update is the guard: of two racing submissions only one claims the link. */
    claim: new Precompiled(
      ['usedAt', 'linkId', 'practiceId'],
      (v: { usedAt: string; linkId: string; practiceId: string }) =>
        db
          .updateTable('check_link')
          .set({ used_at: v.usedAt })
          .where('id', '=', v.linkId)
          .where('practice_id', '=', v.practiceId)
          .where('used_at', 'is', null),
    ),
    deleteDraft: new Precompiled(['linkId'], (v: { linkId: string }) =>
      db.deleteFrom('measure_response').where('check_link_id', '=', v.linkId),
    ),
    insertResponse: new Precompiled(RESPONSE_COLUMNS, (v: ResponseRow) => db.insertInto('measure_response').values(v)),
    /** The client's "signals due" mark (signal-due.ts), set or renewed. */
    markDue: new Precompiled(['practiceId', 'clientId', 'mark', 'at'], (v: DueMark) => markDueQuery(db, v)),
    insertAudit: new Precompiled(AUDIT_COLUMNS, (v: AuditRow) => db.insertInto('audit_event').values(v)),
  };
}

type DueMark = {
  practiceId: string;
  clientId: string;
  mark: string;
  at: string;
};

/** Sets or renews a client's "signals due" mark: precompiled above, and built afresh in other transactions. */
export const markDueQuery = (db: Kysely<Database>, v: DueMark) =>
  db
    .insertInto('signal_due')
    .values({ practice_id: v.practiceId, client_id: v.clientId, mark: v.mark, marked_at: v.at })
    .onConflict((oc) => oc.columns(['practice_id', 'client_id']).doUpdateSet({ mark: v.mark, marked_at: v.at }));

export type SubmissionStatements = ReturnType<typeof submissionStatements>;

/** The names of every column, from a record that must list each one (the compiler says when a column is missing). */
const columns = <Row>(all: Record<keyof Row, true>): (keyof Row & string)[] =>
  Object.keys(all) as (keyof Row & string)[];

const RESPONSE_COLUMNS = columns<ResponseRow>({
  id: true,
  practice_id: true,
  client_id: true,
  episode_id: true,
  check_link_id: true,
  instrument_id: true,
  instrument_version: true,
  audience: true,
  moment: true,
  status: true,
  answers: true,
  sealed_answers: true,
  scores: true,
  total: true,
  flags: true,
  saved_at: true,
});
const AUDIT_COLUMNS = columns<AuditRow>({
  id: true,
  practice_id: true,
  actor_kind: true,
  actor_user_id: true,
  action: true,
  client_id: true,
  at: true,
  ip: true,
});

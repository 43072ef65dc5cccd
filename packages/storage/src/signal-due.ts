import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { asClientId, asPracticeId, type ClientId, type PracticeId } from '@rapport/core';
import type { Database } from './schema.js';
import { markDueQuery } from './submission-statements.js';

/**
 * The durable "signals due" mark (migration 0013). A submission marks its client in the same
 * transaction that stores the answers; the server's recompute clears the mark it read, unless a
 * newer submission has marked the client again since (each marking is a new random id, so even a
 * row cleared and made again by others is told apart).
 */

/** A client whose signals await recomputing. */
export interface SignalsDue {
  readonly practiceId: PracticeId;
  readonly clientId: ClientId;
  readonly mark: string;
}

/** Marks the client's signals as due, inside the caller's transaction. */
export async function markSignalsDue(
  trx: Transaction<Database>,
  practiceId: PracticeId,
  clientId: ClientId,
  at: string,
): Promise<void> {
  await markDueQuery(trx, { practiceId, clientId, mark: randomUUID(), at }).execute();
}

/** The client's current mark, or null when nothing is due. */
export async function signalsDueMark(
  db: Kysely<Database>,
  practiceId: PracticeId,
  clientId: ClientId,
): Promise<string | null> {
  const r = await db
    .selectFrom('signal_due')
    .select('mark')
    .where('practice_id', '=', practiceId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return r?.mark ?? null;
}

/**
 * The marks of one practice (before a staff page reads signals), or every mark in the store across
 * practices: read when a server starts, to finish what a stopped server left undone (maintenance,
 * like migrating; no page shows it).
 */
export async function listSignalsDue(db: Kysely<Database>, practiceId?: PracticeId): Promise<SignalsDue[]> {
  let q = db.selectFrom('signal_due').select(['practice_id', 'client_id', 'mark']);
  if (practiceId !== undefined) q = q.where('practice_id', '=', practiceId);
  const rows = await q.execute();
  return rows.map((r) => ({
    practiceId: asPracticeId(r.practice_id),
    clientId: asClientId(r.client_id),
    mark: r.mark,
  }));
}

/** Clears the mark if it is still the one the recompute read; true when it was. */
export async function clearSignalsDue(
  trx: Transaction<Database>,
  practiceId: PracticeId,
  clientId: ClientId,
  mark: string,
): Promise<boolean> {
  const r = await trx
    .deleteFrom('signal_due')
    .where('practice_id', '=', practiceId)
    .where('client_id', '=', clientId)
    .where('mark', '=', mark)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

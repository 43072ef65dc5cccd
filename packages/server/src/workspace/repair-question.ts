import type { Context } from 'hono';
import {
  REPAIR_FIELD,
  parseRepairAnswer,
  type CheckLink,
  type RepairAnswer,
  type ResponseRefusal,
  type Result,
} from '@rapport/core';
import type { AuditActor } from '@rapport/storage';
import { audit } from '../audit.js';
import type { AppEnv, Deps } from '../context.js';

/**
 * The client's side of rupture → repair: while the link's episode has a rupture that is not yet
 * repaired, the client's check carries one optional question, "do things feel better between
 * you?". Its answer is stored beside the response and read by core when signals are recomputed.
 */

/** The time of the open (not yet repaired) rupture in the link's episode, or null. */
export async function openRuptureFor(deps: Deps, link: CheckLink): Promise<string | null> {
  // Only ruptures are read: a client with a long history has many other signals. Most clients
  // have no rupture awaiting repair, and then the episode is not read at all (every submission asks).
  const awaiting = (await deps.store.measures.listSignals(link.practiceId, link.clientId, 'rupture'))
    .map((s) => s.signal)
    .filter((s) => s.kind === 'rupture' && s.repair.status !== 'repaired');
  if (awaiting.length === 0) return null;
  const episode = await deps.store.getEpisode(link.practiceId, link.episodeId);
  if (!episode) return null;
  // The latest rupture of this episode that awaits repair or was not repaired in time.
  return awaiting.filter((s) => s.at >= episode.openedAt).at(-1)?.at ?? null;
}

/** What a posted check said about repair, with the instrument's own fields apart. */
export type RepairTake =
  | {
      readonly ok: true;
      readonly asked: boolean;
      /** The posted fields without the repair question, for the instrument's scoring. */
      readonly fields: Readonly<Record<string, string>>;
      readonly answer: { readonly ruptureAt: string; readonly value: RepairAnswer } | null;
    }
  | {
      readonly ok: false;
      readonly asked: true;
      readonly refusal: { readonly ok: false; readonly error: ResponseRefusal };
    };

/**
 * Reads the optional repair question from a posted check. The field is always taken out of the
 * instrument's answers; an answer outside the offered choices refuses the whole post (nothing is
 * written), and one posted when no rupture is open is ignored (it was not asked).
 */
export async function readRepairAnswer(
  deps: Deps,
  link: CheckLink,
  posted: Readonly<Record<string, string>>,
): Promise<RepairTake> {
  const { [REPAIR_FIELD]: raw, ...fields } = posted;
  const ruptureAt = await openRuptureFor(deps, link);
  if (ruptureAt === null) return { ok: true, asked: false, fields, answer: null };
  const parsed: Result<RepairAnswer | null> = parseRepairAnswer(raw);
  if (!parsed.ok) {
    const message = parsed.error.fields?.[REPAIR_FIELD] ?? parsed.error.message;
    return {
      ok: false,
      asked: true,
      refusal: {
        ok: false,
        error: {
          code: 'invalid-input',
          reason: 'invalid',
          message: parsed.error.message,
          fields: { [REPAIR_FIELD]: message },
          problems: [{ itemId: REPAIR_FIELD, message }],
          flags: [],
        },
      },
    };
  }
  return {
    ok: true,
    asked: true,
    fields,
    answer: parsed.value === null ? null : { ruptureAt, value: parsed.value },
  };
}

/** Stores the answer of a check that was just submitted (its link claimed), and audits it. */
export async function saveRepairAnswer(
  c: Context<AppEnv>,
  deps: Deps,
  link: CheckLink,
  take: RepairTake,
  actor: AuditActor,
  now: Date,
): Promise<void> {
  if (!take.ok || take.answer === null) return;
  const saved = await deps.store.repair.saveRepairAnswer(
    link.practiceId,
    { checkLinkId: link.id, ruptureAt: take.answer.ruptureAt, answer: take.answer.value },
    now.toISOString(),
  );
  // The link was claimed a moment ago by this same request, so a refusal here is a bug.
  if (!saved.ok) throw new Error(`repair answer not stored: ${saved.error.code}`);
  await audit(c, deps, { practiceId: link.practiceId, actor, action: 'repair.answer', clientId: link.clientId });
}

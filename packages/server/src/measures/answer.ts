import type { Context } from 'hono';
import {
  PLACEHOLDER_CHECK_ID,
  checkAnswers,
  commentItemOf,
  isOpenYet,
  linkState,
  scoreResponse,
  splitComment,
  versionFor,
  type CheckLink,
  type DomainError,
  type InstrumentDefinition,
  type MeasureLinkInfo,
  type ShownVersion,
} from '@rapport/core';
import { responseAnswersPlace, type AuditActor } from '@rapport/storage';
import { formatDateTime, instrumentFormPage } from '@rapport/web';
import { audit, auditEvent } from '../audit.js';
import type { AppEnv, Deps } from '../context.js';
import { errorResponse } from '../http-errors.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { formValues, presentInstrumentForm } from './present-form.js';
import { openRuptureFor, readRepairAnswer, saveRepairAnswer } from '../workspace/repair-question.js';
import { endingFormNotes } from '../endings/form-notes.js';
import { draftCommentValues, holdRefusal, keepComment, readCommentHold, voiceFormView } from '../voice/form.js';
import { openResponse, sealAnswers } from '../record/client-text.js';

/**
 * Answering one sent measure, wherever the client reaches it: on its own private link
 * (/c/:token) or from their unlocked home (/h/:token/check/:linkId). Both end in the same
 * single-use claim of the same link, so an answer sent both ways is stored once.
 */

export const UNKNOWN: DomainError = {
  code: 'not-found',
  message: 'This link is not recognised. Please check it was copied in full, or ask your counsellor for a new one.',
};
const USED: DomainError = {
  code: 'link-used',
  message: 'Thank you: this check has already been completed. Each link works once, so nothing more is needed.',
};
export const EXPIRED: DomainError = {
  code: 'link-expired',
  message: 'This link has expired. Your counsellor can send you a new one.',
};
/** A waiting link of the skeleton's placeholder check, or of an instrument version no longer in the library. */
const RETIRED: DomainError = {
  code: 'link-expired',
  message: 'This link belongs to an earlier version of Rapport’s questions. Please ask your counsellor for a new one.',
};

/** A next-day link before its day: the client is told when to come back. */
const notYetOpen = (opensAt: string): DomainError => ({
  code: 'conflict',
  message: `This link opens on ${formatDateTime(opensAt)}, so you can rate your session after a night’s sleep. Please come back then.`,
});

const failureFor = (code: string): DomainError =>
  code === 'link-used' ? USED : code === 'link-expired' ? EXPIRED : UNKNOWN;

/** A link that can take answers now, with what it administers. */
export interface Administered {
  readonly link: CheckLink;
  readonly info: MeasureLinkInfo;
  readonly def: InstrumentDefinition;
  readonly version: ShownVersion;
}

/** What this link administers if it can still be answered, or the polite reason it cannot. */
export async function administrationOf(
  deps: Deps,
  library: InstrumentLibrary,
  link: CheckLink | null,
): Promise<Administered | DomainError> {
  if (!link) return UNKNOWN;
  const state = linkState(link, deps.clock.now());
  if (state === 'used') return USED;
  if (state === 'expired') return EXPIRED;
  // A next-day ("rate it tomorrow") link opens only tomorrow.
  const opensAt = await deps.store.voice.linkValidFrom(link.practiceId, link.id);
  if (opensAt !== null && !isOpenYet(opensAt, deps.clock.now())) return notYetOpen(opensAt);
  if (link.instrumentId === PLACEHOLDER_CHECK_ID) return RETIRED;
  const info = await deps.store.measures.findLinkInfo(link.practiceId, link.id);
  const def = library.get(link.instrumentId, link.instrumentVersion)?.definition;
  const version = def && info ? versionFor(def, info.audience) : undefined;
  if (!info || !def || !version?.ok) return RETIRED;
  return { link, info, def, version: version.value };
}

/** The form, refilled from a saved draft. */
export async function answerFormPage(deps: Deps, a: Administered, action: string, csrf?: string): Promise<string> {
  // Whether to ask about repair depends on the signals the client's last answers made due.
  await deps.signals.settleClient(a.link.practiceId, a.link.clientId);
  const stored = await deps.store.measures.getDraft(a.link.practiceId, a.link.id);
  const draft = stored ? await openResponse(deps.keys, stored) : null;
  const values = { ...(draft ? formValues(draft.answers) : {}), ...(await draftCommentValues(deps, a)) };
  return instrumentFormPage({
    ...presentInstrumentForm({
      action,
      def: a.def,
      version: a.version,
      moment: a.info.moment,
      values,
      repairQuestion: (await openRuptureFor(deps, a.link)) !== null,
      ending: await endingFormNotes(deps, a.link),
    }),
    voice: await voiceFormView(deps, a, action, values),
    ...(csrf === undefined ? {} : { csrf }),
  });
}

/**
 * Scores and stores a posted form: complete → claimed and stored, then `done`; unfinished →
 * kept as a draft (never scored) and the form again; invalid → nothing written, the form again.
 */
export async function takeAnswers(
  c: Context<AppEnv>,
  deps: Deps,
  a: Administered,
  route: {
    readonly action: string;
    readonly actor: AuditActor;
    readonly done: string;
    /** The home session's token, for the form shown again (the home's posts carry it). */
    readonly csrf?: string;
  },
  fields: Readonly<Record<string, string>>,
): Promise<Response> {
  const now = deps.clock.now();
  const { practiceId, clientId } = a.link;
  // The optional question about repair after a rupture, and when the client's comment is read,
  // are read apart from the instrument's items.
  const voice = readCommentHold(fields);
  const repair = await readRepairAnswer(deps, a.link, voice.fields);
  const scored = !voice.hold.ok
    ? holdRefusal(voice.hold)
    : repair.ok
      ? scoreResponse(a.def, a.info.audience, repair.fields)
      : repair.refusal;
  const hold = voice.hold.ok ? voice.hold.value : 'now';
  if (scored.ok) {
    // The client's comment is kept apart from the answers, sealed (voice/form.ts).
    const { answers: given, ...scores } = scored.value;
    const { comment, answers } = splitComment(given, commentItemOf(a.def));
    // Any other free text is sealed apart too (record/client-text.ts).
    const place = responseAnswersPlace(a.link.id);
    const saved = await deps.store.measures.submitResponse(practiceId, a.link.id, {
      ...(await sealAnswers(deps.keys, practiceId, place, answers)),
      scores,
      flags: scores.flags,
      submittedAt: now.toISOString(),
      audit: auditEvent(c, deps, { practiceId, actor: route.actor, action: 'check.submit', clientId }),
    });
    if (!saved.ok) return errorResponse(failureFor(saved.error.code), 'client');
    await saveRepairAnswer(c, deps, a.link, repair, route.actor, now);
    await keepComment(c, deps, a, { comment, hold, status: 'sent', at: now, actor: route.actor });
    deps.signals.due(practiceId, clientId);
    return c.redirect(route.done, 303);
  }
  const refusal = scored.error;
  // An invalid answer writes nothing; a response that is only unfinished is kept as a draft, never scored.
  let draftSaved = false;
  if (refusal.reason === 'incomplete') {
    const checked = checkAnswers(a.def, repair.ok ? repair.fields : voice.fields).answers;
    const { comment, answers } = splitComment(checked, commentItemOf(a.def));
    await keepComment(c, deps, a, { comment, hold, status: 'draft', at: now, actor: route.actor });
    if (Object.keys(answers).length > 0) {
      const draft = await deps.store.measures.saveDraft(practiceId, a.link.id, {
        ...(await sealAnswers(deps.keys, practiceId, responseAnswersPlace(a.link.id), answers)),
        flags: refusal.flags,
        savedAt: now.toISOString(),
      });
      if (!draft.ok) return errorResponse(failureFor(draft.error.code), 'client');
      draftSaved = true;
      await audit(c, deps, { practiceId, actor: route.actor, action: 'check.draft', clientId });
      // A risk answer in an unfinished form must still reach the therapist at once.
      deps.signals.due(practiceId, clientId);
    }
  }
  const presented = presentInstrumentForm({
    action: route.action,
    def: a.def,
    version: a.version,
    moment: a.info.moment,
    values: fields,
    errors: refusal.fields ?? {},
    problem:
      refusal.reason === 'incomplete'
        ? 'Some questions still need an answer. Any answer is fine: there are no right ones.'
        : 'Some answers need another look.',
    draftSaved,
    repairQuestion: repair.asked,
    ending: await endingFormNotes(deps, a.link),
  });
  const view = {
    ...presented,
    voice: await voiceFormView(deps, a, route.action, fields, refusal.fields),
    ...(route.csrf === undefined ? {} : { csrf: route.csrf }),
  };
  return c.html(instrumentFormPage(view), 422);
}

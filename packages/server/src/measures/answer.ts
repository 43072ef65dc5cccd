import type { Context } from 'hono';
import {
  PLACEHOLDER_CHECK_ID,
  checkAnswers,
  linkState,
  scoreResponse,
  versionFor,
  type CheckLink,
  type DomainError,
  type InstrumentDefinition,
  type MeasureLinkInfo,
  type ShownVersion,
} from '@rapport/core';
import type { AuditActor } from '@rapport/storage';
import { instrumentFormPage } from '@rapport/web';
import { audit } from '../audit.js';
import type { AppEnv, Deps } from '../context.js';
import { errorResponse } from '../http-errors.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { formValues, presentInstrumentForm } from './present-form.js';
import { recomputeSignals } from './signals.js';

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
const EXPIRED: DomainError = {
  code: 'link-expired',
  message: 'This link has expired. Your counsellor can send you a new one.',
};
/** A waiting link of the skeleton's placeholder check, or of an instrument version no longer in the library. */
const RETIRED: DomainError = {
  code: 'link-expired',
  message: 'This link belongs to an earlier version of Rapport’s questions. Please ask your counsellor for a new one.',
};

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
  if (link.instrumentId === PLACEHOLDER_CHECK_ID) return RETIRED;
  const info = await deps.store.measures.findLinkInfo(link.practiceId, link.id);
  const def = library.get(link.instrumentId, link.instrumentVersion)?.definition;
  const version = def && info ? versionFor(def, info.audience) : undefined;
  if (!info || !def || !version?.ok) return RETIRED;
  return { link, info, def, version: version.value };
}

/** The form, refilled from a saved draft. */
export async function answerFormPage(deps: Deps, a: Administered, action: string): Promise<string> {
  const draft = await deps.store.measures.getDraft(a.link.practiceId, a.link.id);
  return instrumentFormPage(
    presentInstrumentForm({
      action,
      def: a.def,
      version: a.version,
      moment: a.info.moment,
      values: draft ? formValues(draft.answers) : {},
    }),
  );
}

/**
 * Scores and stores a posted form: complete → claimed and stored, then `done`; unfinished →
 * kept as a draft (never scored) and the form again; invalid → nothing written, the form again.
 */
export async function takeAnswers(
  c: Context<AppEnv>,
  deps: Deps,
  library: InstrumentLibrary,
  a: Administered,
  route: { readonly action: string; readonly actor: AuditActor; readonly done: string },
  fields: Readonly<Record<string, string>>,
): Promise<Response> {
  const now = deps.clock.now();
  const { practiceId, clientId } = a.link;
  const scored = scoreResponse(a.def, a.info.audience, fields);
  if (scored.ok) {
    const { answers, ...scores } = scored.value;
    const saved = await deps.store.measures.submitResponse(practiceId, a.link.id, {
      answers,
      scores,
      flags: scores.flags,
      submittedAt: now.toISOString(),
    });
    if (!saved.ok) return errorResponse(failureFor(saved.error.code), 'client');
    await audit(c, deps, { practiceId, actor: route.actor, action: 'check.submit', clientId });
    await recomputeSignals(deps.store, library, practiceId, clientId, now);
    return c.redirect(route.done, 303);
  }
  const refusal = scored.error;
  // An invalid answer writes nothing; a response that is only unfinished is kept as a draft, never scored.
  let draftSaved = false;
  if (refusal.reason === 'incomplete') {
    const answers = checkAnswers(a.def, fields).answers;
    if (Object.keys(answers).length > 0) {
      const draft = await deps.store.measures.saveDraft(practiceId, a.link.id, {
        answers,
        flags: refusal.flags,
        savedAt: now.toISOString(),
      });
      if (!draft.ok) return errorResponse(failureFor(draft.error.code), 'client');
      draftSaved = true;
      await audit(c, deps, { practiceId, actor: route.actor, action: 'check.draft', clientId });
      // A risk answer in an unfinished form must still reach the therapist at once.
      await recomputeSignals(deps.store, library, practiceId, clientId, now);
    }
  }
  const view = presentInstrumentForm({
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
  });
  return c.html(instrumentFormPage(view), 422);
}

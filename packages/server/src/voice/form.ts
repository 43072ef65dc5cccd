import type { Context } from 'hono';
import {
  CARER_NOTE,
  COMMENT_HOLD_FIELD,
  DEFAULT_INSTRUMENT_ID,
  commentItemOf,
  parseCommentHold,
  type CommentHold,
  type ResponseRefusal,
  type Result,
} from '@rapport/core';
import { commentPlace, type AuditActor } from '@rapport/storage';
import type { VoiceFormView } from '@rapport/web';
import { audit } from '../audit.js';
import type { AppEnv, Deps } from '../context.js';
import type { Administered } from '../measures/answer.js';

/**
 * The client's voice on a measure's form (/c/:token and the home's): the framing that honest,
 * less-than-perfect answers help, what a young person's carer can see, the client's comment kept
 * apart from the answers (sealed; shared now or held), and "rate it tomorrow" on a check-out.
 */

const FRAMING =
  'Less-than-perfect answers help the most. A low number is fine: it shows your counsellor what to change.';

/** What a refused form says at its top, for the therapist's phone form and a carer's or a correction. */
export const refusalProblem = (reason: ResponseRefusal['reason']): string =>
  reason === 'incomplete' ? 'Some questions still need an answer.' : 'Some answers need another look.';

/** The voice parts of a form for this link; `action` is where the form posts. */
export async function voiceFormView(
  deps: Deps,
  a: Administered,
  action: string,
  values: Readonly<Record<string, string>>,
  errors: Readonly<Record<string, string>> = {},
): Promise<VoiceFormView> {
  const young = a.info.audience === 'young-person' || a.info.audience === 'child';
  const sharing = young ? await deps.store.voice.getCarerSharing(a.link.practiceId, a.link.episodeId) : null;
  const item = commentItemOf(a.def);
  const hold = parseCommentHold(values[COMMENT_HOLD_FIELD]);
  return {
    ...(a.def.id === DEFAULT_INSTRUMENT_ID ? { framing: FRAMING } : {}),
    ...(sharing ? { carerNote: CARER_NOTE[sharing] } : {}),
    ...(item
      ? {
          hold: {
            after: item,
            name: COMMENT_HOLD_FIELD,
            value: hold.ok ? hold.value : 'now',
            error: errors[COMMENT_HOLD_FIELD],
          },
        }
      : {}),
    ...(a.info.moment === 'check-out' ? { later: { action: `${action}/later` } } : {}),
  };
}

/** The posted choice of when the comment is read, taken out of the instrument's fields. */
export function readCommentHold(posted: Readonly<Record<string, string>>): {
  readonly fields: Readonly<Record<string, string>>;
  readonly hold: Result<CommentHold>;
} {
  const { [COMMENT_HOLD_FIELD]: raw, ...fields } = posted;
  return { fields, hold: parseCommentHold(raw) };
}

/** A refused choice of when the comment is read, shaped as the instrument's own refusals. */
export function holdRefusal(hold: Result<CommentHold>): { readonly ok: false; readonly error: ResponseRefusal } {
  const message = hold.ok ? '' : (hold.error.fields?.[COMMENT_HOLD_FIELD] ?? hold.error.message);
  return {
    ok: false,
    error: {
      code: 'invalid-input',
      reason: 'invalid',
      message,
      fields: { [COMMENT_HOLD_FIELD]: message },
      problems: [{ itemId: COMMENT_HOLD_FIELD, message }],
      flags: [],
    },
  };
}

/**
 * Keeps the client's comment, sealed, beside their answers: as a draft with an unfinished form
 * (a cleared comment drops the draft), as sent with the complete response.
 */
export async function keepComment(
  c: Context<AppEnv>,
  deps: Deps,
  a: Administered,
  input: {
    readonly comment: string | null;
    readonly hold: CommentHold;
    readonly status: 'draft' | 'sent';
    readonly at: Date;
    readonly actor: AuditActor;
  },
): Promise<void> {
  const { practiceId, id } = a.link;
  if (input.comment === null) {
    if (input.status === 'draft') await deps.store.voice.dropDraftComment(practiceId, id);
    return;
  }
  const sealedText = await deps.keys.seal(practiceId, commentPlace(id), input.comment);
  const saved = await deps.store.voice.saveComment(practiceId, id, {
    sealedText,
    hold: input.hold,
    status: input.status,
    at: input.at.toISOString(),
  });
  if (saved.ok && input.status === 'sent') {
    await audit(c, deps, { practiceId, actor: input.actor, action: 'comment.write', clientId: a.link.clientId });
  }
}

/** A draft comment back as the form's values, so the client's words are not lost between visits. */
export async function draftCommentValues(deps: Deps, a: Administered): Promise<Record<string, string>> {
  const item = commentItemOf(a.def);
  const kept = item ? await deps.store.voice.getComment(a.link.practiceId, a.link.id) : null;
  if (!item || !kept || kept.status !== 'draft') return {};
  return {
    [item]: await deps.keys.open(a.link.practiceId, commentPlace(a.link.id), kept.sealedText),
    [COMMENT_HOLD_FIELD]: kept.hold,
  };
}

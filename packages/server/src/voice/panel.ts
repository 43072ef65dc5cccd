import type { Context } from 'hono';
import type { ClientAudience, ClientId, Episode, MeasureResponse } from '@rapport/core';
import { commentPlace } from '@rapport/storage';
import type { VoicePanelView } from '@rapport/web';
import { audit } from '../audit.js';
import type { AppEnv, Deps, Signedin } from '../context.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { clientEmail } from '../mail/deliver.js';
import { presentVoicePanel } from './present.js';
import { openCarerResponse, openPhoneEntry } from '../record/client-text.js';

/**
 * The client's voice on the client page. Comments are opened here and shown only as core's
 * rule allows (a held one after the next check-in); reading them, the phone entries or a
 * carer's ratings is recorded in the audit trail.
 */
export async function loadVoicePanel(
  c: Context<AppEnv>,
  deps: Deps,
  library: InstrumentLibrary,
  s: Signedin,
  input: {
    readonly clientId: ClientId;
    readonly episode: Episode | null;
    readonly audience: ClientAudience | null;
    readonly responses: readonly MeasureResponse[];
  },
): Promise<VoicePanelView> {
  const { practiceId } = s;
  const [stored, phoneEntries, carerResponses, sharing, email] = await Promise.all([
    deps.store.voice.listComments(practiceId, input.clientId),
    deps.store.voice
      .listPhoneEntries(practiceId, input.clientId)
      .then((xs) => Promise.all(xs.map((e) => openPhoneEntry(deps.keys, e)))),
    deps.store.voice
      .listCarerResponses(practiceId, input.clientId)
      .then((xs) => Promise.all(xs.map((r) => openCarerResponse(deps.keys, practiceId, r)))),
    input.episode
      ? deps.store.voice.getCarerSharing(practiceId, input.episode.id)
      : Promise.resolve('nothing' as const),
    clientEmail(deps, practiceId, input.clientId),
  ]);
  const comments = await Promise.all(
    stored.map(async (x) => ({
      ...x,
      text: await deps.keys.open(practiceId, commentPlace(x.checkLinkId), x.sealedText),
    })),
  );
  if (comments.length > 0 || phoneEntries.length > 0 || carerResponses.length > 0 || email !== null) {
    await audit(c, deps, {
      practiceId,
      actor: { kind: 'user', userId: s.user.id },
      action: 'voice.read',
      clientId: input.clientId,
    });
  }
  return presentVoicePanel({
    clientId: input.clientId,
    episodeId: input.episode?.id ?? null,
    audience: input.audience,
    responses: input.responses,
    comments,
    phoneEntries,
    carerResponses,
    sharing,
    email,
    mailer: deps.mailer !== undefined,
    library,
  });
}

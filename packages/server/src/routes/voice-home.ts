import { Hono, type Context } from 'hono';
import { LINK_TOKEN_BYTES, PREFERENCES_INSTRUMENT_ID, linkExpiry, type DomainError } from '@rapport/core';
import { homeLockPage } from '@rapport/web';
import { audit } from '../audit.js';
import { unlockedHome, type UnlockedHome } from '../auth/home-session.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { AppEnv, Deps } from '../context.js';
import { csrfMatches, readForm } from '../forms.js';
import { errorResponse } from '../http-errors.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { UNKNOWN, administrationOf } from '../measures/answer.js';
import { deferCheckOut } from '../voice/later.js';
import { TOKEN_SHAPE } from './check.js';
import { responseAnswersPlace } from '@rapport/storage';
import { openResponse, sealAnswers } from '../record/client-text.js';

const EXPIRED_FORM: DomainError = {
  code: 'forbidden',
  message: 'This page was open too long. Go back, reload it and try again.',
};

/**
 * The client's voice from their unlocked home: "rate it tomorrow" on a check-out waiting there,
 * and going back to their preferences to change them. A browser without the home unlocked gets
 * the home's locked door (401), as every home page does.
 */
export function voiceHomeRoutes(deps: Deps, library: InstrumentLibrary): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function open(c: Context<AppEnv>): Promise<(UnlockedHome & { readonly base: string }) | Response> {
    const token = c.req.param('token') ?? '';
    if (!TOKEN_SHAPE.test(token)) return errorResponse(UNKNOWN, 'client');
    const unlocked = await unlockedHome(c, deps, tokenHash(token));
    if (!unlocked) {
      const door = homeLockPage({ mode: 'unlock', action: `/h/${token}/unlock`, message: null, errors: {} });
      return c.html(door, 401);
    }
    return { ...unlocked, base: `/h/${token}` };
  }

  app.post('/h/:token/check/:linkId/later', async (c) => {
    const o = await open(c);
    if (o instanceof Response) return o;
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error, 'client');
    if (!csrfMatches(form.value, o)) return errorResponse(EXPIRED_FORM, 'client');
    const links = await deps.store.listCheckLinks(o.home.practiceId, o.home.clientId);
    const link = links.find((l) => l.id === c.req.param('linkId') && l.episodeId === o.home.episodeId) ?? null;
    const a = await administrationOf(deps, library, link);
    if (!('link' in a)) return errorResponse(a, 'client');
    // The home lists the new link by its id; its token is never shown, so the sent link stays the only other way in.
    const later = await deferCheckOut(c, deps, a, { kind: 'client' });
    if (later instanceof Response) return later;
    return c.redirect(`${o.base}?notice=later`, 303);
  });

  app.post('/h/:token/preferences', async (c) => {
    const o = await open(c);
    if (o instanceof Response) return o;
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error, 'client');
    if (!csrfMatches(form.value, o)) return errorResponse(EXPIRED_FORM, 'client');
    const { practiceId, clientId, episodeId } = o.home;
    const [links, responses] = await Promise.all([
      deps.store.listCheckLinks(practiceId, clientId),
      deps.store.measures.listResponses(practiceId, clientId),
    ]);
    const mine = links.filter((l) => l.episodeId === episodeId && l.instrumentId === PREFERENCES_INSTRUMENT_ID);
    // A preferences form already waiting is the one to change; otherwise a new one, filled with the last answers.
    for (const l of mine) {
      const a = await administrationOf(deps, library, l);
      if ('link' in a) return c.redirect(`${o.base}/check/${l.id}`, 303);
    }
    const last = responses
      .filter(
        (r) => r.episodeId === episodeId && r.instrumentId === PREFERENCES_INSTRUMENT_ID && r.status === 'complete',
      )
      .at(-1);
    const earlier = mine.find((l) => l.id === last?.checkLinkId);
    const def = library.get(PREFERENCES_INSTRUMENT_ID)?.definition;
    if (!last || !earlier || !def) {
      return errorResponse(
        { code: 'not-found', message: 'Your counsellor has not asked about this yet. They can send it to you.' },
        'client',
      );
    }
    const now = deps.clock.now();
    const issued = await deps.store.measures.issueLink(practiceId, {
      episodeId,
      instrumentId: def.id,
      instrumentVersion: def.version,
      audience: last.audience,
      moment: last.moment,
      tokenHash: tokenHash(newToken(LINK_TOKEN_BYTES)),
      // The therapist who first asked; the client is only opening the same question again.
      issuedBy: earlier.issuedBy,
      issuedAt: now.toISOString(),
      expiresAt: linkExpiry(now).toISOString(),
    });
    if (!issued.ok) return errorResponse(issued.error, 'client');
    if (last.instrumentVersion === def.version) {
      const earlierAnswers = (await openResponse(deps.keys, last)).answers;
      const place = responseAnswersPlace(issued.value.id);
      await deps.store.measures.saveDraft(practiceId, issued.value.id, {
        ...(await sealAnswers(deps.keys, practiceId, place, earlierAnswers)),
        flags: [],
        savedAt: now.toISOString(),
      });
    }
    await audit(c, deps, { practiceId, actor: { kind: 'client' }, action: 'preferences.revisit', clientId });
    return c.redirect(`${o.base}/check/${issued.value.id}`, 303);
  });

  return app;
}

import { Hono, type Context } from 'hono';
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_INSTRUMENT_ID,
  LINK_TOKEN_BYTES,
  asClientId,
  asEpisodeId,
  commentItemOf,
  linkExpiry,
  parseCarerSharing,
  parseClientAudience,
  parseEmail,
  parseMoment,
  scoreResponse,
  versionFor,
  type ClientId,
  type Episode,
} from '@rapport/core';
import { clientEmailPlace, enteredAnswersPlace, responseAnswersPlace } from '@rapport/storage';
import { messagePage, phoneEntryPage, voiceLinkPage } from '@rapport/web';
import { audit } from '../audit.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { AppEnv, Deps, Signedin } from '../context.js';
import { therapist, therapistForm } from '../guards.js';
import { errorResponse } from '../http-errors.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { DELIVERY_TEXT, clientEmail, deliverLink } from '../mail/deliver.js';
import { AUDIENCE_LABEL } from '../measures/present-client.js';
import { presentInstrumentForm } from '../measures/present-form.js';
import { presentViewer } from '../presenters.js';
import { refusalProblem } from '../voice/form.js';
import { carerInstruments } from '../voice/present.js';
import { sealAnswers } from '../record/client-text.js';

const notFound = (): Response =>
  errorResponse({ code: 'not-found', message: 'There is no such page in your practice.' });

/** Fields of the phone form that are not the instrument's answers. */
const PHONE_FIELDS = ['_csrf', 'instrumentId', 'audience', 'moment'] as const;

/**
 * The therapist's side of the client's voice: the client's email address for links, what a
 * carer may see, links for a carer, and answers given by phone (entered here, confirmed by the
 * client on their own link).
 */
export function voiceRoutes(deps: Deps, library: InstrumentLibrary): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const who = (s: Signedin) => ({ kind: 'user', userId: s.user.id }) as const;
  const baseUrl = (c: Context<AppEnv>) => deps.config.publicUrl ?? new URL(c.req.url).origin;
  const again = (clientId: string, body: string, status: 409 | 422) =>
    new Response(
      messagePage({
        title: 'Please check your choices',
        body,
        link: { href: `/clients/${clientId}`, text: 'Back to the client' },
      }),
      { status, headers: { 'content-type': 'text/html; charset=utf-8' } },
    );

  /** A new link shown once (never cached), and emailed too when there is an address and SMTP. */
  async function linkPage(
    c: Context<AppEnv>,
    s: Signedin,
    client: { readonly id: ClientId; readonly code: string },
    link: {
      readonly heading: string;
      readonly intro: string;
      readonly url: string;
      readonly expiresAt: string;
      readonly to: string | null;
    },
  ): Promise<Response> {
    const delivery = await deliverLink(c, deps, s, {
      clientId: client.id,
      to: link.to,
      url: link.url,
      expiresAt: link.expiresAt,
    });
    c.header('Cache-Control', 'no-store');
    return c.html(
      voiceLinkPage({
        viewer: presentViewer(s),
        client: { id: client.id, code: client.code },
        heading: link.heading,
        intro: link.intro,
        url: link.url,
        expiresAt: link.expiresAt,
        delivery: DELIVERY_TEXT[delivery],
      }),
    );
  }

  app.post('/clients/:clientId/email', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const s = r.signedIn;
    const clientId = asClientId(c.req.param('clientId'));
    if (!(await deps.store.getClient(s.practiceId, clientId))) return notFound();
    const raw = (r.fields['email'] ?? '').trim();
    const email = raw === '' ? null : parseEmail(raw);
    if (email && !email.ok) return again(clientId, `${email.error.message} Nothing was saved.`, 422);
    const at = deps.clock.now().toISOString();
    const sealed = email ? await deps.keys.seal(s.practiceId, clientEmailPlace(clientId), email.value) : null;
    const saved = await deps.store.voice.setClientEmail(s.practiceId, clientId, sealed, at);
    if (!saved.ok) return notFound();
    await audit(c, deps, { practiceId: s.practiceId, actor: who(s), action: 'client-email.set', clientId });
    return c.redirect(`/clients/${clientId}`, 303);
  });

  /** An open episode of the practice named in the path, or the page that says why not. */
  async function openEpisode(c: Context<AppEnv>, s: Signedin): Promise<Episode | Response> {
    const episode = await deps.store.getEpisode(s.practiceId, asEpisodeId(c.req.param('episodeId') ?? ''));
    if (!episode) return notFound();
    if (episode.status !== 'open') return again(episode.clientId, 'This episode has ended. Nothing was changed.', 409);
    return episode;
  }

  app.post('/episodes/:episodeId/carer-sharing', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const s = r.signedIn;
    const episode = await openEpisode(c, s);
    if (episode instanceof Response) return episode;
    const sharing = parseCarerSharing(r.fields['sharing']);
    if (!sharing.ok) return again(episode.clientId, `${sharing.error.message} Nothing was saved.`, 422);
    const saved = await deps.store.voice.setCarerSharing(s.practiceId, episode.id, {
      sharing: sharing.value,
      setBy: s.user.id,
      at: deps.clock.now().toISOString(),
    });
    if (!saved.ok) return notFound();
    await audit(c, deps, {
      practiceId: s.practiceId,
      actor: who(s),
      action: 'carer-sharing.set',
      clientId: episode.clientId,
    });
    return c.redirect(`/clients/${episode.clientId}`, 303);
  });

  app.post('/episodes/:episodeId/carer-links', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const s = r.signedIn;
    const episode = await openEpisode(c, s);
    if (episode instanceof Response) return episode;
    const def = carerInstruments(library).find((d) => d.id === r.fields['instrumentId']);
    const rawEmail = (r.fields['email'] ?? '').trim();
    const email = rawEmail === '' ? null : parseEmail(rawEmail);
    if (!def) return again(episode.clientId, 'Choose a measure with a version for carers. No link was created.', 422);
    if (email && !email.ok) return again(episode.clientId, `${email.error.message} No link was created.`, 422);
    const token = newToken(LINK_TOKEN_BYTES);
    const now = deps.clock.now();
    const issued = await deps.store.voice.issueCarerLink(s.practiceId, {
      episodeId: episode.id,
      instrumentId: def.id,
      instrumentVersion: def.version,
      tokenHash: tokenHash(token),
      issuedBy: s.user.id,
      issuedAt: now.toISOString(),
      expiresAt: linkExpiry(now).toISOString(),
    });
    if (!issued.ok) return issued.error.code === 'not-found' ? notFound() : errorResponse(issued.error);
    await audit(c, deps, {
      practiceId: s.practiceId,
      actor: who(s),
      action: 'carer-link.issue',
      clientId: episode.clientId,
    });
    const client = await deps.store.getClient(s.practiceId, episode.clientId);
    if (!client) return notFound();
    // The carer's address is used for this one email and never stored.
    return linkPage(c, s, client, {
      heading: 'Carer link ready',
      intro: `Send this private link to the carer. They rate ${def.shortTitle} as they see it; their answers are kept apart from the young person’s, and they see only what you chose.`,
      url: `${baseUrl(c)}/carer/${token}`,
      expiresAt: issued.value.expiresAt,
      to: email?.ok ? email.value : null,
    });
  });

  /** What the phone form asks for: a sendable instrument with a version for the chosen age group. */
  function phoneChoice(fields: Readonly<Record<string, string | undefined>>) {
    const def = library.sendable.find((d) => d.id === (fields['instrumentId'] || DEFAULT_INSTRUMENT_ID));
    const audience = parseClientAudience(fields['audience'] || 'adult');
    const moment = parseMoment(fields['moment'] || 'check-in');
    if (!def || !audience.ok || !moment.ok) return null;
    const version = versionFor(def, audience.value);
    return version.ok ? { def, audience: audience.value, moment: moment.value, version: version.value } : null;
  }

  /** The instrument's items without the client's comment: a comment is the client's own to write. */
  function phoneForm(
    s: Signedin,
    client: { readonly id: string; readonly code: string },
    episode: Episode,
    choice: NonNullable<ReturnType<typeof phoneChoice>>,
    values: Readonly<Record<string, string>>,
    refused?: { readonly errors: Readonly<Record<string, string>>; readonly problem: string },
  ): string {
    const form = presentInstrumentForm({
      action: `/episodes/${episode.id}/phone-entry`,
      def: choice.def,
      version: choice.version,
      moment: choice.moment,
      values,
      ...(refused ? { errors: refused.errors } : {}),
    });
    const comment = commentItemOf(choice.def);
    return phoneEntryPage({
      viewer: presentViewer(s),
      client,
      action: form.action,
      title: choice.def.shortTitle,
      version: `${AUDIENCE_LABEL[choice.audience].toLowerCase()} version`,
      hidden: { instrumentId: choice.def.id, audience: choice.audience, moment: choice.moment },
      instructions: form.instructions,
      stem: form.stem,
      items: form.items.filter((i) => i.id !== comment),
      problem: refused?.problem,
    });
  }

  app.get('/episodes/:episodeId/phone-entry', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const episode = await openEpisode(c, s);
    if (episode instanceof Response) return episode;
    const client = await deps.store.getClient(s.practiceId, episode.clientId);
    if (!client) return notFound();
    const choice = phoneChoice(c.req.query());
    if (!choice) return again(client.id, 'Choose a measure with a version for the client’s age group.', 422);
    await audit(c, deps, { practiceId: s.practiceId, actor: who(s), action: 'client.read', clientId: client.id });
    return c.html(phoneForm(s, client, episode, choice, {}));
  });

  app.post('/episodes/:episodeId/phone-entry', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const s = r.signedIn;
    const episode = await openEpisode(c, s);
    if (episode instanceof Response) return episode;
    const client = await deps.store.getClient(s.practiceId, episode.clientId);
    if (!client) return notFound();
    const choice = phoneChoice(r.fields);
    if (!choice) return again(client.id, 'Choose a measure with a version for the client’s age group.', 422);
    // The form's own fields, and a comment (never asked by phone), are not answers.
    const comment = commentItemOf(choice.def);
    const answers = Object.fromEntries(
      Object.entries(r.fields).filter(([k]) => !(PHONE_FIELDS as readonly string[]).includes(k) && k !== comment),
    );
    const scored = scoreResponse(choice.def, choice.audience, answers);
    if (!scored.ok) {
      const refused = { errors: scored.error.fields ?? {}, problem: refusalProblem(scored.error.reason) };
      return c.html(phoneForm(s, client, episode, choice, answers, refused), 422);
    }
    const { answers: given, ...scores } = scored.value;
    const token = newToken(LINK_TOKEN_BYTES);
    const now = deps.clock.now();
    // Free text is sealed apart twice: as entered, and as the response's answers.
    const ids = { id: randomUUID(), linkId: randomUUID() };
    const asEntered = await sealAnswers(deps.keys, s.practiceId, enteredAnswersPlace(ids.id), given);
    const asResponse = await sealAnswers(deps.keys, s.practiceId, responseAnswersPlace(ids.linkId), given);
    const entered = await deps.store.voice.enterByPhone(s.practiceId, {
      ...ids,
      ...(asEntered.sealedAnswers !== null && asResponse.sealedAnswers !== null
        ? { sealed: { asEntered: asEntered.sealedAnswers, answers: asResponse.sealedAnswers } }
        : {}),
      episodeId: episode.id,
      instrumentId: choice.def.id,
      instrumentVersion: choice.def.version,
      audience: choice.audience,
      moment: choice.moment,
      answers: asEntered.answers,
      scores,
      flags: scores.flags,
      enteredBy: s.user.id,
      at: now.toISOString(),
      confirmTokenHash: tokenHash(token),
      confirmExpiresAt: linkExpiry(now).toISOString(),
    });
    if (!entered.ok) return entered.error.code === 'not-found' ? notFound() : errorResponse(entered.error);
    await audit(c, deps, { practiceId: s.practiceId, actor: who(s), action: 'phone-entry.write', clientId: client.id });
    await deps.signals.recomputeNow(s.practiceId, client.id);
    return linkPage(c, s, client, {
      heading: 'Answers saved as given by phone',
      intro:
        'Send this private link to the client so they can check the answers and confirm or correct them. Until then they show as not yet confirmed.',
      url: `${baseUrl(c)}/p/${token}`,
      expiresAt: entered.value.confirmExpiresAt,
      to: await clientEmail(deps, s.practiceId, client.id),
    });
  });

  return app;
}

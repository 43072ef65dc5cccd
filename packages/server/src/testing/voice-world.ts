/**
 * Test support (not part of the build): the client's voice in the shared test world. A carer's
 * link, answers entered by phone awaiting the client's check, check-out links of their own for
 * "rate it tomorrow" (so moving them to tomorrow never closes the world's check link), and a
 * preferences response in the home's episode, so the home can go back to it.
 */
import { LINK_TOKEN_BYTES, asEpisodeId, scoreResponse, type PracticeId, type UserId } from '@rapport/core';
import type { KyselyStore } from '@rapport/storage';
import { newToken, tokenHash } from '../auth/tokens.js';
import { loadInstrumentsOnce } from '../instruments/library.js';

export interface VoiceWorld {
  readonly carerToken: string;
  readonly phoneToken: string;
  /** A waiting check-out link (/c/<token>) for "rate it tomorrow" on a link. */
  readonly laterToken: string;
  /** A waiting check-out link of the home's episode, by id, for "rate it tomorrow" in the home. */
  readonly homeLaterLinkId: string;
}

export async function seedVoiceWorld(
  store: KyselyStore,
  practiceId: PracticeId,
  userId: UserId,
  input: { readonly episodeId: string; readonly now: Date },
): Promise<VoiceWorld> {
  const library = loadInstrumentsOnce();
  const episodeId = asEpisodeId(input.episodeId);
  const at = input.now.toISOString();
  const week = new Date(input.now.getTime() + 7 * 86_400_000).toISOString();
  const issue = async (instrumentId: string, token: string) => {
    const def = library.get(instrumentId)?.definition;
    if (!def) throw new Error(`setup: ${instrumentId}`);
    const link = await store.measures.issueLink(practiceId, {
      episodeId,
      instrumentId,
      instrumentVersion: def.version,
      audience: 'adult',
      moment: 'check-out',
      tokenHash: tokenHash(token),
      issuedBy: userId,
      issuedAt: at,
      expiresAt: week,
    });
    if (!link.ok) throw new Error(`setup: ${link.error.message}`);
    return { def, link: link.value };
  };
  const score = (instrumentId: string, answers: Record<string, string>) => {
    const def = library.get(instrumentId)?.definition;
    const scored = def ? scoreResponse(def, 'adult', answers) : null;
    if (!scored?.ok) throw new Error(`setup: ${instrumentId} answers`);
    const { answers: given, ...scores } = scored.value;
    return { given, scores };
  };

  const laterToken = newToken(LINK_TOKEN_BYTES);
  await issue('rapport-relationship-check', laterToken);
  const homeLater = await issue('rapport-relationship-check', newToken(LINK_TOKEN_BYTES));

  const prefs = await issue('rapport-preferences', newToken(LINK_TOKEN_BYTES));
  const p = score(
    'rapport-preferences',
    Object.fromEntries(prefs.def.items.map((i) => [i.id, i.id.endsWith('-1') ? 'a2' : 'b2'])),
  );
  const submitted = await store.measures.submitResponse(practiceId, prefs.link.id, {
    answers: p.given,
    scores: p.scores,
    flags: [],
    submittedAt: at,
  });
  if (!submitted.ok) throw new Error('setup: preferences');

  const phoneToken = newToken(LINK_TOKEN_BYTES);
  const phq = score('phq-9', Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`item-${String(i)}`, '0'])));
  const entered = await store.voice.enterByPhone(practiceId, {
    episodeId,
    instrumentId: 'phq-9',
    instrumentVersion: library.get('phq-9')?.definition.version ?? 1,
    audience: 'adult',
    moment: 'check-in',
    answers: phq.given,
    scores: phq.scores,
    flags: [],
    enteredBy: userId,
    at,
    confirmTokenHash: tokenHash(phoneToken),
    confirmExpiresAt: week,
  });
  if (!entered.ok) throw new Error('setup: phone entry');

  const carerToken = newToken(LINK_TOKEN_BYTES);
  const carer = await store.voice.issueCarerLink(practiceId, {
    episodeId,
    instrumentId: 'goal-based-outcomes',
    instrumentVersion: library.get('goal-based-outcomes')?.definition.version ?? 1,
    tokenHash: tokenHash(carerToken),
    issuedBy: userId,
    issuedAt: at,
    expiresAt: week,
  });
  if (!carer.ok) throw new Error('setup: carer link');

  return { carerToken, phoneToken, laterToken, homeLaterLinkId: homeLater.link.id };
}

/**
 * Test support (not part of the build): an open rupture in an episode, for the route tables to
 * aim at. The client reports tension on a relationship check, so the rupture awaits repair.
 */
import {
  DEFAULT_INSTRUMENT_ID,
  asEpisodeId,
  ruptureKey,
  scoreResponse,
  type PracticeId,
  type UserId,
} from '@rapport/core';
import type { KyselyStore } from '@rapport/storage';
import { newToken, tokenHash } from '../auth/tokens.js';
import { loadInstrumentsOnce } from '../instruments/library.js';
import { recomputeSignals } from '../measures/signals.js';

export interface WorkspaceWorld {
  /** The open rupture's id in its path (/episodes/:episodeId/ruptures/:ruptureId). */
  readonly ruptureId: string;
}

/** Relationship-check answers with a mean of `score` (whole numbers), tension reported and not resolved. */
export const tenseCheck = (score = 7): Record<string, string> => ({
  ...Object.fromEntries(
    ['bond', 'goals', 'approach', 'understood', 'respected', 'genuine', 'overall'].map((id) => [id, String(score)]),
  ),
  tension: 'yes',
  'tension-strength': '3',
  'tension-resolved': '1',
});

export async function seedWorkspaceWorld(
  store: KyselyStore,
  practiceId: PracticeId,
  userId: UserId,
  episodeId: string,
): Promise<WorkspaceWorld> {
  const episode = await store.getEpisode(practiceId, asEpisodeId(episodeId));
  if (!episode) throw new Error('setup: no episode');
  // An hour into the episode: a rupture belongs to the episode it happened in.
  const at = new Date(Date.parse(episode.openedAt) + 3_600_000);
  const library = loadInstrumentsOnce();
  const def = library.get(DEFAULT_INSTRUMENT_ID)?.definition;
  if (!def) throw new Error('setup: no relationship check');
  const link = await store.measures.issueLink(practiceId, {
    episodeId: asEpisodeId(episodeId),
    instrumentId: def.id,
    instrumentVersion: def.version,
    audience: 'adult',
    moment: 'check-out',
    tokenHash: tokenHash(newToken(32)),
    issuedBy: userId,
    issuedAt: new Date(at.getTime() - 3_600_000).toISOString(),
    expiresAt: new Date(at.getTime() + 3_600_000).toISOString(),
  });
  if (!link.ok) throw new Error('setup: link');
  const scored = scoreResponse(def, 'adult', tenseCheck());
  if (!scored.ok) throw new Error('setup: answers');
  const { answers, ...scores } = scored.value;
  const saved = await store.measures.submitResponse(practiceId, link.value.id, {
    answers,
    scores,
    flags: scores.flags,
    submittedAt: at.toISOString(),
  });
  if (!saved.ok) throw new Error('setup: response');
  await recomputeSignals(store, library, practiceId, link.value.clientId, at);
  return { ruptureId: ruptureKey(at.toISOString()) };
}

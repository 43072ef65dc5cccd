/**
 * Test support (not part of the build): a client's home in the shared test world, unlocked
 * for the `home` role, with a goal for the goal routes and the world's check link waiting in
 * its episode. The therapist's home-link routes act on a second client's episode, so giving
 * or stopping a link there never ends the `home` role's session midway through a run.
 */
import { asEpisodeId, type EpisodeId, type PracticeId, type UserId } from '@rapport/core';
import type { KyselyStore } from '@rapport/storage';
import { hashPassword } from '../auth/password.js';
import { csrfTokenFor, newToken, tokenHash } from '../auth/tokens.js';
import { sealNewGoal } from '../record/client-text.js';
import { testKeyring } from './harness.js';

export interface HomeWorld {
  /** The home link's token (the path is /h/<token>). */
  readonly token: string;
  readonly goalId: string;
  /** The world's check link, waiting in the home's episode. */
  readonly checkLinkId: string;
  /** An open episode of another client of the same practice, for the therapist's link routes. */
  readonly spareEpisodeId: string;
  /** A fresh unlocked-home session: its cookie and CSRF token. */
  credentials(): Promise<{ readonly cookie: string; readonly csrf: string }>;
}

export const HOME_WORLD_PIN = '4821';

export async function seedHomeWorld(
  store: KyselyStore,
  practiceId: PracticeId,
  userId: UserId,
  input: { readonly episodeId: string; readonly checkToken: string; readonly clientCode: string; readonly now: Date },
): Promise<HomeWorld> {
  const at = input.now.toISOString();
  const token = newToken(32);
  const episodeId: EpisodeId = asEpisodeId(input.episodeId);
  const issued = await store.home.issueHome(practiceId, {
    episodeId,
    tokenHash: tokenHash(token),
    issuedBy: userId,
    issuedAt: at,
  });
  const home = await store.home.findHome(tokenHash(token));
  if (!issued.ok || !home) throw new Error('setup: home');
  await store.home.setSecret(practiceId, home.id, await hashPassword(HOME_WORLD_PIN), at);
  const words = await sealNewGoal(testKeyring(store), practiceId, 'Sleep better');
  const goal = await store.home.addGoal(practiceId, home.id, { ...words, at, revision: 0 });
  const link = await store.findCheckLink(tokenHash(input.checkToken));
  const spare = await store.createClient(practiceId, { code: `${input.clientCode}-S`, displayName: null }, at);
  const spareEpisode = spare.ok ? await store.openEpisode(practiceId, spare.value.id, at) : null;
  if (!goal.ok || !link || !spareEpisode?.ok) throw new Error('setup: home world');
  return {
    token,
    goalId: goal.value.id,
    checkLinkId: link.id,
    spareEpisodeId: spareEpisode.value.id,
    async credentials() {
      const session = newToken(32);
      await store.home.createSession({
        tokenHash: tokenHash(session),
        homeId: home.id,
        practiceId,
        createdAt: at,
        lastSeenAt: at,
        expiresAt: new Date(input.now.getTime() + 3_600_000).toISOString(),
      });
      return { cookie: `rapport_home=${session}`, csrf: csrfTokenFor(session) };
    },
  };
}

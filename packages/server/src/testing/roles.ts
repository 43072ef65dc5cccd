/**
 * Test support (not part of the build): one practice seen through every role
 * the app knows — nobody, a client holding links, a therapist, the practice
 * administrator, the administrator of another practice, a client in their
 * unlocked home, and a supervisor linked to the therapist — each able to send
 * any request with a fresh session, so routes that rotate or end sessions do
 * not disturb the next request.
 */
import { asEpisodeId, type ContractBody, type PracticeId } from '@rapport/core';
import type { KyselyStore } from '@rapport/storage';
import { hashPassword } from '../auth/password.js';
import { csrfTokenFor, newToken, tokenHash } from '../auth/tokens.js';
import { ORIGIN, clientWithEpisode, issueLink, signUp, type testApp } from './harness.js';
import { seedHomeWorld, type HomeWorld } from './home-world.js';
import { seedRecordWorld, type RecordWorld } from './record-world.js';
import { seedVoiceWorld, type VoiceWorld } from './voice-world.js';
import { seedWorkspaceWorld, type WorkspaceWorld } from './workspace-world.js';
import { seedSupervisionWorld, type SupervisionWorld } from './supervision-world.js';

export const ROLES = ['anonymous', 'link', 'therapist', 'admin', 'other', 'home', 'supervisor'] as const;
export type RoleName = (typeof ROLES)[number];

export interface World {
  readonly clientId: string;
  readonly clientCode: string;
  readonly episodeId: string;
  readonly checkToken: string;
  readonly agreementToken: string;
  /** A session with a note and a journal entry, both written by the therapist. */
  readonly record: RecordWorld;
  /** The client's home, unlocked for the `home` role. */
  readonly home: HomeWorld;
  /** The client's voice: a carer's link, answers by phone to check, check-outs to move to tomorrow. */
  readonly voice: VoiceWorld;
  /** An open rupture in the world's episode. */
  readonly workspace: WorkspaceWorld;
  /** A supervisor of practice A linked to its therapist, and an item on the therapist's agenda. */
  readonly supervision: SupervisionWorld;
  /** Sends a request as `role`; a form may repeat a field (checkbox groups) when given as URLSearchParams. */
  send(
    role: RoleName,
    method: string,
    path: string,
    form?: Readonly<Record<string, string>> | URLSearchParams,
  ): Promise<Response>;
  /** A fresh session cookie and its CSRF token for a signed-in role; nothing for the others. */
  credentials(role: RoleName): Promise<{ readonly cookie?: string; readonly csrf?: string }>;
}

type App = ReturnType<typeof testApp>['app'];

const body: ContractBody = {
  settings: ['video'],
  audience: 'adult',
  values: {},
  sections: [
    {
      clauseId: 'c',
      clauseVersion: 1,
      topic: 'endings',
      title: 'Endings',
      standard: 'We end with notice.',
      plain: 'We end with notice.',
    },
  ],
} as unknown as ContractBody;

/** Builds practice A (admin, therapist, a client with an episode, a check link, a contract link) and practice B. */
export async function buildWorld(app: App, store: KyselyStore, tag: string): Promise<World> {
  const clientCode = `MX-${tag}`.toUpperCase();
  const a = await signUp(app, `Matrix A ${tag}`, `mx-a-${tag}@example.org`);
  const ids = await clientWithEpisode(a.browser, a.csrf, clientCode);
  const checkPath = await issueLink(a.browser, a.csrf, ids.episodeId);
  await signUp(app, `Matrix B ${tag}`, `mx-b-${tag}@example.org`);
  const loginA = await store.findLogin(`mx-a-${tag}@example.org`);
  const loginB = await store.findLogin(`mx-b-${tag}@example.org`);
  if (!loginA || !loginB) throw new Error('setup');
  const practiceA: PracticeId = loginA.user.practiceId;
  const now = new Date('2026-03-02T09:00:00.000Z');
  const added = await store.addUser(
    practiceA,
    {
      email: `mx-t-${tag}@example.org`,
      name: 'Matrix Therapist',
      role: 'therapist',
      passwordHash: await hashPassword('x'.repeat(12)),
    },
    now.toISOString(),
  );
  if (!added.ok) throw new Error('setup');
  const agreementToken = newToken(32);
  await store.frame.offerContract(practiceA, {
    episodeId: asEpisodeId(ids.episodeId),
    body,
    contentHash: 'matrix',
    createdBy: loginA.user.id,
    createdAt: now.toISOString(),
    tokenHash: tokenHash(agreementToken),
    expiresAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
  });
  const record = await seedRecordWorld(store, practiceA, added.value.id, ids.episodeId);
  const workspace = await seedWorkspaceWorld(store, practiceA, added.value.id, ids.episodeId);
  const supervision = await seedSupervisionWorld(store, practiceA, added.value.id, ids.episodeId, loginA.user.id);
  const supervisor = await store.getUser(practiceA, supervision.supervisorId);
  if (!supervisor) throw new Error('setup');
  const users = { therapist: added.value, admin: loginA.user, other: loginB.user, supervisor } as const;
  const checkToken = checkPath.slice('/c/'.length);
  const home = await seedHomeWorld(store, practiceA, loginA.user.id, {
    episodeId: ids.episodeId,
    checkToken,
    clientCode,
    now,
  });
  const voice = await seedVoiceWorld(store, practiceA, loginA.user.id, { episodeId: ids.episodeId, now });
  const credentials = async (role: RoleName): Promise<{ cookie?: string; csrf?: string }> => {
    if (role === 'home') return home.credentials();
    if (role !== 'therapist' && role !== 'admin' && role !== 'other' && role !== 'supervisor') return {};
    const user = users[role];
    const token = newToken(32);
    await store.createSession({
      tokenHash: tokenHash(token),
      userId: user.id,
      practiceId: user.practiceId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
    });
    return { cookie: `rapport_session=${token}`, csrf: csrfTokenFor(token) };
  };

  return {
    clientId: ids.clientId,
    clientCode,
    episodeId: ids.episodeId,
    checkToken,
    agreementToken,
    record,
    home,
    voice,
    workspace,
    supervision,
    credentials,
    async send(role, method, path, form = {}) {
      const headers = new Headers();
      const fields = new URLSearchParams(form);
      const { cookie, csrf } = await credentials(role);
      if (cookie && csrf) {
        headers.set('cookie', cookie);
        if (!fields.has('_csrf')) fields.set('_csrf', csrf);
      }
      if (method === 'GET') return app.request(`${ORIGIN}${path}`, { headers });
      headers.set('content-type', 'application/x-www-form-urlencoded');
      headers.set('origin', ORIGIN);
      return app.request(`${ORIGIN}${path}`, { method, headers, body: fields.toString() });
    },
  };
}

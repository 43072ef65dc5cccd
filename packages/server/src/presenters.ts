import {
  SESSION_CHECK,
  linkState,
  type Administration,
  type CheckLink,
  type Client,
  type Episode,
} from '@rapport/core';
import type { ClientSummary } from '@rapport/storage';
import type { AdministrationView, ClientRowView, ClientView, Viewer } from '@rapport/web';
import type { Signedin } from './context.js';

/**
 * Presenters decide exactly which fields leave the server (after Outline):
 * no storage row reaches a view directly.
 */
export const presentViewer = (s: Signedin): Extract<Viewer, { kind: 'therapist' }> => ({
  kind: 'therapist',
  name: s.user.name,
  practiceName: s.practiceName,
  csrf: s.csrf,
});

export const presentClientRow = (c: ClientSummary): ClientRowView => ({
  id: c.id,
  code: c.code,
  displayName: c.displayName,
  openEpisodes: c.openEpisodes,
  lastScore: c.lastScore,
  lastSubmittedAt: c.lastSubmittedAt,
});

const itemLabels: Readonly<Record<string, string>> = {
  bond: 'Connected',
  goals: 'Goals',
  approach: 'Way of working',
  overall: 'Overall',
};

export const presentAdministration = (a: Administration): AdministrationView => ({
  at: a.submittedAt,
  score: a.score,
  items: SESSION_CHECK.items.map((i) => ({ label: itemLabels[i.id] ?? i.id, value: a.answers[i.id] ?? 0 })),
});

export function presentClient(
  signedIn: Signedin,
  client: Client,
  episodes: readonly Episode[],
  administrations: readonly Administration[],
  links: readonly CheckLink[],
  now: Date,
): ClientView {
  const open = episodes.find((e) => e.status === 'open') ?? null;
  return {
    viewer: presentViewer(signedIn),
    client: { id: client.id, code: client.code, displayName: client.displayName },
    openEpisode: open ? { id: open.id, openedAt: open.openedAt } : null,
    closedEpisodes: episodes.filter((e) => e.status === 'closed').length,
    instrument: {
      title: 'Session relationship check',
      provenance: SESSION_CHECK.provenance,
      min: SESSION_CHECK.min,
      max: SESSION_CHECK.max,
    },
    administrations: administrations.map(presentAdministration),
    links: links.map((l) => {
      const state = linkState(l, now);
      return {
        issuedAt: l.issuedAt,
        expiresAt: l.expiresAt,
        state: state === 'used' ? 'completed' : state === 'usable' ? 'waiting' : 'expired',
      };
    }),
  };
}

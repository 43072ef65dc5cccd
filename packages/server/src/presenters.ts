import {
  NOT_ON_TRACK_RULE,
  linkState,
  type Administration,
  type CheckLink,
  type Client,
  type ClientAudience,
  type ClientSignal,
  type Episode,
  type MeasureResponse,
  type OutcomeTrajectories,
} from '@rapport/core';
import type { ClientView, Viewer } from '@rapport/web';
import type { Signedin } from './context.js';
import type { InstrumentLibrary } from './instruments/library.js';
import { presentMeasureHistories, presentPlaceholderChecks, presentSendForm } from './measures/present-client.js';
import { presentSignal } from './measures/present-signals.js';
import { supervisionHref } from './supervision/present.js';

/**
 * Presenters decide exactly which fields leave the server (after Outline):
 * no storage row reaches a view directly.
 */
export const presentViewer = (s: Signedin): Extract<Viewer, { kind: 'therapist' }> => ({
  kind: 'therapist',
  name: s.user.name,
  practiceName: s.practiceName,
  csrf: s.csrf,
  ...(s.user.role === 'supervisor' ? { supervisor: true } : {}),
});

/** Everything the client page shows; the record's parts come in already practice-scoped. */
export function presentClient(
  signedIn: Signedin,
  record: {
    readonly client: Client;
    readonly episodes: readonly Episode[];
    readonly administrations: readonly Administration[];
    readonly responses: readonly MeasureResponse[];
    readonly signals: readonly ClientSignal[];
    readonly links: readonly CheckLink[];
    readonly audience: ClientAudience | null;
    /** The practice's expected ranges for "not on track", by instrument id. */
    readonly trajectories: ReadonlyMap<string, OutcomeTrajectories>;
  },
  library: InstrumentLibrary,
  now: Date,
): Omit<ClientView, 'agreement'> {
  const { client, episodes } = record;
  const open = episodes.find((e) => e.status === 'open') ?? null;
  // Risk before relationship flags: the therapist sees a safety answer first.
  const flags = [
    ...record.signals.filter((s) => s.kind === 'flag' && s.flag === 'risk'),
    ...record.signals.filter((s) => s.kind === 'flag' && s.flag !== 'risk'),
  ];
  return {
    viewer: presentViewer(signedIn),
    client: { id: client.id, code: client.code, displayName: client.displayName },
    openEpisode: open ? { id: open.id, openedAt: open.openedAt } : null,
    closedEpisodes: episodes.filter((e) => e.status === 'closed').length,
    send: open ? presentSendForm(library, record.audience, open.id) : null,
    alerts: flags.map((s) => presentSignal(s, library)),
    // Each signal of the open episode can be taken to supervision, its form filled in.
    signals: record.signals
      .filter((s) => s.kind !== 'flag')
      .map((s) => ({
        ...presentSignal(s, library, open ?? undefined),
        ...(open ? { supervisionHref: supervisionHref(open.id, s.kind) } : {}),
      })),
    notOnTrack: NOT_ON_TRACK_RULE,
    measures: presentMeasureHistories(record.responses, library, record.trajectories),
    placeholder: presentPlaceholderChecks(record.administrations),
    links: record.links.map((l) => {
      const state = linkState(l, now);
      return {
        instrument: library.get(l.instrumentId)?.definition.shortTitle ?? 'Placeholder check',
        issuedAt: l.issuedAt,
        expiresAt: l.expiresAt,
        state: state === 'used' ? 'completed' : state === 'usable' ? 'waiting' : 'expired',
      };
    }),
  };
}

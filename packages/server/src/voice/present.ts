import {
  CARER_SHARING,
  CARER_SHARING_LABEL,
  CLIENT_AUDIENCES,
  MOMENTS,
  PREFERENCES_INSTRUMENT_ID,
  STRONG_SHARE,
  commentShown,
  preferenceLeans,
  type CarerSharing,
  type ClientAudience,
  type MeasureResponse,
  type PhoneEntryStatus,
} from '@rapport/core';
import type { CarerResponse, PhoneEntry, StoredComment } from '@rapport/storage';
import type { VoicePanelView } from '@rapport/web';
import type { InstrumentLibrary } from '../instruments/library.js';
import { AUDIENCE_LABEL, MOMENT_LABEL, answerText, questionText } from '../measures/present-client.js';

/** Presenters of the client's voice on the therapist's client page. */

const STATUS_TEXT: Readonly<Record<PhoneEntryStatus, string>> = {
  unconfirmed: 'not yet confirmed by the client',
  confirmed: 'confirmed by the client',
  corrected: 'corrected by the client',
};

const signed = (n: number): string => `${n > 0 ? '+' : n < 0 ? '−' : ''}${String(Math.abs(Math.round(n * 10) / 10))}`;

/** Instruments with wording for a carer to answer. */
export const carerInstruments = (library: InstrumentLibrary) =>
  library.sendable.filter((d) => d.versions.some((v) => v.audience === 'carer' && v.content.kind === 'included'));

export interface VoicePanelInput {
  readonly clientId: string;
  readonly episodeId: string | null;
  readonly audience: ClientAudience | null;
  readonly responses: readonly MeasureResponse[];
  /** Sent comments, opened. */
  readonly comments: readonly (StoredComment & { readonly text: string })[];
  readonly phoneEntries: readonly PhoneEntry[];
  readonly carerResponses: readonly CarerResponse[];
  readonly sharing: CarerSharing;
  readonly email: string | null;
  readonly mailer: boolean;
  readonly library: InstrumentLibrary;
}

export function presentVoicePanel(i: VoicePanelInput): VoicePanelView {
  const { library } = i;
  const prefs = i.responses
    .filter((r) => r.instrumentId === PREFERENCES_INSTRUMENT_ID && r.status === 'complete' && r.scores)
    .at(-1);
  const checkIns = i.responses
    .filter((r) => r.status === 'complete' && r.moment === 'check-in')
    .map((r) => ({ episodeId: r.episodeId, at: r.savedAt }));
  const title = (id: string, version?: number) => library.get(id, version)?.definition.shortTitle ?? id;
  const open = i.episodeId;
  return {
    preferences: prefs?.scores
      ? {
          at: prefs.savedAt,
          dimensions: preferenceLeans(prefs.scores.subscales).map((l) => ({
            title: l.title,
            value: signed(l.value),
            // The pole's words as a phrase inside a sentence: "leaning to emotional intensity".
            toward: l.toward === null ? null : `${l.toward.charAt(0).toLowerCase()}${l.toward.slice(1)}`,
            strong: l.strong,
          })),
          rule: `Strong: at least ${String(Math.round(STRONG_SHARE * 100))} % of the way from no preference to the end of the scale (2 or more either way on −3 to +3). Rapport’s own convention: the measure has no published cut-offs.`,
        }
      : null,
    comments: i.comments
      .filter((c) => commentShown(c, checkIns))
      .map((c) => ({ at: c.writtenAt, text: c.text, held: c.hold === 'next-session' })),
    phone: {
      entries: i.phoneEntries.map((e) => ({
        at: e.enteredAt,
        title: title(e.instrumentId, e.instrumentVersion),
        status: STATUS_TEXT[e.status],
        unconfirmed: e.status === 'unconfirmed',
      })),
      form: open
        ? {
            action: `/episodes/${open}/phone-entry`,
            instruments: library.sendable.map((d, n) => ({ value: d.id, label: d.shortTitle, selected: n === 0 })),
            audiences: CLIENT_AUDIENCES.map((a) => ({
              value: a,
              label: AUDIENCE_LABEL[a],
              selected: a === (i.audience ?? 'adult'),
            })),
            moments: MOMENTS.map((m) => ({ value: m, label: MOMENT_LABEL[m], selected: m === 'check-in' })),
          }
        : null,
    },
    carer: {
      sharing: open
        ? {
            action: `/episodes/${open}/carer-sharing`,
            options: CARER_SHARING.map((s) => ({ value: s, label: CARER_SHARING_LABEL[s], selected: s === i.sharing })),
          }
        : null,
      link: open
        ? {
            action: `/episodes/${open}/carer-links`,
            instruments: carerInstruments(library).map((d, n) => ({
              value: d.id,
              label: d.shortTitle,
              selected: n === 0,
            })),
          }
        : null,
      responses: i.carerResponses.map((r) => {
        const def = library.get(r.instrumentId, r.instrumentVersion)?.definition;
        return {
          at: r.submittedAt,
          title: def?.shortTitle ?? r.instrumentId,
          total: r.total === null ? null : String(Math.round(r.total * 10) / 10),
          answers: Object.entries(r.answers).map(([itemId, a]) => ({
            question: questionText(def, 'carer', itemId),
            answer: answerText(def, 'carer', itemId, a),
          })),
        };
      }),
    },
    email: {
      action: `/clients/${i.clientId}/email`,
      value: i.email ?? '',
      sending: i.mailer
        ? 'With an address here, new links are also emailed to the client (the email says nothing about their care).'
        : 'This server has no email set up (RAPPORT_SMTP_URL), so links are shown for you to copy.',
    },
  };
}

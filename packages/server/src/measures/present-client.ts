import {
  CLIENT_AUDIENCES,
  DEFAULT_INSTRUMENT_ID,
  PLACEHOLDER_CHECK_LABEL,
  RAPPORT_MEASURE_LABEL,
  NOT_ON_TRACK_MINIMUM,
  SESSION_CHECK,
  expectedRange,
  sendableAudiences,
  totalRange,
  type Administration,
  type AdministrationMoment,
  type AnswerValue,
  type ClientAudience,
  type InstrumentAudience,
  type InstrumentDefinition,
  type MeasureResponse,
  type OutcomeTrajectories,
} from '@rapport/core';
import type { AdministrationView, MeasureHistoryView, SendMeasureView } from '@rapport/web';
import type { InstrumentLibrary } from '../instruments/library.js';
import { curveSourceText } from './present-signals.js';

export const MOMENT_LABEL: Readonly<Record<AdministrationMoment, string>> = {
  'check-in': 'Check-in before the session',
  'check-out': 'Check-out after the session',
  deferred: 'Next day, looking back',
};

export const AUDIENCE_LABEL: Readonly<Record<ClientAudience, string>> = {
  adult: 'Adult (18 and over)',
  'young-person': 'Young person (11–17)',
  child: 'Child (6–10)',
};

/** The answer as the therapist reads it: the option's label in the version the client saw. */
export function answerText(
  def: InstrumentDefinition | undefined,
  audience: InstrumentAudience,
  itemId: string,
  a: AnswerValue,
): string {
  const version = def?.versions.find((v) => v.audience === audience);
  const words = version?.content.kind === 'included' ? version.content.items[itemId] : undefined;
  switch (a.kind) {
    case 'option': {
      const item = def?.items.find((i) => i.id === itemId);
      const options =
        item && (item.response.kind === 'likert' || item.response.kind === 'choice') ? item.response.options : [];
      const i = options.findIndex((o) => o.code === a.code);
      return words?.optionLabels?.[i] ?? a.code;
    }
    case 'number':
      return String(a.value);
    case 'boolean':
      return a.value ? 'Yes' : 'No';
    case 'text':
      return a.value;
  }
}

export function questionText(
  def: InstrumentDefinition | undefined,
  audience: InstrumentAudience,
  itemId: string,
): string {
  const version = def?.versions.find((v) => v.audience === audience);
  return (version?.content.kind === 'included' ? version.content.items[itemId]?.text : undefined) ?? itemId;
}

/**
 * The range expected in the latest episode, placed on the chart's points (the scored responses,
 * oldest first), with a note on where it came from; undefined when the measure is not checked.
 */
function expectedOnChart(
  mine: readonly MeasureResponse[],
  episodeId: string | undefined,
  t: OutcomeTrajectories | undefined,
): MeasureHistoryView['expected'] {
  const scored = mine.filter((r) => r.status === 'complete' && r.total !== null);
  const indexes = scored.flatMap((r, i) => (r.episodeId === episodeId ? [i] : []));
  const scores = indexes.flatMap((i) => scored[i]?.total ?? []);
  const range = t ? expectedRange(scores, t) : null;
  if (!range || range.sessions.length < 2) return undefined;
  const { band, curve } = range;
  return {
    band: range.sessions.map((s, k) => ({ index: indexes[k] ?? 0, ...s })),
    note: `Shaded: the range expected this episode for an intake of ${String(scores[0] ?? '')}; dashed: its middle. ${curveSourceText(curve.source, band.band, band.practice, NOT_ON_TRACK_MINIMUM, curve.upper)}`,
  };
}

/** Each instrument the client has answered: scores by session, drafts apart and never scored. */
export function presentMeasureHistories(
  responses: readonly MeasureResponse[],
  library: InstrumentLibrary,
  trajectories: ReadonlyMap<string, OutcomeTrajectories> = new Map(),
): MeasureHistoryView[] {
  const ids = [...new Set(responses.map((r) => r.instrumentId))];
  // The latest episode, as the signals read it: the one of the latest response.
  const episodeId = responses[responses.length - 1]?.episodeId;
  return ids.map((id) => {
    const mine = responses.filter((r) => r.instrumentId === id);
    const expected = expectedOnChart(mine, episodeId, trajectories.get(id));
    const def = library.get(id)?.definition;
    const range = def ? totalRange(def) : undefined;
    const interp = def?.interpretation;
    return {
      id,
      title: def?.title ?? id,
      label: def?.provenance.kind === 'rapport' ? RAPPORT_MEASURE_LABEL : null,
      copyright: def?.licence.copyright ?? '',
      note: interp?.kind === 'not-established' ? interp.note : null,
      range: range && def?.scoring.kind === 'total' ? { min: range.min, max: range.max } : null,
      ...(expected ? { expected } : {}),
      responses: mine.map((r) => ({
        at: r.savedAt,
        draft: r.status === 'draft',
        moment: MOMENT_LABEL[r.moment],
        version: `version ${String(r.instrumentVersion)}, ${AUDIENCE_LABEL[r.audience].toLowerCase()}`,
        score: r.total,
        band: r.scores?.band?.label ?? null,
        flags: r.flags.map((f) => f.message),
        answers: Object.entries(r.answers).map(([itemId, a]) => ({
          question: questionText(def, r.audience, itemId),
          answer: answerText(def, r.audience, itemId, a),
        })),
      })),
    };
  });
}

const itemLabels: Readonly<Record<string, string>> = {
  bond: 'Connected',
  goals: 'Goals',
  approach: 'Way of working',
  overall: 'Overall',
};

/** Rows of the skeleton's placeholder check, kept readable and labelled as such. */
export function presentPlaceholderChecks(administrations: readonly Administration[]): {
  readonly label: string;
  readonly administrations: readonly AdministrationView[];
} | null {
  if (administrations.length === 0) return null;
  return {
    label: PLACEHOLDER_CHECK_LABEL,
    administrations: administrations.map((a) => ({
      at: a.submittedAt,
      score: a.score,
      items: SESSION_CHECK.items.map((i) => ({ label: itemLabels[i.id] ?? i.id, value: a.answers[i.id] ?? 0 })),
    })),
  };
}

/** The "send a measure" form: every sendable instrument, its age groups, the moments. */
export function presentSendForm(
  library: InstrumentLibrary,
  audience: ClientAudience | null,
  episodeId: string,
): SendMeasureView {
  return {
    action: `/episodes/${episodeId}/check-links`,
    instruments: library.sendable.map((d) => ({
      id: d.id,
      title: `${d.shortTitle}${d.provenance.kind === 'rapport' ? ' (Rapport measure)' : ''} — for ${sendableAudiences(d)
        .map((a) => AUDIENCE_LABEL[a].split(' (')[0]?.toLowerCase() ?? a)
        .join(', ')}`,
      selected: d.id === DEFAULT_INSTRUMENT_ID,
    })),
    moments: (Object.keys(MOMENT_LABEL) as AdministrationMoment[]).map((m) => ({
      value: m,
      label: MOMENT_LABEL[m],
      selected: m === 'check-out',
    })),
    audiences: CLIENT_AUDIENCES.map((a) => ({
      value: a,
      label: AUDIENCE_LABEL[a],
      selected: a === (audience ?? 'adult'),
    })),
  };
}

/**
 * The guide in context: each relationship signal links to the answers that
 * help with it, as the questions' front matter declares.
 */
import { SIGNAL_TYPES, type Guide, type GuideQuestion, type SignalType } from './model.js';

/** Signal type → ids of the questions that help with it, in reading order. */
export type SignalAnswers = Readonly<Record<SignalType, readonly string[]>>;

/**
 * Derives the signal → question-id map from the questions' `signals` lists.
 *
 * @example signalAnswers(guide.questions).rupture // → ['alliance-client-vs-therapist-view', …]
 */
export function signalAnswers(questions: readonly GuideQuestion[]): SignalAnswers {
  const map = Object.fromEntries(SIGNAL_TYPES.map((s) => [s, [] as string[]])) as Record<SignalType, string[]>;
  for (const q of questions) for (const s of q.signals) map[s].push(q.id);
  return map;
}

/** The answers for one signal, in reading order: what the server links a raised signal to. */
export function answersForSignal(guide: Guide, signal: SignalType): GuideQuestion[] {
  return guide.questions.filter((q) => q.signals.includes(signal));
}

/** Where a signal's answers are read: a stable path the analytics pages can link to. */
export const signalGuidePath = (signal: SignalType): string => `/guide/signal/${signal}`;

/** How the guide names each signal to a reader, and what it means. */
export const SIGNAL_DESCRIPTIONS: Readonly<
  Record<SignalType, { readonly title: string; readonly description: string }>
> = {
  rupture: {
    title: 'Rupture',
    description: 'A strain or break in the working relationship, spoken or unspoken.',
  },
  stuck: {
    title: 'Feeling stuck',
    description: 'The work seems to go round in circles or has lost its sense of purpose.',
  },
  'not-on-track': {
    title: 'Not on track',
    description: 'Outcome scores are worse than expected at this point, or getting worse.',
  },
  divergence: {
    title: 'Divergent views',
    description: 'Your view of the relationship and your client’s ratings point in different directions.',
  },
  'unplanned-ending': {
    title: 'Unplanned ending',
    description: 'A client has stopped coming, or therapy is ending sooner than agreed.',
  },
  'boundary-event': {
    title: 'Boundary event',
    description: 'Something has tested the frame: a gift, contact between sessions, a chance meeting.',
  },
};

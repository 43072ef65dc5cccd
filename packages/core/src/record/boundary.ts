import { fail, ok, type Result } from '../errors.js';
import type { ContractVersion } from '../frame/records.js';
import type { Brand, EpisodeId, PracticeId, UserId } from '../ids.js';
import { RECORD_LIMITS, parseDay, parseRecordText } from './text.js';

export type BoundaryEventId = Brand<string, 'BoundaryEventId'>;
export const asBoundaryEventId = (s: string): BoundaryEventId => s as BoundaryEventId;

/** The kinds of boundary event a therapist notes in an episode. */
export const BOUNDARY_KINDS = [
  'gift',
  'self-disclosure',
  'contact-between-sessions',
  'dual-relationship',
  'session-overrun',
  'touch',
  'social-media',
  'other',
] as const;
export type BoundaryKind = (typeof BOUNDARY_KINDS)[number];

export const BOUNDARY_KIND_LABELS: Readonly<Record<BoundaryKind, string>> = {
  gift: 'A gift',
  'self-disclosure': 'Self-disclosure',
  'contact-between-sessions': 'Contact between sessions',
  'dual-relationship': 'A dual relationship',
  'session-overrun': 'A session that overran',
  touch: 'Touch',
  'social-media': 'Social media',
  other: 'Something else',
};

/**
 * The principles of the BACP Ethical Framework for the Counselling Professions, by name only.
 * The prompts are Rapport's own questions to think with, not the framework's wording.
 */
export const ETHICAL_PRINCIPLES = [
  'being-trustworthy',
  'autonomy',
  'beneficence',
  'non-maleficence',
  'justice',
  'self-respect',
] as const;
export type EthicalPrinciple = (typeof ETHICAL_PRINCIPLES)[number];

export const PRINCIPLES: Readonly<Record<EthicalPrinciple, { readonly name: string; readonly prompt: string }>> = {
  'being-trustworthy': {
    name: 'Being trustworthy (fidelity)',
    prompt: 'Did this keep faith with what we agreed, and with what my client can reasonably rely on me for?',
  },
  autonomy: {
    name: 'Autonomy',
    prompt: 'Whose choice was this, and did it leave my client freer or less free to decide for themselves?',
  },
  beneficence: {
    name: 'Beneficence',
    prompt: 'How did this serve my client’s wellbeing and the work we are doing together?',
  },
  'non-maleficence': {
    name: 'Non-maleficence',
    prompt: 'Could this harm my client, now or later, or blur something they depend on?',
  },
  justice: {
    name: 'Justice',
    prompt: 'Would I have done the same for any client, whatever their background or circumstances?',
  },
  'self-respect': {
    name: 'Self-respect',
    prompt: 'What does this say about my own needs, and what support or supervision would help me with it?',
  },
};

/** A boundary event as written: what happened, which agreed clause it touches, and a reflection. */
export interface NewBoundaryEvent {
  readonly kind: BoundaryKind;
  readonly occurredOn: string;
  readonly description: string;
  /** A clause of the episode's agreed contract, when the event touches one. */
  readonly clauseId: string | null;
  readonly principles: readonly EthicalPrinciple[];
  readonly reflection: string | null;
}

export type BoundaryEvent = NewBoundaryEvent & {
  readonly id: BoundaryEventId;
  readonly practiceId: PracticeId;
  readonly episodeId: EpisodeId;
  readonly recordedBy: UserId;
  readonly recordedAt: string;
};

/** The clauses a boundary event may point to: those of the latest version the client agreed. */
export function agreedClauses(
  versions: readonly ContractVersion[],
): readonly { readonly clauseId: string; readonly title: string }[] {
  const agreed = versions.filter((v) => v.agreements.some((a) => a.role === 'client')).at(-1);
  return agreed ? agreed.body.sections.map((s) => ({ clauseId: s.clauseId, title: s.title })) : [];
}

const isKind = (s: string): s is BoundaryKind => (BOUNDARY_KINDS as readonly string[]).includes(s);
const isPrinciple = (s: string): s is EthicalPrinciple => (ETHICAL_PRINCIPLES as readonly string[]).includes(s);

/**
 * Reads the boundary log form. `clauseIds` are the agreed contract's clauses; a clause
 * outside them is refused rather than kept as a dangling reference.
 */
export function parseBoundaryEvent(
  fields: Readonly<Record<string, string | undefined>>,
  principles: readonly string[],
  today: string,
  clauseIds: readonly string[],
): Result<NewBoundaryEvent> {
  const problems: Record<string, string> = {};
  const kind = fields['kind'] ?? '';
  if (!isKind(kind)) problems['kind'] = 'Choose what kind of event this was.';
  const day = parseDay(fields['occurredOn'] ?? '', 'occurredOn', today);
  const description = parseRecordText(fields['description'] ?? '', 'description', RECORD_LIMITS.description, true);
  const reflection = parseRecordText(fields['reflection'] ?? '', 'reflection', RECORD_LIMITS.reflection, false);
  for (const r of [day, description, reflection]) if (!r.ok) Object.assign(problems, r.error.fields);
  const clauseId = (fields['clauseId'] ?? '').trim();
  if (clauseId !== '' && !clauseIds.includes(clauseId)) {
    problems['clauseId'] = 'Choose a clause of the agreed contract, or none.';
  }
  const chosen = [...new Set(principles)];
  if (!chosen.every(isPrinciple)) problems['principles'] = 'Choose principles from the list.';
  if (!isKind(kind) || !day.ok || !description.ok || !reflection.ok || Object.keys(problems).length > 0) {
    return fail('invalid-input', 'The event was not saved: some details need attention.', problems);
  }
  return ok({
    kind,
    occurredOn: day.value,
    description: description.value,
    clauseId: clauseId === '' ? null : clauseId,
    principles: ETHICAL_PRINCIPLES.filter((p) => chosen.includes(p)),
    reflection: reflection.value,
  });
}

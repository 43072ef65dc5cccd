import { ok, type Result } from '../errors.js';
import { clauseApplies, fillPlaceholders, placeholdersIn, type Clause } from './clause.js';
import { ALL_TOPICS, type Audience, type Placeholder, type Setting, type Topic } from './frame.js';
import { requiredTopics } from './required-topics.js';

/** What a therapist chooses: where and with whom they work, the values to fill in, and the clauses. */
export interface ContractDraft {
  readonly settings: readonly Setting[];
  readonly audience: Audience;
  readonly values: Readonly<Partial<Record<Placeholder, string>>>;
  readonly clauseIds: readonly string[];
}

/** One section of a composed contract, with its placeholders filled. */
export interface ContractSection {
  readonly clauseId: string;
  readonly clauseVersion: number;
  readonly topic: Topic;
  readonly title: string;
  readonly standard: string;
  readonly plain: string;
}

/** A contract ready to offer: exactly what the client will read. Immutable once offered. */
export interface ContractBody {
  readonly settings: readonly Setting[];
  readonly audience: Audience;
  /** The values filled into the clauses, kept so the next version starts from them. */
  readonly values: Readonly<Partial<Record<Placeholder, string>>>;
  readonly sections: readonly ContractSection[];
}

/** Why a draft cannot be offered yet; each list names what to fix. */
export interface ContractProblems {
  readonly code: 'incomplete-contract';
  readonly message: string;
  readonly missingTopics: readonly Topic[];
  readonly unfilled: readonly Placeholder[];
  readonly unknownClauses: readonly string[];
  readonly noSetting: boolean;
}

/**
 * The clauses a new contract starts with: for every required topic, the
 * applicable clause written most specifically for these settings and this
 * audience (fewest settings and audiences wins, so "video, young person"
 * beats "any setting, anyone").
 */
export function defaultClauses(library: readonly Clause[], settings: readonly Setting[], audience: Audience): Clause[] {
  const chosen: Clause[] = [];
  const specificity = (c: Clause): number => c.settings.length * 10 + c.audiences.length;
  for (const topic of requiredTopics(settings, audience)) {
    const candidates = library.filter((c) => c.topic === topic && clauseApplies(c, settings, audience));
    candidates.sort((a, b) => specificity(a) - specificity(b) || a.id.localeCompare(b.id));
    const best = candidates[0];
    if (best) chosen.push(best);
  }
  return chosen;
}

/** Clauses a therapist may add beyond the defaults: applicable, and not already chosen. */
export function optionalClauses(
  library: readonly Clause[],
  draft: Pick<ContractDraft, 'settings' | 'audience'>,
): Clause[] {
  return library.filter((c) => c.optional && clauseApplies(c, draft.settings, draft.audience));
}

/**
 * Composes the contract the client will read, or says exactly why it cannot
 * be offered: a setting missing, a required topic uncovered, a value unfilled.
 */
export function composeContract(
  library: readonly Clause[],
  draft: ContractDraft,
): Result<ContractBody, ContractProblems> {
  const byId = new Map(library.map((c) => [c.id, c]));
  const settings = [...new Set(draft.settings)];
  const unknownClauses = draft.clauseIds.filter((id) => {
    const c = byId.get(id);
    return !c || !clauseApplies(c, settings, draft.audience);
  });
  const clauses = [...new Set(draft.clauseIds)].flatMap((id) => {
    const c = byId.get(id);
    return c && clauseApplies(c, settings, draft.audience) ? [c] : [];
  });
  const covered = new Set(clauses.map((c) => c.topic));
  const missingTopics =
    settings.length === 0 ? [] : requiredTopics(settings, draft.audience).filter((t) => !covered.has(t));
  const used = new Set(clauses.flatMap((c) => [...placeholdersIn(c.text.standard), ...placeholdersIn(c.text.plain)]));
  const unfilled = [...used].filter((p): p is Placeholder => (draft.values[p as Placeholder] ?? '').trim() === '');
  if (settings.length === 0 || missingTopics.length > 0 || unfilled.length > 0 || unknownClauses.length > 0) {
    const parts = [
      settings.length === 0 ? 'choose at least one setting' : '',
      missingTopics.length > 0 ? `add a clause for: ${missingTopics.join(', ')}` : '',
      unfilled.length > 0 ? `fill in: ${unfilled.join(', ')}` : '',
      unknownClauses.length > 0 ? `remove clauses that do not fit: ${unknownClauses.join(', ')}` : '',
    ].filter(Boolean);
    return {
      ok: false,
      error: {
        code: 'incomplete-contract',
        message: `This contract cannot be offered yet: ${parts.join('; ')}.`,
        missingTopics,
        unfilled,
        unknownClauses,
        noSetting: settings.length === 0,
      },
    };
  }
  const order = (t: Topic): number => ALL_TOPICS.indexOf(t);
  const sections = [...clauses]
    .sort((a, b) => order(a.topic) - order(b.topic) || a.id.localeCompare(b.id))
    .map((c): ContractSection => ({
      clauseId: c.id,
      clauseVersion: c.version,
      topic: c.topic,
      title: c.title,
      standard: fillPlaceholders(c.text.standard, draft.values),
      plain: fillPlaceholders(c.text.plain, draft.values),
    }));
  const values: Partial<Record<Placeholder, string>> = {};
  for (const p of used) {
    const v = draft.values[p as Placeholder];
    if (v !== undefined) values[p as Placeholder] = v.trim();
  }
  return ok({ settings, audience: draft.audience, values, sections });
}

/** The draft a new version starts from: the same settings, audience, values and clauses. */
export const draftFrom = (body: ContractBody): ContractDraft => ({
  settings: body.settings,
  audience: body.audience,
  values: body.values,
  clauseIds: body.sections.map((s) => s.clauseId),
});

/** The wording the client reads: plain words for young people and children. */
export const clientWording = (body: ContractBody, s: ContractSection): string =>
  body.audience === 'adult' ? s.standard : s.plain;

/**
 * A stable serialisation of exactly what the client agrees to. The server
 * hashes it (SHA-256) and stores the hash with the agreement, so a later
 * change to the wording can never be mistaken for what was agreed.
 */
export function canonicalContract(body: ContractBody): string {
  return JSON.stringify({
    settings: [...body.settings].sort(),
    audience: body.audience,
    sections: body.sections.map((s) => [s.clauseId, s.clauseVersion, s.topic, s.title, s.standard, s.plain]),
  });
}

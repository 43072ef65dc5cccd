import type { ClientSignal } from '../measures/signals.js';

/**
 * Supervision discusses clients in non-identifying ways (BACP Ethical Framework, good
 * practice on supervision). So a supervisor sees a supervisee's caseload through this one
 * door: the client's pseudonymous code, when the episode opened, the totals of complete
 * measures (for charts) and the signals with their numbers. Never the display name, contact
 * details, answers item by item (a free-text answer is the client's own words), drafts, goals
 * in the client's words, notes, the boundary log or the journal.
 */

/** What the records hold of one client's open episode; more than a supervisor may see. */
export interface CaseRecord {
  readonly client: { readonly code: string; readonly displayName: string | null };
  readonly episode: { readonly openedAt: string };
  readonly responses: readonly {
    readonly instrumentId: string;
    readonly status: 'complete' | 'draft';
    readonly at: string;
    readonly total: number | null;
  }[];
  readonly signals: readonly ClientSignal[];
}

/** One instrument's complete totals, oldest first. */
export interface ScoreSeries {
  readonly instrumentId: string;
  readonly scores: readonly { readonly at: string; readonly total: number }[];
}

/** What a supervisor sees of one client. */
export interface SupervisedCase {
  readonly code: string;
  readonly openedAt: string;
  readonly series: readonly ScoreSeries[];
  readonly signals: readonly ClientSignal[];
}

/**
 * Copies across only what a supervisor may see. Built field by field (never by spreading the
 * record), so a field added to the records later stays out until someone adds it here.
 */
export function deidentifyCase(record: CaseRecord): SupervisedCase {
  const byInstrument = new Map<string, { at: string; total: number }[]>();
  for (const r of record.responses) {
    if (r.status !== 'complete' || r.total === null) continue;
    const list = byInstrument.get(r.instrumentId) ?? [];
    list.push({ at: r.at, total: r.total });
    byInstrument.set(r.instrumentId, list);
  }
  return {
    code: record.client.code,
    openedAt: record.episode.openedAt,
    series: [...byInstrument].map(([instrumentId, scores]) => ({
      instrumentId,
      scores: [...scores].sort((a, b) => a.at.localeCompare(b.at)),
    })),
    signals: record.signals,
  };
}

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The words of a client's display name that appear, as whole words, in text meant for the
 * supervisor (an agenda question), so the therapist can be asked to leave them out. Words in
 * brackets and words under three letters are not counted: "Jo (demo)" is not found in "a demo".
 *
 * @example namesIn('Amara went quiet', 'Amara (demo)') // → ['Amara']
 */
export function namesIn(text: string, displayName: string | null): string[] {
  if (!displayName) return [];
  const words = displayName
    .replace(/\([^)]*\)/g, ' ')
    .split(/[^\p{L}\p{N}'’-]+/u)
    .filter((w) => w.length >= 3);
  const haystack = ` ${fold(text).replace(/[^\p{L}\p{N}'’-]+/gu, ' ')} `;
  return words.filter((w) => haystack.includes(` ${fold(w)} `));
}

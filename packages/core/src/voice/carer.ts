import { fail, ok, type Result } from '../errors.js';

/**
 * What a young person's carer may see of the young person's own answers, set per episode by
 * the therapist. Nothing by default. Whatever the setting, a carer never sees the young
 * person's words (free text), and the carer's own ratings are kept apart from theirs.
 */

/**
 * `nothing`: none of the young person's answers; `answered`: only that they answered, and
 * when; `scores`: the totals of their measures too, never the answers to single questions.
 */
export type CarerSharing = 'nothing' | 'answered' | 'scores';
export const CARER_SHARING: readonly CarerSharing[] = ['nothing', 'answered', 'scores'];
export const DEFAULT_CARER_SHARING: CarerSharing = 'nothing';

export const parseCarerSharing = (raw: string | undefined): Result<CarerSharing> => {
  const found = CARER_SHARING.find((s) => s === raw);
  return found
    ? ok(found)
    : fail('invalid-input', 'Choose what the carer may see.', { sharing: 'Choose one of the options shown.' });
};

/** What the young person reads on their own form and home, in plain words. */
export const CARER_NOTE: Readonly<Record<CarerSharing, string>> = {
  nothing: 'Your carer can see: nothing you choose or write here.',
  answered: 'Your carer can see: that you filled this in, and when. Not your answers.',
  scores: 'Your carer can see: your total scores. Not your answer to each question, and nothing you write.',
};

/** What the therapist reads beside each choice. */
export const CARER_SHARING_LABEL: Readonly<Record<CarerSharing, string>> = {
  nothing: 'Nothing of the young person’s answers (default)',
  answered: 'Only that the young person answered, and when',
  scores: 'The young person’s total scores (never single answers or their words)',
};

/** One complete response of the young person, as far as a carer's view goes. */
export interface YoungPersonAnswerFacts {
  readonly title: string;
  readonly at: string;
  readonly total: number | null;
}

/** The carer's view under a setting: nothing, the days answered, or the days with totals. */
export type CarerView =
  | { readonly sharing: 'nothing' }
  | { readonly sharing: 'answered'; readonly answered: readonly { readonly title: string; readonly at: string }[] }
  | {
      readonly sharing: 'scores';
      readonly scores: readonly { readonly title: string; readonly at: string; readonly total: number | null }[];
    };

/** What a carer may see of the young person's complete responses under `sharing`. */
export function carerView(sharing: CarerSharing, responses: readonly YoungPersonAnswerFacts[]): CarerView {
  switch (sharing) {
    case 'nothing':
      return { sharing };
    case 'answered':
      return { sharing, answered: responses.map((r) => ({ title: r.title, at: r.at })) };
    case 'scores':
      return { sharing, scores: responses.map((r) => ({ title: r.title, at: r.at, total: r.total })) };
  }
}

import type { CheckLinkId, ClientId, EpisodeId, PracticeId } from '../ids.js';
import type { Answers } from '../instruments/answers.js';
import type { RaisedFlag } from '../instruments/flags.js';
import type { ScoreSet } from '../instruments/score.js';
import type { AdministrationMoment, ClientAudience } from './administration.js';

/** How a link was sent: the version's audience and the moment of the session. */
export interface MeasureLinkInfo {
  readonly audience: ClientAudience;
  readonly moment: AdministrationMoment;
}

/** What core derived from the answers, stored beside them (the answers themselves are kept apart, as given). */
export type StoredScores = Omit<ScoreSet, 'answers'>;

/**
 * One response to a sent instrument: a draft while partial (never scored), then the
 * complete response with the scores core derived, tied to the instrument id and version.
 */
export interface MeasureResponse {
  readonly id: string;
  readonly practiceId: PracticeId;
  readonly clientId: ClientId;
  readonly episodeId: EpisodeId;
  readonly checkLinkId: CheckLinkId;
  readonly instrumentId: string;
  readonly instrumentVersion: number;
  readonly audience: ClientAudience;
  readonly moment: AdministrationMoment;
  readonly status: 'draft' | 'complete';
  readonly answers: Answers;
  readonly scores: StoredScores | null;
  readonly total: number | null;
  readonly flags: readonly RaisedFlag[];
  /** Submitted (complete) or last saved (draft). */
  readonly savedAt: string;
}

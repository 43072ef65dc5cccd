import type { AdministrationId, CheckLinkId, ClientId, EpisodeId, PracticeId, UserId } from './ids.js';

/** A private link issued for one check. Only a hash of its token is ever stored. */
export interface CheckLink {
  readonly id: CheckLinkId;
  readonly practiceId: PracticeId;
  readonly episodeId: EpisodeId;
  readonly clientId: ClientId;
  readonly instrumentId: string;
  readonly instrumentVersion: number;
  readonly issuedBy: UserId;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly usedAt: string | null;
}

/** One completed measure: answers exactly as given, and the score core derived from them. */
export interface Administration {
  readonly id: AdministrationId;
  readonly practiceId: PracticeId;
  readonly episodeId: EpisodeId;
  readonly checkLinkId: CheckLinkId;
  readonly instrumentId: string;
  readonly instrumentVersion: number;
  readonly answers: Readonly<Record<string, number>>;
  readonly score: number;
  readonly submittedAt: string;
}

import type { ClientId, EpisodeId, PracticeId, UserId } from '../ids.js';
import type { ContractBody } from './contract.js';

/** Who agreed: the client, or (for a child's contract) the parent or carer acknowledging it. */
export type AgreementRole = 'client' | 'carer';

export interface Agreement {
  readonly role: AgreementRole;
  /** The name the person typed as their signature. */
  readonly signedName: string;
  /** SHA-256 of the canonical contract text they saw. */
  readonly contentHash: string;
  readonly agreedAt: string;
}

/** That the client asked a question about a version, and when; its words are sealed and read apart. */
export interface ContractQuestion {
  readonly id: string;
  readonly askedAt: string;
}

/** One offered version of an episode's contract, with what happened to it. */
export interface ContractVersion {
  readonly id: string;
  readonly practiceId: PracticeId;
  readonly episodeId: EpisodeId;
  readonly version: number;
  readonly body: ContractBody;
  readonly contentHash: string;
  readonly createdBy: UserId;
  readonly createdAt: string;
  readonly agreements: readonly Agreement[];
  readonly questions: readonly ContractQuestion[];
}

/** Which signatures a contract needs: a child's contract also needs a carer's acknowledgement. */
export const requiredRoles = (body: ContractBody): readonly AgreementRole[] =>
  body.audience === 'child' ? ['client', 'carer'] : ['client'];

/** What a contract link opens: the version it was issued for, and whether a newer one exists. */
export interface ContractLinkView {
  readonly linkId: string;
  readonly practiceId: PracticeId;
  readonly clientId: ClientId;
  readonly version: ContractVersion;
  readonly previous: ContractVersion | null;
  readonly latestVersion: number;
  readonly expiresAt: string;
  readonly usedAt: string | null;
}

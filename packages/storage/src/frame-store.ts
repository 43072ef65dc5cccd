import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import {
  asClientId,
  asEpisodeId,
  asPracticeId,
  asUserId,
  fail,
  ok,
  parseClause,
  type AgreementRole,
  type Clause,
  type ContractBody,
  type ContractLinkView,
  type ContractVersion,
  type EpisodeId,
  type PracticeId,
  type Result,
  type UserId,
} from '@rapport/core';
import { toIso, toIsoOrNull, toJson } from './convert.js';
import { openEpisodeClient } from './episode-guard.js';
import type { ContractVersionTable, Database } from './schema.js';
import { storedText, type StoredText } from './client-text.js';

/** A client's question about a contract version, its words sealed (or plain from before migration 0011). */
export interface StoredContractQuestion {
  readonly id: string;
  readonly versionId: string;
  readonly text: StoredText;
  readonly askedAt: string;
}

/** Storage of the frame: practice clause wording and contract versions, practice-scoped like the rest. */
export interface FrameStore {
  listPracticeClauses(practiceId: PracticeId): Promise<Clause[]>;
  savePracticeClause(practiceId: PracticeId, clause: Clause, by: UserId, at: string): Promise<void>;
  /** Stores a new version (number = previous + 1) and its link in one transaction. */
  offerContract(
    practiceId: PracticeId,
    input: {
      readonly episodeId: EpisodeId;
      readonly body: ContractBody;
      readonly contentHash: string;
      readonly createdBy: UserId;
      readonly createdAt: string;
      readonly tokenHash: string;
      readonly expiresAt: string;
    },
  ): Promise<Result<ContractVersion>>;
  listContractVersions(practiceId: PracticeId, episodeId: EpisodeId): Promise<ContractVersion[]>;
  /** The token is the client's credential; the link carries its practice. */
  findContractLink(tokenHash: string): Promise<ContractLinkView | null>;
  /** The server chose the question's id and sealed its words for it (`contractQuestionPlace(id)`). */
  askContractQuestion(
    practiceId: PracticeId,
    versionId: string,
    question: { readonly id: string; readonly sealedText: string },
    at: string,
  ): Promise<void>;
  /** The client's questions about the episode's contract versions, oldest first, with their words. */
  listContractQuestions(practiceId: PracticeId, episodeId: EpisodeId): Promise<StoredContractQuestion[]>;
  /**
   * Records the signatures and uses up the link in one transaction. Refused
   * (`conflict`) if a newer version exists, (`link-used`) if already agreed.
   */
  agreeContract(
    practiceId: PracticeId,
    linkId: string,
    input: {
      readonly contentHash: string;
      readonly signatures: readonly { readonly role: AgreementRole; readonly signedName: string }[];
      readonly at: string;
    },
  ): Promise<Result<ContractVersion>>;
}

export class KyselyFrameStore implements FrameStore {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async listPracticeClauses(practiceId: PracticeId): Promise<Clause[]> {
    const rows = await this.#db
      .selectFrom('practice_clause')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .execute();
    return rows.flatMap((r) => {
      const c = toJson(r.clause) as Clause;
      const parsed = parseClause({ ...c, standard: c.text.standard, plain: c.text.plain });
      return parsed.ok ? [parsed.value] : [];
    });
  }

  async savePracticeClause(practiceId: PracticeId, clause: Clause, by: UserId, at: string): Promise<void> {
    const json = JSON.stringify(clause);
    await this.#db
      .insertInto('practice_clause')
      .values({ practice_id: practiceId, clause_id: clause.id, clause: json, updated_by: by, updated_at: at })
      .onConflict((oc) =>
        oc.columns(['practice_id', 'clause_id']).doUpdateSet({ clause: json, updated_by: by, updated_at: at }),
      )
      .execute();
  }

  async offerContract(
    ...[practiceId, input]: Parameters<FrameStore['offerContract']>
  ): ReturnType<FrameStore['offerContract']> {
    const open = await openEpisodeClient(this.#db, practiceId, input.episodeId, 'This episode has ended.');
    if (!open.ok) return open;
    const id = randomUUID();
    await this.#db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('contract_version')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('episode_id', '=', input.episodeId)
        .executeTakeFirst();
      const version = (last?.v ?? 0) + 1;
      await trx
        .insertInto('contract_version')
        .values({
          id,
          practice_id: practiceId,
          episode_id: input.episodeId,
          version,
          body: JSON.stringify(input.body),
          content_hash: input.contentHash,
          created_by: input.createdBy,
          created_at: input.createdAt,
        })
        .execute();
      await trx
        .insertInto('contract_link')
        .values({
          id: randomUUID(),
          practice_id: practiceId,
          contract_version_id: id,
          token_hash: input.tokenHash,
          issued_at: input.createdAt,
          expires_at: input.expiresAt,
          used_at: null,
        })
        .execute();
    });
    const versions = await this.listContractVersions(practiceId, input.episodeId);
    const made = versions.find((v) => v.id === id);
    return made ? ok(made) : fail('not-found', 'The new version could not be read back.');
  }

  async listContractVersions(practiceId: PracticeId, episodeId: EpisodeId): Promise<ContractVersion[]> {
    const rows = await this.#db
      .selectFrom('contract_version')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('episode_id', '=', episodeId)
      .orderBy('version', 'asc')
      .execute();
    return this.#withHistory(practiceId, rows);
  }

  async #withHistory(practiceId: PracticeId, rows: Selectable<ContractVersionTable>[]): Promise<ContractVersion[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [agreements, questions] = await Promise.all([
      this.#db
        .selectFrom('contract_agreement')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('contract_version_id', 'in', ids)
        // The client signs before the carer acknowledges.
        .orderBy('agreed_at')
        .orderBy('role', 'desc')
        .execute(),
      this.#db
        .selectFrom('contract_question')
        .select(['id', 'contract_version_id', 'asked_at'])
        .where('practice_id', '=', practiceId)
        .where('contract_version_id', 'in', ids)
        .orderBy('asked_at')
        .execute(),
    ]);
    return rows.map((r) => ({
      id: r.id,
      practiceId: asPracticeId(r.practice_id),
      episodeId: asEpisodeId(r.episode_id),
      version: r.version,
      body: toJson(r.body) as ContractBody,
      contentHash: r.content_hash,
      createdBy: asUserId(r.created_by),
      createdAt: toIso(r.created_at),
      agreements: agreements
        .filter((a) => a.contract_version_id === r.id)
        .map((a) => ({
          role: a.role as AgreementRole,
          signedName: a.signed_name,
          contentHash: a.content_hash,
          agreedAt: toIso(a.agreed_at),
        })),
      questions: questions
        .filter((q) => q.contract_version_id === r.id)
        .map((q) => ({ id: q.id, askedAt: toIso(q.asked_at) })),
    }));
  }

  async findContractLink(tokenHash: string): Promise<ContractLinkView | null> {
    const link = await this.#db
      .selectFrom('contract_link as l')
      .innerJoin('contract_version as v', 'v.id', 'l.contract_version_id')
      .innerJoin('episode as e', 'e.id', 'v.episode_id')
      .select(['l.id', 'l.practice_id', 'l.expires_at', 'l.used_at', 'v.episode_id', 'v.version', 'e.client_id'])
      .where('l.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!link) return null;
    const practiceId = asPracticeId(link.practice_id);
    const versions = await this.listContractVersions(practiceId, asEpisodeId(link.episode_id));
    const version = versions.find((v) => v.version === link.version);
    if (!version) return null;
    return {
      linkId: link.id,
      practiceId,
      clientId: asClientId(link.client_id),
      version,
      previous: versions.find((v) => v.version === link.version - 1) ?? null,
      latestVersion: Math.max(...versions.map((v) => v.version)),
      expiresAt: toIso(link.expires_at),
      usedAt: toIsoOrNull(link.used_at),
    };
  }

  async askContractQuestion(
    ...[practiceId, versionId, question, at]: Parameters<FrameStore['askContractQuestion']>
  ): Promise<void> {
    await this.#db
      .insertInto('contract_question')
      .values({
        id: question.id,
        practice_id: practiceId,
        contract_version_id: versionId,
        text: '',
        sealed_text: question.sealedText,
        asked_at: at,
      })
      .execute();
  }

  async listContractQuestions(practiceId: PracticeId, episodeId: EpisodeId): Promise<StoredContractQuestion[]> {
    const rows = await this.#db
      .selectFrom('contract_question as q')
      .innerJoin('contract_version as v', 'v.id', 'q.contract_version_id')
      .select(['q.id', 'q.contract_version_id', 'q.text', 'q.sealed_text', 'q.asked_at'])
      .where('q.practice_id', '=', practiceId)
      .where('v.episode_id', '=', episodeId)
      .orderBy('q.asked_at')
      .execute();
    return rows.map((q) => ({
      id: q.id,
      versionId: q.contract_version_id,
      text: storedText(q.sealed_text, q.text),
      askedAt: toIso(q.asked_at),
    }));
  }

  async agreeContract(
    ...[practiceId, linkId, input]: Parameters<FrameStore['agreeContract']>
  ): ReturnType<FrameStore['agreeContract']> {
    const result = await this.#db.transaction().execute(async (trx) => {
      const link = await trx
        .selectFrom('contract_link as l')
        .innerJoin('contract_version as v', 'v.id', 'l.contract_version_id')
        .select(['l.contract_version_id', 'v.episode_id', 'v.version', 'v.content_hash'])
        .where('l.id', '=', linkId)
        .where('l.practice_id', '=', practiceId)
        .executeTakeFirst();
      if (!link) return fail('not-found', 'This link is not recognised.');
      const newer = await trx
        .selectFrom('contract_version')
        .select('version')
        .where('episode_id', '=', link.episode_id)
        .where('version', '>', link.version)
        .executeTakeFirst();
      if (newer) {
        return fail(
          'conflict',
          'Your counsellor has changed the agreement since this version. Please read the new one.',
        );
      }
      if (link.content_hash !== input.contentHash) {
        return fail('conflict', 'The agreement you read is not the one on record. Please reload and read it again.');
      }
      const claimed = await trx
        .updateTable('contract_link')
        .set({ used_at: input.at })
        .where('id', '=', linkId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', input.at)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) {
        return fail('link-used', 'This agreement has already been signed, or its link has expired.');
      }
      for (const s of input.signatures) {
        await trx
          .insertInto('contract_agreement')
          .values({
            id: randomUUID(),
            practice_id: practiceId,
            contract_version_id: link.contract_version_id,
            role: s.role,
            signed_name: s.signedName,
            content_hash: input.contentHash,
            agreed_at: input.at,
          })
          .execute();
      }
      return ok(asEpisodeId(link.episode_id));
    });
    if (!result.ok) return result;
    const versions = await this.listContractVersions(practiceId, result.value);
    const agreed = versions.at(-1);
    return agreed ? ok(agreed) : fail('not-found', 'The agreement could not be read back.');
  }
}

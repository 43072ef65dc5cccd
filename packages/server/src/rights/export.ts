import {
  canonicalContract,
  commentShown,
  type Answers,
  type Client,
  type ClientSignal,
  type Episode,
  type PracticeId,
  type UserId,
} from '@rapport/core';
import { agendaQuestionPlace, commentPlace, repairAttemptPlace, type StoredResponse } from '@rapport/storage';
import type { Deps } from '../context.js';
import { clientEmail } from '../mail/deliver.js';
import {
  loadGoals,
  loadSharedNotes,
  openCarerResponse,
  openPhoneEntry,
  openQuestions,
  openRating,
  openResponse,
} from '../record/client-text.js';
import { openBoundaryEvent, openJournalEntry, openNote } from '../record/sealed.js';

/** Said at the top of every export, so whoever opens it knows what it is and what it leaves out. */
export const EXPORT_ABOUT =
  'Everything Rapport holds about this client in this practice, as a subject access or portability request needs: ' +
  'the client’s details, each episode with its contract, sessions, goals and the notes the client shared, every ' +
  'measure with its answers, comments, signals and endings. Notes the client kept to themselves (“Just me”) are ' +
  'counted but not included: they were promised to no one else, and the client can read and copy them in their own ' +
  'home; so are comments the client has not yet shared. The section ' +
  '“therapistRecord” is the therapist’s own record about the client (session notes, reflective journal entries ' +
  'linked to the client, supervision questions): it holds what the person who made this export wrote; notes by ' +
  'other practitioners are counted but not included, as each author’s notes open only to them. Journal entries ' +
  'not linked to this client are not included. The audit log of who read or changed the record is kept by the ' +
  'practice and is not part of this export.';

/** A measure as exported: its answers with the client's own words opened. */
export interface ExportedMeasure {
  readonly episodeId: string;
  readonly instrumentId: string;
  readonly instrumentVersion: number;
  readonly audience: string;
  readonly moment: string;
  readonly status: 'draft' | 'complete';
  readonly answers: Answers;
  readonly total: number | null;
  readonly scores: StoredResponse['scores'];
  readonly savedAt: string;
}

/** One client's export: the JSON document `/clients/:clientId/export.json` returns. */
export interface ClientExport {
  readonly format: 'rapport-client-export';
  readonly formatVersion: 1;
  readonly exportedAt: string;
  readonly about: string;
  readonly practice: { readonly id: string; readonly name: string };
  readonly exportedBy: { readonly userId: string; readonly name: string };
  readonly client: {
    readonly id: string;
    readonly code: string;
    readonly displayName: string | null;
    readonly createdAt: string;
    readonly email: string | null;
    readonly ageGroup: string | null;
    /** Notes the client kept to themselves: only they read them, in their home. */
    readonly privateNotesNotIncluded: number;
    /** Comments the client held for their next session, or left in an unfinished form: not yet shared. */
    readonly unsharedCommentsNotIncluded: number;
  };
  readonly episodes: readonly ExportedEpisode[];
  readonly measures: readonly ExportedMeasure[];
  readonly signals: readonly ClientSignal[];
  readonly comments: readonly {
    readonly episodeId: string;
    readonly text: string;
    readonly hold: string;
    readonly status: string;
    readonly writtenAt: string;
  }[];
  readonly answersByPhone: readonly {
    readonly episodeId: string;
    readonly instrumentId: string;
    readonly enteredAt: string;
    readonly status: string;
    readonly answersAsEntered: Answers;
    readonly answers: Answers;
  }[];
  readonly carerAnswers: readonly {
    readonly episodeId: string;
    readonly instrumentId: string;
    readonly submittedAt: string;
    readonly answers: Answers;
    readonly total: number | null;
  }[];
  readonly therapistRatings: readonly {
    readonly episodeId: string;
    readonly day: string;
    readonly answers: Answers;
    readonly total: number | null;
  }[];
  readonly repair: {
    readonly answers: readonly { readonly ruptureAt: string; readonly answer: string; readonly answeredAt: string }[];
    readonly attempts: readonly { readonly ruptureAt: string; readonly text: string; readonly writtenAt: string }[];
  };
  readonly therapistRecord: {
    readonly note: string;
    readonly sessionNotes: readonly {
      readonly sessionId: string;
      readonly text: string;
      readonly createdAt: string;
      readonly updatedAt: string;
    }[];
    readonly notesByOthersNotIncluded: number;
    readonly journalEntries: readonly { readonly text: string; readonly writtenAt: string }[];
    readonly supervisionQuestions: readonly {
      readonly question: string;
      readonly status: string;
      readonly createdAt: string;
    }[];
  };
}

export interface ExportedEpisode {
  readonly id: string;
  readonly status: Episode['status'];
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly contracts: readonly {
    readonly version: number;
    readonly createdAt: string;
    readonly text: string;
    readonly contentHash: string;
    readonly agreements: readonly { readonly role: string; readonly signedName: string; readonly agreedAt: string }[];
    readonly questions: readonly { readonly text: string; readonly askedAt: string }[];
  }[];
  readonly sessions: readonly {
    readonly id: string;
    readonly heldOn: string;
    readonly modality: string;
    readonly attendance: string;
  }[];
  readonly boundaryEvents: readonly {
    readonly kind: string;
    readonly occurredOn: string;
    readonly description: string;
    readonly reflection: string | null;
    readonly principles: readonly string[];
  }[];
  readonly goals: readonly {
    readonly status: string;
    readonly createdAt: string;
    readonly retiredAt: string | null;
    readonly wordings: readonly { readonly version: number; readonly text: string; readonly writtenAt: string }[];
    readonly ratings: readonly { readonly rating: number; readonly ratedAt: string }[];
  }[];
  /** The notes the client shared; the private ones are counted on the client (`privateNotesNotIncluded`). */
  readonly progressNotes: readonly {
    readonly series: string;
    readonly pointAt: string;
    readonly text: string;
    readonly writtenAt: string;
  }[];
  readonly ending: {
    readonly kind: string | null;
    readonly endedOn: string | null;
    readonly followUpDueOn: string | null;
  } | null;
}

/** Who asks for the export: their practice, and themselves (whose own record is included). */
export interface Exporter {
  readonly practiceId: PracticeId;
  readonly practiceName: string;
  readonly userId: UserId;
  readonly userName: string;
}

/**
 * Gathers everything the practice holds about one client, opening every sealed value: the
 * client's own words in full, the therapist's own record for the exporting user only.
 */
export async function buildClientExport(deps: Deps, who: Exporter, client: Client): Promise<ClientExport> {
  const { practiceId } = who;
  const keys = deps.keys;
  const [episodes, responses, signals, audience, comments, phone, carers, ratings, repairAnswers, endings, kept] =
    await Promise.all([
      deps.store.listEpisodes(practiceId, client.id),
      deps.store.measures.listResponses(practiceId, client.id),
      deps.store.measures.listSignals(practiceId, client.id),
      deps.store.measures.getClientAudience(practiceId, client.id),
      deps.store.voice.listComments(practiceId, client.id),
      deps.store.voice.listPhoneEntries(practiceId, client.id),
      deps.store.voice.listCarerResponses(practiceId, client.id),
      deps.store.repair.listTherapistRatings(practiceId, client.id),
      deps.store.repair.listRepairAnswers(practiceId, client.id),
      deps.store.endings.listForClient(practiceId, client.id),
      deps.store.rights.countPrivateNotes(practiceId, client.id),
    ]);
  const exportedEpisodes: ExportedEpisode[] = [];
  const sessionNotes: ClientExport['therapistRecord']['sessionNotes'][number][] = [];
  const attempts: ClientExport['repair']['attempts'][number][] = [];
  for (const e of episodes) {
    const [versions, asked, sessions, boundaries, goals, shared, own, tried] = await Promise.all([
      deps.store.frame.listContractVersions(practiceId, e.id),
      deps.store.frame.listContractQuestions(practiceId, e.id),
      deps.store.record.listSessions(practiceId, e.id),
      deps.store.record.listBoundaryEvents(practiceId, e.id),
      loadGoals(deps, practiceId, e.id),
      loadSharedNotes(deps, practiceId, e.id),
      deps.store.record.listNotesBy(practiceId, e.id, who.userId),
      deps.store.repair.listRepairAttempts(practiceId, e.id),
    ]);
    const questions = await openQuestions(keys, practiceId, asked);
    for (const n of own) {
      const opened = await openNote(keys, n);
      sessionNotes.push({
        sessionId: opened.sessionId,
        text: opened.text,
        createdAt: opened.createdAt,
        updatedAt: opened.updatedAt,
      });
    }
    for (const a of tried) {
      attempts.push({
        ruptureAt: a.ruptureAt,
        text: await keys.open(practiceId, repairAttemptPlace(a.id), a.sealedText),
        writtenAt: a.writtenAt,
      });
    }
    const ending = endings.find((x) => x.episodeId === e.id);
    exportedEpisodes.push({
      id: e.id,
      status: e.status,
      openedAt: e.openedAt,
      closedAt: e.closedAt,
      contracts: versions.map((v) => ({
        version: v.version,
        createdAt: v.createdAt,
        text: canonicalContract(v.body),
        contentHash: v.contentHash,
        agreements: v.agreements.map((a) => ({ role: a.role, signedName: a.signedName, agreedAt: a.agreedAt })),
        questions: questions.get(v.id) ?? [],
      })),
      sessions: sessions.map((x) => ({ id: x.id, heldOn: x.heldOn, modality: x.modality, attendance: x.attendance })),
      boundaryEvents: await Promise.all(
        boundaries.map(async (b) => {
          const opened = await openBoundaryEvent(keys, b);
          return {
            kind: opened.kind,
            occurredOn: opened.occurredOn,
            description: opened.description,
            reflection: opened.reflection,
            principles: opened.principles,
          };
        }),
      ),
      goals: goals.map((g) => ({
        status: g.status,
        createdAt: g.createdAt,
        retiredAt: g.retiredAt,
        wordings: g.wordings,
        ratings: g.ratings,
      })),
      progressNotes: shared.map((n) => ({
        series: n.series,
        pointAt: n.pointAt,
        text: n.text,
        writtenAt: n.writtenAt,
      })),
      ending: ending
        ? {
            kind: ending.ending?.kind ?? null,
            endedOn: ending.ending?.endedOn ?? null,
            followUpDueOn: ending.followUp?.dueOn ?? null,
          }
        : null,
    });
  }
  const opened = await Promise.all(responses.map((r) => openResponse(keys, r)));
  // A comment held for the next session is the therapist's to read only once that session has begun.
  const checkIns = responses
    .filter((r) => r.status === 'complete' && r.moment === 'check-in')
    .map((r) => ({ episodeId: r.episodeId, at: r.savedAt }));
  const shown = comments.filter((x) => x.status === 'sent' && commentShown(x, checkIns));
  const journal = (await deps.store.record.listJournalEntries(practiceId, who.userId)).filter(
    (j) => j.clientId === client.id,
  );
  const agenda = (await deps.store.supervision.listItems(practiceId, who.userId)).filter(
    (i) => i.clientId === client.id,
  );
  const others = (await deps.store.rights.listSessionNoteAuthors(practiceId, client.id)).filter(
    (n) => n.authorId !== who.userId,
  );
  return {
    format: 'rapport-client-export',
    formatVersion: 1,
    exportedAt: deps.clock.now().toISOString(),
    about: EXPORT_ABOUT,
    practice: { id: practiceId, name: who.practiceName },
    exportedBy: { userId: who.userId, name: who.userName },
    client: {
      id: client.id,
      code: client.code,
      displayName: client.displayName,
      createdAt: client.createdAt,
      email: await clientEmail(deps, practiceId, client.id),
      ageGroup: audience,
      privateNotesNotIncluded: kept,
      unsharedCommentsNotIncluded: comments.length - shown.length,
    },
    episodes: exportedEpisodes,
    measures: opened.map((r) => ({
      episodeId: r.episodeId,
      instrumentId: r.instrumentId,
      instrumentVersion: r.instrumentVersion,
      audience: r.audience,
      moment: r.moment,
      status: r.status,
      answers: r.answers,
      total: r.total,
      scores: r.scores,
      savedAt: r.savedAt,
    })),
    signals: signals.map((s) => s.signal),
    comments: await Promise.all(
      shown.map(async (x) => ({
        episodeId: x.episodeId,
        text: await keys.open(practiceId, commentPlace(x.checkLinkId), x.sealedText),
        hold: x.hold,
        status: x.status,
        writtenAt: x.writtenAt,
      })),
    ),
    answersByPhone: await Promise.all(
      phone.map(async (p) => {
        const e = await openPhoneEntry(keys, p);
        const { episodeId, instrumentId, enteredAt, status, answersAsEntered, answers } = e;
        return { episodeId, instrumentId, enteredAt, status, answersAsEntered, answers };
      }),
    ),
    carerAnswers: await Promise.all(
      carers.map(async (r) => {
        const x = await openCarerResponse(keys, practiceId, r);
        return {
          episodeId: x.episodeId,
          instrumentId: x.instrumentId,
          submittedAt: x.submittedAt,
          answers: x.answers,
          total: x.total,
        };
      }),
    ),
    therapistRatings: await Promise.all(
      ratings.map(async (r) => {
        const x = await openRating(keys, practiceId, r);
        return { episodeId: x.episodeId, day: x.day, answers: x.answers, total: x.total };
      }),
    ),
    repair: {
      answers: repairAnswers.map((a) => ({ ruptureAt: a.ruptureAt, answer: a.answer, answeredAt: a.answeredAt })),
      attempts,
    },
    therapistRecord: {
      note:
        'The therapist’s own record about the client, which a subject access request normally covers: what ' +
        `${who.userName} wrote. Notes by other practitioners are counted, not included.`,
      sessionNotes,
      notesByOthersNotIncluded: others.length,
      journalEntries: await Promise.all(
        journal.map(async (j) => {
          const x = await openJournalEntry(keys, j);
          return { text: x.text, writtenAt: x.writtenAt };
        }),
      ),
      supervisionQuestions: await Promise.all(
        agenda.map(async (i) => ({
          question: await keys.open(practiceId, agendaQuestionPlace(i.id), i.sealedQuestion),
          status: i.status,
          createdAt: i.createdAt,
        })),
      ),
    },
  };
}

import type {
  Administration,
  CheckLink,
  CheckLinkId,
  Client,
  ClientId,
  Episode,
  EpisodeId,
  Practice,
  PracticeId,
  Result,
  Role,
  User,
  UserId,
} from '@rapport/core';
import type { DialectName } from './dialect.js';
import type { FrameStore } from './frame-store.js';
import type { MeasuresStore } from './measures-store.js';
import type { RecordStore } from './record-store.js';
import type { SecurityStore } from './security-store.js';
import type { HomeStore } from './home-store.js';
import type { RepairStore } from './repair-store.js';
import type { EndingsStore } from './endings-store.js';
import type { VoiceStore } from './voice-store.js';
import type { SupervisionStore } from './supervision-store.js';
import type { RightsStore } from './rights-store.js';

/** A signed-in session, found by the SHA-256 of its cookie token. */
export interface AuthSession {
  readonly tokenHash: string;
  readonly userId: UserId;
  readonly practiceId: PracticeId;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
}

export interface LoginRecord {
  readonly user: User;
  readonly passwordHash: string;
  readonly active: boolean;
}

export type AuditAction =
  | 'client.create'
  | 'client.read'
  | 'episode.open'
  | 'check-link.issue'
  | 'check.read'
  | 'check.submit'
  | 'check.draft'
  | 'contract.offer'
  | 'contract.read'
  | 'contract.question'
  | 'contract.agree'
  // The therapist's own record: sessions, private session notes, the boundary log, journal entries about a client.
  | 'session.add'
  | 'sessions.read'
  | 'session-note.write'
  | 'session-note.read'
  | 'boundary.add'
  | 'boundaries.read'
  | 'journal.write'
  | 'journal.read'
  // The client's home: the therapist's link, the client's own visits and writes, and the
  // therapist's reading of the client's goals and shared notes.
  | 'home-link.issue'
  | 'home-link.revoke'
  | 'home.secret-set'
  | 'home.unlock'
  | 'home.unlock-failed'
  | 'home.read'
  | 'goal.add'
  | 'goal.reword'
  | 'goal.retire'
  | 'goal.rate'
  | 'note.add'
  | 'goals.read'
  // The therapist's workspace: the caseload, their own session ratings, repair after a rupture,
  // and the client's answer (on a check link) about whether things feel better between them.
  | 'caseload.read'
  | 'perspective.read'
  | 'perspective.write'
  | 'rupture.read'
  | 'repair-attempt.write'
  | 'repair.answer'
  // Endings: the ending page and summary, what was agreed, the close, the follow-up, the outcomes views.
  | 'ending.read'
  | 'ending.prepare'
  | 'episode.close'
  | 'ending.follow-up'
  | 'endings.read'
  | 'outcomes.read'
  // An episode's timeline, and the PDF reports (one episode, or one entry per client of the open caseload).
  | 'timeline.read'
  | 'report.read'
  // The client's voice: a comment on a check, "rate it tomorrow", preferences revisited from the home,
  // a carer's settings, link, answers and view, answers entered by phone and the client's check of them,
  // the client's email address, a link sent by email, and the therapist reading all of it.
  | 'comment.write'
  | 'check.defer'
  | 'preferences.revisit'
  | 'carer-sharing.set'
  | 'carer-link.issue'
  | 'carer.submit'
  | 'carer.read'
  | 'phone-entry.write'
  | 'phone-entry.read'
  | 'phone-entry.confirm'
  | 'phone-entry.correct'
  | 'client-email.set'
  | 'link.email'
  | 'voice.read'
  // Supervision: a supervisor reading a supervisee's de-identified caseload (one event per client
  // shown) and agenda; the therapist's agenda items; the administrator adding people and links.
  | 'supervision.read'
  | 'agenda.read'
  | 'agenda-item.add'
  | 'agenda-item.discussed'
  | 'agenda-item.withdraw'
  | 'user.add'
  | 'supervision.link'
  | 'supervision.unlink'
  // Data rights: a client's record exported (per client, also within the practice's export) and erased.
  | 'client.export'
  | 'client.erase';

/** Who acted: a signed-in user, a client on a one-off link, or a client in their unlocked home. */
export type AuditActor =
  { readonly kind: 'user'; readonly userId: UserId } | { readonly kind: 'client-link' } | { readonly kind: 'client' };

export interface AuditEvent {
  readonly practiceId: PracticeId;
  readonly actor: AuditActor;
  readonly action: AuditAction;
  readonly clientId: ClientId | null;
  readonly at: string;
  readonly ip: string | null;
}

export interface ClientSummary extends Client {
  readonly openEpisodes: number;
  readonly lastScore: number | null;
  readonly lastSubmittedAt: string | null;
}

/**
 * The storage port. Every method that touches client data takes the practice
 * id and scopes its query by it; a record of another practice is reported as
 * not found, never as forbidden, so its existence does not leak.
 */
export interface Store {
  readonly dialect: DialectName;
  /** Clause wording and contract versions (the therapeutic frame). */
  readonly frame: FrameStore;
  /** Measures in use: links, responses and drafts, signals. */
  readonly measures: MeasuresStore;
  /** The therapist's own record (sessions, private notes, boundary log, journal) and its data keys. */
  readonly record: RecordStore;
  /** Login throttle, two-factor, the practice's security settings, the audit view. */
  readonly security: SecurityStore;
  /** The client's home: its link and lock, sessions, goals and notes. */
  readonly home: HomeStore;
  /** The therapist's workspace: the caseload, their own session ratings, repair after a rupture. */
  readonly repair: RepairStore;
  /** Endings: what was agreed, the close with its ending, the ending's links, the practice's outcomes. */
  readonly endings: EndingsStore;
  /** The client's voice: comments, next-day links, carers, answers entered by phone, the client's email. */
  readonly voice: VoiceStore;
  /** Roles and supervision: the practice's people, supervision links, each therapist's agenda. */
  readonly supervision: SupervisionStore;
  /** The client's data rights: what an export reads beyond the other areas, and erasure. */
  readonly rights: RightsStore;

  createPractice(
    input: {
      readonly practiceName: string;
      readonly admin: { readonly email: string; readonly name: string; readonly passwordHash: string };
    },
    at: string,
  ): Promise<Result<{ practice: Practice; user: User }>>;
  getPractice(practiceId: PracticeId): Promise<Practice | null>;
  addUser(
    practiceId: PracticeId,
    input: { readonly email: string; readonly name: string; readonly role: Role; readonly passwordHash: string },
    at: string,
  ): Promise<Result<User>>;
  findLogin(email: string): Promise<LoginRecord | null>;
  getUser(practiceId: PracticeId, userId: UserId): Promise<User | null>;
  setPasswordHash(practiceId: PracticeId, userId: UserId, passwordHash: string): Promise<void>;

  createSession(session: AuthSession): Promise<void>;
  findSession(tokenHash: string): Promise<AuthSession | null>;
  touchSession(tokenHash: string, at: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(at: string): Promise<number>;

  createClient(
    practiceId: PracticeId,
    input: { readonly code: string; readonly displayName: string | null },
    at: string,
  ): Promise<Result<Client>>;
  getClient(practiceId: PracticeId, clientId: ClientId): Promise<Client | null>;
  listClients(practiceId: PracticeId): Promise<ClientSummary[]>;
  countClients(practiceId: PracticeId): Promise<number>;

  openEpisode(practiceId: PracticeId, clientId: ClientId, at: string): Promise<Result<Episode>>;
  getEpisode(practiceId: PracticeId, episodeId: EpisodeId): Promise<Episode | null>;
  listEpisodes(practiceId: PracticeId, clientId: ClientId): Promise<Episode[]>;

  /** The token is the client's credential, so this lookup is not practice-scoped; the link carries its practice. */
  findCheckLink(tokenHash: string): Promise<CheckLink | null>;
  listCheckLinks(practiceId: PracticeId, clientId: ClientId): Promise<CheckLink[]>;
  /**
   * Marks the link used and stores the administration in one transaction.
   * Fails with `link-used` or `link-expired` and writes nothing when the link
   * is no longer usable, including when two submissions race.
   */
  submitCheck(
    practiceId: PracticeId,
    linkId: CheckLinkId,
    input: { readonly answers: Readonly<Record<string, number>>; readonly score: number; readonly submittedAt: string },
  ): Promise<Result<Administration>>;
  listAdministrations(practiceId: PracticeId, clientId: ClientId): Promise<Administration[]>;

  recordAudit(event: AuditEvent): Promise<void>;
  listAudit(practiceId: PracticeId, limit: number): Promise<AuditEvent[]>;

  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;

  close(): Promise<void>;
}

import type { AuditEntry } from '@rapport/storage';
import type { AuditRowView } from '@rapport/web';

/** Audit actions in words a practice administrator reads at a glance. */
const ACTIONS: Readonly<Record<string, string>> = {
  'client.create': 'Added the client',
  'client.read': 'Opened the client record',
  'episode.open': 'Opened an episode',
  'check-link.issue': 'Sent a check link',
  'check.read': 'Client opened a check',
  'check.submit': 'Client answered a check',
  'check.draft': 'Client saved an unfinished check',
  'contract.read': 'Read the contract',
  'contract.offer': 'Offered a contract',
  'contract.question': 'Client asked about the contract',
  'contract.agree': 'Client agreed the contract',
  'session.add': 'Recorded a session',
  'sessions.read': 'Read the sessions',
  'session-note.write': 'Wrote their own session note',
  'session-note.read': 'Read their own session note',
  'boundary.add': 'Recorded a boundary event',
  'boundaries.read': 'Read the boundary log',
  'journal.write': 'Wrote in their journal about the client',
  'journal.read': 'Read their journal entry about the client',
  'home-link.issue': 'Gave the client a home link',
  'home-link.revoke': 'Stopped the client’s home link',
  'home.secret-set': 'Client chose a PIN for their home',
  'home.unlock': 'Client opened their home',
  'home.unlock-failed': 'Wrong PIN at the client’s home',
  'home.read': 'Client looked at their home',
  'goal.add': 'Client added a goal',
  'goal.reword': 'Client reworded a goal',
  'goal.retire': 'Client put a goal away',
  'goal.rate': 'Client rated their goals',
  'note.add': 'Client wrote a note on their progress',
  'goals.read': 'Read the client’s goals and shared notes',
  'caseload.read': 'Opened the caseload',
  'perspective.read': 'Opened their own rating of a session',
  'perspective.write': 'Rated a session from their side',
  'rupture.read': 'Read a rupture’s repair notes',
  'repair-attempt.write': 'Noted a repair attempt',
  'repair.answer': 'Client said how things feel between them and the counsellor',
  'ending.read': 'Read the ending',
  'ending.prepare': 'Recorded what was agreed about the ending',
  'episode.close': 'Ended the episode',
  'ending.follow-up': 'Chose when to follow up',
  'endings.read': 'Opened the practice’s endings',
  'outcomes.read': 'Opened the practice’s outcomes',
  'timeline.read': 'Read the episode’s timeline',
  'report.read': 'Took a report (client code only)',
  'comment.write': 'Client left a comment on a check',
  'check.defer': 'Client moved a rating to the next day',
  'preferences.revisit': 'Client went back to their preferences',
  'carer-sharing.set': 'Set what the carer may see',
  'carer-link.issue': 'Sent a carer link',
  'carer.submit': 'Carer answered',
  'carer.read': 'Carer opened their link',
  'phone-entry.write': 'Entered answers given by phone',
  'phone-entry.read': 'Client opened answers given by phone',
  'phone-entry.confirm': 'Client confirmed answers given by phone',
  'phone-entry.correct': 'Client corrected answers given by phone',
  'client-email.set': 'Changed the client’s email address',
  'link.email': 'Emailed a link to the client',
  'voice.read': 'Read the client’s comments, phone answers and carer ratings',
  'supervision.read': 'Supervisor saw the client’s code, scores and signals',
  'agenda.read': 'Supervisor read a supervisee’s agenda',
  'agenda-item.add': 'Added the client to their supervision agenda',
  'agenda-item.discussed': 'Marked a supervision agenda item as discussed',
  'agenda-item.withdraw': 'Took the client off their supervision agenda',
  'user.add': 'Added a person to the practice',
  'supervision.link': 'Linked a supervisor to a therapist',
  'supervision.unlink': 'Ended a supervision link',
  'client.export': 'Downloaded everything held about the client',
  'client.erase': 'Erased the client',
};

/**
 * One audit row for the practice administrator: names, not ids, for people;
 * the client's pseudonymous code, never their display name.
 */
export const presentAuditRow = (e: AuditEntry): AuditRowView => ({
  at: e.at.replace('T', ' ').replace(/\.\d{3}Z$/, ''),
  who:
    e.actorKind === 'client-link'
      ? 'Client (by their link)'
      : e.actorKind === 'client'
        ? 'Client (in their home)'
        : (e.actorName ?? 'A former user'),
  what: ACTIONS[e.action] ?? e.action,
  client: e.clientId && e.clientCode ? { id: e.clientId, code: e.clientCode } : null,
  from: e.ip ?? 'not recorded',
});

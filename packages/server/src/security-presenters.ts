import type { AuditEntry } from '@rapport/storage';
import type { AuditRowView } from '@rapport/web';

/** Audit actions in words a practice administrator reads at a glance. */
const ACTIONS: Readonly<Record<string, string>> = {
  'client.create': 'Added the client',
  'client.read': 'Opened the client record',
  'episode.open': 'Opened an episode',
  'check-link.issue': 'Sent a check link',
  'check.submit': 'Client answered a check',
  'contract.read': 'Read the contract',
  'contract.offer': 'Offered a contract',
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

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
};

/**
 * One audit row for the practice administrator: names, not ids, for people;
 * the client's pseudonymous code, never their display name.
 */
export const presentAuditRow = (e: AuditEntry): AuditRowView => ({
  at: e.at.replace('T', ' ').replace(/\.\d{3}Z$/, ''),
  who: e.actorKind === 'client-link' ? 'Client (by their link)' : (e.actorName ?? 'A former user'),
  what: ACTIONS[e.action] ?? e.action,
  client: e.clientId && e.clientCode ? { id: e.clientId, code: e.clientCode } : null,
  from: e.ip ?? 'not recorded',
});

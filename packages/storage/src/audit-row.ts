import { randomUUID } from 'node:crypto';
import type { AuditEvent } from './store.js';
import type { AuditRow } from './submission-statements.js';

/**
 * One audit entry as a row. Written on its own (`recordAudit`) or inside the transaction of the
 * change it records (a submission, an erasure), so the change and its entry land together or not at all.
 */
export const auditRow = (event: AuditEvent): AuditRow => ({
  id: randomUUID(),
  practice_id: event.practiceId,
  actor_kind: event.actor.kind,
  actor_user_id: event.actor.kind === 'user' ? event.actor.userId : null,
  action: event.action,
  client_id: event.clientId,
  at: event.at,
  ip: event.ip,
});

import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { ClientId, PracticeId, UserId } from '@rapport/core';
import type { AuditAction, AuditActor, AuditEvent } from '@rapport/storage';
import type { AppEnv, Deps } from './context.js';

/** The caller's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientIp(c: Context<AppEnv>, deps: Deps): string | null {
  if (deps.config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    // app.request() in tests has no socket.
    return null;
  }
}

interface AuditEntry {
  readonly practiceId: PracticeId;
  readonly actor: AuditActor;
  readonly action: AuditAction;
  readonly clientId: ClientId | null;
}

/** Who touched which client record, stamped with when and from where: for a store method that writes it with its change. */
export const auditEvent = (c: Context<AppEnv>, deps: Deps, entry: AuditEntry): AuditEvent => ({
  ...entry,
  at: deps.clock.now().toISOString(),
  ip: clientIp(c, deps),
});

/** Records who touched which client record, when and from where. */
export async function audit(c: Context<AppEnv>, deps: Deps, entry: AuditEntry): Promise<void> {
  await deps.store.recordAudit(auditEvent(c, deps, entry));
}

/**
 * A supervisor's reading of a supervisee's de-identified caseload: one `supervision.read` per
 * client shown (so each client's audit trail names the supervisor who saw their scores), then
 * one `agenda.read` for the agenda itself.
 */
export async function auditSupervisorRead(
  c: Context<AppEnv>,
  deps: Deps,
  reader: { readonly practiceId: PracticeId; readonly userId: UserId },
  clientIds: readonly ClientId[],
): Promise<void> {
  const actor = { kind: 'user', userId: reader.userId } as const;
  for (const clientId of new Set(clientIds)) {
    await audit(c, deps, { practiceId: reader.practiceId, actor, action: 'supervision.read', clientId });
  }
  await audit(c, deps, { practiceId: reader.practiceId, actor, action: 'agenda.read', clientId: null });
}

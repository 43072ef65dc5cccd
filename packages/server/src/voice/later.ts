import type { Context } from 'hono';
import { LINK_TOKEN_BYTES, deferredValidFrom, linkExpiry, type DomainError } from '@rapport/core';
import type { AuditActor } from '@rapport/storage';
import { audit } from '../audit.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { AppEnv, Deps } from '../context.js';
import { errorResponse } from '../http-errors.js';
import type { Administered } from '../measures/answer.js';

const NOT_CHECK_OUT: DomainError = {
  code: 'conflict',
  message: 'Only a rating after a session can be moved to tomorrow. Please answer it now, or leave it.',
};

/**
 * "Rate it tomorrow", from a check-out link or the home: the waiting link closes and a next-day
 * link for the same measure opens at the start of the next day (core's rule). Returns the new
 * link's token (shown once, or never: the home lists it by id) and when it opens and ends.
 */
export async function deferCheckOut(
  c: Context<AppEnv>,
  deps: Deps,
  a: Administered,
  actor: AuditActor,
): Promise<{ readonly token: string; readonly opensAt: string; readonly expiresAt: string } | Response> {
  if (a.info.moment !== 'check-out') return errorResponse(NOT_CHECK_OUT, 'client');
  const token = newToken(LINK_TOKEN_BYTES);
  const now = deps.clock.now();
  const opens = deferredValidFrom(now);
  const expiresAt = linkExpiry(opens).toISOString();
  const deferred = await deps.store.voice.deferLink(a.link.practiceId, a.link.id, {
    tokenHash: tokenHash(token),
    at: now.toISOString(),
    validFrom: opens.toISOString(),
    expiresAt,
  });
  if (!deferred.ok) return errorResponse(deferred.error, 'client');
  await audit(c, deps, { practiceId: a.link.practiceId, actor, action: 'check.defer', clientId: a.link.clientId });
  return { token, opensAt: opens.toISOString(), expiresAt };
}

import type { Context } from 'hono';
import type { ClientId, PracticeId } from '@rapport/core';
import { clientEmailPlace } from '@rapport/storage';
import { formatDateTime } from '@rapport/web';
import { audit } from '../audit.js';
import type { AppEnv, Deps, Signedin } from '../context.js';
import type { OutgoingMail } from './mailer.js';

/**
 * The mail for any private link: the link, until when it works (a home link works until the
 * counsellor stops it: `null`), and nothing about why it was sent.
 */
export function linkMail(to: string, url: string, expiresAt: string | null): OutgoingMail {
  return {
    to,
    subject: 'A private link from your counsellor',
    text: [
      'Hello,',
      '',
      'Your counsellor has sent you a private link:',
      '',
      url,
      '',
      `${expiresAt === null ? 'It works until your counsellor stops it' : `It works until ${formatDateTime(expiresAt)}`}. It is just for you, so please do not pass it on.`,
      '',
      'If you were not expecting this email, you can ignore it.',
      '',
    ].join('\n'),
  };
}

/** What happened to a link: shown to copy only, also emailed, or the email failed (shown to copy). */
export type Delivery = 'copy' | 'emailed' | 'failed';

/** The line the therapist reads under a new link. */
export const DELIVERY_TEXT: Readonly<Record<Delivery, string | null>> = {
  copy: null,
  emailed: 'Rapport has also emailed this link to the address given. The email says nothing about the client’s care.',
  failed: 'The email could not be sent, so please copy the link and send it another way.',
};

/** The client's email address, opened from its sealed form; null when none is kept. */
export async function clientEmail(deps: Deps, practiceId: PracticeId, clientId: ClientId): Promise<string | null> {
  const sealed = await deps.store.voice.getClientEmail(practiceId, clientId);
  return sealed === null ? null : deps.keys.open(practiceId, clientEmailPlace(clientId), sealed);
}

/**
 * Emails a new link to `to` (the client's kept address, or one typed for this link only) when
 * the practice has SMTP. The address is never logged: a failure logs only its error code.
 */
export async function deliverLink(
  c: Context<AppEnv>,
  deps: Deps,
  s: Signedin,
  input: {
    readonly clientId: ClientId;
    readonly to: string | null;
    readonly url: string;
    readonly expiresAt: string | null;
  },
): Promise<Delivery> {
  if (!deps.mailer || input.to === null) return 'copy';
  try {
    await deps.mailer.send(linkMail(input.to, input.url, input.expiresAt));
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'unknown';
    deps.logger.warn({ code }, 'link email not sent');
    return 'failed';
  }
  await audit(c, deps, {
    practiceId: s.practiceId,
    actor: { kind: 'user', userId: s.user.id },
    action: 'link.email',
    clientId: input.clientId,
  });
  return 'emailed';
}

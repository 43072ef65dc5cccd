/**
 * Sending a client their link by email, when the practice has an SMTP server (RAPPORT_SMTP_URL).
 * Without one, links are shown to copy, as before. A mail carries the link and nothing clinical:
 * no client code or name, no measure's name, no answer or score.
 */

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** What the app needs of a mail transport; throws when the server refuses the mail. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * An SMTP transport (nodemailer) for a URL such as smtp://host:587 or smtps://user:pass@host.
 * nodemailer loads on the first mail, so a Rapport without SMTP never loads it.
 */
export function smtpMailer(url: string, from: string): Mailer {
  let transport: Promise<{ sendMail(m: OutgoingMail & { from: string }): Promise<unknown> }> | undefined;
  return {
    async send(mail) {
      transport ??= import('nodemailer').then((m) => m.default.createTransport(url));
      await (await transport).sendMail({ ...mail, from });
    },
  };
}

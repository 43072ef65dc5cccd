import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClientId, PracticeId } from '@rapport/core';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { createApp } from '../app.js';
import { TestClock, clientWithEpisode, signUp, testApp } from '../testing/harness.js';
import { smtpMailer } from './mailer.js';

/** A real SMTP server on loopback that keeps every message it is given, as sent. */
async function listener(): Promise<{ readonly url: string; readonly mails: string[]; close(): Promise<void> }> {
  const mails: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push(data);
        done();
      });
    },
  });
  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      resolve();
    }),
  );
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${String(port)}`,
    mails,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** A message's body with quoted-printable soft line breaks joined, as a mail reader shows it. */
const bodyOf = (raw: string): string =>
  raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n')
    .replace(/=\r?\n/g, '');

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`sending links by email on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let smtp: Awaited<ReturnType<typeof listener>>;
    const logged: string[] = [];

    beforeAll(async () => {
      opened = await database.open();
      smtp = await listener();
    });
    afterAll(async () => {
      await smtp.close();
      await opened.dispose();
    });

    /** The app with a mailer to the loopback listener and a logger whose every line is kept. */
    function app(mailUrl: string | null) {
      const clock = new TestClock();
      const { deps } = testApp(opened.store, clock);
      const sink = new Writable({
        write(chunk: Buffer, _enc, next) {
          logged.push(chunk.toString('utf8'));
          next();
        },
      });
      return createApp({
        ...deps,
        logger: pino({ level: 'debug' }, sink),
        ...(mailUrl ? { mailer: smtpMailer(mailUrl, 'Rapport <rapport@localhost>') } : {}),
      });
    }

    it('emails a new check link to the client’s address, with the link and nothing clinical', async () => {
      const a = app(smtp.url);
      const { browser, csrf } = await signUp(a, 'Mail practice', `mail-${database.name}@example.org`);
      const ids = await clientWithEpisode(browser, csrf, 'MAIL-CODE-1');
      const address = `client.${database.name}@example.net`;
      expect((await browser.post(`/clients/${ids.clientId}/email`, { _csrf: csrf, email: address })).status).toBe(303);
      // Sealed at rest: the address is nowhere in the table as written.
      const rows = await opened.store.db.selectFrom('client_contact').select('sealed_email').execute();
      expect(JSON.stringify(rows)).not.toContain(address);
      expect(await (await browser.get(`/clients/${ids.clientId}`)).text()).toContain(`value="${address}"`);

      const res = await browser.post(`/episodes/${ids.episodeId}/check-links`, { _csrf: csrf, instrumentId: 'phq-9' });
      const page = await res.text();
      const url = /data-testid="check-url"/.test(page) ? /value="(http:\/\/localhost\/c\/[^"]+)"/.exec(page)?.[1] : '';
      expect(url).toMatch(/\/c\/[A-Za-z0-9_-]{43}$/);
      expect(page).toContain('Rapport has also emailed this link');
      expect(smtp.mails).toHaveLength(1);
      const mail = smtp.mails[0] ?? '';
      expect(mail).toMatch(new RegExp(`^To: ${address.replace(/\./g, '\\.')}`, 'm'));
      const body = bodyOf(mail);
      expect(body).toContain(url ?? 'no url');
      for (const clinical of ['MAIL-CODE-1', 'PHQ', 'depress', 'Patient Health', 'score', 'Mail practice']) {
        expect(mail.toLowerCase()).not.toContain(clinical.toLowerCase());
      }
      // The address is never logged.
      expect(logged.join('')).not.toContain(address);
      const practiceId = (await opened.store.findLogin(`mail-${database.name}@example.org`))?.user.practiceId;
      const actions = (await opened.store.listAudit(practiceId as PracticeId, 50)).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['client-email.set', 'link.email']));

      // A phone entry's confirmation link goes the same way.
      await browser.post(`/episodes/${ids.episodeId}/phone-entry`, {
        _csrf: csrf,
        instrumentId: 'phq-9',
        audience: 'adult',
        moment: 'check-in',
        ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`item-${String(i)}`, '0'])),
      });
      expect(smtp.mails).toHaveLength(2);
      expect(bodyOf(smtp.mails[1] ?? '')).toMatch(/http:\/\/localhost\/p\/[A-Za-z0-9_-]{43}/);

      // So does the client's home link, which works until the counsellor stops it.
      const home = await (await browser.post(`/episodes/${ids.episodeId}/home-link`, { _csrf: csrf })).text();
      const homeUrl = /value="(http:\/\/localhost\/h\/[A-Za-z0-9_-]{43})"/.exec(home)?.[1];
      expect(homeUrl).toBeDefined();
      expect(home).toContain('Rapport has also emailed this link');
      expect(smtp.mails).toHaveLength(3);
      const homeBody = bodyOf(smtp.mails[2] ?? '');
      expect(homeBody).toContain(homeUrl ?? 'no url');
      expect(homeBody).toContain('It works until your counsellor stops it');
      expect(smtp.mails[2]?.toLowerCase()).not.toContain('mail-code-1');

      // Removing the address stops the emails; the link is shown to copy as before.
      await browser.post(`/clients/${ids.clientId}/email`, { _csrf: csrf, email: '' });
      expect(await opened.store.voice.getClientEmail(practiceId as PracticeId, ids.clientId as ClientId)).toBeNull();
      const plain = await (await browser.post(`/episodes/${ids.episodeId}/check-links`, { _csrf: csrf })).text();
      expect(plain).not.toContain('emailed');
      expect(smtp.mails).toHaveLength(3);
    });

    it('shows the link to copy when there is no SMTP server, or when the email fails', async () => {
      for (const [mailUrl, said] of [
        [null, 'no email set up'],
        ['smtp://127.0.0.1:1', 'could not be sent'],
      ] as const) {
        const a = app(mailUrl);
        const tag = mailUrl ? 'fail' : 'none';
        const { browser, csrf } = await signUp(a, `Mail ${tag}`, `mail-${tag}-${database.name}@example.org`);
        const ids = await clientWithEpisode(browser, csrf, `MAIL-${tag.toUpperCase()}`);
        await browser.post(`/clients/${ids.clientId}/email`, { _csrf: csrf, email: `x.${tag}@example.net` });
        const page = await (await browser.post(`/episodes/${ids.episodeId}/check-links`, { _csrf: csrf })).text();
        expect(page).toMatch(/data-testid="check-url"/);
        if (mailUrl) expect(page).toContain(said);
        else expect(await (await browser.get(`/clients/${ids.clientId}`)).text()).toContain(said);
        expect(logged.join('')).not.toContain(`x.${tag}@example.net`);
      }
    });

    it('sends a carer’s link to an address typed for it once, and keeps no copy of that address', async () => {
      const a = app(smtp.url);
      const { browser, csrf } = await signUp(a, 'Mail carer', `mail-carer-${database.name}@example.org`);
      const ids = await clientWithEpisode(browser, csrf, 'MAIL-CARER');
      const before = smtp.mails.length;
      const carer = `carer.${database.name}@example.net`;
      const page = await (
        await browser.post(`/episodes/${ids.episodeId}/carer-links`, {
          _csrf: csrf,
          instrumentId: 'goal-based-outcomes',
          email: carer,
        })
      ).text();
      expect(page).toContain('Rapport has also emailed this link');
      expect(smtp.mails).toHaveLength(before + 1);
      expect(bodyOf(smtp.mails.at(-1) ?? '')).toMatch(/\/carer\/[A-Za-z0-9_-]{43}/);
      const stored = JSON.stringify(await opened.store.db.selectFrom('carer_link').selectAll().execute());
      expect(stored).not.toContain(carer);
      expect(logged.join('')).not.toContain(carer);
    });
  });
}

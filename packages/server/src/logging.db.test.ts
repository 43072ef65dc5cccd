import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { TestBrowser, testApp } from './testing/harness.js';
import { HOME_WORLD_PIN } from './testing/home-world.js';
import { RECORD_NOTE_TEXT } from './testing/record-world.js';
import { buildWorld, type World } from './testing/roles.js';

/**
 * Logs never hold what identifies a client or opens their record (issue #9): requests that carry
 * codes, names, note text, PINs, passwords, link tokens and email addresses run through an app
 * logging at debug level into memory, and none of those values may appear in a line.
 */

const NAME = 'Imogen Quietly';
const CODE = 'LOGGED-NOT';
const NOTE = 'Words of a note that no log may hold';
const JOURNAL = 'Words of a journal entry that no log may hold';
const EMAIL = 'never.logged@example.org';
const PASSWORD = 'a long enough passphrase';

/** A memory destination for pino: each line parsed, without the clock and process fields (whose digits could match a PIN). */
function memoryLog() {
  const lines: string[] = [];
  const stream = {
    write(line: string) {
      const entry = Object.entries(JSON.parse(line) as Record<string, unknown>);
      lines.push(JSON.stringify(Object.fromEntries(entry.filter(([k]) => !['time', 'pid', 'hostname'].includes(k)))));
    },
  };
  return { lines, stream };
}

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`logging without personal data on ${database.label}`, () => {
    let opened: OpenedTestStore;
    const log = memoryLog();
    let world: World;
    let app: ReturnType<typeof createApp>;

    beforeAll(async () => {
      opened = await database.open();
      app = createApp({ ...testApp(opened.store).deps, logger: createLogger('debug', log.stream) });
      world = await buildWorld(app, opened.store, 'lg');
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('logs each request by its route pattern and none of the personal values it carried', async () => {
      const send = world.send.bind(world);
      const { cookie = '' } = await world.credentials('therapist');
      await app.request('http://localhost/clients', { headers: { cookie } });
      await send('therapist', 'POST', '/clients', { code: CODE, displayName: NAME });
      await send('therapist', 'GET', `/clients/${world.clientId}`);
      await send('therapist', 'POST', `/clients/${world.clientId}/email`, { email: EMAIL });
      await send('therapist', 'POST', `/notes/${world.record.noteId}`, { text: NOTE });
      await send('therapist', 'GET', `/notes/${world.record.noteId}`);
      await send('therapist', 'POST', '/journal', { text: JOURNAL, clientCode: world.clientCode });
      await send('anonymous', 'POST', `/h/${world.home.token}/unlock`, { secret: '0000' });
      await send('anonymous', 'POST', `/h/${world.home.token}/unlock`, { secret: HOME_WORLD_PIN });
      await send('home', 'GET', `/h/${world.home.token}/progress`);
      await send('link', 'GET', `/c/${world.checkToken}`);
      await send('link', 'GET', `/a/${world.agreementToken}`);
      await send('link', 'POST', `/a/${world.agreementToken}/agree`, { clientName: NAME, confirm: 'yes' });
      await send('link', 'GET', `/carer/${world.voice.carerToken}`);
      await send('link', 'GET', `/p/${world.voice.phoneToken}`);
      const browser = new TestBrowser(app);
      await browser.post('/login', { email: 'mx-a-lg@example.org', password: 'not the password at all' });
      await browser.post('/login', { email: 'mx-a-lg@example.org', password: PASSWORD });

      const secrets = [
        CODE,
        NAME,
        NOTE,
        JOURNAL,
        RECORD_NOTE_TEXT,
        EMAIL,
        PASSWORD,
        world.clientCode,
        'mx-a-lg@example.org',
        `/h/${world.home.token}`,
        world.home.token,
        world.checkToken,
        world.agreementToken,
        world.voice.carerToken,
        world.voice.phoneToken,
        cookie.split('=')[1] ?? 'no cookie',
        `"${HOME_WORLD_PIN}"`,
        `:${HOME_WORLD_PIN}`,
      ];
      const text = log.lines.join('\n');
      expect(log.lines.length).toBeGreaterThan(20);
      expect(text).toContain('"route":"/h/:token/unlock"');
      expect(text).toContain('"route":"/c/:token"');
      for (const secret of secrets) expect(text, secret).not.toContain(secret);
    });

    it('redacts personal fields should one ever be logged by mistake', () => {
      const mistakes = memoryLog();
      const logger = createLogger('debug', mistakes.stream);
      logger.info({ email: EMAIL, displayName: NAME, text: NOTE, token: world.checkToken, password: PASSWORD }, 'a');
      logger.info({ user: { email: EMAIL, displayName: NAME, password: PASSWORD }, record: { text: NOTE } }, 'b');
      logger.info(
        { headers: { cookie: 'rapport_session=abc' }, req: { headers: { cookie: 'rapport_session=abc' } } },
        'c',
      );
      const text = mistakes.lines.join('\n');
      for (const secret of [EMAIL, NAME, NOTE, world.checkToken, PASSWORD, 'rapport_session=abc']) {
        expect(text, secret).not.toContain(secret);
      }
      expect(text.match(/\[redacted\]/g)?.length).toBe(11);
    });
  });
}

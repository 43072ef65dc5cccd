import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asEpisodeId, type ContractBody, type PracticeId, type UserId } from '@rapport/core';
import { countRows, testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { hashPassword } from '../auth/password.js';
import { tokenHash } from '../auth/tokens.js';
import { TestBrowser, TestClock, practiceWithClient, testApp } from '../testing/harness.js';

const PASSWORD = 'a long enough passphrase';
const NOTE = 'Tearful when she spoke of her sister; something about being left behind.';
const JOURNAL = 'I rushed to reassure Ben again. Wondering whose anxiety that soothes.';

const body: ContractBody = {
  settings: ['video'],
  audience: 'adult',
  values: {},
  sections: [
    {
      clauseId: 'contact-between-sessions',
      clauseVersion: 1,
      topic: 'contact-between-sessions',
      title: 'Contact between sessions',
      standard: 'Email for arrangements only.',
      plain: 'Email for arrangements only.',
    },
  ],
};

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the therapist's own record through the app on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;
    let admin: { browser: TestBrowser; csrf: string };
    let author: { browser: TestBrowser; csrf: string };
    let colleague: { browser: TestBrowser; csrf: string };
    let ids: { clientId: string; episodeId: string };
    let practiceId: PracticeId;
    let adminId: UserId;
    const clock = new TestClock('2026-03-02T15:00:00.000Z');

    /** Adds a therapist to the practice and signs them in through the login form. */
    async function therapist(email: string) {
      const added = await opened.store.addUser(
        practiceId,
        { email, name: email.split('@')[0] ?? email, role: 'therapist', passwordHash: await hashPassword(PASSWORD) },
        clock.now().toISOString(),
      );
      if (!added.ok) throw new Error('setup');
      const browser = new TestBrowser(t.app);
      expect((await browser.post('/login', { email, password: PASSWORD })).status).toBe(303);
      return { browser, csrf: TestBrowser.csrfFrom(await (await browser.get('/clients')).text()) };
    }

    const count = (table: 'episode_session' | 'session_note' | 'boundary_event' | 'journal_entry') =>
      countRows(opened.store, table);
    const actions = async () => (await opened.store.listAudit(practiceId, 200)).map((e) => e.action);

    beforeAll(async () => {
      opened = await database.open();
      t = testApp(opened.store, clock);
      const p = await practiceWithClient(t, 'Record practice', 'rec-admin@example.org', 'REC-1');
      ({ practiceId } = p);
      admin = p;
      ids = p;
      adminId = p.user.id;
      author = await therapist('rec-author@example.org');
      colleague = await therapist('rec-colleague@example.org');
    });
    afterAll(async () => {
      await opened.dispose();
    });

    async function addSession(form: Record<string, string>, who = author) {
      return who.browser.post(`/episodes/${ids.episodeId}/sessions`, { _csrf: who.csrf, ...form });
    }

    it('records sessions of mixed modality and attendance, oldest first, and audits each read and write', async () => {
      expect(
        (await addSession({ heldOn: '2026-03-02', modality: 'video', attendance: 'attended', minutes: '50' })).status,
      ).toBe(303);
      expect(
        (await addSession({ heldOn: '2026-02-23', modality: 'telephone', attendance: 'did-not-attend' })).status,
      ).toBe(303);
      const html = await (await author.browser.get(`/episodes/${ids.episodeId}/sessions`)).text();
      const page = html.slice(html.indexOf('<tbody>'));
      expect(page.indexOf('23 Feb 2026')).toBeLessThan(page.indexOf('2 Mar 2026'));
      expect(page).toContain('Did not attend');
      expect(page).toContain('50 min');
      expect(await actions()).toEqual(expect.arrayContaining(['session.add', 'sessions.read']));
    });

    it.each([
      [
        { heldOn: '2026-03-02', modality: 'carrier-pigeon', attendance: 'attended' },
        'Choose in person, telephone, video',
      ],
      [{ heldOn: '2026-02-30', modality: 'video', attendance: 'attended' }, 'Enter a date such as'],
      [{ heldOn: '2026-03-03', modality: 'video', attendance: 'attended' }, 'use today or an earlier date'],
      [
        { heldOn: '2026-03-02', modality: 'video', attendance: 'perhaps' },
        'Choose attended, cancelled or did not attend',
      ],
      [{ heldOn: '2026-03-02', modality: 'video', attendance: 'cancelled', minutes: '50' }, 'leave this blank'],
      [
        { heldOn: '2026-03-02', modality: 'video', attendance: 'attended', minutes: '9999' },
        'whole minutes from 1 to 600',
      ],
    ])('refuses a session %j with a clear message and writes nothing', async (form, message) => {
      const before = await count('episode_session');
      const res = await addSession(form);
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(message);
      expect(await count('episode_session')).toBe(before);
    });

    async function firstSessionId(): Promise<string> {
      const page = await (await author.browser.get(`/episodes/${ids.episodeId}/sessions`)).text();
      const m = /href="\/sessions\/([^/]+)\/note"/.exec(page);
      if (!m?.[1]) throw new Error('no session on the page');
      return m[1];
    }

    it('keeps a session note for its author alone: colleagues and the administrator get 404, the row holds no plain text', async () => {
      const sessionId = await firstSessionId();
      expect((await author.browser.get(`/sessions/${sessionId}/note`)).status).toBe(200);
      const saved = await author.browser.post(`/sessions/${sessionId}/notes`, { _csrf: author.csrf, text: NOTE });
      expect(saved.status).toBe(303);
      const notePath = (saved.headers.get('location') ?? '').replace('?saved=1', '');
      expect(notePath).toMatch(/^\/notes\/[0-9a-f-]{36}$/);
      expect(await (await author.browser.get(notePath)).text()).toContain(NOTE);

      for (const other of [colleague, admin]) {
        const read = await other.browser.get(notePath);
        expect(read.status).toBe(404);
        expect(await read.text()).not.toContain('sister');
        const write = await other.browser.post(notePath, { _csrf: other.csrf, text: 'overwritten' });
        expect(write.status).toBe(404);
        // Their own way in shows a blank note of their own, never the author's.
        const theirs = await (await other.browser.get(`/sessions/${sessionId}/note`)).text();
        expect(theirs).not.toContain('sister');
      }
      expect(await (await author.browser.get(notePath)).text()).toContain(NOTE);

      const rows = await opened.store.db.selectFrom('session_note').select('sealed_text').execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]?.sealed_text).toMatch(/^v1\.1\./);
      expect(JSON.stringify(rows)).not.toContain('sister');
      expect(await actions()).toEqual(expect.arrayContaining(['session-note.write', 'session-note.read']));
    });

    it('changes a note to the latest text and records when; refuses empty and over-long text, writing nothing', async () => {
      const sessionId = await firstSessionId();
      const sessions = await (await author.browser.get(`/episodes/${ids.episodeId}/sessions`)).text();
      const notePath = /href="(\/notes\/[^"]+)"/.exec(sessions)?.[1] ?? '';
      expect(notePath).toMatch(/^\/notes\//);
      clock.advance(60_000);
      expect(
        (await author.browser.post(notePath, { _csrf: author.csrf, text: `${NOTE} Follow up next week.` })).status,
      ).toBe(303);
      const page = await (await author.browser.get(notePath)).text();
      expect(page).toContain('Follow up next week.');
      expect(page).toContain('last changed');
      const before = await opened.store.db.selectFrom('session_note').select(['sealed_text', 'updated_at']).execute();
      for (const [text, message] of [
        ['   ', 'Write something before saving.'],
        ['x'.repeat(10_001), 'Use at most 10000 characters (this has 10001).'],
      ] as const) {
        const res = await author.browser.post(notePath, { _csrf: author.csrf, text });
        expect(res.status).toBe(422);
        expect(await res.text()).toContain(message);
      }
      const fresh = await author.browser.post(`/sessions/${sessionId}/notes`, { _csrf: author.csrf, text: '' });
      expect(fresh.status).toBe(422);
      expect(await opened.store.db.selectFrom('session_note').select(['sealed_text', 'updated_at']).execute()).toEqual(
        before,
      );
    });

    it('logs a boundary event against a clause of the agreed contract, encrypted, readable by the practice', async () => {
      const offered = await opened.store.frame.offerContract(practiceId, {
        episodeId: asEpisodeId(ids.episodeId),
        body,
        contentHash: 'h',
        createdBy: adminId,
        createdAt: clock.now().toISOString(),
        tokenHash: tokenHash('record-contract'),
        expiresAt: new Date(clock.now().getTime() + 86_400_000).toISOString(),
      });
      if (!offered.ok) throw new Error('setup');
      const link = await opened.store.frame.findContractLink(tokenHash('record-contract'));
      if (!link) throw new Error('setup');
      await opened.store.frame.agreeContract(practiceId, link.linkId, {
        contentHash: 'h',
        signatures: [{ role: 'client', signedName: 'R' }],
        at: clock.now().toISOString(),
      });
      const path = `/episodes/${ids.episodeId}/boundaries`;
      const form = { _csrf: author.csrf, kind: 'gift', occurredOn: '2026-02-27', description: 'A hand-made card' };
      const before = await count('boundary_event');
      for (const [bad, message] of [
        [{ kind: 'bribe' }, 'Choose what kind of event this was.'],
        [{ clauseId: 'not-in-the-contract' }, 'Choose a clause of the agreed contract, or none.'],
        [{ description: '' }, 'Write something before saving.'],
        [{ description: 'x'.repeat(501) }, 'Use at most 500 characters'],
      ] as const) {
        const res = await author.browser.post(path, { ...form, ...bad });
        expect(res.status).toBe(422);
        expect(await res.text()).toContain(message);
      }
      expect(await count('boundary_event')).toBe(before);

      const res = await author.browser.raw(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
        body: new URLSearchParams([
          ...Object.entries({ ...form, clauseId: 'contact-between-sessions', reflection: 'Accepted it warmly.' }),
          ['principles', 'being-trustworthy'],
          ['principles', 'self-respect'],
        ]).toString(),
      });
      expect(res.status).toBe(303);
      const page = await (await colleague.browser.get(path)).text();
      expect(page).toContain('A hand-made card');
      expect(page).toContain('Contact between sessions');
      expect(page).toContain('Being trustworthy (fidelity), Self-respect');
      const rows = await opened.store.db.selectFrom('boundary_event').selectAll().execute();
      expect(JSON.stringify(rows)).not.toMatch(/hand-made|warmly/);
      expect(await actions()).toEqual(expect.arrayContaining(['boundary.add', 'boundaries.read']));
    });

    it('keeps the journal private to its author, finds entries by search, and refuses bad input', async () => {
      const before = await count('journal_entry');
      for (const [form, message] of [
        [{ text: '' }, 'Write something before saving.'],
        [{ text: 'x', clientCode: 'NOPE-1' }, 'There is no client with that code in your practice.'],
        [{ text: 'x', signal: 'weather' }, 'Choose a signal from the list, or none.'],
        [{ text: 'x'.repeat(10_001) }, 'Use at most 10000 characters'],
      ] as const) {
        const res = await author.browser.post('/journal', { _csrf: author.csrf, ...form });
        expect(res.status).toBe(422);
        expect(await res.text()).toContain(message);
      }
      expect(await count('journal_entry')).toBe(before);

      const saved = await author.browser.post('/journal', {
        _csrf: author.csrf,
        text: JOURNAL,
        clientCode: 'rec-1',
        signal: 'rupture',
        prompt: 'rupture',
      });
      expect(saved.status).toBe(303);
      const entryPath = (saved.headers.get('location') ?? '').replace('?saved=1', '');
      await author.browser.post('/journal', { _csrf: author.csrf, text: 'A quiet week.' });

      const found = await (await author.browser.get('/journal?q=ANXIETY%20soothes')).text();
      expect(found).toContain('1 of 2 entries hold');
      expect(found).toContain('Wondering whose anxiety');
      expect(found).not.toContain('A quiet week.');
      const entry = await (await author.browser.get(entryPath)).text();
      expect(entry).toContain('REC-1');
      expect(entry).toContain('When did I first sense the strain');

      for (const other of [colleague, admin]) {
        expect((await other.browser.get(entryPath)).status).toBe(404);
        expect((await other.browser.post(entryPath, { _csrf: other.csrf, text: 'mine now' })).status).toBe(404);
        expect(await (await other.browser.get('/journal?q=anxiety')).text()).not.toContain('Wondering');
      }
      const rows = await opened.store.db.selectFrom('journal_entry').select('sealed_text').execute();
      expect(JSON.stringify(rows)).not.toMatch(/anxiety|quiet week/);
      expect(await actions()).toEqual(expect.arrayContaining(['journal.write', 'journal.read']));
    });

    it('answers 404 for malformed and unknown ids without touching the database', async () => {
      for (const path of [
        '/notes/not-a-uuid',
        '/journal/%00',
        '/sessions/x/note',
        '/episodes/zz/sessions',
        '/episodes/zz/boundaries',
      ]) {
        expect((await author.browser.get(path)).status, path).toBe(404);
      }
      expect((await author.browser.get('/notes/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });
  });
}

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asEpisodeId, type PracticeId, type User } from '@rapport/core';
import { countRows, testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { hashPassword } from '../auth/password.js';
import { journalPlace, notePlace } from '../record/sealed.js';
import { rotateDataKeys } from '../crypto/index.js';
import {
  TEST_MASTER_KEY,
  TestBrowser,
  TestClock,
  clientWithEpisode,
  issueLink,
  signUp,
  signUpPractice,
  testApp,
  type SignedUpPractice,
} from '../testing/harness.js';

const PASSWORD = 'a long enough passphrase';
const NAME = 'Zara Quill';
const NOTE = 'Zara cried when her father came up; I held back from rescuing.';
const JOURNAL = 'Something about this client makes me want to be the good parent. Take it to supervision.';
const CLIENT_WORDS = 'More about my brother Tomasz please';
const QUESTION = 'The score dipped in week two. Am I avoiding the anger?';

/** The relationship check with the client's own words in its free-text item. */
const check = (rating: string) => ({
  bond: rating,
  goals: rating,
  approach: rating,
  understood: rating,
  respected: rating,
  genuine: rating,
  overall: rating,
  'more-or-less': CLIENT_WORDS,
  tension: 'no',
});

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`supervision through the app on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;
    const clock = new TestClock('2026-03-02T10:00:00.000Z');
    let admin: SignedUpPractice;
    let practiceId: PracticeId;
    let adminUser: User;
    let ids: { clientId: string; episodeId: string };
    let supervisor: { browser: TestBrowser; csrf: string; id: string };
    let journalEntryId: string;

    const count = (table: 'app_user' | 'supervision_link' | 'supervision_item') => countRows(opened.store, table);
    const actions = async () => (await opened.store.listAudit(practiceId, 500)).map((e) => e.action);

    /** Signs in through the login form and returns the browser with a CSRF token from `page`. */
    async function signIn(email: string, password: string, page: string) {
      const browser = new TestBrowser(t.app);
      const res = await browser.post('/login', { email, password });
      expect(res.status).toBe(303);
      return { browser, res, csrf: TestBrowser.csrfFrom(await (await browser.get(page)).text()) };
    }

    beforeAll(async () => {
      opened = await database.open();
      t = testApp(opened.store, clock);
      admin = await signUpPractice(t, 'Supervised practice', 'sup-admin@example.org');
      ({ user: adminUser, practiceId } = admin);
      // A client with a name, two answered checks with the client's own words, a note and a journal entry.
      ids = await clientWithEpisode(admin.browser, admin.csrf, 'SUP-1', NAME);
      const { episodeId } = ids;
      for (const rating of ['8', '5']) {
        const link = await issueLink(admin.browser, admin.csrf, episodeId);
        expect((await new TestBrowser(t.app).post(link, check(rating))).status).toBe(303);
        clock.advance(30 * 60_000);
      }
      const session = await opened.store.record.addSession(
        practiceId,
        {
          episodeId: asEpisodeId(episodeId),
          heldOn: '2026-03-02',
          modality: 'in-person',
          attendance: 'attended',
          minutes: 50,
          recordedBy: adminUser.id,
        },
        clock.now().toISOString(),
      );
      if (!session.ok) throw new Error('setup');
      const noteId = randomUUID();
      await opened.store.record.createNote(
        practiceId,
        {
          id: noteId,
          sessionId: session.value.id,
          authorId: adminUser.id,
          sealedText: await t.deps.keys.seal(practiceId, notePlace(noteId), NOTE),
        },
        clock.now().toISOString(),
      );
      journalEntryId = randomUUID();
      await opened.store.record.addJournalEntry(
        practiceId,
        {
          id: journalEntryId,
          authorId: adminUser.id,
          sealedText: await t.deps.keys.seal(practiceId, journalPlace(journalEntryId), JOURNAL),
          clientId: ids.clientId as never,
          signal: 'rupture',
          guideQuestionId: null,
          promptId: null,
        },
        clock.now().toISOString(),
      );
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('lets the administrator add a supervisor with a first password that only opens the password page', async () => {
      const before = await count('app_user');
      const bad = await admin.browser.post('/practice/users', {
        _csrf: admin.csrf,
        name: '',
        email: 'not an address',
        role: 'owner',
      });
      expect(bad.status).toBe(422);
      const badPage = await bad.text();
      expect(badPage).toContain('Choose therapist, supervisor or practice administrator.');
      expect(await count('app_user')).toBe(before);

      const added = await admin.browser.post('/practice/users', {
        _csrf: admin.csrf,
        name: 'Sam Supervisor',
        email: 'Sam@Example.org',
        role: 'supervisor',
      });
      expect(added.status).toBe(200);
      expect(added.headers.get('cache-control')).toBe('no-store');
      const shown = /data-testid="first-password">([^<]+)</.exec(await added.text())?.[1] ?? '';
      expect(shown).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(await count('app_user')).toBe(before + 1);
      // Stored only as an argon2id hash.
      const login = await opened.store.findLogin('sam@example.org');
      expect(login?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(login?.passwordHash).not.toContain(shown);
      const again = await admin.browser.post('/practice/users', {
        _csrf: admin.csrf,
        name: 'Sam Again',
        email: 'sam@example.org',
        role: 'therapist',
      });
      expect(again.status).toBe(409);

      // First sign-in: everything but the password page is closed until they choose their own.
      const first = new TestBrowser(t.app);
      const signedIn = await first.post('/login', { email: 'sam@example.org', password: shown });
      expect(signedIn.headers.get('location')).toBe('/supervision');
      const gated = await first.get('/supervision');
      expect(gated.headers.get('location')).toBe('/account/password');
      const passwordPage = await (await first.get('/account/password')).text();
      expect(passwordPage).toContain('Please choose your own password');
      const csrf = TestBrowser.csrfFrom(passwordPage);
      expect((await first.post('/supervision/items/x/discussed', { _csrf: csrf })).status).toBe(403);
      const changed = await first.post('/account/password', { _csrf: csrf, current: shown, password: PASSWORD });
      expect(changed.status).toBe(303);
      expect((await first.get('/supervision')).status).toBe(200);
      const id = login?.user.id ?? '';
      supervisor = { ...(await signIn('sam@example.org', PASSWORD, '/supervision')), id };
      // A therapist cannot add people.
      await opened.store.addUser(
        practiceId,
        { email: 'plain@example.org', name: 'Plain', role: 'therapist', passwordHash: await hashPassword(PASSWORD) },
        clock.now().toISOString(),
      );
      const plain = await signIn('plain@example.org', PASSWORD, '/clients');
      expect((await plain.browser.get('/practice/users')).status).toBe(403);
      expect(
        (
          await plain.browser.post('/practice/users', {
            _csrf: plain.csrf,
            name: 'X',
            email: 'x@example.org',
            role: 'practice-admin',
          })
        ).status,
      ).toBe(403);
      expect(await actions()).toContain('user.add');
    });

    it('links the supervisor to a therapist, and refuses links the roles do not allow', async () => {
      const before = await count('supervision_link');
      const wrong = await admin.browser.post('/practice/supervision', {
        _csrf: admin.csrf,
        supervisorId: adminUser.id,
        superviseeId: supervisor.id,
      });
      expect(wrong.status).toBe(422);
      expect((await admin.browser.post('/practice/supervision', { _csrf: admin.csrf, supervisorId: 'x' })).status).toBe(
        422,
      );
      expect(
        (
          await admin.browser.post('/practice/supervision', {
            _csrf: admin.csrf,
            supervisorId: supervisor.id,
            superviseeId: randomUUID(),
          })
        ).status,
      ).toBe(404);
      expect(await count('supervision_link')).toBe(before);
      const linked = await admin.browser.post('/practice/supervision', {
        _csrf: admin.csrf,
        supervisorId: supervisor.id,
        superviseeId: adminUser.id,
      });
      expect(linked.status).toBe(303);
      const page = await (await admin.browser.get('/practice/supervision')).text();
      expect(page).toContain('Stop Sam Supervisor supervising Therapist of Supervised practice');
      expect(await actions()).toContain('supervision.link');
    });

    it('keeps the therapist’s agenda, refusing a question that names the client and a journal entry not theirs', async () => {
      const before = await count('supervision_item');
      const named = await admin.browser.post('/supervision/items', {
        _csrf: admin.csrf,
        episodeId: ids.episodeId,
        question: 'Why does zara go quiet?',
      });
      expect(named.status).toBe(422);
      expect(await named.text()).toContain('Leave out “Zara”');
      const notMine = await admin.browser.post('/supervision/items', {
        _csrf: admin.csrf,
        episodeId: ids.episodeId,
        question: QUESTION,
        journalEntryId: randomUUID(),
      });
      expect(notMine.status).toBe(404);
      expect(await count('supervision_item')).toBe(before);
      const added = await admin.browser.post('/supervision/items', {
        _csrf: admin.csrf,
        episodeId: ids.episodeId,
        question: QUESTION,
        signal: 'rupture',
        journalEntryId,
      });
      expect(added.status).toBe(303);
      const mine = await (await admin.browser.get('/supervision')).text();
      expect(mine).toContain(QUESTION);
      expect(mine).toContain('Supervised by Sam Supervisor');
      expect(mine).toContain(`href="/journal/${journalEntryId}"`);
      // Sealed at rest, like the rest of the therapist's record.
      const stored = await opened.store.db.selectFrom('supervision_item').select('sealed_question').executeTakeFirst();
      expect(stored?.sealed_question).not.toContain('anger');
      // A supervisor writes no agenda of their own.
      const refused = await supervisor.browser.post('/supervision/items', {
        _csrf: supervisor.csrf,
        episodeId: ids.episodeId,
        question: QUESTION,
      });
      expect(refused.status).toBe(403);
      expect(await count('supervision_item')).toBe(before + 1);
    });

    it('shows the supervisor codes, scores, signals and the agenda, never names, notes, journals or clients’ words', async () => {
      const home = await (await supervisor.browser.get('/supervision')).text();
      expect(home).toContain(`href="/supervision/${adminUser.id}"`);
      expect(home).toContain('href="/supervision">Supervision</a>');
      expect(home).not.toContain('href="/clients"');
      const res = await supervisor.browser.get(`/supervision/${adminUser.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const page = await res.text();
      expect(page).toContain('SUP-1');
      expect(page).toContain(QUESTION.replace('?', ''));
      expect(page).toMatch(/<svg[^>]*role="img"/);
      expect(page).toContain('Linked to an entry in their journal');
      for (const secret of [NAME, 'Zara', 'Quill', NOTE, JOURNAL, 'good parent', CLIENT_WORDS, 'Tomasz']) {
        expect(page).not.toContain(secret);
      }
      expect(page).not.toContain(`/clients/${ids.clientId}`);
      expect(page).not.toContain(`/journal/${journalEntryId}`);
      const audit = await opened.store.listAudit(practiceId, 500);
      expect(
        audit.filter((e) => e.action === 'supervision.read' && e.clientId === ids.clientId && e.actor.kind === 'user'),
      ).toHaveLength(1);
      expect(audit.map((e) => e.action)).toContain('agenda.read');
    });

    it('keeps agenda questions readable after the data keys are rotated', async () => {
      const [before] = await opened.store.db.selectFrom('supervision_item').select('sealed_question').execute();
      await rotateDataKeys(opened.store.record, TEST_MASTER_KEY, clock.now().toISOString());
      const [after] = await opened.store.db.selectFrom('supervision_item').select('sealed_question').execute();
      expect(after?.sealed_question).not.toBe(before?.sealed_question);
      expect(await (await supervisor.browser.get(`/supervision/${adminUser.id}`)).text()).toContain(
        'avoiding the anger',
      );
    });

    it('refuses the supervisor every page of the client record', async () => {
      const noteId = (await opened.store.db.selectFrom('session_note').select('id').executeTakeFirstOrThrow()).id;
      for (const path of [
        '/clients',
        `/clients/${ids.clientId}`,
        '/journal',
        `/journal/${journalEntryId}`,
        `/notes/${noteId}`,
        `/episodes/${ids.episodeId}/sessions`,
        `/episodes/${ids.episodeId}/boundaries`,
        `/episodes/${ids.episodeId}/contract`,
      ]) {
        const res = await supervisor.browser.get(path);
        expect([403, 404], path).toContain(res.status);
        const html = await res.text();
        for (const secret of [NAME, NOTE, JOURNAL, CLIENT_WORDS]) expect(html, path).not.toContain(secret);
      }
      const post = await supervisor.browser.post(`/episodes/${ids.episodeId}/home-link`, { _csrf: supervisor.csrf });
      expect(post.status).toBe(403);
    });

    it('lets the supervisor mark an item discussed once, after which it cannot be withdrawn', async () => {
      const [item] = await opened.store.supervision.listItems(practiceId, adminUser.id);
      if (!item) throw new Error('no item');
      // Another supervisor, not linked, finds no such item or page.
      await opened.store.addUser(
        practiceId,
        {
          email: 'other-sup@example.org',
          name: 'Other',
          role: 'supervisor',
          passwordHash: await hashPassword(PASSWORD),
        },
        clock.now().toISOString(),
      );
      const other = await signIn('other-sup@example.org', PASSWORD, '/supervision');
      expect((await other.browser.get(`/supervision/${adminUser.id}`)).status).toBe(404);
      expect((await other.browser.post(`/supervision/items/${item.id}/discussed`, { _csrf: other.csrf })).status).toBe(
        404,
      );
      const marked = await supervisor.browser.post(`/supervision/items/${item.id}/discussed`, {
        _csrf: supervisor.csrf,
      });
      expect(marked.status).toBe(303);
      expect(marked.headers.get('location')).toBe(`/supervision/${adminUser.id}`);
      const twice = await supervisor.browser.post(`/supervision/items/${item.id}/discussed`, {
        _csrf: supervisor.csrf,
      });
      expect(twice.status).toBe(303);
      expect((await opened.store.supervision.getItem(practiceId, item.id))?.status).toBe('discussed');
      expect((await admin.browser.post(`/supervision/items/${item.id}/withdraw`, { _csrf: admin.csrf })).status).toBe(
        409,
      );
      expect((await actions()).filter((a) => a === 'agenda-item.discussed')).toHaveLength(1);
    });

    it('lets a therapist withdraw an open item of their own only', async () => {
      const added = await admin.browser.post('/supervision/items', {
        _csrf: admin.csrf,
        episodeId: ids.episodeId,
        question: 'Ending plans',
      });
      expect(added.status).toBe(303);
      const open = (await opened.store.supervision.listItems(practiceId, adminUser.id)).find(
        (i) => i.status === 'open',
      );
      if (!open) throw new Error('no open item');
      const colleague = await signIn('plain@example.org', PASSWORD, '/clients');
      expect(
        (await colleague.browser.post(`/supervision/items/${open.id}/withdraw`, { _csrf: colleague.csrf })).status,
      ).toBe(404);
      expect((await admin.browser.post(`/supervision/items/${open.id}/withdraw`, { _csrf: admin.csrf })).status).toBe(
        303,
      );
      expect(await opened.store.supervision.getItem(practiceId, open.id)).toBeNull();
    });

    it('shows a supervisor of another practice nothing of this one', async () => {
      const b = await signUp(t.app, 'Practice B', 'sup-b@example.org');
      const bLogin = await opened.store.findLogin('sup-b@example.org');
      if (!bLogin) throw new Error('setup');
      await opened.store.addUser(
        bLogin.user.practiceId,
        { email: 'b-sup@example.org', name: 'B Sup', role: 'supervisor', passwordHash: await hashPassword(PASSWORD) },
        clock.now().toISOString(),
      );
      const bSup = await signIn('b-sup@example.org', PASSWORD, '/supervision');
      const res = await bSup.browser.get(`/supervision/${adminUser.id}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('SUP-1');
      expect(await (await bSup.browser.get('/supervision')).text()).not.toContain('SUP-1');
      expect(await (await b.browser.get('/practice/users')).text()).not.toContain('sam@example.org');
    });
  });
}

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { TestBrowser, clientWithEpisode, issueLink, signUp, testApp } from './testing/harness.js';
import { seedRecordWorld, type RecordWorld } from './testing/record-world.js';
import { seedWorkspaceWorld, type WorkspaceWorld } from './testing/workspace-world.js';
import { seedSupervisionWorld, type SupervisionWorld } from './testing/supervision-world.js';

/**
 * Every route the app has, with how practice A's ids fill its parameters.
 * A route added without an entry here fails the first test, so no route can
 * skip the isolation check.
 */
type Ids = { clientId: string; episodeId: string } & RecordWorld & WorkspaceWorld & SupervisionWorld;
const PRACTICE_ROUTES: Readonly<Record<string, (ids: Ids) => string>> = {
  'GET /clients/:clientId': (ids) => `/clients/${ids.clientId}`,
  'POST /clients/:clientId/episodes': (ids) => `/clients/${ids.clientId}/episodes`,
  'POST /episodes/:episodeId/check-links': (ids) => `/episodes/${ids.episodeId}/check-links`,
  // The client's voice: the client's email address, a carer's settings and links, answers given by phone.
  'POST /clients/:clientId/email': (ids) => `/clients/${ids.clientId}/email`,
  'POST /episodes/:episodeId/carer-sharing': (ids) => `/episodes/${ids.episodeId}/carer-sharing`,
  'POST /episodes/:episodeId/carer-links': (ids) => `/episodes/${ids.episodeId}/carer-links`,
  'GET /episodes/:episodeId/phone-entry': (ids) => `/episodes/${ids.episodeId}/phone-entry`,
  'POST /episodes/:episodeId/phone-entry': (ids) => `/episodes/${ids.episodeId}/phone-entry`,
  'GET /episodes/:episodeId/contract': (ids) => `/episodes/${ids.episodeId}/contract`,
  'POST /episodes/:episodeId/contract': (ids) => `/episodes/${ids.episodeId}/contract`,
  'GET /episodes/:episodeId/contract/:version/contract.pdf': (ids) =>
    `/episodes/${ids.episodeId}/contract/1/contract.pdf`,
  'GET /episodes/:episodeId/contract/:version/consent.json': (ids) =>
    `/episodes/${ids.episodeId}/contract/1/consent.json`,
  // The therapist's own record: sessions and the boundary log per episode, notes and journal entries per author.
  'GET /episodes/:episodeId/sessions': (ids) => `/episodes/${ids.episodeId}/sessions`,
  'POST /episodes/:episodeId/sessions': (ids) => `/episodes/${ids.episodeId}/sessions`,
  'GET /sessions/:sessionId/note': (ids) => `/sessions/${ids.sessionId}/note`,
  'POST /sessions/:sessionId/notes': (ids) => `/sessions/${ids.sessionId}/notes`,
  'GET /notes/:noteId': (ids) => `/notes/${ids.noteId}`,
  'POST /notes/:noteId': (ids) => `/notes/${ids.noteId}`,
  'GET /episodes/:episodeId/boundaries': (ids) => `/episodes/${ids.episodeId}/boundaries`,
  'POST /episodes/:episodeId/boundaries': (ids) => `/episodes/${ids.episodeId}/boundaries`,
  // The episode's timeline and its PDF report.
  'GET /episodes/:episodeId/timeline': (ids) => `/episodes/${ids.episodeId}/timeline`,
  'GET /episodes/:episodeId/report.pdf': (ids) => `/episodes/${ids.episodeId}/report.pdf`,
  'GET /journal/:entryId': (ids) => `/journal/${ids.journalEntryId}`,
  'POST /journal/:entryId': (ids) => `/journal/${ids.journalEntryId}`,
  // The client's home link, given and stopped by the therapist per episode.
  'POST /episodes/:episodeId/home-link': (ids) => `/episodes/${ids.episodeId}/home-link`,
  'POST /episodes/:episodeId/home-link/revoke': (ids) => `/episodes/${ids.episodeId}/home-link/revoke`,
  // The therapist's workspace: their own rating of a session, and a rupture's guidance and repair notes.
  'GET /episodes/:episodeId/perspective': (ids) => `/episodes/${ids.episodeId}/perspective`,
  'POST /episodes/:episodeId/perspective': (ids) => `/episodes/${ids.episodeId}/perspective`,
  'GET /episodes/:episodeId/ruptures/:ruptureId': (ids) => `/episodes/${ids.episodeId}/ruptures/${ids.ruptureId}`,
  'POST /episodes/:episodeId/ruptures/:ruptureId/attempts': (ids) =>
    `/episodes/${ids.episodeId}/ruptures/${ids.ruptureId}/attempts`,
  // Endings: the ending page and summary, what was agreed, the close, the ending's links, the follow-up.
  'GET /episodes/:episodeId/ending': (ids) => `/episodes/${ids.episodeId}/ending`,
  'POST /episodes/:episodeId/ending': (ids) => `/episodes/${ids.episodeId}/ending`,
  'GET /episodes/:episodeId/ending/summary': (ids) => `/episodes/${ids.episodeId}/ending/summary`,
  'POST /episodes/:episodeId/ending/preparation': (ids) => `/episodes/${ids.episodeId}/ending/preparation`,
  'POST /episodes/:episodeId/ending/review': (ids) => `/episodes/${ids.episodeId}/ending/review`,
  'POST /episodes/:episodeId/ending/check-in': (ids) => `/episodes/${ids.episodeId}/ending/check-in`,
  'POST /episodes/:episodeId/ending/follow-up': (ids) => `/episodes/${ids.episodeId}/ending/follow-up`,
  'POST /episodes/:episodeId/ending/follow-up/send': (ids) => `/episodes/${ids.episodeId}/ending/follow-up/send`,
  // Data rights: the client's record to take away, and erasure (unconfirmed here: nothing goes).
  'GET /clients/:clientId/export.json': (ids) => `/clients/${ids.clientId}/export.json`,
  'GET /clients/:clientId/export.fhir.json': (ids) => `/clients/${ids.clientId}/export.fhir.json`,
  'GET /clients/:clientId/export.pdf': (ids) => `/clients/${ids.clientId}/export.pdf`,
  'GET /clients/:clientId/erase': (ids) => `/clients/${ids.clientId}/erase`,
  'POST /clients/:clientId/erase': (ids) => `/clients/${ids.clientId}/erase`,
  // Supervision: a supervisee's page and the items of their agenda.
  'GET /supervision/:superviseeId': (ids) => `/supervision/${ids.superviseeId}`,
  'POST /supervision/items/:itemId/discussed': (ids) => `/supervision/items/${ids.itemId}/discussed`,
  'POST /supervision/items/:itemId/withdraw': (ids) => `/supervision/items/${ids.itemId}/withdraw`,
};
/** Routes that hold no client data of their own, or act only on the caller's own practice. */
const NOT_ID_SCOPED = new Set([
  'GET /',
  'GET /login',
  'POST /login',
  'POST /logout',
  'GET /signup',
  'POST /signup',
  'GET /clients',
  'POST /clients',
  // The caseload report: the signed-in user's own practice's open episodes.
  'GET /reports/caseload.pdf',
  // The practice's export: every client of the administrator's own practice.
  'GET /practice/export.json',
  // The journal's list and new entry: the signed-in user's own entries only.
  'GET /journal',
  'POST /journal',
  'GET /assets/app.css',
  'GET /healthz',
  'GET /c/thanks',
  // Two-step sign-in, password change and the administrator's pages act on the caller's own account or practice.
  'GET /login/two-factor',
  'POST /login/two-factor',
  'GET /account/two-factor',
  'POST /account/two-factor/setup',
  'POST /account/two-factor/confirm',
  'POST /account/two-factor/disable',
  'GET /account/password',
  'POST /account/password',
  'GET /practice/security',
  'POST /practice/security',
  'GET /practice/audit',
  // Endings list and outcomes across episodes: the signed-in user's own practice (or own episodes).
  'GET /endings',
  'GET /practice/outcomes',
  // Supervision: the administrator's people and links, and the signed-in user's own agenda or supervisees.
  'GET /practice/users',
  'POST /practice/users',
  'GET /practice/supervision',
  'POST /practice/supervision',
  'POST /practice/supervision/remove',
  'GET /supervision',
  'POST /supervision/items',
  'GET /c/:token',
  'POST /c/:token',
  // The client's voice on token links (a carer's, answers by phone to check, rate it tomorrow): the token carries its practice.
  'POST /c/:token/later',
  'GET /p/:token',
  'POST /p/:token/confirm',
  'GET /p/:token/change',
  'POST /p/:token/change',
  'GET /carer/:token',
  'POST /carer/:token',
  // Clause wording: the practice's own library, scoped by the signed-in user's practice.
  'GET /practice/clauses',
  'GET /practice/clauses/:clauseId',
  'POST /practice/clauses/:clauseId',
  // The client's home: its link (and the home's session) is the credential, and the home carries its practice.
  'GET /h/:token',
  'POST /h/:token/pin',
  'POST /h/:token/unlock',
  'POST /h/:token/lock',
  'POST /h/:token/ratings',
  'GET /h/:token/goals',
  'POST /h/:token/goals',
  'POST /h/:token/goals/:goalId/reword',
  'POST /h/:token/goals/:goalId/retire',
  'GET /h/:token/progress',
  'POST /h/:token/notes',
  'GET /h/:token/agreement',
  'GET /h/:token/check/:linkId',
  'POST /h/:token/check/:linkId',
  'POST /h/:token/check/:linkId/later',
  'POST /h/:token/preferences',
  // Agreement links: the token is the credential and carries its practice.
  'GET /a/:token',
  'POST /a/:token/question',
  'POST /a/:token/agree',
  // The guide: public reading, no client data.
  'GET /assets/guide-search.js',
  'GET /guide',
  'GET /guide/search',
  'GET /guide/search.json',
  'GET /guide/references',
  'GET /guide/signal/:signal',
  'GET /guide/:chapter',
  'GET /guide/:chapter/print',
  'GET /guide/:chapter/:questionId',
]);

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`practice isolation on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;

    beforeAll(async () => {
      opened = await database.open();
      t = testApp(opened.store);
    });
    afterAll(async () => {
      await opened.dispose();
    });

    it('has an isolation entry for every route the app serves', () => {
      const routes = new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
      const unclassified = [...routes].filter((r) => !(r in PRACTICE_ROUTES) && !NOT_ID_SCOPED.has(r));
      expect(unclassified).toEqual([]);
    });

    it('gives a second practice no way to read or change the first practice’s records through any route', async () => {
      const a = await signUp(t.app, 'Practice A', 'iso-a@example.org');
      const episode = await clientWithEpisode(a.browser, a.csrf, 'ISO-A');
      await issueLink(a.browser, a.csrf, episode.episodeId);
      const practiceOfA = (await opened.store.findLogin('iso-a@example.org'))?.user;
      if (!practiceOfA) throw new Error('no user A');
      const ids: Ids = {
        ...episode,
        ...(await seedRecordWorld(opened.store, practiceOfA.practiceId, practiceOfA.id, episode.episodeId)),
        ...(await seedWorkspaceWorld(opened.store, practiceOfA.practiceId, practiceOfA.id, episode.episodeId)),
        ...(await seedSupervisionWorld(
          opened.store,
          practiceOfA.practiceId,
          practiceOfA.id,
          episode.episodeId,
          practiceOfA.id,
        )),
      };
      await opened.store.frame.offerContract(practiceOfA.practiceId, {
        episodeId: ids.episodeId as never,
        body: { settings: ['video'], audience: 'adult', values: {}, sections: [] },
        contentHash: 'h',
        createdBy: practiceOfA.id,
        createdAt: new Date().toISOString(),
        tokenHash: 'iso-contract',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      await a.browser.post(`/c/${'x'.repeat(43)}`, {});
      const b = await signUp(t.app, 'Practice B', 'iso-b@example.org');

      const practiceA = (await opened.store.findLogin('iso-a@example.org'))?.user.practiceId;
      if (!practiceA) throw new Error('no practice A');
      const before = {
        episodes: await opened.store.listEpisodes(practiceA, ids.clientId as never),
        links: await opened.store.listCheckLinks(practiceA, ids.clientId as never),
        contracts: await opened.store.frame.listContractVersions(practiceA, ids.episodeId as never),
      };

      for (const [route, fill] of Object.entries(PRACTICE_ROUTES)) {
        const [method] = route.split(' ');
        const path = fill(ids);
        const res = method === 'GET' ? await b.browser.get(path) : await b.browser.post(path, { _csrf: b.csrf });
        expect({ route, status: res.status }).toEqual({ route, status: 404 });
        const body = await res.text();
        expect(body).not.toContain('ISO-A');
      }

      // Practice B's own list does not show A's client.
      expect(await (await b.browser.get('/clients')).text()).not.toContain('ISO-A');
      // Nothing of A's changed.
      expect(await opened.store.listEpisodes(practiceA, ids.clientId as never)).toEqual(before.episodes);
      expect(await opened.store.listCheckLinks(practiceA, ids.clientId as never)).toEqual(before.links);
      expect(await opened.store.frame.listContractVersions(practiceA, ids.episodeId as never)).toEqual(
        before.contracts,
      );
      expect(before.contracts).toHaveLength(1);
    });

    it('sends a signed-out visitor to sign in and refuses their posts', async () => {
      const a = await signUp(t.app, 'Practice C', 'iso-c@example.org');
      const episode = await clientWithEpisode(a.browser, a.csrf, 'ISO-C');
      const userC = (await opened.store.findLogin('iso-c@example.org'))?.user;
      if (!userC) throw new Error('no user C');
      const ids: Ids = {
        ...episode,
        ...(await seedRecordWorld(opened.store, userC.practiceId, userC.id, episode.episodeId)),
        ...(await seedWorkspaceWorld(opened.store, userC.practiceId, userC.id, episode.episodeId)),
        ...(await seedSupervisionWorld(opened.store, userC.practiceId, userC.id, episode.episodeId, userC.id)),
      };
      const stranger = new TestBrowser(t.app);
      for (const [route, fill] of Object.entries(PRACTICE_ROUTES)) {
        const method = route.split(' ')[0];
        const res = method === 'GET' ? await stranger.get(fill(ids)) : await stranger.post(fill(ids), {});
        expect(res.status, route).toBe(method === 'GET' ? 303 : 401);
      }
      expect((await stranger.get('/clients')).headers.get('location')).toBe('/login');
    });
  });
}

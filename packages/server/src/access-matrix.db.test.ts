import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { testApp } from './testing/harness.js';
import { RECORD_JOURNAL_TEXT, RECORD_NOTE_TEXT } from './testing/record-world.js';
import { ROLES, buildWorld, type RoleName, type World } from './testing/roles.js';

/**
 * Who may use each route:
 * - `public`: everyone; no role is refused (a 401 for wrong credentials or a 404 for unknown content is an answer, not a refusal).
 * - `account`: any signed-in user, a supervisor included, acting on their own account.
 * - `signed-in`: any signed-in user who holds client records (a therapist or an administrator),
 *   acting on their own practice. A supervisor holds none and is refused.
 * - `practice`: signed-in users of the practice that owns the record in the path.
 * - `admin`: the practice administrator (of their own practice only).
 * - `practice-admin`: the administrator of the practice that owns the record in the path (erasure).
 * - `check-link` / `agreement-link`: whoever holds that link; the token is the credential.
 * - `pending-login`: only a browser whose password was just accepted (none of these roles).
 * - `author-only`: only the user who wrote the record in the path (the world's therapist wrote
 *   its note and journal entry): not a colleague, not the practice administrator.
 * - `home`: only the client with their home unlocked (link token plus the home's session). Every
 *   other role is sent the real token too, so holding the link without the PIN is refused.
 * - `supervision`: any signed-in user: a therapist sees their own agenda, a supervisor their supervisees.
 * - `supervisor`: only a supervisor linked to the supervisee in the path (the world's supervisor).
 * - `agenda-item`: the therapist who brought the item in the path, or their linked supervisor.
 *
 * Every kind but `public`, `account`, `supervision`, `supervisor` and `agenda-item` refuses the
 * supervisor: a route is closed to them unless it is listed here as safe for them.
 */
type Access =
  | 'public'
  | 'account'
  | 'signed-in'
  | 'practice'
  | 'admin'
  | 'practice-admin'
  | 'check-link'
  | 'agreement-link'
  | 'pending-login'
  | 'author-only'
  | 'home'
  | 'supervision'
  | 'supervisor'
  | 'agenda-item';

const BOGUS = 'x'.repeat(43);
type Fill = (w: World, role: RoleName) => string;
const fixed =
  (path: string): Fill =>
  () =>
    path;
const checkPath =
  (suffix = ''): Fill =>
  (w, role) =>
    `/c/${role === 'link' ? w.checkToken : BOGUS}${suffix}`;
const homePath =
  (suffix = ''): Fill =>
  (w) =>
    `/h/${w.home.token}${suffix}`;
const agreementPath =
  (suffix = ''): Fill =>
  (w, role) =>
    `/a/${role === 'link' ? w.agreementToken : BOGUS}${suffix}`;
/** The client's voice: a carer's link and a phone-answers link are held like any client link (the `link` role). */
const voicePath =
  (prefix: 'carer' | 'p', suffix = ''): Fill =>
  (w, role) =>
    `/${prefix}/${role === 'link' ? (prefix === 'carer' ? w.voice.carerToken : w.voice.phoneToken) : BOGUS}${suffix}`;

/** Every route the app serves. A route missing here fails the first test. */
const MATRIX: Readonly<Record<string, readonly [Access, Fill]>> = {
  'GET /healthz': ['public', fixed('/healthz')],
  'GET /assets/app.css': ['public', fixed('/assets/app.css')],
  'GET /assets/guide-search.js': ['public', fixed('/assets/guide-search.js')],
  'GET /': ['public', fixed('/')],
  'GET /login': ['public', fixed('/login')],
  'POST /login': ['public', fixed('/login')],
  'POST /logout': ['public', fixed('/logout')],
  'GET /signup': ['public', fixed('/signup')],
  'POST /signup': ['public', fixed('/signup')],
  'GET /login/two-factor': ['pending-login', fixed('/login/two-factor')],
  'POST /login/two-factor': ['pending-login', fixed('/login/two-factor')],
  'GET /account/two-factor': ['account', fixed('/account/two-factor')],
  'POST /account/two-factor/setup': ['account', fixed('/account/two-factor/setup')],
  'POST /account/two-factor/confirm': ['account', fixed('/account/two-factor/confirm')],
  'POST /account/two-factor/disable': ['account', fixed('/account/two-factor/disable')],
  'GET /account/password': ['account', fixed('/account/password')],
  'POST /account/password': ['account', fixed('/account/password')],
  'GET /practice/security': ['admin', fixed('/practice/security')],
  'POST /practice/security': ['admin', fixed('/practice/security')],
  'GET /practice/audit': ['admin', fixed('/practice/audit')],
  'GET /practice/clauses': ['admin', fixed('/practice/clauses')],
  'GET /practice/clauses/:clauseId': ['admin', fixed('/practice/clauses/endings')],
  'POST /practice/clauses/:clauseId': ['admin', fixed('/practice/clauses/endings')],
  'GET /clients': ['signed-in', fixed('/clients')],
  'GET /reports/caseload.pdf': ['signed-in', fixed('/reports/caseload.pdf')],
  'POST /clients': ['signed-in', fixed('/clients')],
  'GET /clients/:clientId': ['practice', (w) => `/clients/${w.clientId}`],
  'POST /clients/:clientId/episodes': ['practice', (w) => `/clients/${w.clientId}/episodes`],
  'POST /episodes/:episodeId/check-links': ['practice', (w) => `/episodes/${w.episodeId}/check-links`],
  'GET /episodes/:episodeId/contract': ['practice', (w) => `/episodes/${w.episodeId}/contract`],
  'POST /episodes/:episodeId/contract': ['practice', (w) => `/episodes/${w.episodeId}/contract`],
  'GET /episodes/:episodeId/contract/:version/contract.pdf': [
    'practice',
    (w) => `/episodes/${w.episodeId}/contract/1/contract.pdf`,
  ],
  'GET /episodes/:episodeId/contract/:version/consent.json': [
    'practice',
    (w) => `/episodes/${w.episodeId}/contract/1/consent.json`,
  ],
  'GET /episodes/:episodeId/sessions': ['practice', (w) => `/episodes/${w.episodeId}/sessions`],
  'POST /episodes/:episodeId/sessions': ['practice', (w) => `/episodes/${w.episodeId}/sessions`],
  'GET /sessions/:sessionId/note': ['practice', (w) => `/sessions/${w.record.sessionId}/note`],
  'POST /sessions/:sessionId/notes': ['practice', (w) => `/sessions/${w.record.sessionId}/notes`],
  'GET /notes/:noteId': ['author-only', (w) => `/notes/${w.record.noteId}`],
  'POST /notes/:noteId': ['author-only', (w) => `/notes/${w.record.noteId}`],
  'GET /episodes/:episodeId/boundaries': ['practice', (w) => `/episodes/${w.episodeId}/boundaries`],
  'GET /episodes/:episodeId/timeline': ['practice', (w) => `/episodes/${w.episodeId}/timeline`],
  'GET /episodes/:episodeId/report.pdf': ['practice', (w) => `/episodes/${w.episodeId}/report.pdf`],
  'POST /episodes/:episodeId/boundaries': ['practice', (w) => `/episodes/${w.episodeId}/boundaries`],
  'GET /journal': ['signed-in', fixed('/journal')],
  'POST /journal': ['signed-in', fixed('/journal')],
  'GET /journal/:entryId': ['author-only', (w) => `/journal/${w.record.journalEntryId}`],
  'POST /journal/:entryId': ['author-only', (w) => `/journal/${w.record.journalEntryId}`],
  'GET /c/thanks': ['public', fixed('/c/thanks')],
  'GET /c/:token': ['check-link', checkPath()],
  'POST /c/:token': ['check-link', checkPath()],
  // The client's voice. "Rate it tomorrow" closes the link it is sent from, so it has a check-out link of its own.
  'POST /c/:token/later': ['check-link', (w, role) => `/c/${role === 'link' ? w.voice.laterToken : BOGUS}/later`],
  'GET /p/:token': ['check-link', voicePath('p')],
  'GET /p/:token/change': ['check-link', voicePath('p', '/change')],
  'POST /p/:token/change': ['check-link', voicePath('p', '/change')],
  'POST /p/:token/confirm': ['check-link', voicePath('p', '/confirm')],
  'GET /carer/:token': ['check-link', voicePath('carer')],
  'POST /carer/:token': ['check-link', voicePath('carer')],
  'POST /h/:token/check/:linkId/later': ['home', (w) => `/h/${w.home.token}/check/${w.voice.homeLaterLinkId}/later`],
  'POST /h/:token/preferences': ['home', homePath('/preferences')],
  'POST /clients/:clientId/email': ['practice', (w) => `/clients/${w.clientId}/email`],
  'POST /episodes/:episodeId/carer-sharing': ['practice', (w) => `/episodes/${w.episodeId}/carer-sharing`],
  'POST /episodes/:episodeId/carer-links': ['practice', (w) => `/episodes/${w.episodeId}/carer-links`],
  'GET /episodes/:episodeId/phone-entry': ['practice', (w) => `/episodes/${w.episodeId}/phone-entry`],
  'POST /episodes/:episodeId/phone-entry': ['practice', (w) => `/episodes/${w.episodeId}/phone-entry`],
  'GET /a/:token': ['agreement-link', agreementPath()],
  'POST /a/:token/question': ['agreement-link', agreementPath('/question')],
  'POST /a/:token/agree': ['agreement-link', agreementPath('/agree')],
  // The client's home. The door (choose or type the PIN, lock) is open to all: a wrong PIN is a 401 answer.
  'GET /h/:token': ['home', homePath()],
  'POST /h/:token/pin': ['public', homePath('/pin')],
  'POST /h/:token/unlock': ['public', homePath('/unlock')],
  'POST /h/:token/lock': ['public', homePath('/lock')],
  'POST /h/:token/ratings': ['home', homePath('/ratings')],
  'GET /h/:token/goals': ['home', homePath('/goals')],
  'POST /h/:token/goals': ['home', homePath('/goals')],
  'POST /h/:token/goals/:goalId/reword': ['home', (w) => `/h/${w.home.token}/goals/${w.home.goalId}/reword`],
  'POST /h/:token/goals/:goalId/retire': ['home', (w) => `/h/${w.home.token}/goals/${w.home.goalId}/retire`],
  'GET /h/:token/progress': ['home', homePath('/progress')],
  'POST /h/:token/notes': ['home', homePath('/notes')],
  'GET /h/:token/agreement': ['home', homePath('/agreement')],
  'GET /h/:token/check/:linkId': ['home', (w) => `/h/${w.home.token}/check/${w.home.checkLinkId}`],
  'POST /h/:token/check/:linkId': ['home', (w) => `/h/${w.home.token}/check/${w.home.checkLinkId}`],
  'POST /episodes/:episodeId/home-link': ['practice', (w) => `/episodes/${w.home.spareEpisodeId}/home-link`],
  'POST /episodes/:episodeId/home-link/revoke': [
    'practice',
    (w) => `/episodes/${w.home.spareEpisodeId}/home-link/revoke`,
  ],
  // The therapist's workspace: their own rating of a session, and a rupture's guidance and repair notes.
  'GET /episodes/:episodeId/perspective': ['practice', (w) => `/episodes/${w.episodeId}/perspective`],
  'POST /episodes/:episodeId/perspective': ['practice', (w) => `/episodes/${w.episodeId}/perspective`],
  'GET /episodes/:episodeId/ruptures/:ruptureId': [
    'practice',
    (w) => `/episodes/${w.episodeId}/ruptures/${w.workspace.ruptureId}`,
  ],
  'POST /episodes/:episodeId/ruptures/:ruptureId/attempts': [
    'practice',
    (w) => `/episodes/${w.episodeId}/ruptures/${w.workspace.ruptureId}/attempts`,
  ],
  // Endings. With only a CSRF token each form is refused as incomplete (422), so the world's episode stays open.
  'GET /episodes/:episodeId/ending': ['practice', (w) => `/episodes/${w.episodeId}/ending`],
  'POST /episodes/:episodeId/ending': ['practice', (w) => `/episodes/${w.episodeId}/ending`],
  'GET /episodes/:episodeId/ending/summary': ['practice', (w) => `/episodes/${w.episodeId}/ending/summary`],
  'POST /episodes/:episodeId/ending/preparation': ['practice', (w) => `/episodes/${w.episodeId}/ending/preparation`],
  'POST /episodes/:episodeId/ending/review': ['practice', (w) => `/episodes/${w.episodeId}/ending/review`],
  'POST /episodes/:episodeId/ending/check-in': ['practice', (w) => `/episodes/${w.episodeId}/ending/check-in`],
  'POST /episodes/:episodeId/ending/follow-up': ['practice', (w) => `/episodes/${w.episodeId}/ending/follow-up`],
  'POST /episodes/:episodeId/ending/follow-up/send': [
    'practice',
    (w) => `/episodes/${w.episodeId}/ending/follow-up/send`,
  ],
  'GET /endings': ['signed-in', fixed('/endings')],
  'GET /practice/outcomes': ['signed-in', fixed('/practice/outcomes')],
  // Supervision: the practice administrator's people and links, the therapist's agenda, the supervisor's view.
  'GET /practice/users': ['admin', fixed('/practice/users')],
  'POST /practice/users': ['admin', fixed('/practice/users')],
  'GET /practice/supervision': ['admin', fixed('/practice/supervision')],
  'POST /practice/supervision': ['admin', fixed('/practice/supervision')],
  'POST /practice/supervision/remove': ['admin', fixed('/practice/supervision/remove')],
  'GET /supervision': ['supervision', fixed('/supervision')],
  'POST /supervision/items': ['signed-in', fixed('/supervision/items')],
  'GET /supervision/:superviseeId': ['supervisor', (w) => `/supervision/${w.supervision.superviseeId}`],
  'POST /supervision/items/:itemId/discussed': [
    'agenda-item',
    (w) => `/supervision/items/${w.supervision.itemId}/discussed`,
  ],
  'POST /supervision/items/:itemId/withdraw': [
    'author-only',
    (w) => `/supervision/items/${w.supervision.itemId}/withdraw`,
  ],
  // Data rights: the client's record to take away (the practice's therapists and administrator), the
  // whole practice's (its administrator), and erasure (the administrator of the client's practice).
  // With only a CSRF token the erasure is refused as unconfirmed (422), so the world's client stays.
  'GET /clients/:clientId/export.json': ['practice', (w) => `/clients/${w.clientId}/export.json`],
  'GET /clients/:clientId/export.fhir.json': ['practice', (w) => `/clients/${w.clientId}/export.fhir.json`],
  'GET /clients/:clientId/export.pdf': ['practice', (w) => `/clients/${w.clientId}/export.pdf`],
  'GET /practice/export.json': ['admin', fixed('/practice/export.json')],
  'GET /clients/:clientId/erase': ['practice-admin', (w) => `/clients/${w.clientId}/erase`],
  'POST /clients/:clientId/erase': ['practice-admin', (w) => `/clients/${w.clientId}/erase`],
  'GET /guide': ['public', fixed('/guide')],
  'GET /guide/search': ['public', fixed('/guide/search?q=rupture')],
  'GET /guide/search.json': ['public', fixed('/guide/search.json')],
  'GET /guide/references': ['public', fixed('/guide/references')],
  'GET /guide/signal/:signal': ['public', fixed('/guide/signal/rupture')],
  'GET /guide/:chapter': ['public', fixed('/guide/alliance')],
  'GET /guide/:chapter/print': ['public', fixed('/guide/alliance/print')],
  'GET /guide/:chapter/:questionId': ['public', fixed('/guide/alliance/alliance-what-is-it')],
};

/** Whether `role` may use a route of this kind. */
function allowed(access: Access, role: RoleName): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'account':
      return role === 'therapist' || role === 'admin' || role === 'other' || role === 'supervisor';
    case 'signed-in':
      return role === 'therapist' || role === 'admin' || role === 'other';
    case 'practice':
      return role === 'therapist' || role === 'admin';
    case 'admin':
      return role === 'admin' || role === 'other';
    case 'practice-admin':
      return role === 'admin';
    case 'check-link':
    case 'agreement-link':
      return role === 'link';
    case 'pending-login':
      return false;
    case 'author-only':
      return role === 'therapist';
    case 'home':
      return role === 'home';
    case 'supervision':
      return role === 'therapist' || role === 'admin' || role === 'other' || role === 'supervisor';
    case 'supervisor':
      return role === 'supervisor';
    case 'agenda-item':
      return role === 'therapist' || role === 'supervisor';
  }
}

/** A refusal: not signed in, not permitted, or (for another practice's record or an unknown link) not found. */
const refused = (res: Response): boolean =>
  [401, 403, 404, 410].includes(res.status) || (res.status === 303 && res.headers.get('location') === '/login');

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`route × role matrix on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;
    let world: World;

    beforeAll(async () => {
      opened = await database.open();
      t = testApp(opened.store);
      world = await buildWorld(t.app, opened.store, 'm');
    });
    afterAll(async () => {
      await opened.dispose();
    });

    const served = (): string[] => [
      ...new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`)),
    ];

    it('has an entry for every route the app serves', () => {
      expect(served().filter((r) => !(r in MATRIX))).toEqual([]);
    });

    it('allows or refuses every route for every role as the matrix says', async () => {
      let checked = 0;
      const wrong: string[] = [];
      // GETs first, so a form post cannot change what a later read finds.
      const routes = served().sort((x, y) => Number(x.startsWith('POST')) - Number(y.startsWith('POST')));
      for (const route of routes) {
        const entry = MATRIX[route];
        if (!entry) continue;
        const [access, fill] = entry;
        const method = route.split(' ')[0] ?? 'GET';
        for (const role of ROLES) {
          const res = await world.send(role, method, fill(world, role));
          const text = await res.text();
          checked += 1;
          // A public route may still answer 401 to wrong credentials or 404 to an unknown page; it never says 403.
          const ok =
            res.status < 500 &&
            (access === 'public' ? res.status !== 403 : allowed(access, role) ? !refused(res) : refused(res));
          if (!ok) wrong.push(`${route} as ${role}: ${String(res.status)} ${res.headers.get('location') ?? ''}`);
          // Another practice never sees practice A's client, whatever it is allowed to open.
          if (role === 'other' || role === 'anonymous') {
            expect(text, `${route} as ${role}`).not.toContain(world.clientCode);
          }
          // A supervisor never reads the therapist's note or journal, whatever route they try.
          if (role === 'supervisor') {
            for (const secret of [RECORD_NOTE_TEXT, RECORD_JOURNAL_TEXT]) {
              expect(text, `${route} as ${role}`).not.toContain(secret);
            }
          }
        }
      }
      console.log(
        `routes × roles checked: ${String(checked)} (${String(routes.length)} routes × ${String(ROLES.length)} roles)`,
      );
      expect(wrong).toEqual([]);
    });
  });
}

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PLACEHOLDERS, asEpisodeId, type PracticeId } from '@rapport/core';
import type { AuditAction, KyselyStore } from '@rapport/storage';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { tokenHash } from './auth/tokens.js';
import { presentAuditRow } from './security-presenters.js';
import { testApp } from './testing/harness.js';
import { HOME_WORLD_PIN } from './testing/home-world.js';
import { buildWorld, type RoleName, type World } from './testing/roles.js';

/**
 * Every access to a client record is audited (issue #9). Each route that touches a client's
 * record is called here as a role allowed to use it, with a form that really does what the
 * route is for, and must leave at least one new audit row of the expected action naming that
 * client. Every route the app serves must be in one of the three tables below, so a new route
 * cannot be added without saying how its access is audited, or why it has no client to audit.
 */

/** What a checked request needs: who sends it, where, the form, and the client the entry must name. */
interface Call {
  readonly role: RoleName;
  readonly path: string;
  readonly form?: Readonly<Record<string, string>> | URLSearchParams;
  /** The world's client unless said. */
  readonly clientId?: string;
}

/** The world, plus what the checks set up for themselves. */
interface Ctx {
  readonly w: World;
  readonly store: KyselyStore;
  readonly practiceId: PracticeId;
  /** A second client's open episode (the world's home-link routes act on it too). */
  readonly spare: { readonly episodeId: string; readonly clientId: string };
  /** An episode opened in 2025 that the ending checks prepare, end and follow up. */
  readonly ending: { readonly episodeId: string; readonly clientId: string };
  /** A page's HTML as a role sees it. */
  page(role: RoleName, path: string, form?: Readonly<Record<string, string>>): Promise<string>;
}

interface Check {
  readonly action: AuditAction;
  readonly call: (x: Ctx) => Call | Promise<Call>;
  /** The client the entry names when it exists only after the call (a client just added). */
  readonly clientOf?: (res: Response) => string;
}

/** Relationship-check answers: every item at `mean`, no tension. */
const relationshipCheck = (mean: number): Record<string, string> => ({
  ...Object.fromEntries(
    ['bond', 'goals', 'approach', 'understood', 'respected', 'genuine', 'overall'].map((k) => [k, String(mean)]),
  ),
  tension: 'no',
});
const PHQ9 = Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`item-${String(i)}`, '1']));
/** When the checks' own setup rows are written (the test clock's start). */
const AT = '2026-03-02T09:00:00.000Z';
const PHONE = { instrumentId: 'phq-9', audience: 'adult', moment: 'check-in', ...PHQ9 };

/** A link's token in the page that shows it once (`/c/…`, `/p/…`, `/carer/…`, `/h/…`). */
const tokenIn = (html: string, prefix: string): string => {
  const m = new RegExp(`/${prefix}/([A-Za-z0-9_-]{43})`).exec(html);
  if (!m?.[1]) throw new Error(`no /${prefix}/ link on the page`);
  return m[1];
};
const revisionIn = (html: string): string => /name="revision" value="(\d+)"/.exec(html)?.[1] ?? '';

/** A fresh check link of the world's episode (so answering it leaves the world's own link waiting). */
const freshCheck = async (x: Ctx): Promise<string> =>
  tokenIn(await x.page('therapist', `/episodes/${x.w.episodeId}/check-links`, {}), 'c');

/** Answers given by phone, waiting for the client's check: the token of their link. */
const freshPhoneEntry = async (x: Ctx): Promise<string> =>
  tokenIn(await x.page('therapist', `/episodes/${x.w.episodeId}/phone-entry`, PHONE), 'p');

/** A new journal entry about the world's client, by the world's therapist: its id. */
const journalAboutClient = async (x: Ctx): Promise<string> => {
  const res = await x.w.send('therapist', 'POST', '/journal', {
    text: 'Thinking about them',
    clientCode: x.w.clientCode,
  });
  const id = /^\/journal\/([^?]+)/.exec(res.headers.get('location') ?? '')?.[1];
  if (!id) throw new Error('no journal entry');
  return id;
};

const ep =
  (rest = '') =>
  (x: Ctx): string =>
    `/episodes/${x.w.episodeId}${rest}`;
const home =
  (rest = '') =>
  (x: Ctx): string =>
    `/h/${x.w.home.token}${rest}`;

/** A call that needs nothing set up first: who, where in the world, and the form. */
const plain = (
  action: AuditAction,
  role: RoleName,
  path: (x: Ctx) => string,
  form?: Readonly<Record<string, string>>,
): Check => ({ action, call: (x) => ({ role, path: path(x), ...(form ? { form } : {}) }) });

/** The therapist on the ending's own episode. */
const onEnding = (action: AuditAction, rest = '', form?: Readonly<Record<string, string>>): Check => ({
  action,
  call: (x) => ({
    role: 'therapist',
    path: `/episodes/${x.ending.episodeId}/ending${rest}`,
    clientId: x.ending.clientId,
    ...(form ? { form } : {}),
  }),
});

/** The therapist on the spare client's episode. */
const onSpare = (action: AuditAction, rest: string): Check => ({
  action,
  call: (x) => ({ role: 'therapist', path: `/episodes/${x.spare.episodeId}${rest}`, clientId: x.spare.clientId }),
});

/** A form from the unlocked home, carrying the revision its page shows now. */
const homeForm = (
  action: AuditAction,
  page: string,
  rest: (x: Ctx) => string,
  form: (x: Ctx) => Readonly<Record<string, string>>,
): Check => ({
  action,
  call: async (x) => ({
    role: 'home',
    path: home(rest(x))(x),
    form: { revision: revisionIn(await x.page('home', home(page)(x))), ...form(x) },
  }),
});

/**
 * Routes that touch one client's record: how each is used, and the action it must write.
 * Run in this order, so a step that ends something (an episode, a link) comes after its reads.
 */
const AUDITED: Readonly<Record<string, Check>> = {
  'GET /clients/:clientId': plain('client.read', 'therapist', (x) => `/clients/${x.w.clientId}`),
  'POST /clients': {
    ...plain('client.create', 'therapist', () => '/clients', { code: 'AUD-NEW', displayName: 'New Person' }),
    clientOf: (res) => (res.headers.get('location') ?? '').split('/').pop() ?? '',
  },
  'POST /clients/:clientId/episodes': {
    action: 'episode.open',
    call: async (x) => {
      const added = await x.store.createClient(x.practiceId, { code: 'AUD-EP', displayName: null }, AT);
      if (!added.ok) throw new Error('setup: client');
      return { role: 'therapist', path: `/clients/${added.value.id}/episodes`, clientId: added.value.id };
    },
  },
  'GET /reports/caseload.pdf': plain('report.read', 'therapist', () => '/reports/caseload.pdf'),
  'POST /episodes/:episodeId/check-links': plain('check-link.issue', 'therapist', ep('/check-links')),
  // The frame: the contract builder and versions, then the client's link to the world's contract.
  'GET /episodes/:episodeId/contract': plain('contract.read', 'therapist', ep('/contract')),
  'GET /episodes/:episodeId/contract/:version/contract.pdf': plain(
    'contract.read',
    'admin',
    ep('/contract/1/contract.pdf'),
  ),
  'GET /episodes/:episodeId/contract/:version/consent.json': plain(
    'contract.read',
    'therapist',
    ep('/contract/1/consent.json'),
  ),
  // Offered to the spare client, so the world's own agreement link stays the latest version.
  'POST /episodes/:episodeId/contract': {
    action: 'contract.offer',
    call: async (x) => {
      const path = `/episodes/${x.spare.episodeId}/contract`;
      const html = await x.page('therapist', `${path}?settings=video&audience=adult`);
      const form = new URLSearchParams({ settings: 'video', audience: 'adult', intent: 'offer' });
      for (const p of PLACEHOLDERS) form.set(`value.${p}`, `the ${p}`);
      for (const m of html.matchAll(/<input type="checkbox" name="clauses" value="([^"]+)" checked=""/g)) {
        form.append('clauses', m[1] ?? '');
      }
      return { role: 'therapist', path, form, clientId: x.spare.clientId };
    },
  },
  'GET /a/:token': plain('contract.read', 'link', (x) => `/a/${x.w.agreementToken}`),
  'POST /a/:token/question': plain('contract.question', 'link', (x) => `/a/${x.w.agreementToken}/question`, {
    question: 'Can we meet weekly?',
  }),
  'POST /a/:token/agree': {
    action: 'contract.agree',
    call: async (x) => {
      const html = await x.page('link', `/a/${x.w.agreementToken}`);
      const contentHash = /name="contentHash" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const form = { clientName: 'A Client', confirm: 'yes', contentHash };
      return { role: 'link', path: `/a/${x.w.agreementToken}/agree`, form };
    },
  },
  // The therapist's record.
  'GET /episodes/:episodeId/sessions': plain('sessions.read', 'therapist', ep('/sessions')),
  'POST /episodes/:episodeId/sessions': plain('session.add', 'therapist', ep('/sessions'), {
    heldOn: '2026-03-02',
    modality: 'video',
    attendance: 'attended',
    minutes: '50',
  }),
  // The administrator has no note on the session yet, so the blank note page opens (the author is sent to theirs).
  'GET /sessions/:sessionId/note': plain('sessions.read', 'admin', (x) => `/sessions/${x.w.record.sessionId}/note`),
  'POST /sessions/:sessionId/notes': plain(
    'session-note.write',
    'admin',
    (x) => `/sessions/${x.w.record.sessionId}/notes`,
    {
      text: 'My own note',
    },
  ),
  'GET /notes/:noteId': plain('session-note.read', 'therapist', (x) => `/notes/${x.w.record.noteId}`),
  'POST /notes/:noteId': plain('session-note.write', 'therapist', (x) => `/notes/${x.w.record.noteId}`, {
    text: 'A changed note',
  }),
  'GET /episodes/:episodeId/boundaries': plain('boundaries.read', 'therapist', ep('/boundaries')),
  'POST /episodes/:episodeId/boundaries': plain('boundary.add', 'therapist', ep('/boundaries'), {
    kind: 'gift',
    occurredOn: '2026-03-02',
    description: 'A small card',
  }),
  'POST /journal': {
    action: 'journal.write',
    call: (x) => ({
      role: 'therapist',
      path: '/journal',
      form: { text: 'After the session', clientCode: x.w.clientCode },
    }),
  },
  'GET /journal/:entryId': {
    action: 'journal.read',
    call: async (x) => ({ role: 'therapist', path: `/journal/${await journalAboutClient(x)}` }),
  },
  'POST /journal/:entryId': {
    action: 'journal.write',
    call: async (x) => ({
      role: 'therapist',
      path: `/journal/${await journalAboutClient(x)}`,
      form: { text: 'Changed' },
    }),
  },
  'GET /episodes/:episodeId/timeline': plain('timeline.read', 'therapist', ep('/timeline')),
  'GET /episodes/:episodeId/report.pdf': plain('report.read', 'admin', ep('/report.pdf')),
  // The client's check links.
  'GET /c/:token': plain('check.read', 'link', (x) => `/c/${x.w.checkToken}`),
  'POST /c/:token': {
    action: 'check.submit',
    call: async (x) => ({ role: 'link', path: `/c/${await freshCheck(x)}`, form: relationshipCheck(8) }),
  },
  'POST /c/:token/later': plain('check.defer', 'link', (x) => `/c/${x.w.voice.laterToken}/later`),
  // The client's voice: the therapist's side, then the client's and the carer's links.
  'POST /clients/:clientId/email': plain('client-email.set', 'therapist', (x) => `/clients/${x.w.clientId}/email`, {
    email: 'client@example.org',
  }),
  'POST /episodes/:episodeId/carer-sharing': plain('carer-sharing.set', 'therapist', ep('/carer-sharing'), {
    sharing: 'answered',
  }),
  'POST /episodes/:episodeId/carer-links': plain('carer-link.issue', 'therapist', ep('/carer-links'), {
    instrumentId: 'goal-based-outcomes',
  }),
  'GET /episodes/:episodeId/phone-entry': plain('client.read', 'therapist', ep('/phone-entry')),
  'POST /episodes/:episodeId/phone-entry': plain('phone-entry.write', 'therapist', ep('/phone-entry'), PHONE),
  'GET /p/:token': plain('phone-entry.read', 'link', (x) => `/p/${x.w.voice.phoneToken}`),
  'GET /p/:token/change': plain('phone-entry.read', 'link', (x) => `/p/${x.w.voice.phoneToken}/change`),
  'POST /p/:token/change': plain('phone-entry.correct', 'link', (x) => `/p/${x.w.voice.phoneToken}/change`, PHQ9),
  'POST /p/:token/confirm': {
    action: 'phone-entry.confirm',
    call: async (x) => ({ role: 'link', path: `/p/${await freshPhoneEntry(x)}/confirm` }),
  },
  'GET /carer/:token': plain('carer.read', 'link', (x) => `/carer/${x.w.voice.carerToken}`),
  'POST /carer/:token': plain('carer.submit', 'link', (x) => `/carer/${x.w.voice.carerToken}`, { 'goal-1': '5' }),
  // The client's home, unlocked (the door's own routes first).
  'POST /h/:token/unlock': plain('home.unlock', 'anonymous', home('/unlock'), { secret: HOME_WORLD_PIN }),
  'GET /h/:token': plain('home.read', 'home', home()),
  'GET /h/:token/goals': plain('home.read', 'home', home('/goals')),
  'GET /h/:token/progress': plain('home.read', 'home', home('/progress')),
  'GET /h/:token/agreement': plain('home.read', 'home', home('/agreement')),
  'GET /h/:token/check/:linkId': plain('check.read', 'home', (x) => home(`/check/${x.w.home.checkLinkId}`)(x)),
  'POST /h/:token/check/:linkId': {
    action: 'check.submit',
    call: async (x) => {
      const link = await x.store.findCheckLink(tokenHash(await freshCheck(x)));
      const path = home(`/check/${link?.id ?? ''}`)(x);
      return { role: 'home', path, form: relationshipCheck(7) };
    },
  },
  'POST /h/:token/ratings': homeForm(
    'goal.rate',
    '',
    () => '/ratings',
    (x) => ({ [`rating.${x.w.home.goalId}`]: '6' }),
  ),
  'POST /h/:token/goals': homeForm(
    'goal.add',
    '/goals',
    () => '/goals',
    () => ({ text: 'Walk every day' }),
  ),
  'POST /h/:token/goals/:goalId/reword': homeForm(
    'goal.reword',
    '/goals',
    (x) => `/goals/${x.w.home.goalId}/reword`,
    () => ({
      text: 'Sleep through the night',
    }),
  ),
  'POST /h/:token/goals/:goalId/retire': homeForm(
    'goal.retire',
    '/goals',
    (x) => `/goals/${x.w.home.goalId}/retire`,
    () => ({}),
  ),
  'POST /h/:token/notes': {
    action: 'note.add',
    call: async (x) => {
      const html = await x.page('home', home('/progress')(x));
      const m = /name="series" value="([^"]+)"[\s\S]*?<option value="([^"]+)"/.exec(html);
      const form = { series: m?.[1] ?? '', point: m?.[2] ?? '', note: 'A good week', visibility: 'private' };
      return { role: 'home', path: home('/notes')(x), form: { revision: revisionIn(html), ...form } };
    },
  },
  'POST /h/:token/check/:linkId/later': plain('check.defer', 'home', (x) =>
    home(`/check/${x.w.voice.homeLaterLinkId}/later`)(x),
  ),
  'POST /h/:token/preferences': plain('preferences.revisit', 'home', home('/preferences')),
  // The therapist gives the spare client a home link; the client chooses a PIN; the link is stopped.
  'POST /episodes/:episodeId/home-link': onSpare('home-link.issue', '/home-link'),
  'POST /h/:token/pin': {
    action: 'home.secret-set',
    call: async (x) => {
      const token = tokenIn(await x.page('therapist', `/episodes/${x.spare.episodeId}/home-link`, {}), 'h');
      const form = { secret: '7392', again: '7392' };
      return { role: 'anonymous', path: `/h/${token}/pin`, form, clientId: x.spare.clientId };
    },
  },
  'POST /episodes/:episodeId/home-link/revoke': onSpare('home-link.revoke', '/home-link/revoke'),
  // The workspace: the therapist's own rating, and the world's open rupture.
  'GET /episodes/:episodeId/perspective': plain('perspective.read', 'therapist', ep('/perspective')),
  'POST /episodes/:episodeId/perspective': plain('perspective.write', 'therapist', ep('/perspective'), {
    day: '2026-03-02',
    ...relationshipCheck(9),
  }),
  'GET /episodes/:episodeId/ruptures/:ruptureId': plain('rupture.read', 'therapist', (x) =>
    ep(`/ruptures/${x.w.workspace.ruptureId}`)(x),
  ),
  'POST /episodes/:episodeId/ruptures/:ruptureId/attempts': plain(
    'repair-attempt.write',
    'therapist',
    (x) => ep(`/ruptures/${x.w.workspace.ruptureId}/attempts`)(x),
    { text: 'We talked it through' },
  ),
  // Supervision: an item added and withdrawn by the therapist, the world's item discussed, the supervisor's view.
  'POST /supervision/items': {
    action: 'agenda-item.add',
    call: (x) => ({
      role: 'therapist',
      path: '/supervision/items',
      form: { episodeId: x.w.episodeId, question: 'How do I pace the work?', signal: 'rupture' },
    }),
  },
  'GET /supervision/:superviseeId': plain(
    'supervision.read',
    'supervisor',
    (x) => `/supervision/${x.w.supervision.superviseeId}`,
  ),
  'POST /supervision/items/:itemId/discussed': plain(
    'agenda-item.discussed',
    'supervisor',
    (x) => `/supervision/items/${x.w.supervision.itemId}/discussed`,
  ),
  'POST /supervision/items/:itemId/withdraw': {
    action: 'agenda-item.withdraw',
    call: async (x) => {
      const items = await x.store.supervision.listItems(x.practiceId, x.w.supervision.superviseeId);
      const mine = items.find((i) => i.id !== x.w.supervision.itemId && i.status === 'open');
      return { role: 'therapist', path: `/supervision/items/${mine?.id ?? ''}/withdraw` };
    },
  },
  // The client's data rights: exports by a therapist or the administrator; erasure by the administrator.
  'GET /clients/:clientId/export.json': plain(
    'client.export',
    'therapist',
    (x) => `/clients/${x.w.clientId}/export.json`,
  ),
  'GET /clients/:clientId/export.fhir.json': plain(
    'client.export',
    'therapist',
    (x) => `/clients/${x.w.clientId}/export.fhir.json`,
  ),
  'GET /clients/:clientId/export.pdf': plain('client.export', 'admin', (x) => `/clients/${x.w.clientId}/export.pdf`),
  'GET /practice/export.json': plain('client.export', 'admin', () => '/practice/export.json'),
  'GET /clients/:clientId/erase': plain('client.read', 'admin', (x) => `/clients/${x.w.clientId}/erase`),
  'POST /clients/:clientId/erase': {
    action: 'client.erase',
    call: async (x) => {
      const added = await x.store.createClient(x.practiceId, { code: 'AUD-ERASE', displayName: 'To Go' }, AT);
      if (!added.ok) throw new Error('setup: client');
      return {
        role: 'admin',
        path: `/clients/${added.value.id}/erase`,
        form: { code: 'AUD-ERASE' },
        clientId: added.value.id,
      };
    },
  },
  // An ending, on an episode of its own: read, prepared, reviewed, ended without a plan, checked in on, followed up.
  'GET /episodes/:episodeId/ending': onEnding('ending.read'),
  'GET /episodes/:episodeId/ending/summary': onEnding('ending.read', '/summary'),
  'POST /episodes/:episodeId/ending/preparation': onEnding('ending.prepare', '/preparation', { sessionsLeft: '3' }),
  'POST /episodes/:episodeId/ending/review': onEnding('check-link.issue', '/review'),
  'POST /episodes/:episodeId/ending': onEnding('episode.close', '', {
    kind: 'unplanned',
    reason: 'moved-away',
    endedOn: '2025-06-02',
  }),
  'POST /episodes/:episodeId/ending/check-in': onEnding('check-link.issue', '/check-in'),
  'POST /episodes/:episodeId/ending/follow-up': onEnding('ending.follow-up', '/follow-up', { months: '1' }),
  'POST /episodes/:episodeId/ending/follow-up/send': onEnding('check-link.issue', '/follow-up/send', {
    instrumentId: 'phq-9',
  }),
};

/**
 * Routes that read across clients, with no one client to name: the reason, and the entry they
 * write for the read itself (null where the page's own content is the user's and each client
 * they lead to is audited when opened).
 */
const ACROSS_CLIENTS: Readonly<Record<string, { readonly why: string; readonly action: AuditAction | null }>> = {
  'GET /clients': { why: 'the caseload: every open client’s code and needs', action: 'caseload.read' },
  'GET /endings': { why: 'the practice’s endings and follow-ups due', action: 'endings.read' },
  'GET /practice/outcomes': { why: 'figures across episodes, with denominators', action: 'outcomes.read' },
  'GET /journal': {
    why: 'the author’s own journal; a client appears only as a code beside an entry, and opening that entry is audited',
    action: null,
  },
  'GET /supervision': {
    why: 'a therapist’s own agenda (codes only) or a supervisor’s counts per supervisee; opening a supervisee audits each client shown',
    action: null,
  },
  'GET /practice/audit': { why: 'the audit trail itself, read by the administrator', action: null },
};

/** Routes with no client record behind them. */
const NO_CLIENT_DATA: Readonly<Record<string, string>> = {
  'GET /healthz': 'a liveness probe',
  'GET /assets/app.css': 'a static asset',
  'GET /assets/guide-search.js': 'a static asset',
  'GET /': 'the front page',
  'GET /login': 'signing in',
  'POST /login': 'signing in',
  'POST /logout': 'signing out',
  'GET /signup': 'a new practice',
  'POST /signup': 'a new practice',
  'GET /login/two-factor': 'signing in',
  'POST /login/two-factor': 'signing in',
  'GET /account/two-factor': 'the user’s own account',
  'POST /account/two-factor/setup': 'the user’s own account',
  'POST /account/two-factor/confirm': 'the user’s own account',
  'POST /account/two-factor/disable': 'the user’s own account',
  'GET /account/password': 'the user’s own account',
  'POST /account/password': 'the user’s own account',
  'GET /practice/security': 'the practice’s settings',
  'POST /practice/security': 'the practice’s settings',
  'GET /practice/clauses': 'the practice’s contract wording',
  'GET /practice/clauses/:clauseId': 'the practice’s contract wording',
  'POST /practice/clauses/:clauseId': 'the practice’s contract wording',
  'GET /practice/users': 'the practice’s people (audited as user.add when one is added)',
  'POST /practice/users': 'the practice’s people (audited as user.add)',
  'GET /practice/supervision': 'supervision links between people',
  'POST /practice/supervision': 'supervision links between people (audited as supervision.link)',
  'POST /practice/supervision/remove': 'supervision links between people (audited as supervision.unlink)',
  'GET /c/thanks': 'a thank-you page with nothing of the client’s',
  'POST /h/:token/lock': 'locks the home: ends the browser’s session and reads nothing',
  'GET /guide': 'the guide',
  'GET /guide/search': 'the guide',
  'GET /guide/search.json': 'the guide',
  'GET /guide/references': 'the guide',
  'GET /guide/signal/:signal': 'the guide',
  'GET /guide/:chapter': 'the guide',
  'GET /guide/:chapter/print': 'the guide',
  'GET /guide/:chapter/:questionId': 'the guide',
};

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the audit trail of client records on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;
    let x: Ctx;

    beforeAll(async () => {
      opened = await database.open();
      const store = opened.store;
      t = testApp(store);
      const w = await buildWorld(t.app, store, 'ac');
      const login = await store.findLogin('mx-a-ac@example.org');
      if (!login) throw new Error('setup');
      const practiceId = login.user.practiceId;
      const spare = await store.getEpisode(practiceId, asEpisodeId(w.home.spareEpisodeId));
      const client = await store.createClient(
        practiceId,
        { code: 'AUD-END', displayName: null },
        '2025-01-06T09:00:00.000Z',
      );
      if (!spare || !client.ok) throw new Error('setup');
      const episode = await store.openEpisode(practiceId, client.value.id, '2025-01-06T09:00:00.000Z');
      if (!episode.ok) throw new Error('setup');
      x = {
        w,
        store,
        practiceId,
        spare: { episodeId: spare.id, clientId: spare.clientId },
        ending: { episodeId: episode.value.id, clientId: client.value.id },
        async page(role, path, form) {
          return (await w.send(role, form ? 'POST' : 'GET', path, form)).text();
        },
      };
    });
    afterAll(async () => {
      await opened.dispose();
    });

    const served = (): string[] => [
      ...new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`)),
    ];

    /** How many audit rows of each action name this client (or, for null, no client) in the world's practice. */
    async function counts(clientId: string | null): Promise<Map<string, number>> {
      const query = opened.store.db.selectFrom('audit_event').select('action').where('practice_id', '=', x.practiceId);
      const rows = await (
        clientId === null ? query.where('client_id', 'is', null) : query.where('client_id', '=', clientId)
      ).execute();
      const out = new Map<string, number>();
      for (const r of rows) out.set(r.action, (out.get(r.action) ?? 0) + 1);
      return out;
    }

    /** A form post with the role's cookie and nothing else, as the measure form sends it. */
    it('places every route the app serves in exactly one table', () => {
      const tables = [AUDITED, ACROSS_CLIENTS, NO_CLIENT_DATA];
      const routes = served();
      expect(routes.filter((r) => tables.filter((table) => r in table).length !== 1)).toEqual([]);
      // No stale entries: a route taken away leaves the tables too.
      expect(tables.flatMap((table) => Object.keys(table)).filter((r) => !routes.includes(r))).toEqual([]);
    });

    it('puts every action it expects into words on the practice’s audit page', () => {
      const actions = [
        ...Object.values(AUDITED).map((c) => c.action),
        ...Object.values(ACROSS_CLIENTS).flatMap((c) => (c.action === null ? [] : [c.action])),
      ];
      const row = (action: string) =>
        presentAuditRow({
          at: '',
          action,
          actorKind: 'user',
          actorName: null,
          clientId: null,
          clientCode: null,
          ip: null,
        });
      expect([...new Set(actions)].filter((a) => row(a).what === a)).toEqual([]);
    });

    it('writes an audit entry naming the client for every route that touches a client record', async () => {
      const missing: string[] = [];
      for (const [route, check] of Object.entries(AUDITED)) {
        const method = route.split(' ')[0] ?? 'GET';
        const call = await check.call(x);
        const named = call.clientId ?? x.w.clientId;
        const before = check.clientOf ? new Map<string, number>() : await counts(named);
        const res = await x.w.send(call.role, method, call.path, call.form);
        const clientId = check.clientOf ? check.clientOf(res) : named;
        const after = await counts(clientId);
        const added = (after.get(check.action) ?? 0) - (before.get(check.action) ?? 0);
        if (res.status >= 400 || added < 1) {
          const body = res.status >= 400 ? (await res.text()).replace(/\s+/g, ' ').slice(0, 200) : '';
          missing.push(`${route} as ${call.role}: ${String(res.status)}, ${String(added)} × ${check.action} ${body}`);
        }
      }
      console.log(`client-data routes checked for an audit entry: ${String(Object.keys(AUDITED).length)}`);
      expect(missing).toEqual([]);
    });

    it('writes its own entry for a read across clients, where it has one', async () => {
      const missing: string[] = [];
      for (const [route, { action }] of Object.entries(ACROSS_CLIENTS)) {
        if (action === null) continue;
        const before = (await counts(null)).get(action) ?? 0;
        const res = await x.w.send('therapist', 'GET', route.split(' ')[1] ?? '/');
        const after = (await counts(null)).get(action) ?? 0;
        if (res.status !== 200 || after <= before) missing.push(`${route}: ${String(res.status)}, no ${action}`);
      }
      expect(missing).toEqual([]);
    });
  });
}

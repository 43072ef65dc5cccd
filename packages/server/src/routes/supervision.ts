import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import {
  AGENDA_LIMITS,
  SIGNAL_DESCRIPTIONS,
  SIGNAL_TYPES,
  asAgendaItemId,
  asEpisodeId,
  asUserId,
  checkMarkDiscussed,
  checkWithdraw,
  namesIn,
  orderAgenda,
  parseAgendaItem,
  type AgendaItem,
  type DomainError,
} from '@rapport/core';
import { agendaQuestionPlace, type StoredAgendaItem } from '@rapport/storage';
import { agendaPage, formatDate, superviseePage, supervisorHomePage, type AgendaFormView } from '@rapport/web';
import { auditSupervisorRead } from '../audit.js';
import type { AppEnv, Deps, Signedin } from '../context.js';
import { signedIn, signedInForm, therapist, therapistForm } from '../guards.js';
import { errorResponse } from '../http-errors.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { presentViewer } from '../presenters.js';
import { auditRecord, isRowId, noStore, notFound } from '../record/context.js';
import { presentAgendaItem, presentSupervisedCase } from '../supervision/present.js';

/**
 * Supervision. A therapist keeps an agenda of what to bring (`/supervision`); a supervisor sees
 * the therapists linked to them and, for each (`/supervision/:superviseeId`), the agenda and the
 * caseload de-identified by core's `deidentifyCase`. This file is the only way a supervisor
 * reaches anything about a client: every other client route refuses them (`guards.ts`).
 */
export function supervisionRoutes(deps: Deps, library: InstrumentLibrary): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const store = deps.store.supervision;

  const open = async (item: StoredAgendaItem): Promise<AgendaItem> => {
    const { sealedQuestion, ...rest } = item;
    return { ...rest, question: await deps.keys.open(item.practiceId, agendaQuestionPlace(item.id), sealedQuestion) };
  };

  /** The agenda form: open episodes by code, signals, the therapist's own journal entries (no text). */
  async function agendaForm(
    s: Signedin,
    fields: Readonly<Record<string, string | undefined>>,
    error?: DomainError,
  ): Promise<AgendaFormView> {
    const [episodes, entries, clients] = await Promise.all([
      store.listOpenEpisodes(s.practiceId),
      deps.store.record.listJournalEntries(s.practiceId, s.user.id),
      deps.store.listClients(s.practiceId),
    ]);
    const codeOf = new Map(clients.map((c) => [c.id as string, c.code]));
    const episode = fields['episodeId'] ?? fields['episode'] ?? '';
    return {
      episodes: episodes.map((e) => ({ value: e.episodeId, label: e.code, selected: e.episodeId === episode })),
      signals: SIGNAL_TYPES.map((t) => ({
        value: t,
        label: SIGNAL_DESCRIPTIONS[t].title,
        selected: t === fields['signal'],
      })),
      journal: entries.map((e) => ({
        value: e.id,
        label: [
          `Written ${formatDate(e.writtenAt)}`,
          e.clientId ? codeOf.get(e.clientId) : undefined,
          e.signal ? SIGNAL_DESCRIPTIONS[e.signal].title : undefined,
        ]
          .filter(Boolean)
          .join(' · '),
        selected: e.id === fields['journalEntryId'],
      })),
      question: fields['question'] ?? '',
      maxLength: AGENDA_LIMITS.question,
      error: error ? { message: error.message, fields: error.fields ?? {} } : undefined,
    };
  }

  async function myAgenda(
    c: Context<AppEnv>,
    s: Signedin,
    form: AgendaFormView,
    status: 200 | 404 | 422,
    notice?: string,
  ): Promise<Response> {
    const [items, links, members] = await Promise.all([
      store.listItems(s.practiceId, s.user.id),
      store.listLinks(s.practiceId),
      store.listMembers(s.practiceId),
    ]);
    const supervisors = links
      .filter((l) => l.superviseeId === s.user.id)
      .flatMap((l) => members.filter((m) => m.id === l.supervisorId).map((m) => m.name));
    const opened = orderAgenda(await Promise.all(items.map(open)));
    noStore(c);
    return c.html(
      agendaPage({
        viewer: presentViewer(s),
        supervisors,
        items: opened.map((i) => presentAgendaItem(i, 'bringer')),
        form,
        notice,
      }),
      status,
    );
  }

  app.get('/supervision', async (c) => {
    const s = signedIn(c);
    if (s instanceof Response) return s;
    if (s.user.role !== 'supervisor') {
      const t = therapist(c);
      if (t instanceof Response) return t;
      return myAgenda(c, t, await agendaForm(t, c.req.query()), 200);
    }
    // Counts only: no client is named here, so nothing to audit until a supervisee is opened.
    const supervisees = await store.listSupervisees(s.practiceId, s.user.id);
    const rows = await Promise.all(
      supervisees.map(async (u) => {
        const [cases, items] = await Promise.all([
          store.caseloadOf(s.practiceId, u.id),
          store.listItems(s.practiceId, u.id),
        ]);
        return {
          href: `/supervision/${u.id}`,
          name: u.name,
          clients: cases.length,
          openItems: items.filter((i) => i.status === 'open').length,
        };
      }),
    );
    noStore(c);
    return c.html(supervisorHomePage({ viewer: presentViewer(s), supervisees: rows }));
  });

  app.post('/supervision/items', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const again = async (error: DomainError, status: 404 | 422) =>
      myAgenda(c, s, await agendaForm(s, fields, error), status);
    const parsed = parseAgendaItem(fields);
    if (!parsed.ok) return again(parsed.error, 422);
    const episode = await deps.store.getEpisode(s.practiceId, asEpisodeId(parsed.value.episodeId));
    const client = episode ? await deps.store.getClient(s.practiceId, episode.clientId) : null;
    if (!episode || !client) {
      return again(
        {
          code: 'not-found',
          message: 'There is no such client.',
          fields: { episodeId: 'Choose a client from the list.' },
        },
        404,
      );
    }
    // The supervisor sees the code only; a name typed into the question would undo that.
    const names = namesIn(parsed.value.question, client.displayName);
    if (names.length > 0) {
      return again(
        {
          code: 'invalid-input',
          message: 'The item was not added: it names the client.',
          fields: { question: `Leave out “${names.join('”, “')}”: your supervisor sees the code ${client.code} only.` },
        },
        422,
      );
    }
    const id = randomUUID();
    const added = await store.addItem(
      s.practiceId,
      {
        id,
        superviseeId: s.user.id,
        episodeId: episode.id,
        sealedQuestion: await deps.keys.seal(s.practiceId, agendaQuestionPlace(id), parsed.value.question),
        signal: parsed.value.signal,
        journalEntryId: parsed.value.journalEntryId,
      },
      deps.clock.now().toISOString(),
    );
    if (!added.ok) return again(added.error, added.error.code === 'not-found' ? 404 : 422);
    await auditRecord(c, deps, s, 'agenda-item.add', client.id);
    return c.redirect('/supervision', 303);
  });

  /** The item in the path, in the user's practice; null for anything else. */
  const itemOf = async (s: Signedin, raw: string | undefined): Promise<StoredAgendaItem | null> =>
    isRowId(raw) ? store.getItem(s.practiceId, raw) : null;

  app.post('/supervision/items/:itemId/discussed', async (c) => {
    const r = await signedInForm(c);
    if (r instanceof Response) return r;
    const s = r.signedIn;
    const item = await itemOf(s, c.req.param('itemId'));
    if (!item) return notFound();
    const supervisesBringer =
      s.user.role === 'supervisor' && (await store.supervises(s.practiceId, s.user.id, item.superviseeId));
    const back = supervisesBringer ? `/supervision/${item.superviseeId}` : '/supervision';
    const allowed = checkMarkDiscussed(item, { id: s.user.id, supervisesBringer });
    // A second click finds it already discussed: that is what was asked for, so go back quietly.
    if (!allowed.ok) return allowed.error.code === 'conflict' ? c.redirect(back, 303) : notFound();
    const marked = await store.markDiscussed(s.practiceId, item.id, s.user.id, deps.clock.now().toISOString());
    if (!marked.ok && marked.error.code !== 'conflict') return notFound();
    if (marked.ok) await auditRecord(c, deps, s, 'agenda-item.discussed', item.clientId);
    return c.redirect(back, 303);
  });

  app.post('/supervision/items/:itemId/withdraw', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const s = r.signedIn;
    const item = await itemOf(s, c.req.param('itemId'));
    if (!item) return notFound();
    const allowed = checkWithdraw(item, s.user.id);
    if (!allowed.ok) return allowed.error.code === 'not-found' ? notFound() : errorResponse(allowed.error);
    const withdrawn = await store.withdraw(s.practiceId, asAgendaItemId(item.id), s.user.id);
    if (!withdrawn.ok) return withdrawn.error.code === 'not-found' ? notFound() : errorResponse(withdrawn.error);
    await auditRecord(c, deps, s, 'agenda-item.withdraw', item.clientId);
    return c.redirect('/supervision', 303);
  });

  app.get('/supervision/:superviseeId', async (c) => {
    const s = signedIn(c);
    if (s instanceof Response) return s;
    const raw = c.req.param('superviseeId');
    // Anyone but a linked supervisor finds no such page, as for a supervisee of another practice.
    if (s.user.role !== 'supervisor' || !isRowId(raw)) return notFound();
    const superviseeId = asUserId(raw);
    const [linked, supervisee] = await Promise.all([
      store.supervises(s.practiceId, s.user.id, superviseeId),
      deps.store.getUser(s.practiceId, superviseeId),
    ]);
    if (!linked || !supervisee) return notFound();
    const [caseload, items] = await Promise.all([
      store.caseloadOf(s.practiceId, superviseeId),
      store.listItems(s.practiceId, superviseeId),
    ]);
    const cases = await Promise.all(
      caseload.map(async (e) => {
        const [responses, signals] = await Promise.all([
          deps.store.measures.listResponses(s.practiceId, e.clientId),
          deps.store.measures.listSignals(s.practiceId, e.clientId),
        ]);
        return presentSupervisedCase(
          {
            client: { code: e.code, displayName: null },
            episode: { openedAt: e.openedAt },
            // The open episode's responses only: an earlier episode is not this work.
            responses: responses
              .filter((x) => x.episodeId === e.episodeId)
              .map((x) => ({ instrumentId: x.instrumentId, status: x.status, at: x.savedAt, total: x.total })),
            signals: signals.map((x) => x.signal),
          },
          library,
        );
      }),
    );
    const opened = orderAgenda(await Promise.all(items.map(open)));
    await auditSupervisorRead(c, deps, { practiceId: s.practiceId, userId: s.user.id }, [
      ...caseload.map((e) => e.clientId),
      ...items.map((i) => i.clientId),
    ]);
    noStore(c);
    return c.html(
      superviseePage({
        viewer: presentViewer(s),
        name: supervisee.name,
        cases,
        items: opened.map((i) => presentAgendaItem(i, 'supervisor')),
      }),
    );
  });

  return app;
}

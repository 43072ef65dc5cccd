import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import {
  ATTENDANCE,
  ATTENDANCE_LABELS,
  MODALITY_LABELS,
  RECORD_LIMITS,
  SESSION_MODALITIES,
  asEpisodeSessionId,
  parseRecordText,
  parseSession,
  type EpisodeSession,
} from '@rapport/core';
import { notePage, sessionsPage, type FormError, type NoteView } from '@rapport/web';
import type { AppEnv, Deps, Signedin } from '../context.js';
import { therapist, therapistForm } from '../guards.js';
import { presentViewer } from '../presenters.js';
import { auditRecord, episodeHead, isRowId, loadEpisode, noStore, notFound, ukToday } from '../record/context.js';
import { notePlace, openNote } from '../record/sealed.js';

const choices = <T extends string>(values: readonly T[], labels: Readonly<Record<T, string>>, chosen: string) =>
  values.map((value) => ({ value, label: labels[value], selected: value === chosen }));

const describe = (s: EpisodeSession) => ({
  heldOn: s.heldOn,
  modality: MODALITY_LABELS[s.modality],
  attendance: ATTENDANCE_LABELS[s.attendance],
});

/**
 * An episode's sessions (practice-wide, like the rest of the client record) and each
 * therapist's private note on a session (its author only: anyone else is told there is
 * no such page, the same answer as for a note that does not exist).
 */
export function sessionRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function sessions(
    c: Context<AppEnv>,
    s: Signedin,
    form: { fields: Readonly<Record<string, string>>; error?: FormError } | null,
  ): Promise<Response> {
    const ctx = await loadEpisode(deps, s, c.req.param('episodeId'));
    if (!ctx) return notFound();
    const [list, mine] = await Promise.all([
      deps.store.record.listSessions(s.practiceId, ctx.episode.id),
      deps.store.record.listNotesBy(s.practiceId, ctx.episode.id, s.user.id),
    ]);
    await auditRecord(c, deps, s, 'sessions.read', ctx.client.id);
    const today = ukToday(deps.clock.now());
    const f = form?.fields ?? {};
    noStore(c);
    return c.html(
      sessionsPage({
        viewer: presentViewer(s),
        head: episodeHead(ctx.episode, ctx.client),
        today,
        sessions: list.map((x) => {
          const note = mine.find((n) => n.sessionId === x.id);
          return {
            id: x.id,
            ...describe(x),
            minutes: x.attendance === 'attended' ? x.minutes : null,
            note: note
              ? { href: `/notes/${note.id}`, text: 'Read or change your note' }
              : { href: `/sessions/${x.id}/note`, text: 'Write a note' },
          };
        }),
        form: {
          heldOn: f['heldOn'] ?? today,
          minutes: f['minutes'] ?? '',
          modalities: choices(SESSION_MODALITIES, MODALITY_LABELS, f['modality'] ?? 'in-person'),
          attendance: choices(ATTENDANCE, ATTENDANCE_LABELS, f['attendance'] ?? 'attended'),
          error: form?.error,
        },
      }),
      form?.error ? 422 : 200,
    );
  }

  app.get('/episodes/:episodeId/sessions', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    return sessions(c, s, null);
  });

  app.post('/episodes/:episodeId/sessions', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const ctx = await loadEpisode(deps, s, c.req.param('episodeId'));
    if (!ctx) return notFound();
    const parsed = parseSession(fields, ukToday(deps.clock.now()));
    if (!parsed.ok) {
      return sessions(c, s, { fields, error: { message: parsed.error.message, fields: parsed.error.fields ?? {} } });
    }
    const added = await deps.store.record.addSession(
      s.practiceId,
      { ...parsed.value, episodeId: ctx.episode.id, recordedBy: s.user.id },
      deps.clock.now().toISOString(),
    );
    if (!added.ok) return notFound();
    await auditRecord(c, deps, s, 'session.add', ctx.client.id);
    return c.redirect(`/episodes/${ctx.episode.id}/sessions`, 303);
  });

  /** The session in the path, with its episode and client, in the signed-in user's practice. */
  async function loadSession(s: Signedin, sessionId: string | undefined) {
    if (!isRowId(sessionId)) return null;
    const found = await deps.store.record.getSession(s.practiceId, asEpisodeSessionId(sessionId));
    if (!found) return null;
    const ctx = await loadEpisode(deps, s, found.session.episodeId);
    return ctx ? { ...ctx, session: found.session } : null;
  }

  function page(
    c: Context<AppEnv>,
    s: Signedin,
    ctx: NonNullable<Awaited<ReturnType<typeof loadSession>>>,
    rest: Pick<NoteView, 'action' | 'text' | 'saved'> & Partial<Pick<NoteView, 'notice' | 'error'>>,
    status: 200 | 422 = 200,
  ): Response {
    noStore(c);
    return c.html(
      notePage({
        viewer: presentViewer(s),
        head: episodeHead(ctx.episode, ctx.client),
        session: describe(ctx.session),
        maxLength: RECORD_LIMITS.longText,
        ...rest,
      }),
      status,
    );
  }

  // The way in from the sessions list: your own note if you have one, else a blank one.
  app.get('/sessions/:sessionId/note', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const ctx = await loadSession(s, c.req.param('sessionId'));
    if (!ctx) return notFound();
    const mine = await deps.store.record.findNote(s.practiceId, ctx.session.id, s.user.id);
    if (mine) return c.redirect(`/notes/${mine.id}`, 303);
    await auditRecord(c, deps, s, 'sessions.read', ctx.client.id);
    return page(c, s, ctx, { action: `/sessions/${ctx.session.id}/notes`, text: '', saved: null });
  });

  app.post('/sessions/:sessionId/notes', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const ctx = await loadSession(s, c.req.param('sessionId'));
    if (!ctx) return notFound();
    const text = parseRecordText(fields['text'] ?? '', 'text', RECORD_LIMITS.longText, true);
    const action = `/sessions/${ctx.session.id}/notes`;
    if (!text.ok) {
      const error = { message: text.error.message, fields: text.error.fields ?? {} };
      return page(c, s, ctx, { action, text: fields['text'] ?? '', saved: null, error }, 422);
    }
    const now = deps.clock.now().toISOString();
    // A second "write a note" for the same session (another tab) changes the note the author already has.
    const existing = await deps.store.record.findNote(s.practiceId, ctx.session.id, s.user.id);
    const id = existing?.id ?? randomUUID();
    const sealed = await deps.keys.seal(s.practiceId, notePlace(id), text.value);
    const saved = existing
      ? await deps.store.record.updateNote(s.practiceId, id, s.user.id, sealed, now)
      : (
          await deps.store.record.createNote(
            s.practiceId,
            { id, sessionId: ctx.session.id, authorId: s.user.id, sealedText: sealed },
            now,
          )
        ).ok;
    if (!saved) return notFound();
    await auditRecord(c, deps, s, 'session-note.write', ctx.client.id);
    return c.redirect(`/notes/${id}?saved=1`, 303);
  });

  /** The note in the path, found only for its author, with its session; null for anyone else. */
  async function loadNote(s: Signedin, noteId: string | undefined) {
    if (!isRowId(noteId)) return null;
    const note = await deps.store.record.getNote(s.practiceId, noteId, s.user.id);
    if (!note) return null;
    const ctx = await loadSession(s, note.sessionId);
    return ctx ? { ...ctx, note } : null;
  }

  app.get('/notes/:noteId', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const ctx = await loadNote(s, c.req.param('noteId'));
    if (!ctx) return notFound();
    const note = await openNote(deps.keys, ctx.note);
    await auditRecord(c, deps, s, 'session-note.read', ctx.client.id);
    return page(c, s, ctx, {
      action: `/notes/${note.id}`,
      text: note.text,
      saved: { createdAt: note.createdAt, updatedAt: note.updatedAt },
      notice: c.req.query('saved') === '1' ? 'Your note is saved.' : undefined,
    });
  });

  app.post('/notes/:noteId', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const ctx = await loadNote(s, c.req.param('noteId'));
    if (!ctx) return notFound();
    const text = parseRecordText(fields['text'] ?? '', 'text', RECORD_LIMITS.longText, true);
    const saved = { createdAt: ctx.note.createdAt, updatedAt: ctx.note.updatedAt };
    if (!text.ok) {
      const error = { message: text.error.message, fields: text.error.fields ?? {} };
      return page(c, s, ctx, { action: `/notes/${ctx.note.id}`, text: fields['text'] ?? '', saved, error }, 422);
    }
    const sealed = await deps.keys.seal(s.practiceId, notePlace(ctx.note.id), text.value);
    const now = deps.clock.now().toISOString();
    if (!(await deps.store.record.updateNote(s.practiceId, ctx.note.id, s.user.id, sealed, now))) return notFound();
    await auditRecord(c, deps, s, 'session-note.write', ctx.client.id);
    return c.redirect(`/notes/${ctx.note.id}?saved=1`, 303);
  });

  return app;
}

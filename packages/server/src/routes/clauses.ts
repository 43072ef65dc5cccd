import { Hono, type Context } from 'hono';
import { AUDIENCE_LABELS, PLACEHOLDERS, SETTING_LABELS, parseClause, type Clause } from '@rapport/core';
import { clauseEditPage, clauseListPage } from '@rapport/web';
import type { AppEnv, Deps, Signedin } from '../context.js';
import { practiceLibrary } from '../frame/library.js';
import { therapist, therapistForm } from '../guards.js';
import { errorResponse } from '../http-errors.js';
import { presentViewer } from '../presenters.js';

/** Only a practice's administrator changes the words every contract is built from. */
function admin(c: Context<AppEnv>): Signedin | Response {
  const s = therapist(c);
  if (s instanceof Response) return s;
  return s.user.role === 'practice-admin'
    ? s
    : errorResponse({ code: 'forbidden', message: 'Only the practice administrator can change clause wording.' });
}

const preview = (text: string): string => {
  const words = text.split(/\s+/);
  return words.length <= 20 ? text : `${words.slice(0, 20).join(' ')}…`;
};

/** The practice's own clause wording. */
export function clauseRoutes(deps: Deps, baseLibrary: readonly Clause[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const libraryOf = async (s: Signedin) => {
    const own = await deps.store.frame.listPracticeClauses(s.practiceId);
    return { own: new Set(own.map((c) => c.id)), all: practiceLibrary(baseLibrary, own) };
  };

  app.get('/practice/clauses', async (c) => {
    const s = admin(c);
    if (s instanceof Response) return s;
    const { own, all } = await libraryOf(s);
    const saved = c.req.query('saved');
    return c.html(
      clauseListPage({
        viewer: presentViewer(s),
        notice: saved && all.some((x) => x.id === saved) ? 'Saved. New contracts will use this wording.' : undefined,
        clauses: all.map((x) => ({
          id: x.id,
          title: x.title,
          topic: x.topic,
          scope: `${x.settings.map((v) => SETTING_LABELS[v]).join(', ')}; ${x.audiences.map((a) => AUDIENCE_LABELS[a]).join(', ')}`,
          own: own.has(x.id),
          version: x.version,
          preview: preview(x.text.standard),
        })),
      }),
    );
  });

  app.get('/practice/clauses/:clauseId', async (c) => {
    const s = admin(c);
    if (s instanceof Response) return s;
    const clause = (await libraryOf(s)).all.find((x) => x.id === c.req.param('clauseId'));
    if (!clause) return errorResponse({ code: 'not-found', message: 'There is no such clause.' });
    return c.html(
      clauseEditPage({
        viewer: presentViewer(s),
        id: clause.id,
        title: clause.title,
        standard: clause.text.standard,
        plain: clause.text.plain,
        placeholders: PLACEHOLDERS,
      }),
    );
  });

  app.post('/practice/clauses/:clauseId', async (c) => {
    const s = admin(c);
    if (s instanceof Response) return s;
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const clause = (await libraryOf(s)).all.find((x) => x.id === c.req.param('clauseId'));
    if (!clause) return errorResponse({ code: 'not-found', message: 'There is no such clause.' });
    const f = r.fields;
    // Only the words change: topic, settings and audiences stay the library's, so coverage rules still hold.
    const edited = parseClause({
      ...clause,
      title: f['title'] ?? '',
      standard: (f['standard'] ?? '').replace(/\r\n/g, '\n'),
      plain: (f['plain'] ?? '').replace(/\r\n/g, '\n'),
      version: clause.version + 1,
    });
    if (!edited.ok) {
      return c.html(
        clauseEditPage({
          viewer: presentViewer(s),
          id: clause.id,
          title: f['title'] ?? '',
          standard: f['standard'] ?? '',
          plain: f['plain'] ?? '',
          placeholders: PLACEHOLDERS,
          error: { message: edited.error.message, fields: edited.error.fields ?? {} },
        }),
        422,
      );
    }
    await deps.store.frame.savePracticeClause(s.practiceId, edited.value, s.user.id, deps.clock.now().toISOString());
    return c.redirect(`/practice/clauses?saved=${encodeURIComponent(clause.id)}`, 303);
  });

  return app;
}

import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import {
  JOURNAL_PROMPTS,
  RECORD_LIMITS,
  SIGNAL_DESCRIPTIONS,
  SIGNAL_TYPES,
  journalExcerpt,
  journalPrompt,
  parseJournalEntry,
  parseRecordText,
  searchJournal,
  signalGuidePath,
  type ClientId,
  type JournalEntry,
} from '@rapport/core';
import {
  journalEntryPage,
  journalPage,
  type AboutView,
  type FormError,
  type JournalEntryView,
  type JournalFormView,
} from '@rapport/web';
import type { AppEnv, Deps, Signedin } from '../context.js';
import type { LoadedGuide } from '../guide/load.js';
import { therapist, therapistForm } from '../guards.js';
import { presentViewer } from '../presenters.js';
import { auditRecord, isRowId, noStore, notFound } from '../record/context.js';
import { journalPlace, openJournalEntry } from '../record/sealed.js';

/**
 * The reflective journal: private to its author in every route (another user, the
 * practice administrator included, finds no such page). Search decrypts the author's
 * entries in memory and filters them there: a journal holds hundreds of entries, not
 * millions, so this stays quick, and no plaintext search index is ever stored.
 */
export function journalRoutes(deps: Deps, guide: LoadedGuide): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const question = (id: string | null | undefined) => (id ? guide.guide.questions.find((q) => q.id === id) : undefined);

  async function about(s: Signedin, e: JournalEntry): Promise<AboutView[]> {
    const out: AboutView[] = [];
    if (e.clientId) {
      const client = await deps.store.getClient(s.practiceId, e.clientId);
      if (client) out.push({ label: client.code, href: `/clients/${client.id}` });
    }
    if (e.signal) out.push({ label: SIGNAL_DESCRIPTIONS[e.signal].title, href: signalGuidePath(e.signal) });
    const q = question(e.guideQuestionId);
    if (q) out.push({ label: q.question, href: `/guide/${q.chapter}/${q.id}` });
    return out;
  }

  /** The new-entry form, carrying a chosen prompt, guide answer, client or signal from the query or the post. */
  function form(fields: Readonly<Record<string, string | undefined>>, error?: FormError): JournalFormView {
    const prompt = journalPrompt(fields['prompt'] ?? '');
    const q = question(fields['question']);
    const signal = fields['signal'] ?? prompt?.signal ?? '';
    return {
      text: fields['text'] ?? '',
      clientCode: fields['clientCode'] ?? fields['client'] ?? '',
      signals: SIGNAL_TYPES.map((t) => ({ value: t, label: SIGNAL_DESCRIPTIONS[t].title, selected: t === signal })),
      prompt: prompt ? { id: prompt.id, text: prompt.text } : null,
      question: q ? { id: q.id, title: q.question, prompts: guide.rendered.get(q.id)?.prompts ?? [] } : null,
      maxLength: RECORD_LIMITS.longText,
      error,
    };
  }

  async function list(c: Context<AppEnv>, s: Signedin, entryForm: JournalFormView, status: 200 | 422) {
    const stored = await deps.store.record.listJournalEntries(s.practiceId, s.user.id);
    const entries = await Promise.all(stored.map((e) => openJournalEntry(deps.keys, e)));
    const query = (c.req.query('q') ?? '').trim().slice(0, 200);
    const found = searchJournal(entries, query);
    noStore(c);
    return c.html(
      journalPage({
        viewer: presentViewer(s),
        query,
        total: entries.length,
        entries: await Promise.all(
          found.map(async (e) => ({
            href: `/journal/${e.id}`,
            writtenAt: e.writtenAt,
            excerpt: journalExcerpt(e.text),
            about: await about(s, e),
          })),
        ),
        prompts: JOURNAL_PROMPTS.map((p) => ({
          href: `/journal?prompt=${p.id}#new-entry`,
          text: p.text,
          about: p.signal
            ? SIGNAL_DESCRIPTIONS[p.signal].title
            : p.chapter
              ? (guide.guide.chapters.find((ch) => ch.id === p.chapter)?.title ?? null)
              : null,
        })),
        form: entryForm,
      }),
      status,
    );
  }

  app.get('/journal', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    return list(c, s, form(c.req.query()), 200);
  });

  app.post('/journal', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const parsed = parseJournalEntry(fields);
    const problems: Record<string, string> = parsed.ok ? {} : { ...parsed.error.fields };
    let clientId: ClientId | null = null;
    if (parsed.ok && parsed.value.clientCode !== null) {
      const code = parsed.value.clientCode;
      clientId = (await deps.store.listClients(s.practiceId)).find((x) => x.code === code)?.id ?? null;
      if (clientId === null) problems['clientCode'] = 'There is no client with that code in your practice.';
    }
    if (parsed.ok && parsed.value.guideQuestionId !== null && !question(parsed.value.guideQuestionId)) {
      problems['question'] = 'That is not a guide answer Rapport knows.';
    }
    if (!parsed.ok || Object.keys(problems).length > 0) {
      const message = parsed.ok ? 'The entry was not saved: some details need attention.' : parsed.error.message;
      return list(c, s, form(fields, { message, fields: problems }), 422);
    }
    const id = randomUUID();
    const entry = parsed.value;
    await deps.store.record.addJournalEntry(
      s.practiceId,
      {
        id,
        authorId: s.user.id,
        sealedText: await deps.keys.seal(s.practiceId, journalPlace(id), entry.text),
        clientId,
        signal: entry.signal,
        guideQuestionId: entry.guideQuestionId,
        promptId: entry.promptId,
      },
      deps.clock.now().toISOString(),
    );
    if (clientId) await auditRecord(c, deps, s, 'journal.write', clientId);
    return c.redirect(`/journal/${id}?saved=1`, 303);
  });

  async function entryPage(
    c: Context<AppEnv>,
    s: Signedin,
    e: JournalEntry,
    rest: Partial<Pick<JournalEntryView, 'notice' | 'error' | 'text'>>,
    status: 200 | 422,
  ) {
    noStore(c);
    return c.html(
      journalEntryPage({
        viewer: presentViewer(s),
        action: `/journal/${e.id}`,
        text: e.text,
        writtenAt: e.writtenAt,
        updatedAt: e.updatedAt,
        prompt: e.promptId ? (journalPrompt(e.promptId)?.text ?? null) : null,
        about: await about(s, e),
        maxLength: RECORD_LIMITS.longText,
        ...rest,
      }),
      status,
    );
  }

  /** The entry in the path, found only for its author. */
  async function load(s: Signedin, entryId: string | undefined): Promise<JournalEntry | null> {
    if (!isRowId(entryId)) return null;
    const stored = await deps.store.record.getJournalEntry(s.practiceId, entryId, s.user.id);
    return stored ? openJournalEntry(deps.keys, stored) : null;
  }

  app.get('/journal/:entryId', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const entry = await load(s, c.req.param('entryId'));
    if (!entry) return notFound();
    if (entry.clientId) await auditRecord(c, deps, s, 'journal.read', entry.clientId);
    return entryPage(c, s, entry, { notice: c.req.query('saved') === '1' ? 'Your entry is saved.' : undefined }, 200);
  });

  app.post('/journal/:entryId', async (c) => {
    const r = await therapistForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const entry = await load(s, c.req.param('entryId'));
    if (!entry) return notFound();
    const text = parseRecordText(fields['text'] ?? '', 'text', RECORD_LIMITS.longText, true);
    if (!text.ok) {
      const error = { message: text.error.message, fields: text.error.fields ?? {} };
      return entryPage(c, s, entry, { text: fields['text'] ?? '', error }, 422);
    }
    const sealed = await deps.keys.seal(s.practiceId, journalPlace(entry.id), text.value);
    const now = deps.clock.now().toISOString();
    if (!(await deps.store.record.updateJournalEntry(s.practiceId, entry.id, s.user.id, sealed, now))) {
      return notFound();
    }
    if (entry.clientId) await auditRecord(c, deps, s, 'journal.write', entry.clientId);
    return c.redirect(`/journal/${entry.id}?saved=1`, 303);
  });

  return app;
}

import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import {
  BOUNDARY_KINDS,
  BOUNDARY_KIND_LABELS,
  ETHICAL_PRINCIPLES,
  PRINCIPLES,
  RECORD_LIMITS,
  agreedClauses,
  parseBoundaryEvent,
} from '@rapport/core';
import { boundariesPage, type FormError } from '@rapport/web';
import type { AppEnv, Deps, Signedin } from '../context.js';
import { therapistListForm, therapist } from '../guards.js';
import { presentViewer } from '../presenters.js';
import { auditRecord, episodeHead, loadEpisode, noStore, notFound, ukToday } from '../record/context.js';
import { openBoundaryEvent, sealBoundaryTexts } from '../record/sealed.js';

interface Posted {
  readonly fields: Readonly<Record<string, string>>;
  readonly principles: readonly string[];
  readonly error: FormError;
}

/**
 * The episode's boundary log. Like the rest of the client record it is open to the
 * practice's therapists (a supervisor's or colleague's view of the frame is the point);
 * its free text is encrypted.
 */
export function boundaryRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function load(s: Signedin, episodeId: string | undefined) {
    const ctx = await loadEpisode(deps, s, episodeId);
    if (!ctx) return null;
    const versions = await deps.store.frame.listContractVersions(s.practiceId, ctx.episode.id);
    return { ...ctx, clauses: agreedClauses(versions) };
  }

  async function page(
    c: Context<AppEnv>,
    s: Signedin,
    ctx: NonNullable<Awaited<ReturnType<typeof load>>>,
    posted: Posted | null,
  ): Promise<Response> {
    const stored = await deps.store.record.listBoundaryEvents(s.practiceId, ctx.episode.id);
    const events = await Promise.all(stored.map((e) => openBoundaryEvent(deps.keys, e)));
    const authors = new Map<string, string>();
    for (const id of new Set(events.map((e) => e.recordedBy))) {
      authors.set(id, (await deps.store.getUser(s.practiceId, id))?.name ?? 'a former colleague');
    }
    await auditRecord(c, deps, s, 'boundaries.read', ctx.client.id);
    const today = ukToday(deps.clock.now());
    const f = posted?.fields ?? {};
    noStore(c);
    return c.html(
      boundariesPage({
        viewer: presentViewer(s),
        head: episodeHead(ctx.episode, ctx.client),
        today,
        events: events.map((e) => ({
          kind: BOUNDARY_KIND_LABELS[e.kind],
          occurredOn: e.occurredOn,
          description: e.description,
          clause:
            e.clauseId === null ? null : (ctx.clauses.find((x) => x.clauseId === e.clauseId)?.title ?? e.clauseId),
          principles: e.principles.map((p) => PRINCIPLES[p].name),
          reflection: e.reflection,
          recordedBy: authors.get(e.recordedBy) ?? 'a former colleague',
        })),
        form: {
          occurredOn: f['occurredOn'] ?? today,
          description: f['description'] ?? '',
          reflection: f['reflection'] ?? '',
          kinds: BOUNDARY_KINDS.map((k) => ({ value: k, label: BOUNDARY_KIND_LABELS[k], selected: k === f['kind'] })),
          clauses: ctx.clauses.map((x) => ({
            value: x.clauseId,
            label: x.title,
            selected: x.clauseId === f['clauseId'],
          })),
          principles: ETHICAL_PRINCIPLES.map((p) => ({
            value: p,
            label: PRINCIPLES[p].name,
            prompt: PRINCIPLES[p].prompt,
            selected: posted?.principles.includes(p) ?? false,
          })),
          limits: { description: RECORD_LIMITS.description, reflection: RECORD_LIMITS.reflection },
          error: posted?.error,
        },
      }),
      posted ? 422 : 200,
    );
  }

  app.get('/episodes/:episodeId/boundaries', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const ctx = await load(s, c.req.param('episodeId'));
    return ctx ? page(c, s, ctx, null) : notFound();
  });

  app.post('/episodes/:episodeId/boundaries', async (c) => {
    const r = await therapistListForm(c, ['principles']);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const principles = r.lists['principles'] ?? [];
    const ctx = await load(s, c.req.param('episodeId'));
    if (!ctx) return notFound();
    const parsed = parseBoundaryEvent(
      fields,
      principles,
      ukToday(deps.clock.now()),
      ctx.clauses.map((x) => x.clauseId),
    );
    if (!parsed.ok) {
      return page(c, s, ctx, {
        fields,
        principles,
        error: { message: parsed.error.message, fields: parsed.error.fields ?? {} },
      });
    }
    const { description, reflection, ...rest } = parsed.value;
    const id = randomUUID();
    const sealed = await sealBoundaryTexts(deps.keys, s.practiceId, id, { description, reflection });
    const added = await deps.store.record.addBoundaryEvent(
      s.practiceId,
      { ...rest, ...sealed, id, episodeId: ctx.episode.id, recordedBy: s.user.id },
      deps.clock.now().toISOString(),
    );
    if (!added.ok) return notFound();
    await auditRecord(c, deps, s, 'boundary.add', ctx.client.id);
    return c.redirect(`/episodes/${ctx.episode.id}/boundaries`, 303);
  });

  return app;
}

import { Hono, type Context } from 'hono';
import type { requiredRoles } from '@rapport/core';
import {
  LIMITS,
  asEpisodeId,
  canonicalContract,
  composeContract,
  defaultClauses,
  draftFrom,
  isAudience,
  isPlaceholder,
  isSetting,
  parseName,
  toConsent,
  type Audience,
  type Clause,
  type ContractDraft,
  type ContractProblems,
  type Placeholder,
  type Setting,
} from '@rapport/core';
import { contractEditorPage, contractOfferedPage, contractPreviewPage } from '@rapport/web';
import { audit } from '../audit.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { AppEnv, Deps, Signedin } from '../context.js';
import { contentHashOf } from '../frame/content-hash.js';
import { practiceLibrary } from '../frame/library.js';
import { presentBuilder, presentDiff, presentSections, presentVersions } from '../frame/presenters.js';
import { openQuestions } from '../record/client-text.js';
import { renderContractPdf } from '../frame/pdf.js';
import { therapist, therapistListForm } from '../guards.js';
import { errorResponse } from '../http-errors.js';
import { presentViewer } from '../presenters.js';

/** Agreement links last a fortnight: long enough to talk a question through. */
export const CONTRACT_LINK_DAYS = 14;
const notFound = (): Response =>
  errorResponse({ code: 'not-found', message: 'There is no such page in your practice.' });

/** A filled-in value: one line of plain text, control characters turned to spaces, at most 200 characters. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;
const cleanValue = (v: string): string => v.replace(CONTROL, ' ').trim().slice(0, 200);

/** Reads the builder's draft from a query string or a posted form; unknown values are dropped, not trusted. */
function readDraft(
  settings: readonly string[],
  audience: string | undefined,
  values: Readonly<Record<string, string>>,
  clauseIds: readonly string[] | null,
  library: readonly Clause[],
): ContractDraft {
  const s = [...new Set(settings.filter(isSetting))] as Setting[];
  const a: Audience = audience !== undefined && isAudience(audience) ? audience : 'adult';
  const vals: Partial<Record<Placeholder, string>> = {};
  for (const [k, v] of Object.entries(values)) {
    const name = k.replace(/^value\./, '');
    if (k.startsWith('value.') && isPlaceholder(name)) vals[name] = cleanValue(v);
  }
  return {
    settings: s,
    audience: a,
    values: vals,
    clauseIds: clauseIds ?? defaultClauses(library, s, a).map((c) => c.id),
  };
}

/** The therapist's side of the frame: build, preview, offer, and the record of versions. */
export function frameRoutes(deps: Deps, baseLibrary: readonly Clause[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function load(c: Context<AppEnv>, s: Signedin) {
    const episode = await deps.store.getEpisode(s.practiceId, asEpisodeId(c.req.param('episodeId') ?? ''));
    if (!episode) return null;
    const client = await deps.store.getClient(s.practiceId, episode.clientId);
    if (!client) return null;
    const [versions, own, asked] = await Promise.all([
      deps.store.frame.listContractVersions(s.practiceId, episode.id),
      deps.store.frame.listPracticeClauses(s.practiceId),
      deps.store.frame.listContractQuestions(s.practiceId, episode.id),
    ]);
    const questions = await openQuestions(deps.keys, s.practiceId, asked);
    return { episode, client, versions, questions, library: practiceLibrary(baseLibrary, own) };
  }

  function editor(
    s: Signedin,
    ctx: NonNullable<Awaited<ReturnType<typeof load>>>,
    draft: ContractDraft,
    problems: ContractProblems | null,
  ): string {
    const href = `/episodes/${ctx.episode.id}`;
    const last = ctx.versions.at(-1);
    const prev = ctx.versions.at(-2);
    return contractEditorPage({
      viewer: presentViewer(s),
      client: { id: ctx.client.id, code: ctx.client.code },
      action: `${href}/contract`,
      versions: presentVersions(ctx.versions, href, ctx.questions),
      diff: last && prev ? presentDiff(prev, last) : null,
      ...presentBuilder(ctx.library, draft, problems),
      canEditClauses: s.user.role === 'practice-admin',
    });
  }

  app.get('/episodes/:episodeId/contract', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const ctx = await load(c, s);
    if (!ctx) return notFound();
    await audit(c, deps, {
      practiceId: s.practiceId,
      actor: { kind: 'user', userId: s.user.id },
      action: 'contract.read',
      clientId: ctx.client.id,
    });
    const asked = c.req.queries('settings') !== undefined || c.req.query('audience') !== undefined;
    const latest = ctx.versions.at(-1);
    const draft = asked
      ? readDraft(
          c.req.queries('settings') ?? [],
          c.req.query('audience'),
          latest ? prefixed(latest.body.values) : {},
          null,
          ctx.library,
        )
      : latest
        ? draftFrom(latest.body)
        : readDraft(['in-person'], 'adult', {}, null, ctx.library);
    return c.html(editor(s, ctx, draft, null));
  });

  app.post('/episodes/:episodeId/contract', async (c) => {
    const r = await therapistListForm(c, ['settings', 'clauses']);
    if (r instanceof Response) return r;
    const s = r.signedIn;
    const ctx = await load(c, s);
    if (!ctx) return notFound();
    const draft = readDraft(
      r.lists['settings'] ?? [],
      r.fields['audience'],
      r.fields,
      r.lists['clauses'] ?? [],
      ctx.library,
    );
    const composed = composeContract(ctx.library, draft);
    if (!composed.ok) return c.html(editor(s, ctx, draft, composed.error), 422);
    const body = composed.value;
    if (r.fields['intent'] !== 'offer') {
      return c.html(
        contractPreviewPage({
          viewer: presentViewer(s),
          client: { id: ctx.client.id, code: ctx.client.code },
          action: `/episodes/${ctx.episode.id}/contract`,
          intro:
            body.audience === 'adult'
              ? 'The client reads the standard wording.'
              : 'A young person reads the plain words first and can open the fuller wording under each clause.',
          sections: presentSections(body),
          hidden: [
            ...draft.settings.map((v) => ({ name: 'settings', value: v })),
            { name: 'audience', value: draft.audience },
            ...Object.entries(draft.values).map(([k, v]) => ({ name: `value.${k}`, value: v })),
            ...draft.clauseIds.map((v) => ({ name: 'clauses', value: v })),
          ],
        }),
      );
    }
    const contentHash = contentHashOf(canonicalContract(body));
    const latest = ctx.versions.at(-1);
    if (latest && latest.contentHash === contentHash) {
      return c.html(
        editor(s, ctx, draft, {
          code: 'incomplete-contract',
          message: `Nothing has changed since version ${String(latest.version)}: a new version needs a change.`,
          missingTopics: [],
          unfilled: [],
          unknownClauses: [],
          noSetting: false,
        }),
        409,
      );
    }
    const token = newToken(32);
    const now = deps.clock.now();
    const offered = await deps.store.frame.offerContract(s.practiceId, {
      episodeId: ctx.episode.id,
      body,
      contentHash,
      createdBy: s.user.id,
      createdAt: now.toISOString(),
      tokenHash: tokenHash(token),
      expiresAt: new Date(now.getTime() + CONTRACT_LINK_DAYS * 86_400_000).toISOString(),
    });
    if (!offered.ok) return offered.error.code === 'not-found' ? notFound() : errorResponse(offered.error);
    await audit(c, deps, {
      practiceId: s.practiceId,
      actor: { kind: 'user', userId: s.user.id },
      action: 'contract.offer',
      clientId: ctx.client.id,
    });
    c.header('Cache-Control', 'no-store');
    return c.html(
      contractOfferedPage({
        viewer: presentViewer(s),
        client: { id: ctx.client.id, code: ctx.client.code },
        version: offered.value.version,
        url: `${deps.config.publicUrl ?? new URL(c.req.url).origin}/a/${token}`,
        expiresAt: new Date(now.getTime() + CONTRACT_LINK_DAYS * 86_400_000).toISOString(),
        contractHref: `/episodes/${ctx.episode.id}/contract`,
      }),
    );
  });

  async function version(c: Context<AppEnv>) {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const ctx = await load(c, s);
    const v = ctx?.versions.find((x) => String(x.version) === c.req.param('version'));
    if (!ctx || !v) return notFound();
    await audit(c, deps, {
      practiceId: s.practiceId,
      actor: { kind: 'user', userId: s.user.id },
      action: 'contract.read',
      clientId: ctx.client.id,
    });
    return { s, ctx, v };
  }

  app.get('/episodes/:episodeId/contract/:version/contract.pdf', async (c) => {
    const r = await version(c);
    if (r instanceof Response) return r;
    const pdf = await renderContractPdf(r.v, { practiceName: r.s.practiceName, clientCode: r.ctx.client.code });
    return c.body(new Uint8Array(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="agreement-${r.ctx.client.code}-v${String(r.v.version)}.pdf"`,
      'cache-control': 'no-store',
    });
  });

  app.get('/episodes/:episodeId/contract/:version/consent.json', async (c) => {
    const r = await version(c);
    if (r instanceof Response) return r;
    const consent = toConsent(
      r.v,
      { reference: `Patient/${r.ctx.client.id}`, display: r.ctx.client.code },
      { reference: `Organization/${r.s.practiceId}`, display: r.s.practiceName },
    );
    c.header('Cache-Control', 'no-store');
    return c.json(consent, 200, { 'content-type': 'application/fhir+json; charset=utf-8' });
  });

  return app;
}

const prefixed = (values: Readonly<Partial<Record<string, string>>>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).flatMap(([k, v]) => (v === undefined ? [] : [[`value.${k}`, v]])));

/** Checks the names typed to sign; a child's contract also needs the carer's. */
export function readSignatures(
  fields: Readonly<Record<string, string>>,
  roles: ReturnType<typeof requiredRoles>,
):
  | { ok: true; signatures: { role: 'client' | 'carer'; signedName: string }[] }
  | { ok: false; fields: Record<string, string> } {
  const problems: Record<string, string> = {};
  const signatures: { role: 'client' | 'carer'; signedName: string }[] = [];
  for (const role of roles) {
    const field = role === 'client' ? 'clientName' : 'carerName';
    const name = parseName(fields[field] ?? '', field, LIMITS.personName, false);
    if (name.ok) signatures.push({ role, signedName: name.value });
    else problems[field] = role === 'client' ? 'Please type your name.' : 'A parent or carer needs to type their name.';
  }
  if (fields['confirm'] !== 'yes') problems['confirm'] = 'Please tick the box to say you agree.';
  return Object.keys(problems).length > 0 ? { ok: false, fields: problems } : { ok: true, signatures };
}

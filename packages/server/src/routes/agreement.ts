import { Hono, type Context } from 'hono';
import { requiredRoles, type ContractLinkView } from '@rapport/core';
import { contractClientPage, type ContractClientView } from '@rapport/web';
import { audit } from '../audit.js';
import { tokenHash } from '../auth/tokens.js';
import type { AppEnv, Deps } from '../context.js';
import { presentDiff, presentSections } from '../frame/presenters.js';
import { readForm } from '../forms.js';
import { errorResponse } from '../http-errors.js';
import { readSignatures } from './frame.js';
import { sealNewQuestion } from '../record/client-text.js';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const UNKNOWN = {
  code: 'not-found',
  message: 'This link is not recognised. Please check it was copied in full, or ask your counsellor for a new one.',
} as const;
const EXPIRED = {
  code: 'link-expired',
  message: 'This link has expired. Your counsellor can send you a new one.',
} as const;
const QUESTION_MAX = 2000;

/** The client's side of the frame: read the agreement, ask a question, agree. */
export function agreementRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('/a/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
  });

  async function find(c: Context<AppEnv>): Promise<ContractLinkView | Response> {
    const token = c.req.param('token') ?? '';
    if (!TOKEN_SHAPE.test(token)) return errorResponse(UNKNOWN, 'client');
    const link = await deps.store.frame.findContractLink(tokenHash(token));
    if (!link) return errorResponse(UNKNOWN, 'client');
    const agreed = link.version.agreements.length > 0;
    if (!agreed && Date.parse(link.expiresAt) <= deps.clock.now().getTime()) return errorResponse(EXPIRED, 'client');
    return link;
  }

  async function page(
    c: Context<AppEnv>,
    link: ContractLinkView,
    extra: Pick<ContractClientView, 'notice' | 'problem' | 'values'> = {},
  ): Promise<ContractClientView> {
    const practice = await deps.store.getPractice(link.practiceId);
    const superseded = link.latestVersion > link.version.version && link.version.agreements.length === 0;
    // A superseded version shows the newest one, with what changed, so the client is never left with stale text.
    const shown = superseded
      ? ((await deps.store.frame.listContractVersions(link.practiceId, link.version.episodeId)).at(-1) ?? link.version)
      : link.version;
    const before = superseded ? link.version : link.previous;
    const agreed = shown.agreements;
    return {
      action: `/a/${c.req.param('token') ?? ''}`,
      version: shown.version,
      practiceName: practice?.name ?? 'your counsellor’s practice',
      forYoungPerson: shown.body.audience !== 'adult',
      needsCarer: requiredRoles(shown.body).includes('carer'),
      sections: presentSections(shown.body),
      diff: before ? presentDiff(before, shown) : null,
      contentHash: shown.contentHash,
      state: superseded
        ? { kind: 'superseded', latest: link.latestVersion }
        : agreed.length > 0
          ? { kind: 'agreed', names: agreed.map((a) => a.signedName), at: agreed[0]?.agreedAt ?? '' }
          : { kind: 'open' },
      ...extra,
    };
  }

  const readAudit = (
    c: Context<AppEnv>,
    link: ContractLinkView,
    action: 'contract.read' | 'contract.question' | 'contract.agree',
  ) => audit(c, deps, { practiceId: link.practiceId, actor: { kind: 'client-link' }, action, clientId: link.clientId });

  app.get('/a/:token', async (c) => {
    const link = await find(c);
    if (link instanceof Response) return link;
    await readAudit(c, link, 'contract.read');
    const sent = c.req.query('sent');
    const notice =
      sent === 'question'
        ? 'Thank you: your question has reached your counsellor. They will talk it through with you.'
        : sent === 'agreed'
          ? 'Thank you: your agreement is recorded.'
          : undefined;
    return c.html(contractClientPage(await page(c, link, { notice })));
  });

  app.post('/a/:token/question', async (c) => {
    const link = await find(c);
    if (link instanceof Response) return link;
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error, 'client');
    const text = (form.value['question'] ?? '').trim();
    if (text === '' || text.length > QUESTION_MAX) {
      const message =
        text === '' ? 'Please write your question first.' : `Please keep it under ${String(QUESTION_MAX)} characters.`;
      return c.html(
        contractClientPage(
          await page(c, link, { problem: { message, fields: { question: message } }, values: { question: text } }),
        ),
        422,
      );
    }
    if (link.latestVersion > link.version.version || link.version.agreements.length > 0) {
      return c.html(contractClientPage(await page(c, link)), 409);
    }
    await deps.store.frame.askContractQuestion(
      link.practiceId,
      link.version.id,
      await sealNewQuestion(deps.keys, link.practiceId, text),
      deps.clock.now().toISOString(),
    );
    await readAudit(c, link, 'contract.question');
    return c.redirect(`/a/${c.req.param('token')}?sent=question`, 303);
  });

  app.post('/a/:token/agree', async (c) => {
    const link = await find(c);
    if (link instanceof Response) return link;
    const form = await readForm(c);
    if (!form.ok) return errorResponse(form.error, 'client');
    const signed = readSignatures(form.value, requiredRoles(link.version.body));
    if (!signed.ok) {
      const values = { clientName: form.value['clientName'] ?? '', carerName: form.value['carerName'] ?? '' };
      return c.html(
        contractClientPage(
          await page(c, link, {
            problem: { message: 'A little more is needed to agree.', fields: signed.fields },
            values,
          }),
        ),
        422,
      );
    }
    const agreed = await deps.store.frame.agreeContract(link.practiceId, link.linkId, {
      contentHash: form.value['contentHash'] ?? '',
      signatures: signed.signatures,
      at: deps.clock.now().toISOString(),
    });
    if (!agreed.ok) {
      const fresh = await deps.store.frame.findContractLink(tokenHash(c.req.param('token')));
      return c.html(contractClientPage(await page(c, fresh ?? link)), agreed.error.code === 'not-found' ? 404 : 409);
    }
    await readAudit(c, link, 'contract.agree');
    return c.redirect(`/a/${c.req.param('token')}?sent=agreed`, 303);
  });

  return app;
}

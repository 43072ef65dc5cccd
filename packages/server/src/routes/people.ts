import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import {
  LIMITS,
  ROLE_LABELS,
  USER_ROLES,
  asUserId,
  holdsClientRecords,
  parseEmail,
  parseName,
  parseRole,
  type DomainError,
} from '@rapport/core';
import { peoplePage, personAddedPage, supervisionLinksPage, type FormError } from '@rapport/web';
import { audit } from '../audit.js';
import { hashPassword } from '../auth/password.js';
import type { AppEnv, Deps, Signedin } from '../context.js';
import { practiceAdmin, practiceAdminForm } from '../guards.js';
import { errorResponse } from '../http-errors.js';
import { presentViewer } from '../presenters.js';
import { isRowId, noStore } from '../record/context.js';

/** 18 random bytes: 24 characters of base64url, far beyond guessing and unlike any listed password. */
const FIRST_PASSWORD_BYTES = 18;

const formError = (e: DomainError): FormError => ({ message: e.message, fields: e.fields ?? {} });

/**
 * The practice administrator's people pages: who can sign in, with which role, and who
 * supervises whom. Someone added here gets a first password shown once and stored only as an
 * argon2id hash; at their first sign-in they must choose their own (`auth/password-change-gate.ts`).
 */
export function peopleRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const store = deps.store.supervision;
  const by = (s: Signedin) => ({ kind: 'user', userId: s.user.id }) as const;

  async function people(
    c: Context<AppEnv>,
    s: Signedin,
    values: { name: string; email: string; role?: string },
    status: 200 | 409 | 422,
    error?: DomainError,
  ): Promise<Response> {
    const members = await store.listMembers(s.practiceId);
    return c.html(
      peoplePage({
        viewer: presentViewer(s),
        people: members.map((m) => ({
          name: m.name,
          email: m.email,
          role: ROLE_LABELS[m.role].name,
          passwordChangeDue: m.passwordChangeDue,
        })),
        roles: USER_ROLES.map((r) => ({
          value: r,
          label: ROLE_LABELS[r].name,
          sees: ROLE_LABELS[r].sees,
          selected: r === (values.role ?? 'therapist'),
        })),
        values: { name: values.name, email: values.email },
        error: error ? formError(error) : undefined,
      }),
      status,
    );
  }

  app.get('/practice/users', async (c) => {
    const s = practiceAdmin(c);
    if (s instanceof Response) return s;
    return people(c, s, { name: '', email: '' }, 200);
  });

  app.post('/practice/users', async (c) => {
    const r = await practiceAdminForm(c);
    if (r instanceof Response) return r;
    const { signedIn: s, fields } = r;
    const values = { name: fields['name'] ?? '', email: fields['email'] ?? '', role: fields['role'] ?? '' };
    const name = parseName(values.name, 'name', LIMITS.personName, false);
    const email = parseEmail(values.email);
    const role = parseRole(values.role);
    if (!name.ok || !email.ok || !role.ok) {
      const fieldErrors = Object.assign(
        {},
        name.ok ? {} : name.error.fields,
        email.ok ? {} : email.error.fields,
        role.ok ? {} : role.error.fields,
      ) as Record<string, string>;
      return people(c, s, values, 422, {
        code: 'invalid-input',
        message: 'Some details need attention.',
        fields: fieldErrors,
      });
    }
    const password = randomBytes(FIRST_PASSWORD_BYTES).toString('base64url');
    const added = await store.addMember(
      s.practiceId,
      { name: name.value, email: email.value, role: role.value, passwordHash: await hashPassword(password) },
      deps.clock.now().toISOString(),
    );
    if (!added.ok) return people(c, s, values, 409, added.error);
    await audit(c, deps, { practiceId: s.practiceId, actor: by(s), action: 'user.add', clientId: null });
    deps.logger.info({ event: 'user.added', userId: added.value.id, role: role.value, by: s.user.id }, 'user added');
    noStore(c);
    return c.html(
      personAddedPage({
        viewer: presentViewer(s),
        name: added.value.name,
        email: added.value.email,
        role: ROLE_LABELS[added.value.role].name,
        password,
      }),
    );
  });

  async function links(c: Context<AppEnv>, s: Signedin, status: 200 | 404 | 422, error?: DomainError) {
    const [members, found] = await Promise.all([store.listMembers(s.practiceId), store.listLinks(s.practiceId)]);
    const nameOf = new Map(members.map((m) => [m.id as string, m.name]));
    const option = (m: (typeof members)[number]) => ({ value: m.id, label: `${m.name} (${m.email})`, selected: false });
    return c.html(
      supervisionLinksPage({
        viewer: presentViewer(s),
        links: found.map((l) => ({
          supervisor: nameOf.get(l.supervisorId) ?? 'A former user',
          supervisee: nameOf.get(l.superviseeId) ?? 'A former user',
          supervisorId: l.supervisorId,
          superviseeId: l.superviseeId,
        })),
        supervisors: members.filter((m) => m.role === 'supervisor').map(option),
        supervisees: members.filter((m) => holdsClientRecords(m.role)).map(option),
        error: error ? formError(error) : undefined,
      }),
      status,
    );
  }

  /** The two people of a link form, checked to be ids before any query sees them. */
  const pairOf = (fields: Readonly<Record<string, string>>) => {
    const supervisorId = fields['supervisorId'];
    const superviseeId = fields['superviseeId'];
    return isRowId(supervisorId) && isRowId(superviseeId)
      ? { supervisorId: asUserId(supervisorId), superviseeId: asUserId(superviseeId) }
      : null;
  };
  const choose: DomainError = {
    code: 'invalid-input',
    message: 'Choose a supervisor and the therapist they supervise.',
    fields: { supervisorId: 'Choose a supervisor.', superviseeId: 'Choose a therapist.' },
  };

  app.get('/practice/supervision', async (c) => {
    const s = practiceAdmin(c);
    if (s instanceof Response) return s;
    return links(c, s, 200);
  });

  app.post('/practice/supervision', async (c) => {
    const r = await practiceAdminForm(c);
    if (r instanceof Response) return r;
    const s = r.signedIn;
    const pair = pairOf(r.fields);
    if (!pair) return links(c, s, 422, choose);
    const linked = await store.link(s.practiceId, { ...pair, by: s.user.id }, deps.clock.now().toISOString());
    if (!linked.ok) return links(c, s, linked.error.code === 'not-found' ? 404 : 422, linked.error);
    await audit(c, deps, { practiceId: s.practiceId, actor: by(s), action: 'supervision.link', clientId: null });
    return c.redirect('/practice/supervision', 303);
  });

  app.post('/practice/supervision/remove', async (c) => {
    const r = await practiceAdminForm(c);
    if (r instanceof Response) return r;
    const s = r.signedIn;
    const pair = pairOf(r.fields);
    if (!pair) return errorResponse(choose);
    if (!(await store.unlink(s.practiceId, pair.supervisorId, pair.superviseeId))) {
      return errorResponse({ code: 'not-found', message: 'Those two are not linked in your practice.' });
    }
    await audit(c, deps, { practiceId: s.practiceId, actor: by(s), action: 'supervision.unlink', clientId: null });
    return c.redirect('/practice/supervision', 303);
  });

  return app;
}

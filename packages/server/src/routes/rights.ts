import { Hono, type Context } from 'hono';
import { asClientId, type Client } from '@rapport/core';
import { clientErasedPage, eraseClientPage, type FormError } from '@rapport/web';
import { clientIp } from '../audit.js';
import type { AppEnv, Deps, Signedin } from '../context.js';
import { practiceAdmin, practiceAdminForm, therapist } from '../guards.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { presentViewer } from '../presenters.js';
import { auditRecord, noStore, notFound, ukToday } from '../record/context.js';
import { openResponse } from '../record/client-text.js';
import { buildClientExport, type Exporter } from '../rights/export.js';
import { clientBundle } from '../rights/fhir.js';
import { renderClientExportPdf } from '../rights/pdf.js';
import { ERASE_KEPT, erasureList } from '../rights/erase-words.js';

const exporter = (s: Signedin): Exporter => ({
  practiceId: s.practiceId,
  practiceName: s.practiceName,
  userId: s.user.id,
  userName: s.user.name,
});

/** A download: never cached, saved under a name that says what it is (the client's code, today). */
const download = (c: Context<AppEnv>, filename: string): void => {
  noStore(c);
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
};

/**
 * The client's data rights: everything held about them as JSON, as a FHIR R4 Bundle and as a
 * readable PDF (the practice's therapists and its administrator; a supervisor is refused), the
 * whole practice's export, and erasure (the administrator only). Each export is audited per
 * client as `client.export`; erasure writes `client.erase` in the same transaction.
 */
export function rightsRoutes(deps: Deps, library: InstrumentLibrary): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** The client in the path, in the signed-in user's practice; null otherwise. */
  const clientOf = (s: Signedin, c: Context<AppEnv>): Promise<Client | null> =>
    deps.store.getClient(s.practiceId, asClientId(c.req.param('clientId') ?? ''));

  app.get('/clients/:clientId/export.json', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const client = await clientOf(s, c);
    if (!client) return notFound();
    const body = await buildClientExport(deps, exporter(s), client);
    await auditRecord(c, deps, s, 'client.export', client.id);
    download(c, `${client.code}-${ukToday(deps.clock.now())}.json`);
    return c.json(body);
  });

  app.get('/clients/:clientId/export.fhir.json', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const client = await clientOf(s, c);
    if (!client) return notFound();
    const [episodes, responses] = await Promise.all([
      deps.store.listEpisodes(s.practiceId, client.id),
      deps.store.measures.listResponses(s.practiceId, client.id),
    ]);
    const contracts = (
      await Promise.all(episodes.map((e) => deps.store.frame.listContractVersions(s.practiceId, e.id)))
    ).flat();
    const bundle = clientBundle(
      {
        practice: { id: s.practiceId, name: s.practiceName },
        client,
        episodes,
        contracts,
        responses: await Promise.all(responses.map((r) => openResponse(deps.keys, r))),
        at: deps.clock.now().toISOString(),
      },
      library,
    );
    await auditRecord(c, deps, s, 'client.export', client.id);
    download(c, `${client.code}-${ukToday(deps.clock.now())}.fhir.json`);
    return c.json(bundle, 200, { 'content-type': 'application/fhir+json; charset=utf-8' });
  });

  app.get('/clients/:clientId/export.pdf', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const client = await clientOf(s, c);
    if (!client) return notFound();
    const bytes = await renderClientExportPdf(await buildClientExport(deps, exporter(s), client), library);
    await auditRecord(c, deps, s, 'client.export', client.id);
    download(c, `${client.code}-${ukToday(deps.clock.now())}.pdf`);
    return c.body(new Uint8Array(bytes), 200, { 'content-type': 'application/pdf' });
  });

  // Every client's export in one document: built in memory, which is fine at a practice's scale.
  app.get('/practice/export.json', async (c) => {
    const s = practiceAdmin(c);
    if (s instanceof Response) return s;
    const clients = await deps.store.listClients(s.practiceId);
    const exports = [];
    for (const summary of [...clients].sort((a, b) => a.code.localeCompare(b.code))) {
      const client = await deps.store.getClient(s.practiceId, summary.id);
      if (!client) continue;
      exports.push(await buildClientExport(deps, exporter(s), client));
      await auditRecord(c, deps, s, 'client.export', client.id);
    }
    download(c, `practice-${ukToday(deps.clock.now())}.json`);
    return c.json({
      format: 'rapport-practice-export',
      formatVersion: 1,
      exportedAt: deps.clock.now().toISOString(),
      practice: { id: s.practiceId, name: s.practiceName },
      clients: exports,
    });
  });

  async function erasePage(c: Context<AppEnv>, s: Signedin, client: Client, error?: FormError): Promise<Response> {
    noStore(c);
    const view = {
      viewer: presentViewer(s),
      client: { id: client.id, code: client.code },
      removed: await erasureList(deps, s.practiceId, client),
      kept: ERASE_KEPT,
      ...(error ? { error } : {}),
    };
    return c.html(eraseClientPage(view), error ? 422 : 200);
  }

  app.get('/clients/:clientId/erase', async (c) => {
    const s = practiceAdmin(c);
    if (s instanceof Response) return s;
    const client = await clientOf(s, c);
    if (!client) return notFound();
    // The page reads the record to say how much goes.
    await auditRecord(c, deps, s, 'client.read', client.id);
    return erasePage(c, s, client);
  });

  app.post('/clients/:clientId/erase', async (c) => {
    const r = await practiceAdminForm(c);
    if (r instanceof Response) return r;
    const s = r.signedIn;
    const client = await clientOf(s, c);
    if (!client) return notFound();
    const typed = (r.fields['code'] ?? '').trim();
    if (typed.toUpperCase() !== client.code.toUpperCase()) {
      const message =
        typed === '' ? `Type ${client.code} to confirm.` : `That is not ${client.code}: type the code exactly.`;
      return erasePage(c, s, client, { message: 'Nothing was erased.', fields: { code: message } });
    }
    const erased = await deps.store.rights.eraseClient(s.practiceId, client.id, {
      actor: { kind: 'user', userId: s.user.id },
      action: 'client.erase',
      at: deps.clock.now().toISOString(),
      ip: clientIp(c, deps),
    });
    if (!erased.ok) return notFound();
    noStore(c);
    return c.html(clientErasedPage({ viewer: presentViewer(s), code: client.code, rows: erased.value.rows }));
  });

  return app;
}

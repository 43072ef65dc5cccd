import fhir from 'fhir';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asClientId, type PracticeId } from '@rapport/core';
import { rowsNaming, testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { testApp } from '../testing/harness.js';
import { pdfText } from '../testing/pdf-text.js';
import { RECORD_JOURNAL_TEXT, RECORD_NOTE_TEXT } from '../testing/record-world.js';
import { buildWorld, type World } from '../testing/roles.js';
import { WORLD_AGENDA_QUESTION } from '../testing/supervision-world.js';
import type { ClientExport } from '../rights/export.js';

interface Bundle {
  readonly resourceType: string;
  readonly type: string;
  readonly entry: readonly { readonly resource: Record<string, unknown> & { readonly resourceType: string } }[];
}

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the client's data rights on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let t: ReturnType<typeof testApp>;
    let world: World;
    let practiceId: PracticeId;

    beforeAll(async () => {
      opened = await database.open();
      t = testApp(opened.store);
      world = await buildWorld(t.app, opened.store, 'rt');
      const client = (await opened.store.findLogin('mx-a-rt@example.org'))?.user;
      if (!client) throw new Error('setup');
      practiceId = client.practiceId;
    });
    afterAll(async () => {
      await opened.dispose();
    });

    const exportsAudited = async (): Promise<number> =>
      (await opened.store.listAudit(practiceId, 500)).filter((e) => e.action === 'client.export').length;

    it('exports everything about the client as JSON: the client’s words opened, the therapist’s own record labelled', async () => {
      const res = await world.send('therapist', 'GET', `/clients/${world.clientId}/export.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-disposition')).toContain(`${world.clientCode}-`);
      const x = (await res.json()) as ClientExport;
      expect(x.format).toBe('rapport-client-export');
      expect(x.client.code).toBe(world.clientCode);
      const [episode] = x.episodes;
      expect(episode?.goals[0]?.wordings.map((w) => w.text)).toEqual(['Sleep better']);
      expect(episode?.sessions).toHaveLength(1);
      expect(x.measures.length).toBeGreaterThan(0);
      // The therapist's own record: their note and supervision question; a journal entry not about the client is left out.
      expect(x.therapistRecord.sessionNotes.map((n) => n.text)).toEqual([RECORD_NOTE_TEXT]);
      expect(x.therapistRecord.supervisionQuestions.map((q) => q.question)).toEqual([WORLD_AGENDA_QUESTION]);
      expect(JSON.stringify(x)).not.toContain(RECORD_JOURNAL_TEXT);

      // The administrator's export counts the therapist's note but cannot hold its words.
      const admin = (await (
        await world.send('admin', 'GET', `/clients/${world.clientId}/export.json`)
      ).json()) as ClientExport;
      expect(admin.therapistRecord.sessionNotes).toEqual([]);
      expect(admin.therapistRecord.notesByOthersNotIncluded).toBe(1);
      expect(JSON.stringify(admin)).not.toContain(RECORD_NOTE_TEXT);
      expect(JSON.stringify(admin)).not.toContain(WORLD_AGENDA_QUESTION);
      expect(await exportsAudited()).toBe(2);
    });

    it('exports a FHIR R4 collection Bundle that validates, knowing the client by their code alone', async () => {
      const res = await world.send('admin', 'GET', `/clients/${world.clientId}/export.fhir.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/fhir+json');
      const bundle = (await res.json()) as Bundle;
      expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
      const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
      for (const type of ['Patient', 'Organization', 'EpisodeOfCare', 'QuestionnaireResponse', 'Consent']) {
        expect(types, type).toContain(type);
      }
      const patient = bundle.entry.find((e) => e.resource.resourceType === 'Patient')?.resource;
      expect(patient?.['name']).toBeUndefined();
      expect(patient?.['identifier']).toEqual([expect.objectContaining({ value: world.clientCode })]);
      const problems = new fhir.Fhir().validate(bundle).messages.filter((m) => String(m.severity) === 'error');
      expect(problems).toEqual([]);
    });

    it('exports a readable PDF that names the client', async () => {
      const res = await world.send('therapist', 'GET', `/clients/${world.clientId}/export.pdf`);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const text = await pdfText(await res.arrayBuffer());
      expect(text).toContain(world.clientCode);
      expect(text).toContain('Sleep better');
      expect(text).toContain('The therapist’s own record');
    });

    it('exports the whole practice for its administrator, auditing each client', async () => {
      const before = await exportsAudited();
      const res = await world.send('admin', 'GET', '/practice/export.json');
      const body = (await res.json()) as { clients: ClientExport[] };
      expect(body.clients.map((c) => c.client.code)).toContain(world.clientCode);
      expect(await exportsAudited()).toBe(before + body.clients.length);
      const other = await (await world.send('other', 'GET', '/practice/export.json')).text();
      expect(other).not.toContain(world.clientCode);
    });

    it('erases the client only once their code is typed, everywhere, keeping the audit log', async () => {
      const path = `/clients/${world.clientId}/erase`;
      const page = await world.send('admin', 'GET', path);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('What is removed');
      expect(html).toContain('The audit log');
      expect((await world.send('therapist', 'GET', path)).status).toBe(403);

      const refused = await world.send('admin', 'POST', path, { code: 'NOT-THE-CODE' });
      expect(refused.status).toBe(422);
      expect(await opened.store.getClient(practiceId, asClientId(world.clientId))).not.toBeNull();

      // Every id of the client's record, read before it goes.
      const episodes = await opened.store.listEpisodes(practiceId, asClientId(world.clientId));
      const links = await opened.store.listCheckLinks(practiceId, asClientId(world.clientId));
      const ids = [world.clientId, ...episodes.map((e) => e.id), ...links.map((l) => l.id), world.record.sessionId];

      const erased = await world.send('admin', 'POST', path, { code: world.clientCode.toLowerCase() });
      expect(erased.status).toBe(200);
      expect(await erased.text()).toContain(`${world.clientCode} has been erased`);
      expect(await rowsNaming(opened.store, ids)).toEqual({ 'audit_event.client_id': expect.any(Number) as number });
      const trail = (await opened.store.listAudit(practiceId, 500)).filter((e) => e.clientId === world.clientId);
      // The trail stays, and ends with the erasure.
      expect(trail.map((e) => e.action)).toEqual(
        expect.arrayContaining(['client.read', 'client.export', 'client.erase']),
      );

      for (const gone of [
        `/clients/${world.clientId}`,
        `/clients/${world.clientId}/export.json`,
        `/clients/${world.clientId}/erase`,
        `/episodes/${world.episodeId}/timeline`,
        `/sessions/${world.record.sessionId}/note`,
      ]) {
        expect((await world.send('admin', 'GET', gone)).status, gone).toBe(404);
      }
      // The list keeps the practice's other client (the world's spare, `<code>-S`) only.
      const list = await (await world.send('admin', 'GET', '/clients')).text();
      expect(list).not.toMatch(new RegExp(`${world.clientCode}(?!-S)`));
    });
  });
}

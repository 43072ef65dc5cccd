import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { testApp } from '../testing/harness.js';
import { buildWorld, type World } from '../testing/roles.js';

/** Every "Bring to supervision" link on a page, with `&amp;` read back as `&`. */
const bringLinks = (html: string): string[] =>
  [...html.matchAll(/<a href="([^"]+)">Bring to supervision<\/a>/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));

/** The agenda form's `name` list. */
const selectOf = (html: string, name: string): string =>
  new RegExp(`<select[^>]*name="${name}"[\\s\\S]*?</select>`).exec(html)?.[0] ?? '';

/** Whether the agenda form has `value` chosen in its `name` list. */
const chosen = (html: string, name: string, value: string): boolean =>
  selectOf(html, name).includes(`<option value="${value}" selected=""`);

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`"Bring to supervision" on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let world: World;

    beforeAll(async () => {
      opened = await database.open();
      world = await buildWorld(testApp(opened.store).app, opened.store, 'bs');
    });
    afterAll(async () => {
      await opened.dispose();
    });

    const page = async (path: string): Promise<string> => (await world.send('therapist', 'GET', path)).text();

    it('leads from a rupture’s page to the agenda form with the client and the rupture chosen', async () => {
      const rupture = await page(`/episodes/${world.episodeId}/ruptures/${world.workspace.ruptureId}`);
      const [href] = bringLinks(rupture);
      expect(href).toBe(`/supervision?episode=${world.episodeId}&signal=rupture#bring`);
      const form = await page(href ?? '');
      expect(chosen(form, 'episodeId', world.episodeId)).toBe(true);
      expect(chosen(form, 'signal', 'rupture')).toBe(true);
      expect(form).toContain(`<option value="${world.episodeId}" selected="">${world.clientCode}</option>`);
    });

    it('puts the link beside each signal on the client page', async () => {
      const client = await page(`/clients/${world.clientId}`);
      const links = bringLinks(client);
      expect(links).toContain(`/supervision?episode=${world.episodeId}&signal=rupture#bring`);
      const form = await page(links[0] ?? '');
      expect(chosen(form, 'episodeId', world.episodeId)).toBe(true);
    });

    it('chooses the client alone when the signal is not one the agenda knows', async () => {
      const form = await page(`/supervision?episode=${world.episodeId}&signal=not-a-signal`);
      expect(chosen(form, 'episodeId', world.episodeId)).toBe(true);
      expect(selectOf(form, 'signal')).not.toContain('selected=""');
    });
  });
}

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDatabases, type OpenedTestStore } from '@rapport/storage/testing';
import { DEMO_EMAIL, ensureDemo } from '../demo.js';
import { TestBrowser, TestClock, testApp, testKeyring } from '../testing/harness.js';

const NOW = '2026-03-02T09:00:00.000Z';

for (const database of testDatabases(inject('pgTarget'))) {
  describe(`the client's voice in the demo on ${database.label}`, () => {
    let opened: OpenedTestStore;
    let therapist: TestBrowser;

    beforeAll(async () => {
      opened = await database.open();
      const clock = new TestClock(NOW);
      await ensureDemo(
        opened.store,
        new Date(NOW),
        'demo passphrase long',
        undefined,
        testKeyring(opened.store, clock),
      );
      therapist = new TestBrowser(testApp(opened.store, clock).app);
      const res = await therapist.post('/login', { email: DEMO_EMAIL, password: 'demo passphrase long' });
      expect(res.status).toBe(303);
    }, 120_000);
    afterAll(async () => {
      await opened.dispose();
    });

    const page = async (code: string): Promise<string> => {
      const list = await (await therapist.get('/clients')).text();
      const id = new RegExp(`href="/clients/([^"]+)">${code}<`).exec(list)?.[1] ?? '';
      return (await therapist.get(`/clients/${id}`)).text();
    };

    it('has a 9-year-old’s faces and a carer’s separate rating, the carer allowed to see his scores', async () => {
      const kit = await page('RC-107');
      expect(kit).toContain('Child (6–10)');
      expect(kit).toContain('the carer’s view, kept apart');
      expect(kit).toMatch(/<option value="scores" selected="">/);
    });

    it('has answers by phone awaiting the client and confirmed, a comment shared and one held, strong preferences', async () => {
      const gus = await page('RC-108');
      expect(gus).toContain('not yet confirmed by the client');
      expect(gus).toContain('confirmed by the client');
      expect(gus).toContain('Entered by phone, not yet confirmed');
      expect(gus).toContain('More time at the end to say what I will try next week.');
      expect(gus).not.toContain('Less advice, more room to think out loud.');
      const strong = /data-testid="strong-preferences">([\s\S]*?)<\/div>/.exec(gus)?.[1] ?? '';
      expect(strong).toContain('client leads');
      expect(strong).toContain('present focus');
      const caseload = await (await therapist.get('/clients')).text();
      expect(caseload).toContain('Unconfirmed phone entry: <strong>1</strong>');
    });
  });
}

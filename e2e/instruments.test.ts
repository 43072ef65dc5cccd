import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, expectAccessible, launch, mustRunBrowser } from './browser.js';
import { DEMO_PASSWORD, startBuiltServer, type StartedServer } from './server.js';

if (mustRunBrowser && !browserAvailable) {
  throw new Error('CI is set but Chromium is missing: browser tests must run in CI (install the chromium package).');
}

/** Each shipped instrument a client can be sent, with each age group it has a version for. */
const SHIPPED: readonly { id: string; audience: string }[] = [
  { id: 'rapport-relationship-check', audience: 'adult' },
  { id: 'rapport-relationship-check', audience: 'young-person' },
  { id: 'rapport-relationship-check', audience: 'child' },
  { id: 'phq-9', audience: 'adult' },
  { id: 'gad-7', audience: 'adult' },
  { id: 'core-10', audience: 'adult' },
  { id: 'goal-based-outcomes', audience: 'adult' },
  { id: 'rapport-preferences', audience: 'adult' },
  { id: 'rapport-ending-review', audience: 'adult' },
  { id: 'rapport-unplanned-ending', audience: 'adult' },
];

/** Answers every question on the page without scripts: the first radio of each group ("No" for yes/no), text where asked. */
async function answerAll(page: Page): Promise<void> {
  const groups = page.locator('fieldset.scale:not(.follow-up)');
  for (let i = 0; i < (await groups.count()); i++) {
    const group = groups.nth(i);
    const no = group.getByRole('radio', { name: 'No', exact: true });
    if ((await no.count()) === 1) await no.check();
    else await group.getByRole('radio').first().check();
  }
  const boxes = page.locator('.field:not(.follow-up) textarea');
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).fill('Something in my own words.');
}

describe.skipIf(!browserAvailable)('in a real browser: every shipped instrument works with JavaScript off', () => {
  let server: StartedServer;
  let browser: Browser;
  let therapist: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startBuiltServer();
    browser = await launch();
    therapist = await browser.newContext();
    therapist.setDefaultTimeout(10_000);
    page = await therapist.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email address').fill('demo@rapport.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/clients$/);
    await page.getByLabel('Client code').fill('E2E-INS');
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]+$/);
    await page.getByRole('button', { name: 'Open an episode' }).click();
  }, 60_000);
  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it.each(SHIPPED)(
    '$id ($audience): accessible, completed without scripts, credited',
    async ({ id, audience }) => {
      const clientUrl = page.url();
      await page.getByLabel('Measure to send').selectOption(id);
      await page.getByLabel('Client’s age group (chooses the version)').selectOption(audience);
      await page.getByRole('radio', { name: 'Check-in before the session' }).check();
      await page.getByRole('button', { name: 'Create a link' }).click();
      const link = (await page.getByTestId('check-url').inputValue()).replace(/^http:\/\/[^/]+/, server.url);

      // axe needs script: check the page in a JS context, then answer it in one without.
      const checker = await browser.newContext();
      const checkPage = await checker.newPage();
      await checkPage.goto(link);
      await expectAccessible(checkPage);
      await checker.close();

      const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
      phone.setDefaultTimeout(10_000);
      const client = await phone.newPage();
      await client.goto(link);
      expect(await client.locator('.provenance').last().textContent()).toMatch(/©|Copyright/);
      await answerAll(client);
      await client.getByRole('button', { name: 'Send my answers' }).click();
      await client.waitForURL(/\/c\/thanks$/);
      await phone.close();

      await page.goto(clientUrl);
    },
    60_000,
  );

  it('shows the demo’s risk flag, stuck and not-on-track client and reliable improvement on accessible pages', async () => {
    await page.goto(`${server.url}/clients`);
    await expectAccessible(page);
    const caseload = (await page.textContent('main')) ?? '';
    expect(caseload).toContain('Risk');
    expect(caseload).toContain('Stuck');
    expect(caseload).toContain('Reliably better');
    expect(caseload).toContain('Not on track');
    await page.getByRole('link', { name: 'RC-106' }).click();
    expect(await page.textContent('main')).toContain('Risk: PHQ-9');
    await expectAccessible(page);
    await page.goto(`${server.url}/clients`);
    await page.getByRole('link', { name: 'RC-103' }).click();
    expect(await page.textContent('main')).toContain('Stuck: PHQ-9');
    expect(await page.textContent('main')).toContain('Not on track: PHQ-9 at session 8');
    await expectAccessible(page);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, expectAccessible, launch, mustRunBrowser } from './browser.js';
import { DEMO_PASSWORD, startBuiltServer, type StartedServer } from './server.js';

if (mustRunBrowser && !browserAvailable) {
  throw new Error('CI is set but Chromium is missing: browser tests must run in CI (install the chromium package).');
}

describe.skipIf(!browserAvailable)('in a real browser: therapist and client complete the loop', () => {
  let server: StartedServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startBuiltServer();
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it('signs in, creates a client, issues a link; the client answers with JavaScript off on a phone; the therapist sees the score', async () => {
    const therapist = await browser.newContext();
    therapist.setDefaultTimeout(10_000);
    const page = await therapist.newPage();

    await page.goto(`${server.url}/login`);
    await expectAccessible(page);
    await page.getByLabel('Email address').fill('demo@rapport.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/clients$/);
    await expectAccessible(page);
    // The demo practice tells its stories from the first sign-in.
    expect(await page.getByRole('link', { name: 'RC-102' }).count()).toBe(1);

    await page.getByLabel('Client code').fill('E2E-7');
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]+$/);
    const clientUrl = page.url();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Open an episode' }).click();
    await page.getByRole('button', { name: 'Create a link' }).click();
    await expectAccessible(page);
    const link = await page.getByTestId('check-url').inputValue();
    expect(link).toMatch(/\/c\/[A-Za-z0-9_-]{43}$/);
    const linkUrl = link.replace(/^http:\/\/[^/]+/, server.url);

    // axe needs script, so the client's pages are checked in a JS context without submitting.
    const checker = await browser.newContext();
    checker.setDefaultTimeout(10_000);
    const checkPage = await checker.newPage();
    await checkPage.goto(linkUrl);
    await expectAccessible(checkPage);

    const phone = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    phone.setDefaultTimeout(10_000);
    const client = await phone.newPage();
    await client.goto(linkUrl);
    for (const [question, value] of [
      ['I felt my counsellor and I were connected today.', '8'],
      ['We worked on what I wanted to work on.', '6'],
      ['The way we worked today suited me.', '7'],
      ['I felt understood.', '7'],
      ['I felt respected and cared about.', '7'],
      ['My counsellor was being real with me.', '7'],
      ['Overall, today’s session was right for me.', '7'],
      ['Was there a moment today when something felt off between us?', 'No'],
    ] as const) {
      await client.getByRole('group', { name: question }).getByRole('radio', { name: value, exact: true }).check();
    }
    await client.getByRole('button', { name: 'Send my answers' }).click();
    await client.waitForURL(/\/c\/thanks$/);
    expect(await client.getByRole('heading', { level: 1 }).textContent()).toBe('Thank you');
    await checkPage.goto(`${server.url}/c/thanks`);
    await expectAccessible(checkPage);

    // The same link again: refused politely.
    const again = await client.goto(linkUrl);
    expect(again?.status()).toBe(409);
    expect(await client.textContent('main')).toContain('already been completed');
    await checkPage.goto(linkUrl);
    await expectAccessible(checkPage);

    await page.goto(clientUrl);
    expect(await page.getByTestId('latest-rapport-relationship-check').textContent()).toContain('7.0');
    expect(await page.locator('svg.chart[role="img"]').count()).toBe(1);
    // The demo's rupture-and-repair story is told as a signal with its reasons.
    await expectAccessible(page);

    // A demo client with a longer story renders its chart too.
    await page.goto(`${server.url}/clients`);
    await page.getByRole('link', { name: 'RC-102' }).click();
    expect(await page.locator('svg.chart circle').count()).toBe(7);
    expect(await page.textContent('main')).toContain('repaired on');
    await expectAccessible(page);

    await page.goto(`${server.url}/signup`);
    await expectAccessible(page);
  }, 120_000);
});

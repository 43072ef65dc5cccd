import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, expectAccessible, signInAsDemo, useServerAndBrowser } from './browser.js';

const RATINGS = [
  'I felt my counsellor and I were connected today.',
  'We worked on what I wanted to work on.',
  'The way we worked today suited me.',
  'I felt understood.',
  'I felt respected and cared about.',
  'My counsellor was being real with me.',
  'Overall, today’s session was right for me.',
];
const TENSION = 'Was there a moment today when something felt off between us?';
const BETTER =
  'Since your last session, do things feel better between you and your counsellor? (You can skip this one.)';

/** Answers the relationship check on a client's page (scripts off), as a thumb would. */
async function answerCheck(page: Page, rating: string, extra: readonly (readonly [string, string])[]): Promise<void> {
  for (const question of RATINGS) {
    await page.getByRole('group', { name: question }).getByRole('radio', { name: rating, exact: true }).check();
  }
  for (const [question, value] of extra) {
    await page.getByRole('group', { name: question }).getByRole('radio', { name: value, exact: true }).check();
  }
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await page.waitForURL(/\/c\/thanks$/);
}

const caseloadCodes = async (page: Page): Promise<string[]> =>
  page.locator('table.caseload tbody th[scope="row"] a').allTextContents();

describe.skipIf(!browserAvailable)('in a real browser: the therapist’s workspace', () => {
  const env = useServerAndBrowser();

  it('sorts the caseload by need, follows a rupture to repair with the client’s word, and shows divergent views', async () => {
    const { server, browser } = env;
    const therapist = await browser.newContext();
    therapist.setDefaultTimeout(10_000);
    const page = await therapist.newPage();
    await signInAsDemo(page, server.url);

    // The demo's caseload: the risk answer first, then Chloe (not on track, divergent views, stuck).
    expect((await caseloadCodes(page)).slice(0, 2)).toEqual(['RC-106', 'RC-103']);
    expect(await page.textContent('main')).toContain('Past clients (100)');
    await expectAccessible(page);

    // Two perspectives: Chloe's therapist rates the sessions clearly higher than she does.
    await page.getByRole('link', { name: 'RC-103' }).click();
    const chloe = (await page.textContent('main')) ?? '';
    expect(chloe).toContain('Divergent views: you rated the session');
    expect(chloe).toContain('Two perspectives');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Rate a session from your side' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('therapist’s view');
    await expectAccessible(page);

    // A new client reports a moment of tension: a rupture, second only to the risk answer.
    await page.goto(`${server.url}/clients`);
    await page.getByLabel('Client code').fill('E2E-W1');
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]+$/);
    const clientUrl = page.url();
    await page.getByRole('button', { name: 'Open an episode' }).click();
    await page.getByRole('button', { name: 'Create a link' }).click();
    const first = (await page.getByTestId('check-url').inputValue()).replace(/^http:\/\/[^/]+/, server.url);
    const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    phone.setDefaultTimeout(10_000);
    const client = await phone.newPage();
    await client.goto(first);
    await answerCheck(client, '7', [
      [TENSION, 'Yes'],
      ['How strong was it?', 'Moderate'],
      ['How far has it been sorted out?', 'Not at all'],
    ]);
    await page.goto(`${server.url}/clients`);
    expect((await caseloadCodes(page)).slice(0, 2)).toEqual(['RC-106', 'E2E-W1']);

    // The rupture's guidance, and a note of what was tried.
    await page.goto(clientUrl);
    await page.getByRole('link', { name: 'Guidance and your repair notes' }).click();
    await page.waitForURL(/\/episodes\/[0-9a-f-]+\/ruptures\/\d+$/);
    const ruptureUrl = page.url();
    const guidance = (await page.textContent('main')) ?? '';
    expect(guidance).toContain('Withdrawal');
    expect(guidance).toContain('Metacommunication');
    expect(await page.getByTestId('rupture-status').textContent()).toContain('awaiting repair');
    await expectAccessible(page);
    await page.getByLabel('What you tried, and how it landed').fill('Asked what felt off; we slowed down.');
    await page.getByRole('button', { name: 'Save the note' }).click();
    await page.waitForURL(/saved=1$/);
    expect(await page.textContent('main')).toContain('Asked what felt off; we slowed down.');

    // At the next check the client is asked one optional question, and says things feel better.
    await page.goto(clientUrl);
    await page.getByRole('button', { name: 'Create a link' }).click();
    const next = (await page.getByTestId('check-url').inputValue()).replace(/^http:\/\/[^/]+/, server.url);
    // axe needs script: the client's form is checked in a JavaScript context without submitting.
    const checker = await browser.newContext();
    const checkPage = await checker.newPage();
    await checkPage.goto(next);
    await expectAccessible(checkPage);
    await checker.close();
    await client.goto(next);
    await answerCheck(client, '8', [
      [TENSION, 'No'],
      [BETTER, 'Yes, better'],
    ]);

    await page.goto(ruptureUrl);
    const status = (await page.getByTestId('rupture-status').textContent()) ?? '';
    expect(status).toContain('repaired on');
    expect(status).toContain('the client said things feel better between you');
    await expectAccessible(page);
    await page.goto(`${server.url}/clients`);
    // Repaired: the client no longer sits among those who need a look first.
    expect((await caseloadCodes(page)).slice(0, 2)).toEqual(['RC-106', 'RC-103']);
    await phone.close();
    await therapist.close();
  }, 120_000);
});

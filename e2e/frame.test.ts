import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, expectAccessible, signInAsDemo, useServerAndBrowser } from './browser.js';

/** Fills every detail the builder asks for with a plain value. */
async function fillDetails(page: Page, overrides: Record<string, string> = {}): Promise<void> {
  const inputs = page.locator('input[name^="value."]');
  for (let i = 0; i < (await inputs.count()); i++) {
    const input = inputs.nth(i);
    const name = (await input.getAttribute('name')) ?? '';
    const key = name.replace('value.', '');
    await input.fill(overrides[key] ?? `our ${key}`);
  }
}

describe.skipIf(!browserAvailable)('in a real browser: a video contract with a 15-year-old', () => {
  const t = useServerAndBrowser();

  it('is offered, questioned, amended and agreed, and both sides see both versions and the diff', async () => {
    const therapist = await t.browser.newContext();
    therapist.setDefaultTimeout(10_000);
    const page = await therapist.newPage();
    await signInAsDemo(page, t.server.url);

    await page.getByLabel('Client code').fill('YP-15');
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.getByRole('button', { name: 'Open an episode' }).click();
    const action = (await page.locator('form[action$="/check-links"]').getAttribute('action')) ?? '';
    const contractUrl = `${t.server.url}${action.replace('/check-links', '/contract')}`;

    await page.goto(contractUrl);
    await expectAccessible(page);
    await page.getByRole('checkbox', { name: 'In person' }).uncheck();
    await page.getByRole('checkbox', { name: 'Video' }).check();
    await page.getByRole('radio', { name: 'Young person (11–17)' }).check();
    await page.getByRole('button', { name: 'Show the clauses for this' }).click();
    await expectAccessible(page);

    // Untick the emergency plan: the contract cannot be offered.
    await fillDetails(page, { emergencyContact: 'your mum on the number you gave' });
    await page.getByRole('checkbox', { name: /Keeping you safe in video sessions/ }).uncheck();
    await page.getByRole('button', { name: 'Offer to the client' }).click();
    expect(await page.textContent('.error-summary')).toContain('video-emergency-plan');
    await page.getByRole('checkbox', { name: /Keeping you safe in video sessions/ }).check();
    await fillDetails(page, { emergencyContact: 'your mum on the number you gave' });
    await page.getByRole('button', { name: 'Preview as the client sees it' }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Offer to the client' }).click();
    const link1 = (await page.getByTestId('contract-url').inputValue()).replace(/^http:\/\/[^/]+/, t.server.url);
    await expectAccessible(page);

    // The young person reads it on a phone with JavaScript off and asks a question.
    const phone = await t.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    phone.setDefaultTimeout(10_000);
    const young = await phone.newPage();
    await young.goto(link1);
    expect(await young.getByRole('heading', { level: 1 }).textContent()).toContain('Our agreement');
    await young
      .getByLabel('Your question or what you would like changed')
      .fill('Could the emergency contact be my school nurse instead?');
    await young.getByRole('button', { name: 'Send my question' }).click();
    expect(await young.getByRole('status').textContent()).toContain('your question has reached your counsellor');
    const checker = await t.browser.newContext();
    const checkPage = await checker.newPage();
    await checkPage.goto(link1);
    await expectAccessible(checkPage);

    // The therapist sees the question and amends the contract.
    await page.goto(contractUrl);
    expect(await page.textContent('main')).toContain('Could the emergency contact be my school nurse instead?');
    await page.getByLabel(/Emergency contact/).fill('the school nurse, Ms Okafor');
    await page.getByRole('button', { name: 'Offer to the client' }).click();
    const link2 = (await page.getByTestId('contract-url').inputValue()).replace(/^http:\/\/[^/]+/, t.server.url);

    // The old link shows the change and cannot be agreed; the new one can.
    await young.goto(link1);
    expect(await young.textContent('main')).toContain('This version has changed');
    await young.goto(link2);
    expect(await young.textContent('.diff')).toContain('school nurse, Ms Okafor');
    expect(await young.locator('.diff ins').count()).toBeGreaterThan(0);
    await checkPage.goto(link2);
    await expectAccessible(checkPage);
    await young.getByLabel('Type your name').fill('Alex');
    await young.getByRole('checkbox', { name: 'I have read this and I agree' }).check();
    await young.getByRole('button', { name: 'I agree' }).click();
    expect(await young.getByRole('status').first().textContent()).toContain('agreement is recorded');
    expect(await young.textContent('main')).toContain('Agreed by Alex');
    await checkPage.goto(link2);
    await expectAccessible(checkPage);

    // The therapist sees both versions, the diff and the signature.
    await page.goto(contractUrl);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('Version 1');
    expect(main).toContain('Replaced by a later version');
    expect(main).toContain('Version 2');
    expect(main).toContain('signed “Alex”');
    expect(main).toContain('What changed from version 1 to version 2');
    await expectAccessible(page);
  }, 120_000);
});

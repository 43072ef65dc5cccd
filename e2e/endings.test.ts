import { describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, signInAsDemo, useServerAndBrowser } from './browser.js';

describe.skipIf(!browserAvailable)('in a real browser: endings and the practice’s outcomes', () => {
  const ctx = useServerAndBrowser();

  it('ends an episode without a plan, the client answers the gentle check-in with JavaScript off, the summary shows it', async () => {
    const therapist = await ctx.browser.newContext();
    therapist.setDefaultTimeout(10_000);
    const page = await therapist.newPage();
    await signInAsDemo(page, ctx.server.url);

    // The demo's endings: a follow-up due, an ending being prepared, a past client's check-in.
    await page.getByRole('link', { name: 'Endings' }).first().click();
    await page.waitForURL(/\/endings$/);
    expect(await page.textContent('main')).toContain('follow-up due since');
    expect(await page.textContent('main')).toContain('3 sessions left, as agreed with the client.');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'RC-H099' }).first().click();
    expect(await page.textContent('main')).toContain('Follow-up due');
    await expectAccessible(page);

    await page.goto(`${ctx.server.url}/practice/outcomes`);
    expect(await page.getByTestId('outcomes').textContent()).toContain(
      '100 closed episodes with a first and last score',
    );
    await expectAccessible(page);

    // Amara's last sessions are agreed: she reads it in one small line on her next form.
    await page.goto(`${ctx.server.url}/clients`);
    await page.getByRole('link', { name: 'RC-101' }).first().click();
    expect(await page.textContent('main')).toContain('3 sessions left, as agreed with the client.');
    await page.getByRole('button', { name: 'Create a link' }).click();
    const amaraLink = (await page.getByTestId('check-url').inputValue()).replace(/^http:\/\/[^/]+/, ctx.server.url);
    const amara = await (await ctx.browser.newContext()).newPage();
    await amara.goto(amaraLink);
    expect(await amara.textContent('main')).toContain('3 sessions left, as we agreed.');
    await expectAccessible(amara);
    await amara.context().close();

    // A new client who stopped coming.
    await page.goto(`${ctx.server.url}/clients`);
    await page.getByLabel('Client code').fill('E2E-END');
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]+$/);
    await page.getByRole('button', { name: 'Open an episode' }).click();
    await page.getByRole('link', { name: 'Prepare or record the ending' }).click();
    await page.waitForURL(/\/episodes\/[0-9a-f-]+\/ending$/);
    await expectAccessible(page);
    await page.getByLabel('Unplanned ending').check();
    await page.getByLabel('The client stopped coming').check();
    await page.getByRole('button', { name: 'End the episode' }).click();
    await page.waitForURL(/\/ending\?done=ended$/);
    expect(await page.textContent('main')).toContain('It is optional for the client');
    await expectAccessible(page);
    const endingUrl = page.url().replace(/\?.*$/, '');
    await page.getByRole('button', { name: 'Create the check-in link' }).click();
    const link = (await page.getByTestId('check-url').inputValue()).replace(/^http:\/\/[^/]+/, ctx.server.url);
    expect(link).toMatch(/\/c\/[A-Za-z0-9_-]{43}$/);

    // axe needs script, so the client's form is checked in a JS context without submitting.
    const checker = await ctx.browser.newContext();
    const checkPage = await checker.newPage();
    await checkPage.goto(link);
    expect(await checkPage.textContent('main')).toContain('There is no session to come to for this');
    await expectAccessible(checkPage);

    const phone = await ctx.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    phone.setDefaultTimeout(10_000);
    const client = await phone.newPage();
    await client.goto(link);
    await client
      .getByRole('group', { name: 'How are things for you at the moment?' })
      .getByRole('radio', { name: '6', exact: true })
      .check();
    await client
      .getByRole('group', { name: 'Did something about counselling, or about working with me, not feel right?' })
      .getByRole('radio', { name: 'No', exact: true })
      .check();
    await client
      .getByRole('group', { name: 'What would you like to happen now?' })
      .getByRole('radio', { name: 'Stop here, thank you' })
      .check();
    await client.getByRole('button', { name: 'Send my answers' }).click();
    await client.waitForURL(/\/c\/thanks$/);

    await page.goto(`${endingUrl}/summary`);
    const summary = (await page.textContent('main')) ?? '';
    expect(summary).toContain('Unplanned ending on');
    expect(summary).toContain('the client stopped coming');
    expect(summary).toContain('Stop here, thank you');
    await expectAccessible(page);
    await page.goto(endingUrl);
    expect(await page.textContent('main')).toContain('answered on');
    expect(await page.getByRole('button', { name: 'Create the check-in link' }).count()).toBe(0);

    await phone.close();
    await checker.close();
    await therapist.close();
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, expectAccessible, signInAsDemo, useServerAndBrowser } from './browser.js';

describe.skipIf(!browserAvailable)('in a real browser: the client’s home, with JavaScript off', () => {
  const t = useServerAndBrowser();

  it('is given by the therapist, locked with a PIN, used for goals, ratings and notes, and shared only as chosen', async () => {
    const therapist = await t.browser.newContext();
    therapist.setDefaultTimeout(10_000);
    const page = await therapist.newPage();
    await signInAsDemo(page, t.server.url);
    await page.getByLabel('Client code').fill('HOME-E2E');
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.getByRole('button', { name: 'Open an episode' }).click();
    const clientUrl = page.url();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Give a home link' }).click();
    await expectAccessible(page);
    const homeUrl = (await page.getByTestId('home-url').inputValue()).replace(/^http:\/\/[^/]+/, t.server.url);

    // The client, on a phone with JavaScript off. A second context with scripts on (and the
    // same cookies) runs axe and a reflow check on each page the client sees.
    const phone = await t.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    phone.setDefaultTimeout(10_000);
    const client = await phone.newPage();
    // 320 CSS pixels wide: a 1280-pixel screen at 400 % zoom (WCAG 1.4.10), so 200 % has room to spare.
    const checker = await t.browser.newContext({ viewport: { width: 320, height: 640 } });
    const axe = async (): Promise<void> => {
      await checker.clearCookies();
      await checker.addCookies(await phone.cookies());
      const p = await checker.newPage();
      await p.goto(client.url());
      // The same page the client sees (not the lock), now with scripts on for axe.
      expect(await p.title()).toBe(await client.title());
      await expectAccessible(p);
      // Reflow: nothing wider than the screen, so no sideways scrolling.
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await p.close();
    };

    await client.goto(homeUrl);
    expect(await client.getByRole('heading', { level: 1 }).textContent()).toBe('Choose a PIN for your page');
    await axe();
    await client.getByLabel('Your new PIN or password').fill('7351');
    await client.getByLabel('Type it again').fill('7351');
    await client.getByRole('button', { name: 'Save my PIN' }).click();
    expect(await client.getByRole('heading', { level: 1 }).textContent()).toBe('Your page');
    await axe();

    await client.getByRole('link', { name: 'My goals' }).first().click();
    for (const goal of ['Sleep better', 'Talk to my mum <b>about</b> school']) {
      await client.getByLabel('What would you like to be different?').fill(goal);
      await client.getByRole('button', { name: 'Add this goal' }).click();
      expect(await client.getByRole('status').textContent()).toContain('Your goal is saved');
    }
    expect(await client.textContent('main')).toContain('Talk to my mum <b>about</b> school');
    await axe();

    await client.getByRole('link', { name: 'Home' }).click();
    await rate(client, 'Sleep better', '3');
    await rate(client, 'Talk to my mum', '6');
    await client.getByRole('button', { name: 'Save my numbers' }).click();
    expect(await client.getByRole('status').textContent()).toContain('Your numbers are saved');
    await rate(client, 'Sleep better', '7');
    await client.getByRole('button', { name: 'Save my numbers' }).click();
    await axe();

    await client.getByRole('link', { name: 'My progress' }).first().click();
    await axe();
    await note(client, 'Goal: Sleep better', 'Slept well after the walk', 'Me and my counsellor');
    await note(client, 'Goal: Talk to my mum', 'PRIVATE-E2E mum was upset that week', 'Just me');
    const progress = (await client.textContent('main')) ?? '';
    expect(progress).toContain('Slept well after the walk');
    expect(progress).toContain('PRIVATE-E2E mum was upset that week');
    await axe();

    // The therapist sees the goals, the ratings and the shared note, never the private one.
    await page.goto(clientUrl);
    const seen = (await page.textContent('main')) ?? '';
    expect(seen).toContain('Goals in the client’s words');
    expect(seen).toContain('Sleep better');
    expect(seen).toContain('Talk to my mum <b>about</b> school');
    expect(seen).toContain('3 → 7');
    expect(seen).toContain('Slept well after the walk');
    expect(seen).not.toContain('PRIVATE-E2E');
    expect(await page.content()).not.toContain('PRIVATE-E2E');
    await expectAccessible(page);

    // Locked again, the page asks for the PIN.
    await client.getByRole('button', { name: 'Lock my page' }).click();
    expect(await client.getByRole('heading', { level: 1 }).textContent()).toBe('Open your page');
    await axe();
    await Promise.all([therapist.close(), phone.close(), checker.close()]);
  }, 120_000);
});

/** Picks a number for the goal whose group is named by its words. */
async function rate(page: Page, goal: string, value: string): Promise<void> {
  await page
    .getByRole('group', { name: new RegExp(goal) })
    .getByRole('radio', { name: value, exact: true })
    .check();
}

/** Adds a note to the latest point of one chart, shared or not. */
async function note(page: Page, chart: string, text: string, who: string): Promise<void> {
  const section = page.getByRole('region', { name: chart });
  await section.getByText('Add a note to this chart').click();
  await section.getByLabel('Your note').fill(text);
  await section.getByRole('radio', { name: who }).check();
  await section.getByRole('button', { name: 'Save my note' }).click();
  expect(await page.getByRole('status').textContent()).toContain('Your note is saved');
}

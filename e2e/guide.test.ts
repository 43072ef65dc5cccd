import { describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, useServerAndBrowser } from './browser.js';

describe.skipIf(!browserAvailable)('in a real browser: reading and searching the guide', () => {
  const t = useServerAndBrowser();

  it('reads home, a chapter, a question, search results, references, a signal and a printable chapter with no axe violations', async () => {
    const context = await t.browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();

    await page.goto(`${t.server.url}/guide`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Ruptures and repair' }).click();
    await page.waitForURL(/\/guide\/ruptures-and-repair$/);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'What is an alliance rupture, and how would I recognise one?' }).click();
    await page.waitForURL(/\/guide\/ruptures-and-repair\/rupture-what-is-it$/);
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(
      expect.arrayContaining([
        'Short answer',
        'The longer answer',
        'In practice',
        'What the research says',
        'Personal reflection',
        'Ideas for research',
      ]),
    );
    expect(await page.getByLabel('Prompt 1').inputValue()).not.toBe('');
    await expectAccessible(page);

    await page.goto(`${t.server.url}/guide/search?q=rupure+repair`);
    expect(await page.locator('ol.guide-questions li').count()).toBeGreaterThan(0);
    await expectAccessible(page);

    await page.goto(`${t.server.url}/guide/references`);
    await expectAccessible(page);
    await page.goto(`${t.server.url}/guide/signal/rupture`);
    await expectAccessible(page);
    await page.goto(`${t.server.url}/guide/endings/print`);
    await expectAccessible(page);
  }, 120_000);

  it('searches with JavaScript off through the plain form, and instantly with it on', async () => {
    const noJs = await t.browser.newContext({ javaScriptEnabled: false });
    noJs.setDefaultTimeout(10_000);
    const plain = await noJs.newPage();
    await plain.goto(`${t.server.url}/guide`);
    await plain.getByLabel('Search the guide').fill('gillick');
    await plain.getByRole('button', { name: 'Search' }).click();
    await plain.waitForURL(/\/guide\/search\?q=gillick$/);
    expect(await plain.getByRole('link', { name: /see me without their parents/ }).count()).toBe(1);

    const withJs = await t.browser.newContext();
    withJs.setDefaultTimeout(10_000);
    const instant = await withJs.newPage();
    await instant.goto(`${t.server.url}/guide`);
    await instant.getByLabel('Search the guide').pressSequentially('gift');
    await instant.getByRole('link', { name: 'A client has brought me a gift. Should I accept it?' }).waitFor();
    expect(instant.url()).toMatch(/\/guide$/);
    await expectAccessible(instant);
  }, 60_000);
});

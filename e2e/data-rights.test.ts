import { describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, signInAsDemo, useServerAndBrowser } from './browser.js';

describe.skipIf(!browserAvailable)('in a real browser: a client’s data taken away, then erased', () => {
  const t = useServerAndBrowser();

  it('exports a demo client’s record as JSON, then erases the client once their code is typed', async () => {
    // The demo account is the practice administrator, who alone may erase.
    const context = await t.browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await signInAsDemo(page, t.server.url);

    await page.getByRole('link', { name: 'RC-104' }).click();
    await page.waitForURL(/\/clients\/[^/]+$/);
    const clientUrl = page.url();
    const data = page.getByRole('region', { name: 'The client’s data' });

    const json = await page.request.get(`${clientUrl}/export.json`);
    expect(json.status()).toBe(200);
    const exported = (await json.json()) as { client: { code: string }; episodes: unknown[] };
    expect(exported.client.code).toBe('RC-104');
    expect(exported.episodes.length).toBeGreaterThan(0);

    await data.getByRole('link', { name: 'Erase this client' }).click();
    await page.waitForURL(/\/erase$/);
    await expectAccessible(page);
    expect(await page.locator('main').textContent()).toContain('What is kept');

    // A wrong code erases nothing and says so next to the field.
    await page.getByLabel('Type the client’s code, RC-104, to confirm').fill('RC-140');
    await page.getByRole('button', { name: 'Erase RC-104 for good' }).click();
    expect(await page.textContent('.error-summary')).toContain('Nothing was erased.');
    await expectAccessible(page);
    expect((await page.request.get(clientUrl)).status()).toBe(200);

    await page.getByLabel('Type the client’s code, RC-104, to confirm').fill('RC-104');
    await page.getByRole('button', { name: 'Erase RC-104 for good' }).click();
    await page.getByRole('heading', { name: 'RC-104 has been erased' }).waitFor();
    await expectAccessible(page);
    expect((await page.request.get(clientUrl)).status()).toBe(404);
    expect((await page.request.get(`${clientUrl}/export.json`)).status()).toBe(404);
    await context.close();
  });
});

import { describe, expect, it } from 'vitest';
import { pdfText } from '../packages/server/src/testing/pdf-text.js';
import { browserAvailable, expectAccessible, signInAsDemo, useServerAndBrowser } from './browser.js';

describe.skipIf(!browserAvailable)('in a real browser: an episode’s timeline and its reports', () => {
  const t = useServerAndBrowser();

  it('opens a demo episode’s timeline from the client page, and downloads its PDF and the caseload’s', async () => {
    const context = await t.browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await signInAsDemo(page, t.server.url);

    // Amara: a steady improvement, goals she rates at home and a note she shared.
    await page.getByRole('link', { name: 'RC-101' }).click();
    await page.getByRole('link', { name: 'Timeline and report' }).click();
    await page.waitForURL(/\/episodes\/[^/]+\/timeline$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Timeline of the episode with RC-101');
    for (const stage of ['Contracting', 'Ending', 'Follow-up']) {
      expect(await page.getByRole('heading', { level: 2, name: stage }).count()).toBe(1);
    }
    expect(await page.locator('svg.chart[role="img"]').count()).toBeGreaterThanOrEqual(2);
    await expectAccessible(page);

    const href = (await page.getByRole('link', { name: /Download the report/ }).getAttribute('href')) ?? '';
    const report = await page.request.get(`${t.server.url}${href}`);
    expect(report.status()).toBe(200);
    expect(report.headers()['content-type']).toBe('application/pdf');
    const bytes = await report.body();
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // Its text, as a PDF reader extracts it: the client's code and sessions, never the name.
    const text = await pdfText(new Uint8Array(bytes).buffer);
    expect(text).toContain('RC-101');
    expect(text).toMatch(/session/i);
    expect(text).not.toContain('Amara');

    // Ben: a rupture in session four, then repair, marked on his relationship chart.
    await page.goto(`${t.server.url}/clients`);
    await page.getByRole('link', { name: 'RC-102' }).click();
    await page.getByRole('link', { name: 'Timeline and report' }).click();
    expect(await page.locator('svg.chart polygon.chart-mark').count()).toBeGreaterThanOrEqual(2);
    await expectAccessible(page);

    await page.goto(`${t.server.url}/clients`);
    const caseloadHref =
      (await page.getByRole('link', { name: /Caseload report/ }).getAttribute('href')) ?? '/reports/caseload.pdf';
    const caseload = await page.request.get(`${t.server.url}${caseloadHref}`);
    expect(caseload.headers()['content-type']).toBe('application/pdf');
    expect((await caseload.body()).length).toBeGreaterThan(0);
    await context.close();
  }, 120_000);
});

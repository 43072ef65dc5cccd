import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, signInAsDemo, useServerAndBrowser } from './browser.js';

const RATINGS = ['bond', 'goals', 'approach', 'understood', 'respected', 'genuine', 'overall'];

describe.skipIf(!browserAvailable)('in a real browser: the client’s voice, with JavaScript off for clients', () => {
  const t = useServerAndBrowser();

  /** The therapist, signed in, on a new client's page with an open episode. */
  async function therapistWith(code: string): Promise<{ context: BrowserContext; page: Page; clientUrl: string }> {
    const context = await t.browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await signInAsDemo(page, t.server.url);
    await page.getByLabel('Client code').fill(code);
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.getByRole('button', { name: 'Open an episode' }).click();
    await expectAccessible(page);
    return { context, page, clientUrl: page.url() };
  }

  /**
   * A phone with JavaScript off for the client, and a checker (scripts on, 320 px: 400 % zoom of
   * a 1280 px screen) that runs axe and a reflow check on exactly the HTML the client was given,
   * without asking the server again (a link's page may be the answer to a post).
   */
  async function phone(): Promise<{
    context: BrowserContext;
    client: Page;
    check(): Promise<void>;
    close(): Promise<void>;
  }> {
    const context = await t.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    context.setDefaultTimeout(10_000);
    const client = await context.newPage();
    const checker = await t.browser.newContext({ viewport: { width: 320, height: 640 } });
    return {
      context,
      client,
      async check() {
        const html = await client.content();
        const p = await checker.newPage();
        await p.goto(`${t.server.url}/healthz`);
        await p.setContent(html, { waitUntil: 'load' });
        await expectAccessible(p);
        expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
        await p.close();
      },
      close: async () => {
        await Promise.all([context.close(), checker.close()]);
      },
    };
  }

  const local = (url: string): string => url.replace(/^http:\/\/[^/]+/, t.server.url);

  it('a 9-year-old answers with faces; the carer rates apart and sees only what the setting allows', async () => {
    const { context, page, clientUrl } = await therapistWith('VOICE-KID');
    await page.getByLabel('Client’s age group (chooses the version)').selectOption('child');
    await page.getByRole('button', { name: 'Create a link' }).click();
    const checkUrl = local(await page.getByTestId('check-url').inputValue());

    const kid = await phone();
    await kid.client.goto(checkUrl);
    expect(await kid.client.getByRole('heading', { level: 1 }).textContent()).toBe('How was today?');
    expect(await kid.client.getByTestId('carer-note').textContent()).toBe(
      'Your carer can see: nothing you choose or write here.',
    );
    expect(await kid.client.locator('svg.face').count()).toBe(7 * 11);
    await kid.check();
    // Each face is a radio labelled by its number, big enough to tap.
    const first = kid.client.getByRole('group', { name: 'Did you and your counsellor get on today?' });
    await first.getByRole('radio', { name: '8', exact: true }).check();
    const box = await first.locator('label.option').nth(8).boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(44);
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    for (const id of RATINGS.slice(1)) await kid.client.locator(`input[name="${id}"][value="8"]`).check();
    await kid.client.locator('input[name="tension"][value="no"]').check();
    await kid.client.getByRole('button', { name: 'Send my answers' }).click();
    expect(await kid.client.getByRole('heading', { level: 1 }).textContent()).toBe('Thank you');

    // The carer: a link of their own, their own version, kept apart.
    await page.goto(clientUrl);
    await page.getByRole('button', { name: 'Create a carer link' }).click();
    await expectAccessible(page);
    const carerUrl = local(await page.getByTestId('voice-url').inputValue());
    const carer = await phone();
    await carer.client.goto(carerUrl);
    expect(await carer.client.getByRole('heading', { level: 1 }).textContent()).toBe('Goals for your child');
    await carer.check();
    await carer.client.locator('input[name="goal-1"][value="4"]').check();
    await carer.client.locator('input[name="goal-2"][value="6"]').check();
    await carer.client.getByRole('button', { name: 'Send my answers' }).click();
    expect(await carer.client.getByTestId('carer-sees').textContent()).toContain(
      'stay between them and their counsellor',
    );
    expect(await carer.client.textContent('main')).not.toContain('How was today?');
    await carer.check();

    // The therapist lets the carer see totals; the carer sees the child's total, never an answer.
    await page.goto(clientUrl);
    expect(await page.textContent('main')).toContain('the carer’s view, kept apart');
    await page.getByLabel('What a carer may see of the young person’s answers').selectOption('scores');
    await page.getByRole('button', { name: 'Save what the carer may see' }).click();
    await expectAccessible(page);
    await carer.client.reload();
    const sees = (await carer.client.getByTestId('carer-sees').textContent()) ?? '';
    expect(sees).toContain('How was today?');
    expect(sees).toContain('8');
    expect(await carer.client.textContent('main')).not.toContain('Did you and your counsellor get on today?');
    await carer.check();
    await Promise.all([kid.close(), carer.close(), context.close()]);
  }, 120_000);

  it('answers read out by phone are marked unconfirmed until the client confirms them', async () => {
    const { context, page, clientUrl } = await therapistWith('VOICE-PHONE');
    await page.getByLabel('Measure read out by phone').selectOption('phq-9');
    await page.getByLabel('When', { exact: true }).selectOption('check-in');
    await page.getByRole('button', { name: 'Enter answers given by phone' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Answers given by phone: PHQ-9');
    await expectAccessible(page);
    for (let i = 1; i <= 9; i++) {
      await page.locator(`input[name="item-${String(i)}"][value="${i === 9 ? '0' : '1'}"]`).check();
    }
    await page.getByRole('button', { name: 'Save as given by phone' }).click();
    const confirmUrl = local(await page.getByTestId('voice-url').inputValue());
    await expectAccessible(page);
    await page.goto(clientUrl);
    expect(await page.getByTestId('phone-entry').textContent()).toContain('not yet confirmed by the client');
    expect(await page.textContent('main')).toContain('Entered by phone, not yet confirmed');

    const client = await phone();
    await client.client.goto(confirmUrl);
    expect(await client.client.getByRole('heading', { level: 1 }).textContent()).toBe('Are these your answers?');
    expect(await client.client.textContent('main')).toContain('Several days');
    await client.check();
    await client.client.getByRole('button', { name: 'These are right' }).click();
    expect(await client.client.getByRole('heading', { level: 1 }).textContent()).toBe('Thank you');
    await client.check();

    await page.goto(clientUrl);
    expect(await page.getByTestId('phone-entry').textContent()).toContain('confirmed by the client');
    expect(await page.textContent('main')).not.toContain('Entered by phone, not yet confirmed');
    await expectAccessible(page);
    await Promise.all([client.close(), context.close()]);
  }, 120_000);

  it('an adult checks in, then rates the session the next day instead of straight after', async () => {
    const { context, page, clientUrl } = await therapistWith('VOICE-LATER');
    await page.getByLabel('Measure to send').selectOption('phq-9');
    await page.getByRole('radio', { name: 'Check-in before the session' }).check();
    await page.getByRole('button', { name: 'Create a link' }).click();
    const checkIn = local(await page.getByTestId('check-url').inputValue());
    await page.goto(clientUrl);
    await page.getByRole('button', { name: 'Create a link' }).click();
    const checkOut = local(await page.getByTestId('check-url').inputValue());

    const client = await phone();
    await client.client.goto(checkIn);
    for (let i = 1; i <= 9; i++) await client.client.locator(`input[name="item-${String(i)}"][value="0"]`).check();
    await client.client.getByRole('button', { name: 'Send my answers' }).click();
    expect(await client.client.getByRole('heading', { level: 1 }).textContent()).toBe('Thank you');

    await client.client.goto(checkOut);
    expect(await client.client.textContent('main')).toContain('Less-than-perfect answers help the most');
    await client.check();
    await client.client.getByRole('button', { name: 'Rate it tomorrow' }).click();
    expect(await client.client.getByRole('heading', { level: 1 }).textContent()).toBe('Rate it tomorrow');
    await client.check();
    const tomorrow = local(await client.client.getByTestId('later-url').inputValue());
    await client.client.goto(tomorrow);
    expect(await client.client.textContent('main')).toContain('This link opens on');
    await client.check();

    // The next day. The server has no clock to move, so the link's opening time is moved back a day
    // in the server's own database, exactly as the night passing would leave it.
    const db = new Database(join(t.server.dataDir, 'rapport.sqlite'));
    const moved = db
      .prepare('UPDATE deferred_link SET valid_from = ?')
      .run(new Date(Date.now() - 60_000).toISOString());
    db.close();
    expect(moved.changes).toBe(1);

    await client.client.goto(tomorrow);
    expect(await client.client.textContent('main')).toContain('About your most recent session');
    await client.check();
    for (const id of RATINGS) await client.client.locator(`input[name="${id}"][value="6"]`).check();
    await client.client.locator('input[name="tension"][value="no"]').check();
    await client.client.getByLabel('Is there anything you’d like more of or less of? (optional)').fill('More quiet.');
    await client.client.getByRole('radio', { name: 'After my next check-in' }).check();
    await client.client.getByRole('button', { name: 'Send my answers' }).click();
    expect(await client.client.getByRole('heading', { level: 1 }).textContent()).toBe('Thank you');

    await page.goto(clientUrl);
    const seen = (await page.textContent('main')) ?? '';
    expect(seen).toContain('Next day, looking back');
    expect(seen).toContain('Check-in before the session');
    // Kept for the next session: not shown until the next check-in.
    expect(seen).not.toContain('More quiet.');
    await expectAccessible(page);
    await Promise.all([client.close(), context.close()]);
  }, 120_000);
});

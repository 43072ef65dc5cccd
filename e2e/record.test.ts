import { describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, signInAsDemo, useServerAndBrowser } from './browser.js';

describe.skipIf(!browserAvailable)('in a real browser with JavaScript off: the therapist’s own record', () => {
  const t = useServerAndBrowser();

  it('adds a session, writes a private note, logs a boundary event and finds a journal entry by search', async () => {
    const context = await t.browser.newContext({ javaScriptEnabled: false });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await signInAsDemo(page, t.server.url);
    // axe needs scripts, so a second, ordinary browser signed in as the same therapist checks each page.
    const checker = await t.browser.newContext();
    checker.setDefaultTimeout(10_000);
    const axePage = await checker.newPage();
    await signInAsDemo(axePage, t.server.url);
    const accessible = async (): Promise<void> => {
      await axePage.goto(page.url());
      await expectAccessible(axePage);
    };

    // Amara's episode: her sessions, from the client page.
    await page.getByRole('link', { name: 'RC-101' }).click();
    await page.getByRole('link', { name: 'Sessions and your notes' }).click();
    await accessible();
    const before = await page.locator('tbody tr').count();
    await page.getByLabel('How it took place').selectOption('video');
    await page.getByLabel('Attendance').selectOption('attended');
    await page.getByLabel('Length in minutes (optional)').fill('50');
    await page.getByRole('button', { name: 'Record the session' }).click();
    await page.waitForURL(/\/sessions$/);
    expect(await page.locator('tbody tr').count()).toBe(before + 1);
    // Today's session is the newest, so the last row.
    const row = page.locator('tbody tr').last();
    expect(await row.textContent()).toContain('Video');

    await row.getByRole('link', { name: 'Write a note' }).click();
    await accessible();
    await page.getByLabel('Your note').fill('Talked about the anniversary of her mother’s death; steadier by the end.');
    await page.getByRole('button', { name: 'Save the note' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Your note is saved.');
    expect(await page.getByLabel('Your note').inputValue()).toContain('anniversary');
    await accessible();

    // The boundary log, linked to a clause of her agreed in-person contract.
    await page.getByRole('link', { name: 'Sessions' }).click();
    await page.getByRole('link', { name: 'Boundary log' }).click();
    await accessible();
    await page.getByLabel('What kind of event').selectOption('gift');
    await page.getByLabel('What happened').fill('Amara brought a small pot of honey from her garden.');
    const clause = page.getByLabel('Clause of the agreed contract it touches (optional)');
    const firstClause = await clause.locator('option').nth(1).getAttribute('value');
    await clause.selectOption(firstClause ?? '');
    await page.getByRole('checkbox', { name: /Beneficence/ }).check();
    await page.getByLabel('Your reflection (optional)').fill('Accepted it; we talked about what giving means to her.');
    await page.getByRole('button', { name: 'Record the event' }).click();
    await page.waitForURL(/\/boundaries$/);
    const log = (await page.locator('.boundary-events').textContent()) ?? '';
    expect(log).toContain('small pot of honey');
    expect(log).toContain('Touches the agreed clause');
    expect(log).toContain('Beneficence');
    await accessible();

    // The journal, from the navigation: write, then find it again.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
    await accessible();
    await page
      .getByLabel('Your entry')
      .fill('Noticed a pull to rescue when the grief came up. Bring to supervision: pomegranate.');
    await page.getByLabel('Client code (optional)').fill('RC-101');
    await page.getByRole('button', { name: 'Save the entry' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Your entry is saved.');
    await accessible();
    await page.getByRole('link', { name: 'Reflective journal' }).click();
    await page.getByLabel('Search your entries').fill('POMEGRANATE');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/journal\?q=POMEGRANATE$/);
    const results = (await page.locator('.journal-entries').textContent()) ?? '';
    expect(results).toContain('pull to rescue');
    expect(results).not.toContain('Protect Thursday');
    await accessible();
    await context.close();
    await checker.close();
  }, 120_000);
});

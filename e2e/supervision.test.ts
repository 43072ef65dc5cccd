import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, expectAccessible, signInAsDemo, useServerAndBrowser } from './browser.js';
import { DEMO_PASSWORD } from './server.js';

/** The demo clients' display names (DEMO_STORIES in packages/server/src/demo.ts): a supervisor never sees one. */
const DEMO_NAMES = ['Amara (demo)', 'Ben (demo)', 'Chloe (demo)', 'Dev (demo)', 'Erin (demo)', 'Farah (demo)'];
const QUESTION = 'Perfect scores every week. How do I invite honest feedback without seeming to doubt them?';

async function signIn(browser: Browser, url: string, email: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

describe.skipIf(!browserAvailable)('in a real browser: supervision', () => {
  const t = useServerAndBrowser();

  it('the therapist brings an item; the supervisor sees codes, scores and the agenda, never a client’s name', async () => {
    const therapistContext = await t.browser.newContext();
    therapistContext.setDefaultTimeout(10_000);
    const therapist = await therapistContext.newPage();
    await signInAsDemo(therapist, t.server.url);
    await therapist.getByRole('navigation').getByRole('link', { name: 'Supervision' }).click();
    await therapist.waitForURL(/\/supervision$/);
    await expectAccessible(therapist);
    expect(await therapist.textContent('main')).toContain('Supervised by Morgan Reid (demo supervisor)');
    await therapist.getByLabel('Client').selectOption({ label: 'RC-104' });
    await therapist.getByLabel('What you want to think about').fill(QUESTION);
    await therapist.getByLabel('Signal it is about (optional)').selectOption({ label: 'Divergent views' });
    await therapist.getByRole('button', { name: 'Add to my agenda' }).click();
    await therapist.waitForURL(/\/supervision$/);
    expect(await therapist.textContent('main')).toContain(QUESTION);

    const supervisor = await signIn(t.browser, t.server.url, 'supervisor@rapport.example', DEMO_PASSWORD);
    await supervisor.waitForURL(/\/supervision$/);
    await expectAccessible(supervisor);
    await supervisor.getByRole('link', { name: 'Jo Demo' }).click();
    await supervisor.waitForURL(/\/supervision\/[0-9a-f-]{36}$/);
    await expectAccessible(supervisor);
    const text = (await supervisor.textContent('body')) ?? '';
    for (const code of ['RC-101', 'RC-102', 'RC-103', 'RC-104', 'RC-105', 'RC-106']) expect(text).toContain(code);
    expect(text).toContain(QUESTION);
    expect(text).toContain('Did we really talk about what happened');
    for (const name of DEMO_NAMES) expect(text).not.toContain(name);
    expect(await supervisor.locator('svg.chart').count()).toBeGreaterThan(0);
    // No way into the client record from here.
    expect(await supervisor.locator('a[href^="/clients"], a[href^="/journal"]').count()).toBe(0);

    await supervisor.getByRole('button', { name: 'Mark RC-104 as discussed' }).click();
    await supervisor.waitForURL(/\/supervision\/[0-9a-f-]{36}$/);
    expect(await supervisor.getByRole('button', { name: 'Mark RC-104 as discussed' }).count()).toBe(0);

    // The client record itself is closed to a supervisor.
    const refused = await supervisor.goto(`${t.server.url}/clients`);
    expect(refused?.status()).toBe(403);
    await therapistContext.close();
  });

  it('the practice administrator adds a colleague, whose first password opens only the password page', async () => {
    const adminContext = await t.browser.newContext();
    adminContext.setDefaultTimeout(10_000);
    const admin = await adminContext.newPage();
    await signInAsDemo(admin, t.server.url);
    await admin.goto(`${t.server.url}/practice/users`);
    await expectAccessible(admin);
    await admin.getByLabel('Name').fill('Pat Colleague');
    await admin.getByLabel('Email address').fill('pat@rapport.example');
    await admin.getByLabel('Role').selectOption('therapist');
    await admin.getByRole('button', { name: 'Add and make a first password' }).click();
    const first = (await admin.getByTestId('first-password').textContent()) ?? '';
    expect(first).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await expectAccessible(admin);
    await admin.goto(`${t.server.url}/practice/supervision`);
    await expectAccessible(admin);

    const colleague = await signIn(t.browser, t.server.url, 'pat@rapport.example', first);
    await colleague.waitForURL(/\/account\/password$/);
    await colleague.goto(`${t.server.url}/clients`);
    await colleague.waitForURL(/\/account\/password$/);
    await expectAccessible(colleague);
    await colleague.getByLabel('Current password').fill(first);
    await colleague.getByLabel('New password').fill('my own long passphrase');
    await colleague.getByRole('button', { name: 'Change password' }).click();
    await colleague.waitForURL(/\/account\/two-factor$/);
    const clients = await colleague.goto(`${t.server.url}/clients`);
    expect(clients?.status()).toBe(200);
    await adminContext.close();
  });
});

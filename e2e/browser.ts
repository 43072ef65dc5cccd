import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { DEMO_PASSWORD, startBuiltServer, type StartedServer } from './server.js';

export const CHROMIUM = process.env['RAPPORT_CHROMIUM'] ?? '/usr/bin/chromium';

/** Browser tests are required in CI; elsewhere they skip when Chromium is not installed. */
export const browserAvailable = existsSync(CHROMIUM);
export const mustRunBrowser = Boolean(process.env['CI']);

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Flags that keep Chromium off the (closed) network and quiet in a sandboxed CI.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Runs axe (WCAG 2.2 A and AA rules) on the page and fails on any violation, naming it. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const found = results.violations.map((v) => `${v.id} (${String(v.nodes.length)}): ${v.help} @ ${page.url()}`);
  expect(found).toEqual([]);
}

/**
 * Starts the built server and Chromium around a describe block. In CI a
 * missing Chromium fails the run; elsewhere the caller skips (see `browserAvailable`).
 */
export function useServerAndBrowser(): { readonly server: StartedServer; readonly browser: Browser } {
  if (mustRunBrowser && !browserAvailable) {
    throw new Error('CI is set but Chromium is missing: browser tests must run in CI (install the chromium package).');
  }
  let server: StartedServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startBuiltServer();
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('server not started');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('browser not launched');
      return browser;
    },
  };
}

/** Signs in as the demo therapist and waits for the client list. */
export async function signInAsDemo(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('Email address').fill('demo@rapport.example');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/clients$/);
}

import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

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

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import {
  answersFromQuestionnaireResponse,
  parseInstrumentDefinition,
  scoreResponse,
  toQuestionnaire,
  type InstrumentDefinition,
} from '@rapport/core';
import { browserAvailable, launch, mustRunBrowser } from './browser.js';

/**
 * Interoperability: a Questionnaire Rapport exports is rendered and filled in
 * by LHC-Forms, an independent FHIR form filler, and the QuestionnaireResponse
 * it produces is read back and scored by Rapport's own rules.
 * LHC-Forms is fetched for tests only (scripts/fetch-lforms.mjs), never shipped.
 */
const root = new URL('..', import.meta.url).pathname;
const lforms = join(root, 'node_modules/.cache/lforms/package/dist/lforms');
const available = browserAvailable && existsSync(join(lforms, 'webcomponent/lhc-forms.js'));
if (mustRunBrowser && !available) {
  throw new Error('CI is set but Chromium or the LHC-Forms test copy is missing (npm test fetches it).');
}

const library = (): InstrumentDefinition[] => {
  const dir = join(root, 'content/instruments');
  return readdirSync(dir).map((id) => {
    const parsed = parseInstrumentDefinition(JSON.parse(readFileSync(join(dir, id, 'instrument.json'), 'utf8')));
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value;
  });
};

// LHC-Forms draws answer lists as radio buttons when asked to: a display hint only.
const RADIO = {
  url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl',
  valueCodeableConcept: {
    coding: [{ system: 'http://hl7.org/fhir/questionnaire-item-control', code: 'radio-button' }],
  },
};

const PAGE = `<!doctype html><html lang="en"><head><title>LHC-Forms</title>
<link rel="stylesheet" href="/lf/webcomponent/styles.css"></head><body><div id="form"></div>
<script src="/lf/webcomponent/assets/lib/zone.min.js"></script>
<script src="/lf/webcomponent/lhc-forms.js"></script></body></html>`;

describe.skipIf(!available)('LHC-Forms renders and fills a Questionnaire that Rapport exports', () => {
  let server: Server;
  let url = '';
  let browser: Browser;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path === '/') {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(PAGE);
        return;
      }
      const file = normalize(join(lforms, path.replace(/^\/lf\//, '')));
      if (!path.startsWith('/lf/') || !file.startsWith(lforms) || !existsSync(file)) {
        res.statusCode = 404;
        res.end();
        return;
      }
      // The FHIR library embeds Unicode data, so the charset matters.
      const type = file.endsWith('.js')
        ? 'text/javascript; charset=utf-8'
        : file.endsWith('.css')
          ? 'text/css'
          : 'application/octet-stream';
      res.setHeader('content-type', type);
      res.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`;
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser.close();
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
  });

  it('PHQ-9: the answers LHC-Forms records score exactly as Rapport scores them', async () => {
    const phq9 = library().find((d) => d.id === 'phq-9');
    if (!phq9) throw new Error('phq-9 missing from the library');
    const exported = toQuestionnaire(phq9);
    const questionnaire: Questionnaire = {
      ...exported,
      item: (exported.item ?? []).map((it) =>
        it.answerOption ? { ...it, extension: [...(it.extension ?? []), RADIO] } : it,
      ),
    };

    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(url);
    await page.waitForFunction(() => 'LForms' in window);
    await page.addScriptTag({ url: '/lf/fhir/lformsFHIRAll.min.js' });
    await page.waitForFunction(() => Boolean((window as unknown as { LForms: { FHIR?: unknown } }).LForms.FHIR));
    await page.evaluate(async (q) => {
      const w = window as unknown as { LForms: { Util: { addFormToPage: (q: unknown, id: string) => Promise<void> } } };
      await w.LForms.Util.addFormToPage(q, 'form');
    }, questionnaire);

    // Answer the nine scored items through the rendered form, as a person would.
    const chosen = [0, 1, 2, 3, 0, 1, 2, 3, 1];
    const items = (questionnaire.item ?? []).slice(0, 9);
    expect(items.every((it) => it.answerOption?.length === 4)).toBe(true);
    for (const [k, item] of items.entries()) {
      const display = item.answerOption?.[chosen[k] ?? 0]?.valueCoding?.display ?? '';
      // Items 1 to 9 share one answer scale, so the k-th radio with this label belongs to item k.
      await page
        .locator('label', { hasText: new RegExp(`^${display}`) })
        .nth(k)
        .click();
    }

    const qr = (await page.evaluate(() => {
      const w = window as unknown as {
        LForms: { Util: { getFormFHIRData: (t: string, v: string, el: Element | null) => unknown } };
      };
      return w.LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', document.querySelector('#form'));
    })) as QuestionnaireResponse;
    expect(qr.resourceType).toBe('QuestionnaireResponse');

    const result = scoreResponse(phq9, 'adult', answersFromQuestionnaireResponse(qr));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.total?.value).toBe(chosen.reduce((a, b) => a + b, 0));
  }, 90_000);
});

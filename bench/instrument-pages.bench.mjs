// Prints each shipped instrument's client page as a phone downloads it: the HTML and the
// one stylesheet, gzip-compressed (level 9), against the 14 KB goal (issue 3).
// Uses the built packages (npm run bench builds first).
import { gzipSync } from 'node:zlib';
import { sendableAudiences, versionFor } from '@rapport/core';
import { loadInstrumentsOnce } from '../packages/server/dist/instruments/library.js';
import { presentInstrumentForm } from '../packages/server/dist/measures/present-form.js';
import { instrumentFormPage, readStylesheet } from '@rapport/web';

const css = gzipSync(readStylesheet(), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const GOAL = 14 * 1024;
console.log(`Client instrument pages (HTML + app.css ${kb(css)} gzip; no JavaScript):`);
let worst = 0;
for (const def of loadInstrumentsOnce().sendable) {
  for (const audience of sendableAudiences(def)) {
    const version = versionFor(def, audience);
    if (!version.ok) continue;
    const html = instrumentFormPage(
      presentInstrumentForm({
        action: `/c/${'x'.repeat(43)}`,
        def,
        version: version.value,
        moment: 'check-out',
        values: {},
      }),
    );
    const gz = gzipSync(html, { level: 9 }).length;
    worst = Math.max(worst, gz + css);
    const name = `${def.id} (${audience})`;
    console.log(
      `${name.padEnd(42)} ${kb(Buffer.byteLength(html)).padStart(8)} raw  ${kb(gz).padStart(7)} gzip  total ${kb(gz + css).padStart(7)} ${gz + css <= GOAL ? 'ok' : 'OVER 14 KB'}`,
    );
  }
}
console.log(`largest: ${kb(worst)} (goal ≤ 14 KB)`);

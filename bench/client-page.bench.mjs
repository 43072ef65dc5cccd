// Prints the size of the client's check page as a phone downloads it:
// the HTML and the one stylesheet, raw and gzip-compressed (level 9).
// Uses the built packages (npm run bench builds first).
import { gzipSync } from 'node:zlib';
import { SESSION_CHECK } from '@rapport/core';
import { checkFormPage, readStylesheet } from '@rapport/web';

const html = checkFormPage({
  action: `/c/${'x'.repeat(43)}`,
  title: SESSION_CHECK.title,
  intro: SESSION_CHECK.intro,
  provenance: SESSION_CHECK.provenance,
  min: SESSION_CHECK.min,
  max: SESSION_CHECK.max,
  items: SESSION_CHECK.items.map((i) => ({ ...i })),
});
const css = readStylesheet();
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const row = (name, text) => {
  const raw = Buffer.byteLength(text);
  const gz = gzipSync(text, { level: 9 }).length;
  console.log(`${name.padEnd(22)} ${kb(raw).padStart(9)} raw  ${kb(gz).padStart(8)} gzip`);
  return gz;
};
console.log('Client check page (session relationship check):');
const total = row('HTML', html) + row('app.css', css);
console.log(`${'total transferred'.padEnd(22)} ${''.padStart(13)} ${kb(total).padStart(8)} gzip (no JavaScript)`);

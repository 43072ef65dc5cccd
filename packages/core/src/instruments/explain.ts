import type { InstrumentDefinition } from './model.js';
import { totalRange } from './score-range.js';

const fmt = (n: number): string => String(Math.round(n * 100) / 100);

/**
 * "What will be scored and how", in plain lines, for the import screen and the CLI.
 *
 * @example explainScoring(phq9)[1] // 'Total: sum of 9 items (item-1 … item-9), range 0–27.'
 */
export function explainScoring(def: InstrumentDefinition): string[] {
  const lines = [`${def.title} (${def.id}, version ${String(def.version)})`];
  const s = def.scoring;
  if (s.kind === 'unscored') lines.push('Not scored: answers are kept and read.');
  else {
    const range = totalRange(def);
    if (s.kind === 'total' && range) {
      const first = s.items[0] ?? '';
      const last = s.items[s.items.length - 1] ?? '';
      lines.push(
        `Total: ${s.method} of ${String(s.items.length)} items (${first} … ${last}), range ${fmt(range.min)}–${fmt(range.max)}.`,
      );
    }
    if (s.reverse.length > 0) lines.push(`Reverse-scored: ${s.reverse.join(', ')}.`);
    lines.push(
      s.missing.kind === 'prorate'
        ? `Missing items: up to ${String(s.missing.maxMissing)} prorated; more leaves a draft.`
        : 'Missing items: none allowed; a partial response is kept as a draft.',
    );
    for (const sub of s.subscales) lines.push(`Subscale ${sub.id}: ${sub.method} of ${sub.items.join(', ')}.`);
  }
  const it = def.interpretation;
  if (it.kind === 'not-established') lines.push(`Interpretation: ${it.note}`);
  else {
    lines.push(`Direction: ${it.direction}.`);
    for (const b of it.bands) lines.push(`Band ${fmt(b.min)}–${fmt(b.max)}: ${b.label}.`);
    for (const c of it.cutOffs) {
      lines.push(`Cut-off ${c.label}: ${c.clinicalWhen === 'at-or-above' ? '≥' : '<'} ${fmt(c.value)} (${c.source}).`);
    }
    for (const rc of it.reliableChange) {
      lines.push(`Reliable change: more than ${fmt(rc.value)} points (${rc.source}).`);
    }
  }
  for (const f of def.flags) lines.push(`Flag (${f.kind}): ${f.id}.`);
  const l = def.licence;
  lines.push(`Licence: ${l.terms.kind === 'spdx' ? l.terms.id : l.terms.text} — ${l.copyright}`);
  if (l.localLicence) {
    lines.push(`Local licence held by ${l.localLicence.holder}; imported by ${l.localLicence.importedBy}.`);
  }
  if (def.provenance.kind === 'rapport') lines.push(def.provenance.label);
  return lines;
}

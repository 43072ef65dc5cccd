// Writes a wide CSV of synthetic session scores for benchmarks: an id and `sessions` BDI-like
// scores per row, about 5 % missing (NA), some people with a sudden drop. Deterministic (seeded).
import { writeFileSync } from 'node:fs';

/** mulberry32: a tiny seeded generator, so every run benchmarks the same file. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateScores(path, rows = 100_000, sessions = 12, seed = 42) {
  const next = random(seed);
  const header = ['id', ...Array.from({ length: sessions }, (_, i) => `bdi_s${i + 1}`)].join(',');
  const lines = [header];
  for (let r = 1; r <= rows; r++) {
    let level = 20 + Math.floor(next() * 25);
    const gainAt = next() < 0.3 ? 2 + Math.floor(next() * (sessions - 4)) : -1;
    const cells = [String(r)];
    for (let s = 0; s < sessions; s++) {
      if (s === gainAt) level = Math.max(0, level - 8 - Math.floor(next() * 6));
      level = Math.max(0, Math.min(63, level + Math.round((next() - 0.6) * 4)));
      cells.push(next() < 0.05 ? 'NA' : String(level));
    }
    lines.push(cells.join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

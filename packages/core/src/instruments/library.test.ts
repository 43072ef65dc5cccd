import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInstrumentDefinition } from './parse-definition.js';
import { formatProblems } from './problems.js';

const contentDir = new URL('../../../../content/instruments/', import.meta.url);
const ids = readdirSync(contentDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('the shipped instrument library', () => {
  it('holds the instruments the issue names', () => {
    expect(ids).toEqual(
      expect.arrayContaining([
        'phq-9',
        'gad-7',
        'core-10',
        'yp-core',
        'goal-based-outcomes',
        'rapport-relationship-check',
      ]),
    );
  });

  for (const id of ids) {
    it(`${id}: parses, is consistent, and its folder name is its id`, () => {
      const parsed = parseInstrumentDefinition(
        JSON.parse(readFileSync(new URL(`${id}/instrument.json`, contentDir), 'utf8')),
      );
      if (!parsed.ok) throw new Error(formatProblems(parsed.error.problems).join('\n'));
      expect(parsed.value.id).toBe(id);
    });

    it(`${id}: our own measures say they are not validated and state no cut-offs`, () => {
      const json = JSON.parse(readFileSync(new URL(`${id}/instrument.json`, contentDir), 'utf8')) as {
        provenance: { kind: string };
        interpretation: { kind: string; note: string };
        purpose: string;
      };
      if (json.provenance.kind !== 'rapport') return;
      expect(json.interpretation.kind).toBe('not-established');
      expect(json.interpretation.note).toMatch(/No cut-offs are established/);
      expect(json.purpose.length).toBeGreaterThan(40);
    });
  }
});

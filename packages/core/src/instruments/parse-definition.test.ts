import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInstrumentDefinition } from './parse-definition.js';

const raw = (id: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(new URL(`../../../../content/instruments/${id}/instrument.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;

type Edit = readonly [path: string, value: unknown];
const DELETE = Symbol('delete');

/** Sets (or deletes) a value at a dotted path such as `items.2.response.options.1.score`. */
function apply(root: Record<string, unknown>, [path, value]: Edit): void {
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  let node: unknown = root;
  for (const key of keys) node = (node as Record<string, unknown>)[key];
  const target = node as Record<string, unknown>;
  if (value === DELETE) Reflect.deleteProperty(target, last);
  else target[last] = value;
}

/** Applies edits to a copy of a shipped definition and returns the paths of the problems reported. */
function pathsAfter(id: string, ...edits: Edit[]): string[] {
  const def = structuredClone(raw(id));
  for (const edit of edits) apply(def, edit);
  const parsed = parseInstrumentDefinition(def);
  return parsed.ok ? [] : parsed.error.problems.map((p) => p.path);
}

describe('parseInstrumentDefinition', () => {
  it('refuses a definition without a licence, naming the path', () => {
    expect(pathsAfter('phq-9', ['licence', DELETE])).toEqual(['$.licence']);
  });

  it('refuses a licence with neither SPDX id nor licence text', () => {
    expect(pathsAfter('phq-9', ['licence.text', DELETE])).toEqual(['$.licence']);
  });

  it('reports every structural problem in one pass, with exact paths', () => {
    const paths = pathsAfter(
      'core-10',
      ['items.2.response.options.1.score', 'one'],
      ['scoring.reverese', ['item-2']],
      ['version', 0],
    );
    expect(paths).toEqual(['$.version', '$.items[2].response.options[1].score', '$.scoring.reverese']);
  });

  it('refuses scoring rules that name unknown items or reverse unscored ones', () => {
    expect(pathsAfter('core-10', ['scoring.items.9', 'item-11'], ['scoring.reverse', ['item-2', 'item-2']])).toEqual([
      '$.scoring.items[9]',
      '$.scoring.reverse[1]',
    ]);
  });

  it('refuses bands with a gap, cut-offs outside the range or against the direction, and an RCI wider than the range', () => {
    const paths = pathsAfter(
      'phq-9',
      ['interpretation.bands.1.min', 6],
      ['interpretation.cutOffs.0.value', 30],
      ['interpretation.cutOffs.0.clinicalWhen', 'below'],
      ['interpretation.reliableChange.0.value', 40],
    );
    expect(paths).toEqual([
      '$.interpretation.bands[1].min',
      '$.interpretation.cutOffs[0].value',
      '$.interpretation.cutOffs[0].clinicalWhen',
      '$.interpretation.reliableChange[0].value',
    ]);
  });

  it('refuses a Rapport measure that claims published cut-offs', () => {
    const paths = pathsAfter('rapport-relationship-check', [
      'interpretation',
      { kind: 'published', direction: 'higher-is-better', bands: [], cutOffs: [], reliableChange: [] },
    ]);
    expect(paths).toEqual(['$.interpretation.kind']);
  });

  it('refuses a Rapport measure without the exact "not validated" label', () => {
    expect(pathsAfter('rapport-preferences', ['provenance.label', 'Rapport measure'])).toEqual(['$.provenance.label']);
  });

  it('refuses included wording that the licence does not allow to be redistributed', () => {
    expect(pathsAfter('gad-7', ['licence.mayShipText', false])).toEqual(['$.versions[0].content']);
  });

  it('refuses a version that misses an item’s wording or labels', () => {
    const paths = pathsAfter(
      'gad-7',
      ['versions.0.content.items.item-7', DELETE],
      ['versions.0.content.items.item-1.optionLabels', ['Not at all', 'Several days', 'More than half the days']],
    );
    expect(paths).toEqual(['$.versions[0].content.items.item-1.optionLabels', '$.versions[0].content.items.item-7']);
  });

  it('refuses a follow-up that depends on a later item, and a scored follow-up', () => {
    const paths = pathsAfter(
      'rapport-relationship-check',
      ['items.9.enableWhen.itemId', 'tension-resolved'],
      ['scoring.items.7', 'tension-strength'],
    );
    expect(paths).toEqual(['$.items[9].enableWhen.itemId', '$.scoring.items[7]']);
  });

  it('refuses a risk flag on an unknown item', () => {
    expect(pathsAfter('phq-9', ['flags.0.when.0.itemId', 'item-10'])).toEqual(['$.flags[0].when[0].itemId']);
  });

  it('refuses something that is not an object at all', () => {
    const parsed = parseInstrumentDefinition('PHQ-9');
    expect(parsed.ok ? [] : parsed.error.problems).toEqual([{ path: '$', message: 'must be an object.' }]);
  });
});

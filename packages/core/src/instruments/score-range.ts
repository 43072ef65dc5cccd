import type { InstrumentDefinition, ItemDefinition, ScoreMethod } from './model.js';

export interface ScoreRange {
  readonly min: number;
  readonly max: number;
}

/** Items that can carry a score: Likert options, whole-number scales and sliders. */
export function isScorable(item: ItemDefinition): boolean {
  const kind = item.response.kind;
  return kind === 'likert' || kind === 'scale' || kind === 'slider';
}

/** The lowest and highest score one item can take (reversal keeps the range: min + max − x). */
export function itemRange(item: ItemDefinition): ScoreRange | undefined {
  const r = item.response;
  switch (r.kind) {
    case 'likert': {
      const scores = r.options.map((o) => o.score);
      return scores.length === 0 ? undefined : { min: Math.min(...scores), max: Math.max(...scores) };
    }
    case 'scale':
    case 'slider':
      return { min: r.min, max: r.max };
    case 'choice':
    case 'yes-no':
    case 'text':
      return undefined;
  }
}

/** Range of a sum or mean over items. Undefined when an item is unknown or unscorable. */
export function rangeOf(
  def: InstrumentDefinition,
  itemIds: readonly string[],
  method: ScoreMethod,
): ScoreRange | undefined {
  let min = 0;
  let max = 0;
  for (const id of itemIds) {
    const item = def.items.find((i) => i.id === id);
    const range = item && itemRange(item);
    if (!range) return undefined;
    min += range.min;
    max += range.max;
  }
  if (itemIds.length === 0) return undefined;
  return method === 'sum' ? { min, max } : { min: min / itemIds.length, max: max / itemIds.length };
}

/** Range of the total score, or undefined for instruments without one. */
export function totalRange(def: InstrumentDefinition): ScoreRange | undefined {
  return def.scoring.kind === 'total' ? rangeOf(def, def.scoring.items, def.scoring.method) : undefined;
}

import { parsed, problem, type Parsed } from './csv.js';

/** Finds a column by name, or says which names exist. */
export function findColumn(names: readonly string[], name: string, option: string): Parsed<number> {
  const index = names.indexOf(name);
  if (index < 0) {
    const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
    return problem(`${option}: no column '${name}' in the input (columns: ${shown}).`);
  }
  return parsed(index);
}

/**
 * Resolves `--vars`: a comma-separated list whose items are column names or ranges `a:c`
 * (the columns from a to c in file order). A column may appear only once.
 */
export function resolveVars(names: readonly string[], spec: string): Parsed<number[]> {
  const out: number[] = [];
  for (const raw of spec.split(',')) {
    const item = raw.trim();
    if (item === '') return problem(`--vars: empty item in '${spec}'.`);
    const range = item.split(':');
    if (range.length > 2) return problem(`--vars: '${item}' is not a column or a range a:c.`);
    if (range.length === 2) {
      const from = findColumn(names, (range[0] ?? '').trim(), '--vars');
      if (!from.ok) return from;
      const to = findColumn(names, (range[1] ?? '').trim(), '--vars');
      if (!to.ok) return to;
      if (to.value < from.value) {
        return problem(`--vars: in '${item}' the second column comes before the first in the file.`);
      }
      for (let c = from.value; c <= to.value; c++) out.push(c);
    } else {
      const c = findColumn(names, item, '--vars');
      if (!c.ok) return c;
      out.push(c.value);
    }
  }
  const seen = new Set<number>();
  for (const c of out) {
    if (seen.has(c)) return problem(`--vars: column '${names[c] ?? c}' is listed twice.`);
    seen.add(c);
  }
  return parsed(out);
}

/** Orders row indices by id; `same` tells whether two rows carry the same id. */
export interface IdComparator {
  (a: number, b: number): number;
  same(a: number, b: number): boolean;
}

/**
 * Compares ids as suddengains' `arrange(id)` does: numerically when every id is a number
 * (so `7` and `07` are the same id), otherwise by code point; ties keep file order.
 */
export function idComparator(ids: readonly string[]): IdComparator {
  const values = new Float64Array(ids.length);
  let numeric = true;
  for (let i = 0; i < ids.length && numeric; i++) {
    const id = ids[i] ?? '';
    const v = id === '' ? Number.NaN : Number(id);
    if (v === v && Number.isFinite(v)) values[i] = v;
    else numeric = false;
  }
  if (numeric) {
    const compare = (a: number, b: number): number => (values[a] ?? 0) - (values[b] ?? 0) || a - b;
    return Object.assign(compare, { same: (a: number, b: number) => values[a] === values[b] });
  }
  const compare = (a: number, b: number): number => {
    const x = ids[a] ?? '';
    const y = ids[b] ?? '';
    return x < y ? -1 : x > y ? 1 : a - b;
  };
  return Object.assign(compare, { same: (a: number, b: number) => ids[a] === ids[b] });
}
